"""Crash recovery: the review state round-trips through JSON and autosave, survives kill -9, and refuses a
changed file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lxml import etree

from redliner.core import Decision, RedlinerError, ReviewDocument, errors, parse_rules
from redliner.core.review.origin import Origin
from redliner.core.session import review_state
from redliner.core.session.replay import rebuild
from redliner.core.session.review_state import (
    ReviewState,
    autosave,
    autosave_path,
    discard_autosave,
    find_autosaves,
    restore,
    restore_with_journals,
)
from tests.docx_factory import dele, dr, ins, italic, make_docx, p, r

ROOT = Path(__file__).resolve().parents[3]

ROW_INSERTED = ('<w:tbl><w:tr><w:tc><w:p>' + r("kept row") + '</w:p></w:tc></w:tr>'
                '<w:tr><w:trPr><w:ins w:id="20" w:author="Bea" w:date="2024-01-01T00:00:00Z"/></w:trPr>'
                '<w:tc><w:p>' + ins(r("new row"), author="Bea", rid=21) + '</w:p></w:tc></w:tr></w:tbl>')
MARK_DELETED = ('<w:p><w:pPr><w:rPr><w:del w:id="30" w:author="Alex" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
                '</w:pPr>' + r("joined ") + '</w:p>')
FORMAT = ('<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="40" w:author="Cy" w:date="2024-01-01T00:00:00Z"><w:rPr/>'
          '</w:rPrChange></w:rPr><w:t>bold now</w:t></w:r></w:p>')
BODY = (p(r("The "), dele(dr("old"), rid=2), ins(r("new"), rid=3), r(" plan.")) + p(r("Keep "), italic("this idea"))
        + p(r("A "), ins(r("longer "), author="Bea", rid=5), r("sentence"), dele(dr(" here"), author="Cy", rid=6))
        + ROW_INSERTED + MARK_DELETED + p(r("next paragraph")) + FORMAT)


def canonical(document: ReviewDocument) -> bytes:
    return etree.tostring(document.package.xml(document.package.main_document), method="c14n")


def statuses(document: ReviewDocument) -> dict[str, str]:
    return {c.id: c.status.value for c in document.changes}


@pytest.fixture
def draft(tmp_path) -> Path:
    return make_docx(tmp_path, BODY, name="draft.docx")


def review(draft: Path):
    """A review in progress: three batches, one undone and redone differently."""
    document = ReviewDocument.open(draft, parse_rules("italic"))
    state = ReviewState.begin(document)
    ids = [c.id for c in document.changes]
    for batch, decision in (([ids[0], ids[2]], Decision.ACCEPT), ([ids[1]], Decision.SKIP),
                            (ids[3:5], Decision.REJECT)):
        document.decide(batch, decision)
        state.record(document, batch, decision)
    journal = document.decide(ids[5:], Decision.ACCEPT)
    state.record(document, ids[5:], Decision.ACCEPT)
    document.undo(journal)
    state.drop_last(document)
    document.decide(ids[5:6], Decision.REJECT)
    state.record(document, ids[5:6], Decision.REJECT)
    return document, state


def test_the_draft_has_changes_of_many_kinds(draft):
    document = ReviewDocument.open(draft, parse_rules("italic"))
    kinds = {c.kind.value for c in document.changes}
    assert {"replacement", "insertion", "deletion", "row", "paragraph-mark", "format"} <= kinds
    assert len(document.changes) >= 7


def test_restore_replays_exactly(draft):
    document, state = review(draft)
    restored = restore(ReviewState.from_json(state.to_json()))
    assert statuses(restored) == statuses(document)
    assert canonical(restored) == canonical(document)


def test_restored_journals_undo_back_to_the_opened_file(draft):
    _, state = review(draft)
    pristine = canonical(ReviewDocument.open(draft, parse_rules("italic")))
    restored, journals = restore_with_journals(state)
    assert len(journals) == len(state.batches) == 4
    for journal in reversed(journals):
        restored.undo(journal)
    assert canonical(restored) == pristine


def test_json_names_the_file_its_fingerprint_rules_and_batches(draft):
    _, state = review(draft)
    data = json.loads(state.to_json())
    assert data["path"] == str(draft.resolve()) and data["markers"] == "italic" and data["version"] == 1
    assert data["fingerprint"]["size"] == draft.stat().st_size and len(data["fingerprint"]["sha256"]) == 64
    assert [b["decision"] for b in data["batches"]] == ["accept", "skip", "reject", "reject"]


def test_a_changed_file_is_refused(draft):
    _, state = review(draft)
    make_docx(draft.parent, BODY + p(r("edited elsewhere")), name="draft.docx")
    assert not state.file_unchanged()
    with pytest.raises(errors.StaleReviewError, match="draft.docx changed since the review was autosaved"):
        restore(state)


def test_same_bytes_touched_later_is_still_restorable(draft):
    _, state = review(draft)
    os.utime(draft, (1, 1))
    assert state.file_unchanged()
    assert restore(state)


def test_a_vanished_file_is_refused(draft):
    _, state = review(draft)
    draft.unlink()
    with pytest.raises(errors.StaleReviewError, match="is no longer at"):
        restore(state)


def test_ids_that_do_not_exist_are_refused(draft):
    _, state = review(draft)
    state.batches[0].ids.append("999")
    with pytest.raises(errors.StaleReviewError, match="does not match"):
        restore(state)


@pytest.mark.parametrize("text", ["", "{", "[]", '{"version": 99}', '{"version": 1, "path": 3}'])
def test_unreadable_state_is_a_redliner_error(text):
    with pytest.raises(RedlinerError, match="cannot be read"):
        ReviewState.from_json(text)


def test_autosave_writes_under_the_platform_state_folder(draft, tmp_path, monkeypatch):
    monkeypatch.setattr(review_state.platformdirs, "user_state_path", lambda app: tmp_path / "state" / app)
    _, state = review(draft)
    written = autosave(state)
    assert written.parent == tmp_path / "state" / "redliner" / "autosave"
    assert written == autosave_path(draft) and written.name.startswith("draft-")
    assert [s.path for s in find_autosaves()] == [state.path]
    discard_autosave(state)
    assert find_autosaves() == [] and not written.exists()


def test_autosave_is_atomic_and_skips_unreadable_files(draft, tmp_path):
    folder = tmp_path / "autosave"
    _, state = review(draft)
    autosave(state, folder)
    (folder / "garbage-000000000000.json").write_text("{not json")
    autosave(state, folder)  # overwrites in place, nothing else left
    assert sorted(p.name for p in folder.iterdir()) == sorted([autosave_path(draft, folder).name,
                                                               "garbage-000000000000.json"])
    assert [s.saved_at for s in find_autosaves(folder)] == [state.saved_at]


def test_two_drafts_with_one_name_get_two_autosaves(tmp_path):
    first = make_docx(tmp_path, p(r("a")), name="draft.docx")
    (tmp_path / "other").mkdir()
    second = make_docx(tmp_path / "other", p(r("b")), name="draft.docx")
    assert autosave_path(first, tmp_path) != autosave_path(second, tmp_path)


# -- kill -9 after an autosave, then a fresh process restores --------------------------------------------

REVIEWER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from lxml import etree
    from redliner.core.session.review_state import autosave
    from tests.core.session.test_review_state import review, statuses, canonical
    document, state = review(Path(sys.argv[1]))
    autosave(state, Path(sys.argv[2]))
    Path(sys.argv[3]).write_text(json.dumps({"statuses": statuses(document),
                                             "xml": canonical(document).decode()}))
    print("AUTOSAVED", flush=True)
    time.sleep(60)
""")

