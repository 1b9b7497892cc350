"""The decision log from the shell: accept/reject record their decisions (under --as, the settings' reviewer
name or the user name), `changes --json` reports decided_by/decided_at, a clean copy drops the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from redliner.core import Decision, ReviewDocument
from redliner.core.session.decision_log import DecisionLog, log_for, save_marked_up
from tests.docx_factory import ins, make_docx, p, r

BODY = p(ins(r("one "), author="Alex", rid=1), ins(r("two "), author="Bea", rid=3), ins(r("three"), author="Cy", rid=5))


def run(*args, home=None, user="shell-user"):
    """The CLI with its own config folder (no settings file unless the test writes one) and user name."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "LOGNAME": user, "USER": user}
    return subprocess.run([sys.executable, "-m", "redliner.cli", *map(str, args)], capture_output=True, text=True,
                          env=env)


def log_of(path) -> list[tuple]:
    return [(e.number, e.action, e.who, [c.text for c in e.changes]) for e in DecisionLog.read(ReviewDocument.open(
        path)).entries]


def test_accept_with_a_filter_records_its_decision_as_the_name_given(tmp_path):
    source = make_docx(tmp_path, BODY)
    out, again = tmp_path / "out.docx", tmp_path / "again.docx"
    result = run("accept", source, "-o", out, "--author", "Alex", "--as", "Kim Lee", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert log_of(out) == [(1, "accept", "Kim Lee", ["+ one"])]
    assert run("reject", out, "-o", again, "--author", "Bea", "--as", "Lee", home=tmp_path).returncode == 0
    assert log_of(again) == [(1, "accept", "Kim Lee", ["+ one"]), (2, "reject", "Lee", ["+ two"])]
    entry = DecisionLog.read(ReviewDocument.open(again)).entries[1]
    assert entry.when.endswith("Z") and entry.changes[0].author == "Bea"


def test_the_decider_defaults_to_the_app_s_reviewer_name_else_the_user_name(tmp_path):
    source = make_docx(tmp_path, BODY)
    assert run("accept", source, "-o", tmp_path / "a.docx", "--id", "1", home=tmp_path).returncode == 0
    assert log_of(tmp_path / "a.docx")[0][2] == "shell-user"
    (tmp_path / "redliner").mkdir()
    (tmp_path / "redliner" / "settings.json").write_text(json.dumps({"reviewer_name": "Ann Settings"}))
    assert run("accept", source, "-o", tmp_path / "b.docx", "--id", "1", home=tmp_path).returncode == 0
    assert log_of(tmp_path / "b.docx")[0][2] == "Ann Settings"


def test_a_clean_copy_leaves_the_log_out_unless_asked(tmp_path):
    source = make_docx(tmp_path, BODY)
    marked = tmp_path / "marked.docx"
    assert run("accept", source, "-o", marked, "--id", "1", "--as", "Kim", home=tmp_path).returncode == 0
    assert run("accept", marked, "-o", tmp_path / "clean.docx", "--as", "Kim", home=tmp_path).returncode == 0
    assert log_of(tmp_path / "clean.docx") == []
    result = run("accept", marked, "-o", tmp_path / "kept.docx", "--as", "Kim", "--keep-log", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [e[1:3] for e in log_of(tmp_path / "kept.docx")] == [("accept", "Kim"), ("accept", "Kim")]


def test_changes_json_says_who_decided_and_when(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    skipped = document.changes[1]
    document.decide([skipped], Decision.SKIP)
    log_for(document).record(Decision.SKIP, [skipped], "Kim Lee", "2026-12-02T10:00:00Z")
    out = tmp_path / "out.docx"
    save_marked_up(document, out)
    listed = json.loads(run("changes", out, "--json", home=tmp_path).stdout)
    assert [(c["text"], c["decided_by"], c["decided_at"]) for c in listed] == [
        ("+ one", None, None), ("+ two", "Kim Lee", "2026-12-02T10:00:00Z"), ("+ three", None, None)]


def test_recording_the_decider_does_not_import_qt(tmp_path):
    source = make_docx(tmp_path, BODY)
    code = ("import sys, redliner.cli; "
            f"code = redliner.cli.main(['accept', r'{source}', '-o', r'{tmp_path / 'o.docx'}', '--id', '1']); "
            "assert code == 0 and 'PySide6' not in sys.modules, 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
