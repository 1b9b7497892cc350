from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialogButtonBox

from redliner.ui.settings import Preferences
from redliner.ui.settings_dialog import SettingsDialog


def test_edits_reach_the_preferences(qtbot, monkeypatch):
    prefs = Preferences(reviewer_name="lee", reviewer_initials="L")
    dialog = SettingsDialog(prefs, ["Ana Rivera"], None)
    qtbot.addWidget(dialog)
    dialog.name.setText("Lee Chen ")
    dialog.initials.setText("LC")
    dialog.rules.setText("italic, underline")
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#112233"))
    dialog.colours.cellWidget(0, 1).click()
    dialog.apply_to(prefs)
    assert (prefs.reviewer_name, prefs.reviewer_initials, prefs.marker_rules) == ("Lee Chen", "LC",
                                                                                "italic, underline")
    assert prefs.author_colours == {"Ana Rivera": "#112233"}


def test_unknown_marker_rule_blocks_ok(qtbot):
    dialog = SettingsDialog(Preferences(), [], None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.rules.setText("italic, sparkly")
    assert not ok.isEnabled() and "sparkly" in dialog.rules_error.text()
    dialog.rules.setText("italic, color:FF0000")
    assert ok.isEnabled() and dialog.rules_error.text() == ""


def test_the_formatting_box_sets_what_a_comparison_reports(qtbot, tmp_path):
    from redliner.ui.settings import Settings

    settings = Settings.load(tmp_path / "settings.json", tmp_path / "state.json")
    assert settings.preferences.compare_formatting is False
    dialog = SettingsDialog(settings.preferences, [], None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.formatting, Qt.MouseButton.LeftButton)
    dialog.apply_to(settings.preferences)
    settings.save()
    assert Settings.load(tmp_path / "settings.json", tmp_path / "state.json").preferences.compare_formatting


def test_the_remembered_marker_answer_can_be_changed(qtbot):
    prefs = Preferences(marker_answer="no")
    dialog = SettingsDialog(prefs, [], None)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.marker_answer
    assert combo.currentData() == "no" and "Never" in combo.currentText()
    assert [combo.itemData(i) for i in range(combo.count())] == ["ask", "yes", "no"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # "Always…"
    qtbot.wait(150)
    dialog.apply_to(prefs)
    assert prefs.marker_answer == "yes"


def typed_over(qtbot, field, text: str) -> None:
    """Select all of a field and type `text` over it, as a user does."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def shown_dialog(qtbot, prefs: Preferences, authors=()) -> SettingsDialog:
    dialog = SettingsDialog(prefs, list(authors), None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_initials_follow_a_changed_name(qtbot):
    prefs = Preferences(reviewer_name="lee", reviewer_initials="L")  # as Settings.load made them from the name
    dialog = shown_dialog(qtbot, prefs)
    typed_over(qtbot, dialog.name, "Lee Chen")
    assert dialog.initials.text() == "LC"
    dialog.apply_to(prefs)
    assert (prefs.reviewer_name, prefs.reviewer_initials) == ("Lee Chen", "LC")


def test_initials_set_by_hand_stay(qtbot):
    prefs = Preferences(reviewer_name="Lee Chen", reviewer_initials="LWC")  # chosen in an earlier session
    dialog = shown_dialog(qtbot, prefs)
    typed_over(qtbot, dialog.name, "Ana Rivera")
    assert dialog.initials.text() == "LWC"
    prefs = Preferences(reviewer_name="Lee Chen", reviewer_initials="LC")
    dialog = shown_dialog(qtbot, prefs)
    typed_over(qtbot, dialog.initials, "ZQ")  # chosen now
    typed_over(qtbot, dialog.name, "Ana Rivera")
    assert dialog.initials.text() == "ZQ"
    qtbot.keyClick(dialog.initials, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.initials, Qt.Key.Key_Delete)  # emptied: they follow the name again
    typed_over(qtbot, dialog.name, "Sam Okafor")
    assert dialog.initials.text() == "SO"


def test_empty_initials_are_made_from_the_name(qtbot):
    prefs = Preferences(reviewer_name="Lee Chen", reviewer_initials="LWC")
    dialog = shown_dialog(qtbot, prefs)
    qtbot.keyClick(dialog.initials, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.initials, Qt.Key.Key_Delete)
    dialog.apply_to(prefs)
    assert prefs.reviewer_initials == "LC"


def test_the_colour_table_shows_the_colours_the_review_shows(qtbot):
    from redliner.ui.colours import author_colours

    authors = ["Ana Rivera", "Kim Lee", "Lee Chen"]
    dialog = shown_dialog(qtbot, Preferences(), authors)
    shown = [dialog.colours.cellWidget(row, 1).text() for row in range(len(authors))]
    assert shown == [c.name() for c in author_colours(authors).values()] and len(set(shown)) == 3