RESTORER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from redliner.core.session.review_state import find_autosaves, restore
    from tests.core.session.test_review_state import statuses, canonical
    found = find_autosaves(Path(sys.argv[1]))
    document = restore(found[0])
    print(json.dumps({"count": len(found), "statuses": statuses(document), "xml": canonical(document).decode()}))
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_then_a_fresh_process_restores_exactly(draft, tmp_path):
    folder, expected_file = tmp_path / "autosave", tmp_path / "expected.json"
    child = subprocess.Popen([sys.executable, "-c", REVIEWER, draft, folder, expected_file], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    os.kill(child.pid, signal.SIGKILL)
    _, err = child.communicate(timeout=10)
    assert line == "AUTOSAVED", err
    assert child.returncode == -signal.SIGKILL
    fresh = subprocess.run([sys.executable, "-c", RESTORER, folder], cwd=ROOT, capture_output=True, text=True)
    assert fresh.returncode == 0, fresh.stderr
    restored, expected = json.loads(fresh.stdout), json.loads(expected_file.read_text())
    assert restored["count"] == 1
    assert restored["statuses"] == expected["statuses"]
    assert "accepted" in expected["statuses"].values() and "rejected" in expected["statuses"].values()
    assert restored["xml"] == expected["xml"]


def test_recovery_and_locks_stay_free_of_qt():
    code = ("import sys, redliner.core.session.review_state, redliner.core.session.locks; "
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def compared(tmp_path, **options):
    from redliner.core.comparison.compare import compare

    base = make_docx(tmp_path, p(r("The old plan for all staff.")) + p(r("Keep this.")), name="base.docx")
    draft = make_docx(tmp_path, p(r("The new plan for staff.")) + p(r("Keep "), italic("all of "), r("this.")),
                      name="draft.docx")
    return base, draft, compare(base, draft, **options)


def combined(tmp_path):
    from redliner.core.comparison.combine import combine

    base = make_docx(tmp_path, p(r("The plan covers all staff.")), name="base.docx")
    copies = [make_docx(tmp_path, p(r("The plan covers new staff.")), name="kim.docx"),
              make_docx(tmp_path, p(r("The plan covers all sworn staff.")), name="lee.docx")]
    return base, copies, combine(base, copies, authors=["Kim", None])


def decide_some(document: ReviewDocument) -> ReviewState:
    state = ReviewState.begin(document)
    first, *rest = document.changes
    document.decide([first], Decision.REJECT)
    state.record(document, [first], Decision.REJECT)
    document.decide(rest, Decision.ACCEPT)
    state.record(document, rest, Decision.ACCEPT)
    return ReviewState.from_json(state.to_json())


@pytest.mark.parametrize("options", [{}, {"author": "Rev", "markers": parse_rules("italic"),
                                          "report_formatting": True}], ids=["plain", "with options"])
def test_a_comparison_is_made_again_and_replayed_exactly(tmp_path, options):
    base, draft, document = compared(tmp_path, **options)
    assert len(document.changes) >= 2
    state = decide_some(document)
    assert state.origin["kind"] == "compare" and Path(state.path).name == "draft (compared).docx"
    restored, journals = restore_with_journals(state)
    assert statuses(restored) == statuses(document) and canonical(restored) == canonical(document)
    for journal in reversed(journals):
        restored.undo(journal)
    assert all(c.status.value == "pending" for c in restored.changes)
    assert canonical(restored) == canonical(rebuild(Origin.from_dict(state.origin)))  # as first compared


def test_a_combination_is_made_again_and_replayed_exactly(tmp_path):
    _, _, document = combined(tmp_path)
    assert {c.author for c in document.changes} == {"Kim", "Pat Reviewer"}  # the second named by its file
    state = decide_some(document)
    assert Path(state.path).name == "base (combined).docx"
    restored = restore(state)
    assert statuses(restored) == statuses(document) and canonical(restored) == canonical(document)


def test_a_comparison_whose_files_changed_is_refused(tmp_path):
    base, draft, document = compared(tmp_path)
    state = decide_some(document)
    assert state.file_unchanged()
    make_docx(tmp_path, p(r("An edited base.")), name="base.docx")
    assert not state.file_unchanged()
    with pytest.raises(errors.StaleReviewError, match="changed since"):
        restore(state)
    base.unlink()
    with pytest.raises(errors.StaleReviewError, match="no longer at"):
        restore(state)


def test_a_comparison_and_its_draft_have_separate_autosaves(tmp_path):
    _, draft, document = compared(tmp_path)
    assert autosave_path(ReviewState.begin(document).path) != autosave_path(draft)


def test_a_failed_autosave_keeps_the_previous_one(draft, tmp_path, monkeypatch):
    folder = tmp_path / "autosave"
    _, state = review(draft)
    written = autosave(state, folder)
    before = written.read_bytes()
    state.batches.append(state.batches[0])

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(errors.OutputError, match="No space left on device"):
        autosave(state, folder)
    monkeypatch.undo()
    assert written.read_bytes() == before and [p.name for p in folder.iterdir()] == [written.name]


def test_a_comparison_is_named_in_the_folder_as_the_reviewer_gave_it(tmp_path):
    """Through a symbolic link the proposed name stays under the link, as the reviewer knows the folder."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real)
    _, _, document = compared(tmp_path / "linked")
    assert document.origin.result_path == tmp_path / "linked" / "draft (compared).docx"


# -- edits among the decisions ---------------------------------------------------------------------------------


def test_edits_are_recorded_among_decisions_and_restored_exactly(tmp_path):
    from redliner.core.editing.edits import Editor
    from redliner.core.editing.refresh import refresh_after_undo, refresh_changes
    from redliner.core.oxml.wordml import W_P

    path = make_docx(tmp_path, p(r("The "), dele(dr("old")), ins(r("new")), r(" plan.")) + p(r("Second line."))
                     + p(ins(r("Added."), author="Bea", rid=9)))
    document = ReviewDocument.open(path)
    state = ReviewState.begin(document)
    editor = Editor(document, "Pat")
    document.decide(["1"], Decision.ACCEPT)
    state.record(document, ["1"], Decision.ACCEPT)
    second = list(document.package.xml(document.package.main_document).iter(W_P))[1]
    dropped = editor.insert(second, 0, "Gone ")  # typed, then undone: not in the state
    refresh_changes(document, dropped)
    state.record_edit(document, dropped)
    dropped.journal.undo()
    refresh_after_undo(document, dropped)
    state.drop_last(document)
    for make in (lambda: editor.insert(second, 6, " very"), lambda: editor.split(second, 3),
                 lambda: editor.delete(second, 0, second, 2)):
        edit = make()
        refresh_changes(document, edit)
        state.record_edit(document, edit)
    typed = next(c for c in document.changes if c.inserted == " very")
    document.decide([typed.id], Decision.REJECT)
    state.record(document, [typed.id], Decision.REJECT)
    restored, steps = review_state.restore_with_steps(ReviewState.from_json(state.to_json()))
    assert etree.tostring(restored.package.xml(restored.package.main_document)) == etree.tostring(
        document.package.xml(document.package.main_document))
    shown = [(c.id, c.kind.value, c.author, c.inserted, c.deleted, c.paragraph, c.status.value)
             for c in document.changes]
    assert [(c.id, c.kind.value, c.author, c.inserted, c.deleted, c.paragraph, c.status.value)
            for c in restored.changes] == shown
    assert [type(step).__name__ for step in steps] == ["Journal", "Edit", "Edit", "Edit", "Journal"]
    for step in reversed(steps):  # the undo stack rebuilt from the steps steps back to the file as opened
        (step.journal if hasattr(step, "journal") else step).undo()
    assert etree.tostring(restored.package.xml(restored.package.main_document)) == etree.tostring(
        ReviewDocument.open(path).package.xml(ReviewDocument.open(path).package.main_document))


def test_an_autosave_with_an_unreadable_edit_is_refused(tmp_path):
    text = ReviewState.begin(ReviewDocument.open(make_docx(tmp_path, p(r("x"))))).to_json()
    broken = json.loads(text)
    broken["batches"] = [{"edit": "not an object"}]
    with pytest.raises(RedlinerError, match="cannot be read"):
        ReviewState.from_json(json.dumps(broken))
