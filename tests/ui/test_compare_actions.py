"""File → Compare with Base… and File → Combine Reviewers' Copies…, driven from the menu with patched dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QFileDialog

from redliner.core import ChangeKind, ChangeSource, Decision, ReviewDocument, write_clean
from redliner.core.session.locks import libreoffice_lock_file
from redliner.core.session.review_state import find_autosaves
from redliner.ui import change_model as cm
from redliner.ui import dialogs
from tests.corpus_tools import paragraphs
from tests.docx_factory import make_docx, p, r

from .conftest import copy_sample, new_window, open_and_wait

CTRL = Qt.KeyboardModifier.ControlModifier


def menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def choosing(monkeypatch, *answers) -> list:
    """getOpenFileName answers in turn; returns the titles asked."""
    queue, titles = list(answers), []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, filter_: titles.append(title) or (str(queue.pop(0)), ""))
    return titles


def saving_as_proposed(monkeypatch) -> list:
    proposals = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, proposal, filter_: proposals.append(proposal) or (proposal, ""))
    return proposals


def clean_paragraphs(path, decision, tmp_path) -> list[str]:
    out = tmp_path / f"{decision.value}-{path.stem}.docx"
    write_clean(ReviewDocument.open(path), out, decision)
    return paragraphs(out)


def rows(window) -> list[dict]:
    model = window.changes.model
    return [{name: model.index(row, column).data() for name, column in
             (("id", cm.NUMBER), ("author", cm.AUTHOR), ("text", cm.TEXT), ("status", cm.STATUS))}
            for row in range(model.rowCount())]


# -- compare ---------------------------------------------------------------------------------------------


@pytest.fixture
def plain_draft(samples, tmp_path):
    return copy_sample(samples, tmp_path, "sop-draft-plain.pandoc.docx", "sop-draft-plain.docx")


def test_compare_with_base_shows_word_level_changes_and_saves_them_tracked(qtbot, window, plain_draft, samples,
                                                                          monkeypatch, tmp_path):
    window.settings.preferences.reviewer_name = "Pat Reviewer"
    open_and_wait(qtbot, window, plain_draft)
    assert window.review.changes == []
    titles = choosing(monkeypatch, samples / "sop-base.pandoc.docx")
    menu_action(window, "&File", "Compare &with Base…").trigger()
    assert window.runner.busy  # off the GUI thread
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert "base version" in titles[0]

    changes = window.review.changes
    assert len(changes) == 16 and {c.source for c in changes} == {ChangeSource.COMPARE}
    assert {c.author for c in changes} == {"Pat Reviewer"}
    listed = rows(window)
    assert len(listed) == 16
    assert {"neighborhood → community", "four → eight", "philosophy → strategy"} <= {r["text"] for r in listed}
    assert window.changes.model.index(0, cm.KIND).data(Qt.ItemDataRole.ToolTipRole) == "insertion (compare)"
    assert window.windowTitle() == "sop-draft-plain (compared).docx[*] — Redliner" and window.isWindowModified()
    assert not libreoffice_lock_file(plain_draft).exists()  # the comparison is not the draft: no lock on it

    qtbot.keyClick(window.view, Qt.Key.Key_N)
    proposals = saving_as_proposed(monkeypatch)
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    saved = plain_draft.with_name("sop-draft-plain (compared).docx")
    assert proposals == [str(saved)] and saved.is_file() and not window.isWindowModified()
    reread = ReviewDocument.open(saved)
    assert len(reread.changes) == 16 and {c.source for c in reread.changes} == {ChangeSource.TRACKED}
    assert clean_paragraphs(saved, Decision.ACCEPT, tmp_path) == paragraphs(plain_draft)
    assert clean_paragraphs(saved, Decision.REJECT, tmp_path) == paragraphs(samples / "sop-base.pandoc.docx")


def test_compare_passes_the_marker_rules_when_markers_are_on(qtbot, window, draft, samples, monkeypatch):
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    choosing(monkeypatch, samples / "sop-base.pandoc.docx")
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    sources = [c.source for c in window.review.changes]
    assert sources.count(ChangeSource.MARKER) == 13 and sources.count(ChangeSource.COMPARE) == 7


def test_compare_reports_formatting_when_settings_ask_for_it(qtbot, window, tmp_path, monkeypatch):
    base = make_docx(tmp_path, p(r("Scope")) + p(r("Plain words.")), "base.docx")
    draft = make_docx(tmp_path, p(r("Scope"), ppr='<w:pStyle w:val="Heading1"/>')
                      + p(r("Plain "), r("words", "<w:b/>"), r(".")), "draft.docx")
    for asked, kinds in ((False, []), (True, [ChangeKind.PROPERTY, ChangeKind.FORMAT])):
        window.settings.preferences.compare_formatting = asked
        open_and_wait(qtbot, window, draft)  # the draft again: the first comparison took its place
        choosing(monkeypatch, base)
        window.action_set.compare.trigger()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
        assert [c.kind for c in window.review.changes] == kinds
        assert window.review.origin.options["formatting"] is asked


def test_compare_needs_a_draft_and_asks_about_unsaved_decisions(qtbot, window, draft, samples, monkeypatch):
    assert not window.action_set.compare.isEnabled()
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    assert window.action_set.compare.isEnabled()
    window.decide(["1"], Decision.ACCEPT)
    choosing(monkeypatch, samples / "sop-base.pandoc.docx")
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: dialogs.CANCEL)
    assert not window.compare_actions.compare_with_base()
    assert window.review.change("1").status.value == "accepted"


def test_a_failed_comparison_is_a_message(qtbot, window, plain_draft, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, plain_draft)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    choosing(monkeypatch, bad)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert len(shown) == 1 and "bad.docx" in shown[0] and window.path == plain_draft


# -- combine -------------------------------------------------------------------------------------------


def combining(monkeypatch, base, copies) -> None:
    choosing(monkeypatch, base)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda parent, title, folder, filter_: ([str(c) for c in copies], ""))


def test_combine_two_reviewers_copies(qtbot, window, samples, monkeypatch, tmp_path, autosave_folder):
    combining(monkeypatch, samples / "sop-base.lo.docx",
              [samples / "sop-review-rivera.lo.docx", samples / "sop-review-lee.lo.docx"])
    menu_action(window, "&File", "Com&bine Reviewers' Copies…").trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert [c.kind for c in window.review.changes] == [ChangeKind.REPLACEMENT] * 7
    assert [r["author"] for r in rows(window)] == ["Alex Rivera"] * 4 + ["Jordan Lee"] * 3
    assert all("conflicts" not in r["text"] for r in rows(window))
    assert window.windowTitle() == "sop-base.lo (combined).docx[*] — Redliner"
    assert window.changes.filters.author.count() == 3  # all, and each reviewer
    window.decide(["1"], Decision.ACCEPT)
    window.recovery.flush()
    assert [s.name for s in find_autosaves(autosave_folder)] == ["sop-base.lo (combined).docx"]  # made again
    proposals, target = [], tmp_path / "combined.docx"  # not beside the samples: the corpus stays untouched
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, proposal, filter_: proposals.append(proposal) or (str(target), ""))
    window.action_set.save.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert proposals == [str(samples / "sop-base.lo (combined).docx")]
    saved = ReviewDocument.open(target).changes
    assert [c.author for c in saved] == ["Alex Rivera"] * 3 + ["Jordan Lee"] * 3  # the accepted one is text now
    window.recovery.flush()
    assert find_autosaves(autosave_folder) == []  # saved: nothing left to recover


@pytest.fixture
def conflicting_copies(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    text = "Officers complete at least four hours of training."
    base = make_docx(folder, p(r("Scope.")) + p(r(text)), "base.docx")
    eight = make_docx(folder, p(r("Scope.")) + p(r(text.replace("four", "eight"))), "rivera.docx",
                      modified_by="Alex Rivera")
    six = make_docx(folder, p(r("Scope of work.")) + p(r(text.replace("four", "six"))), "lee.docx",
                    modified_by="Jordan Lee")
    return base, [eight, six]


def test_conflicting_changes_show_their_conflict_and_accepting_one_rejects_the_other(qtbot, window, monkeypatch,
                                                                                     conflicting_copies):
    base, copies = conflicting_copies
    combining(monkeypatch, base, copies)
    window.action_set.combine.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    QAbstractItemModelTester(window.changes.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    by_author = {r["author"]: r for r in rows(window)}
    eight, six = by_author["Alex Rivera"], by_author["Jordan Lee"]
    assert eight["text"] == f"[conflicts with #{six['id']}] four → eight"
    assert six["text"] == f"[conflicts with #{eight['id']}] four → six"
    model = window.changes.model
    row = model.row_of(eight["id"])
    assert "accepting this change rejects" in model.index(row, cm.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, cm.TEXT).data(Qt.ItemDataRole.ForegroundRole).color().name() == cm.CONFLICT_COLOUR.lower()
    assert not model.index(row, cm.NUMBER).data(Qt.ItemDataRole.DecorationRole).isNull()
    scope = next(r for r in rows(window) if "Scope" in r["text"] or "of work" in r["text"])
    assert "conflicts" not in scope["text"]
    assert model.index(model.row_of(scope["id"]), cm.NUMBER).data(Qt.ItemDataRole.DecorationRole) is None

    window.changes.filters.text.setText("conflicts with")
    assert sorted(window.changes.shown_ids()) == sorted([eight["id"], six["id"]])
    window.changes.filters.text.clear()

    window.go_to(eight["id"])
    view_before = window.view.document().toPlainText()
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)  # accept, stay
    statuses = {r["author"]: r["status"] for r in rows(window)}
    assert statuses["Alex Rivera"] == "accepted" and statuses["Jordan Lee"] == "rejected"  # the row refreshed
    assert window.changes.count.text() == f"2 of {len(rows(window))} decided"
    qtbot.waitUntil(lambda: not window.view.unsettled)  # the text catches up once the reviewer pauses
    assert "at least eight hours" in window.view.document().toPlainText()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert {r["author"]: r["status"] for r in rows(window)}["Jordan Lee"] == "pending"
    assert {r["status"] for r in rows(window)} == {"pending"}
    qtbot.waitUntil(lambda: not window.view.unsettled)
    assert window.view.document().toPlainText() == view_before
    assert window.changes.count.text() == f"0 of {len(rows(window))} decided"

    # The list is told about the other side too: a "pending" filter drops both rows, and undo brings both back.
    filters = window.changes.filters
    filters.status.setCurrentIndex(filters.status.findData("pending"))
    window.go_to(six["id"])
    monkeypatch.setattr(dialogs, "ask_wrap", lambda parent, pending, forward: False)  # the last change: stay
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert eight["id"] not in window.changes.shown_ids() and six["id"] not in window.changes.shown_ids()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert {eight["id"], six["id"]} <= set(window.changes.shown_ids())


def test_a_comparison_left_by_a_crash_is_made_again_with_its_decisions(qtbot, window, plain_draft, samples,
                                                                        monkeypatch, autosave_folder):
    open_and_wait(qtbot, window, plain_draft)
    choosing(monkeypatch, samples / "sop-base.pandoc.docx")
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    window.recovery.flush()
    expected = {c.id: c.status.value for c in window.review.changes}
    window.recovery.state = None  # as if this session had crashed: the autosave stays behind

    asked = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: asked.append((name, n)) or True)
    again = new_window(qtbot, monkeypatch)
    assert again.recovery.offer_at_startup()
    qtbot.waitUntil(lambda: not again.runner.busy, timeout=20000)
    assert asked == [("sop-draft-plain (compared).docx", "2 decisions")]
    assert {c.id: c.status.value for c in again.review.changes} == expected
    assert again.windowTitle() == "sop-draft-plain (compared).docx[*] — Redliner" and again.isWindowModified()
    assert again.undo_stack.count() == 2 and again.path == plain_draft
    assert not libreoffice_lock_file(plain_draft).exists()
    qtbot.keyClick(again.view, Qt.Key.Key_Z, CTRL)  # the restored steps undo like the original ones
    assert again.review.change("2").status.value == "pending"
