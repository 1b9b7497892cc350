from redliner.ui import settings as settings_module
from redliner.ui.settings import RECENT_LIMIT, Settings, initials_of


def test_defaults_come_from_the_os_user(monkeypatch, settings_paths):
    monkeypatch.setattr(settings_module.getpass, "getuser", lambda: "jane.doe")
    settings = Settings.load()
    assert settings.preferences.reviewer_name == "jane.doe"
    assert settings.preferences.reviewer_initials == "JD"
    assert settings.path == settings_paths[0]
    assert not settings.path.exists()


def test_round_trip_through_json(settings_paths):
    settings = Settings.load()
    settings.preferences.reviewer_name = "Ana Rivera"
    settings.preferences.marker_rules = "italic,underline"
    settings.preferences.author_colours = {"Lee": "#123456"}
    settings.state.geometry = "AAAA"
    settings.save()
    again = Settings.load()
    assert again.preferences.reviewer_name == "Ana Rivera"
    assert again.preferences.marker_rules == "italic,underline"
    assert again.preferences.author_colours == {"Lee": "#123456"}
    assert again.state.geometry == "AAAA"
    assert settings_paths[1].is_file()


def test_explicit_paths(tmp_path):
    settings = Settings.load(tmp_path / "a.json", tmp_path / "b.json")
    settings.save()
    assert (tmp_path / "a.json").is_file() and (tmp_path / "b.json").is_file()


def test_damaged_or_mistyped_file_gives_defaults(settings_paths):
    settings_paths[0].parent.mkdir(parents=True)
    settings_paths[0].write_text('{"marker_rules": 3, "reviewer_name": "X", "unknown": 1}')
    settings = Settings.load()
    assert settings.preferences.marker_rules == "italic"
    assert settings.preferences.reviewer_name == "X"
    settings_paths[0].write_text("not json")
    assert Settings.load().preferences.marker_rules == "italic"


def test_recent_files_newest_first_without_duplicates(tmp_path):
    settings = Settings.load()
    for n in range(RECENT_LIMIT + 2):
        settings.add_recent(tmp_path / f"{n}.docx")
    settings.add_recent(tmp_path / "5.docx")
    recent = settings.state.recent_files
    assert recent[0].endswith("5.docx") and len(recent) == RECENT_LIMIT
    assert len(set(recent)) == len(recent)


def test_initials():
    assert initials_of("Ana María Rivera") == "AMR"
    assert initials_of("lee") == "L"
    assert initials_of("") == ""
