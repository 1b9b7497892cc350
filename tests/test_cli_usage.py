"""How the command line takes mistakes: a mistyped command, a missing draft, a filter that matches nothing.

A command that cannot be a file must never start the app: with QT_QPA_PLATFORM=offscreen a started app would
wait for events until the timeout, so each run below has one.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import redliner
from redliner.cli_route import draft_to_open
from redliner.core.review.markers import RULE_NAMES
from tests.docx_factory import dele, dr, ins, make_docx, p, r

SUBCOMMANDS = ("changes", "accept", "reject", "markup", "compare", "combine")


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "redliner.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=30)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(("typed", "meant"), [("chnages", "changes"), ("acept", "accept"), ("comapre", "compare"),
                                              ("Reject", "reject")])
def test_a_mistyped_command_is_wrong_usage_with_a_suggestion(tmp_path, typed, meant):
    draft = make_docx(tmp_path, p(ins(r("x"))))
    result = run(typed, draft, cwd=tmp_path)
    assert result.returncode == 2
    assert one_line(result.stderr).endswith(f"did you mean `{meant}`?")
    result = run(typed, cwd=tmp_path)  # alone too: it is no file here
    assert (result.returncode, f"`{meant}`" in result.stderr) == (2, True)


def test_an_unknown_word_names_the_commands(tmp_path):
    result = run("frobnicate", cwd=tmp_path)
    assert result.returncode == 2
    assert all(command in one_line(result.stderr) for command in SUBCOMMANDS)


def test_a_missing_draft_is_an_input_problem_not_a_window(tmp_path):
    for missing in ("foo.docx", "drafts/foo", "old.dotx"):
        result = run(missing, cwd=tmp_path)
        assert result.returncode == 1
        assert one_line(result.stderr) == f"redliner: {missing} does not exist; was it moved, renamed or deleted?"


def test_a_folder_or_two_files_do_not_start_the_app(tmp_path):
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    result = run(folder)
    assert (result.returncode, "is a folder" in one_line(result.stderr)) == (1, True)
    first, second = make_docx(tmp_path, p(r("a")), "a.docx"), make_docx(tmp_path, p(r("b")), "b.docx")
    result = run(first, second)
    assert (result.returncode, "opens one draft" in one_line(result.stderr)) == (2, True)


def test_an_existing_file_is_opened_even_without_an_extension(tmp_path):
    draft = make_docx(tmp_path, p(r("a")), "changes-to-review")
    assert draft_to_open([str(draft)], SUBCOMMANDS) == str(draft)


def test_version_and_help():
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"redliner {redliner.__version__}")
    result = run("--help")
    assert result.returncode == 0
    assert "redliner [FILE]" in result.stdout and "opens the app" in " ".join(result.stdout.split())


@pytest.mark.parametrize("command", ["changes", "accept", "reject", "markup", "compare"])
def test_every_command_that_reads_markers_lists_every_rule(command):
    result = run(command, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert [rule for rule in RULE_NAMES if rule not in text] == []


@pytest.fixture
def two_authors(tmp_path):
    return make_docx(tmp_path, p(ins(r("one "), author="Alex", rid=1), dele(dr("two"), author="Bea", rid=2)))


@pytest.mark.parametrize(("flags", "message"), [
    (["--author", "Nobody"], "no change matches --author Nobody (authors: Alex, Bea)"),
    (["--author", "Ann Lee"], "no change matches --author 'Ann Lee' (authors: Alex, Bea)"),
    (["--author", "Alex", "--author", "Nobody"], "no change matches --author Nobody (authors: Alex, Bea)"),
    (["--kind", "row"], "no change matches --kind row (kinds: insertion, deletion)"),
    (["--id", "9"], "no change matches --id 9 (ids: 1–2)"),
    (["--author", "Alex", "--kind", "deletion"], "no change matches --author Alex --kind deletion together"),
])
def test_a_filter_that_matches_nothing_writes_nothing(tmp_path, two_authors, flags, message):
    out = tmp_path / "out.docx"
    for command in ("accept", "reject"):
        result = run(command, two_authors, "-o", out, *flags)
        assert result.returncode == 1
        assert one_line(result.stderr) == f"redliner: {message}"
        assert not out.exists()


def test_a_filter_on_a_document_without_changes(tmp_path):
    clean = make_docx(tmp_path, p(r("nothing tracked")))
    result = run("accept", clean, "-o", tmp_path / "out.docx", "--kind", "insertion", "--markers", "italic")
    assert result.returncode == 1
    assert one_line(result.stderr) == "redliner: no change matches --kind insertion (the document has no changes)"
    result = run("accept", clean, "-o", tmp_path / "out.docx", "--author", "Kim")
    assert one_line(result.stderr) == ("redliner: no change matches --author Kim (the document has no tracked "
                                       "changes; proposals marked by formatting need --markers)")


def test_counts_read_in_the_right_number(tmp_path):
    single = make_docx(tmp_path, p(ins(r("x"))))
    assert one_line(run("changes", single).stderr) == "1 change"
    out = tmp_path / "out.docx"
    assert one_line(run("accept", single, "-o", out).stderr) == f"accepted 1 of 1 change -> {out}"
    marked = make_docx(tmp_path, p(r("plain "), r("new", "<w:i/>")), "marked.docx")
    result = run("markup", marked, "-o", tmp_path / "m.docx", "--markers", "italic")
    assert one_line(result.stderr) == f"wrote 1 tracked change -> {tmp_path / 'm.docx'}"
