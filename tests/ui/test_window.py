"""Drive the main window like a reviewer: open, answer the marker bar, step, decide, undo, filter, save."""

from __future__ import annotations

import pypandoc
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from redliner.core import Decision, ReviewDocument, Status
from redliner.ui import dialogs
from redliner.ui.render import ViewMode

from .conftest import answer_clean_copy, open_and_wait

KEY = Qt.Key
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.view, key, modifiers)


def statuses(window) -> dict[str, str]:
    return {c.id: c.status.value for c in window.review.changes}


def plain(path, mode: str) -> str:
    text = pypandoc.convert_file(str(path), "plain", format="docx", extra_args=[f"--track-changes={mode}"])
    return " ".join(text.split())


def open_with_markers(qtbot, window, draft):
    open_and_wait(qtbot, window, draft)
    assert window.marker_bar.isVisible()
    assert "in italics" in window.marker_bar.question.text()
    assert window.review.changes == []
    window.marker_bar.yes_button.setFocus()  # as a real click would
    qtbot.mouseClick(window.marker_bar.yes_button, Qt.MouseButton.LeftButton)
    assert not window.marker_bar.isVisible()
    assert len(window.review.changes) == 13


def test_a_whole_review_by_keyboard(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    assert window.current == "1" and window.changes.current_id() == "1"
    assert window.changes.count.text() == "0 of 13 decided"
    assert QApplication.focusWidget() is window.view  # keys work straight after answering the bar

    for _ in range(4):
        press(qtbot, window, KEY.Key_N)
    assert window.current == "5"
    press(qtbot, window, KEY.Key_P)
    press(qtbot, window, KEY.Key_Down, ALT)
    assert window.current == "5"

    press(qtbot, window, KEY.Key_R)  # reject 5 and go to 6
    press(qtbot, window, KEY.Key_S)  # skip 6, go to 7
    press(qtbot, window, KEY.Key_A)  # accept 7, go to 8
    assert window.current == "8"
    press(qtbot, window, KEY.Key_R, CTRL | SHIFT)  # reject 8, stay
    assert window.current == "8"
    assert [statuses(window)[i] for i in "5678"] == ["rejected", "skipped", "accepted", "rejected"]
    assert window.isWindowModified()

    press(qtbot, window, KEY.Key_Z, CTRL)
    assert statuses(window)["8"] == "pending"
    press(qtbot, window, KEY.Key_Z, CTRL | SHIFT)
    assert statuses(window)["8"] == "rejected"
    assert window.changes.count.text() == "3 of 13 decided, 1 skipped"
    assert window.changes.model.index(7, 6).data() == "rejected"

    # Views.
    press(qtbot, window, KEY.Key_2, CTRL)
    assert window.view.mode == ViewMode.FINAL and window.action_set.final.isChecked()
    press(qtbot, window, KEY.Key_3, CTRL)
    assert window.view.mode == ViewMode.ORIGINAL
    window.action_set.markup.trigger()
    assert window.view.mode == ViewMode.MARKUP

    # Filter, then accept everything shown as one undoable step.
    window.changes.filters.text.setText("training")
    assert window.changes.shown_ids() == ["12"]
    steps = window.undo_stack.count()
    press(qtbot, window, KEY.Key_A, CTRL | ALT)
    assert statuses(window)["12"] == "accepted" and window.undo_stack.count() == steps + 1
    window.changes.filters.text.clear()
    window.changes.filters.status.setCurrentIndex(window.changes.filters.status.findData("pending"))
    assert window.changes.shown_ids() == ["1", "2", "3", "4", "9", "10", "11", "13"]
    window.changes.filters.status.setCurrentIndex(0)
    assert window.changes.count.text() == "4 of 13 decided, 1 skipped"

    # Save the marked-up copy: the proposed name sits beside the original.
    proposals = []

    def save_name(parent, title, proposal, filter_):
        proposals.append(proposal)
        return proposal, filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    press(qtbot, window, KEY.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    marked = draft.with_name("sop-draft (reviewed).docx")
    assert proposals == [str(marked)] and marked.is_file()
    assert not window.isWindowModified()
    check_marked_up(marked)

    press(qtbot, window, KEY.Key_S, CTRL)  # second save: same name, no question
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert len(proposals) == 1

    # the 8 pending changes and the skipped one are undecided
    offered = answer_clean_copy(monkeypatch, "Reject undecided")
    window.action_set.save_clean.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert offered[0]["text"].startswith("9 changes are not decided yet.")
    clean = draft.with_name("sop-draft (clean).docx")
    assert proposals[-1] == str(clean) and clean.is_file()
    check_clean(clean)
    assert [c.status for c in window.review.changes].count(Status.PENDING) == 8  # the review is unchanged


def check_marked_up(path):
    saved = ReviewDocument.open(path)
    assert len(saved.changes) == 9  # the pending and skipped marker proposals, now native insertions
    assert {c.inserted.strip() for c in saved.changes} >= {"eight", "oriented"}
    body = " ".join(saved.body_text().split())
    assert "community groups" in body and "and field training" in body
    assert "as determined by the Community Oriented Plan" not in body
    accepted, rejected = plain(path, "accept"), plain(path, "reject")
    assert "at least eight hours" in accepted and "at least hours" in rejected
    assert "the determined plan" in accepted and "the determined plan" not in rejected  # skipped: still a proposal
    for text in (accepted, rejected):
        assert "individuals, community groups, and" in text
        assert "recruit training and field training." in text
        assert "Community Oriented Plan" not in text


def check_clean(path):
    saved = ReviewDocument.open(path)
    assert saved.changes == []
    accepted, rejected = plain(path, "accept"), plain(path, "reject")
    assert accepted == rejected
    assert "at least hours" in accepted and "community groups" in accepted
    assert "Community Oriented Plan" not in accepted


def test_cursor_in_the_view_selects_the_change(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    start, end = window.view.rendered.spans["7"]
    cursor = window.view.textCursor()
    cursor.setPosition(start + (end - start) // 2)
    window.view.setTextCursor(cursor)
    assert window.current == "7" and window.changes.current_id() == "7"
    assert window.view.extraSelections()


def test_clicking_a_row_shows_the_change(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    table = window.changes.table
    index = window.changes.proxy.index(9, 4)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert window.current == "10"
    selections = window.view.extraSelections()
    selection = selections[0].cursor
    assert (selection.selectionStart(), selection.selectionEnd()) == window.view.rendered.spans["10"]
    position = window.view.textCursor().position()
    assert window.view.rendered.change_at(position) == "10"


def test_no_answer_keeps_the_plain_reading_and_remember_sticks(qtbot, window, draft):
    open_and_wait(qtbot, window, draft)
    window.marker_bar.remember.setChecked(True)
    qtbot.mouseClick(window.marker_bar.no_button, Qt.MouseButton.LeftButton)
    assert window.review.changes == [] and not window.marker_bar.isVisible()
    assert window.settings.preferences.marker_answer == "no"
    open_and_wait(qtbot, window, draft)
    assert not window.marker_bar.isVisible()


def test_remembered_yes_opens_with_markers(qtbot, window, draft):
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    assert not window.marker_bar.isVisible() and len(window.review.changes) == 13


def test_tracked_changes_ask_no_marker_question(qtbot, window, samples):
    open_and_wait(qtbot, window, samples / "sop-review-two-authors.lo.docx")
    assert not window.marker_bar.isVisible()
    assert window.review.changes and window.changes.model.rowCount() == len(window.review.changes)
    authors = {c.author for c in window.review.changes}
    assert window.changes.filters.author.count() == len(authors) + 1


@pytest.mark.parametrize("content", [b"just some text", b"PK\x03\x04 broken zip", b""])
def test_bad_file_shows_the_engine_message(qtbot, window, tmp_path, monkeypatch, content):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    open_and_wait(qtbot, window, bad)
    assert len(shown) == 1 and "bad.docx" in shown[0] and "Traceback" not in shown[0]
    assert window.review is None


def test_closing_with_unsaved_decisions_asks(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    window.view.setFocus()
    press(qtbot, window, KEY.Key_A)
    answers = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: answers.append(name) or dialogs.CANCEL)
    assert not window.close()
    assert answers == ["sop-draft.docx"] and window.isVisible()
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: dialogs.DISCARD)
    assert window.close()


def test_opening_another_draft_asks_first(qtbot, window, draft, samples, monkeypatch):
    open_with_markers(qtbot, window, draft)
    window.decide(["1"], Decision.ACCEPT)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: dialogs.CANCEL)
    assert not window.open_file(samples / "sop-review-lee.lo.docx")
    assert window.path == draft


def test_letter_keys_work_from_the_list_too(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    window.changes.table.setFocus()
    qtbot.keyClick(window.changes.table, KEY.Key_A)
    assert statuses(window)["1"] == "accepted" and window.current == "2"
    qtbot.keyClick(window.changes.table, KEY.Key_Down)  # the list's own arrows still move
    assert window.current == "3"
    window.changes.filters.text.setFocus()
    qtbot.keyClick(window.changes.filters.text, KEY.Key_A)  # typing in the filter is typing
    assert window.changes.filters.text.text() == "a" and statuses(window)["3"] == "pending"


def test_reject_all_shown_from_the_list_menu(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    window.changes.filters.text.setText("oriented")
    shown = window.changes.shown_ids()
    assert len(shown) == 7
    menu = window.action_set.list_menu(window)
    next(a for a in menu.actions() if a is window.action_set.reject_shown).trigger()
    assert all(statuses(window)[i] == "rejected" for i in shown)
    assert window.changes.count.text() == "7 of 13 decided"
    window.undo_stack.undo()
    assert all(statuses(window)[i] == "pending" for i in shown)


def test_busy_indicator_while_opening(qtbot, window, draft):
    assert window.open_file(draft)
    assert window.runner.busy and window.progress.isVisible()
    assert not window.action_set.open.isEnabled()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert not window.progress.isVisible() and window.action_set.open.isEnabled()


def test_dropping_a_docx_opens_it(qtbot, window, draft):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(draft))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert window.path == draft


def test_open_recent_is_remembered(qtbot, window, draft):
    from redliner.ui.settings import Settings

    open_and_wait(qtbot, window, draft)
    assert Settings.load().state.recent_files == [str(draft.resolve())]
    menu = window.action_set.recent_menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["sop-draft.docx"]


def test_geometry_is_saved_on_close(qtbot, window):
    from redliner.ui.settings import Settings

    window.resize(900, 640)
    assert window.close()
    assert Settings.load().state.geometry


def test_title_shows_the_draft_and_unsaved_state(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    assert window.windowTitle() == "sop-draft.docx[*] — Redliner" and not window.isWindowModified()
    window.decide(["1"], Decision.ACCEPT)
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert not window.isWindowModified()  # back at the saved state


def test_the_page_stays_still_for_a_change_already_in_view(qtbot, window, draft):
    window.resize(700, 420)
    open_with_markers(qtbot, window, draft)
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0
    window.go_to("13")  # far down: scrolls
    far = bar.value()
    assert far > 0
    window.go_to("12")  # the paragraph before, on the same screen: no jump
    assert bar.value() == far
    window.go_to("1")
    assert bar.value() < far


def test_save_error_is_a_message_not_a_traceback(qtbot, window, draft, monkeypatch, tmp_path):
    open_with_markers(qtbot, window, draft)
    window.decide(["1"], Decision.ACCEPT)
    missing = tmp_path / "no such folder" / "out.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(missing), ""))
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    window.action_set.save.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert len(shown) == 1 and "does not exist" in shown[0] and "Traceback" not in shown[0]
    assert window.isWindowModified()  # nothing was saved


def test_marker_bar_settings_then_yes_uses_the_new_rules(qtbot, window, draft, monkeypatch):
    from redliner.ui import window as window_module

    open_and_wait(qtbot, window, draft)

    def choose_bold(dialog):
        dialog.rules.setText("italic,bold")
        return True

    monkeypatch.setattr(window_module.SettingsDialog, "exec", choose_bold)
    qtbot.mouseClick(window.marker_bar.settings_button, Qt.MouseButton.LeftButton)
    assert window.settings.preferences.marker_rules == "italic,bold"
    assert window.marker_bar.isVisible()  # the question is still open
    qtbot.mouseClick(window.marker_bar.yes_button, Qt.MouseButton.LeftButton)
    assert [rule.name for rule in window.review.markers] == ["italic", "bold"]
    assert len(window.review.changes) >= 13


def test_run_opens_the_file_given(qtbot, draft, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from redliner.ui import app as app_module

    seen, made = {}, []

    class RecordedWindow(app_module.MainWindow):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    def fake_exec():
        window = made[0]
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.runner.busy)
        seen["path"], seen["visible"] = window.path, window.isVisible()
        return 0

    monkeypatch.setattr(app_module, "MainWindow", RecordedWindow)
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run(str(draft)) == 0
    assert seen == {"path": draft, "visible": True}


def test_nothing_touches_the_review_while_saving(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    window.decide(["1"], Decision.ACCEPT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (args[2], ""))
    window.action_set.save.trigger()
    assert window.runner.busy
    a = window.action_set
    assert not any(x.isEnabled() for x in (a.undo, a.redo, a.undo_button, a.accept_next, a.final, a.settings))
    press(qtbot, window, KEY.Key_Z, CTRL)
    press(qtbot, window, KEY.Key_A)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert statuses(window)["1"] == "accepted" and statuses(window)["2"] == "pending"
    assert a.undo.isEnabled() and a.accept_next.isEnabled() and not window.isWindowModified()


def test_accept_and_next_with_a_pending_filter(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    filters = window.changes.filters
    filters.status.setCurrentIndex(filters.status.findData("pending"))
    window.go_to("3")
    window.view.setFocus()
    press(qtbot, window, KEY.Key_A)
    assert statuses(window)["3"] == "accepted"
    assert "3" not in window.changes.shown_ids()
    assert window.current == "4" and window.changes.current_id() == "4"
    press(qtbot, window, KEY.Key_R)
    assert window.current == "5" and statuses(window)["4"] == "rejected"
    press(qtbot, window, KEY.Key_Z, CTRL)
    assert "4" in window.changes.shown_ids()


def test_ctrl_o_opens_the_chosen_file(qtbot, window, draft, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: asked.append(args) or (str(draft), ""))
    press(qtbot, window, KEY.Key_O, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert len(asked) == 1 and window.path == draft


def test_only_docx_files_may_be_dropped(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent

    def enter(path) -> bool:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        event.setAccepted(False)
        window.dragEnterEvent(event)
        return event.isAccepted()

    assert enter(tmp_path / "a.docx") and enter(tmp_path / "B.DOCX")
    assert not enter(tmp_path / "a.pdf")


def test_f1_lists_the_shortcuts(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs.ShortcutsDialog, "exec", lambda self: shown.append(self.table.rowCount()))
    press(qtbot, window, KEY.Key_F1)
    assert shown and shown[0] > 20


def test_opening_another_draft_resets_the_filters(qtbot, window, draft, samples):
    open_with_markers(qtbot, window, draft)
    window.changes.filters.text.setText("training")
    assert window.changes.shown_ids() == ["12"]
    open_and_wait(qtbot, window, samples / "sop-review-two-authors.lo.docx")
    assert window.changes.filters.text.text() == ""
    assert len(window.changes.shown_ids()) == len(window.review.changes) > 1
    assert window.current == "1"


def test_change_column_fills_the_list_but_never_vanishes(qtbot, window, draft):
    from PySide6.QtWidgets import QApplication

    from redliner.ui import change_model as cm
    from redliner.ui.change_list import CHANGE_MIN_WIDTH

    open_with_markers(qtbot, window, draft)
    table = window.changes.table
    header = table.horizontalHeader()
    window.resize(1700, 900)
    QApplication.processEvents()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert sum(widths) == table.viewport().width() and widths[cm.TEXT] > CHANGE_MIN_WIDTH
    window.resize(700, 500)
    QApplication.processEvents()
    assert header.sectionSize(cm.TEXT) == CHANGE_MIN_WIDTH
    assert header.visualIndex(cm.STATUS) == 1  # status stays in sight, next to the number


def test_closing_and_choosing_save_writes_the_copy_first(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    window.decide(["13"], Decision.REJECT)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: dialogs.SAVE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (args[2], ""))
    assert window.close()
    saved = draft.with_name("sop-draft (reviewed).docx")
    assert saved.is_file() and "eight" not in plain(saved, "accept")


def test_settings_change_colours_and_reviewer(qtbot, window, samples, monkeypatch):
    from redliner.ui import window as window_module

    open_and_wait(qtbot, window, samples / "sop-review-two-authors.lo.docx")
    author = window.review.changes[0].author

    def edit(dialog):
        dialog.name.setText("Dana Reviewer")
        dialog.overrides[author] = "#ff00aa"
        return True

    monkeypatch.setattr(window_module.SettingsDialog, "exec", edit)
    window.action_set.settings.trigger()
    assert window.reviewer.text() == "Reviewer: Dana Reviewer"
    assert window.view.colours[author].name() == "#ff00aa"
    assert window.view.rendered.colours[author].name() == "#ff00aa"
    from redliner.ui.settings import Settings

    assert Settings.load().preferences.author_colours == {author: "#ff00aa"}


def test_the_view_follows_decisions_and_undo(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    def text() -> str:
        return window.view.document().toPlainText()  # a new document after each change of view

    proposal = "as determined by the Community Oriented Plan."
    assert proposal in text()
    window.go_to("5")
    window.decide_current(Decision.REJECT)
    assert window.view.unsettled == ["5"] and proposal in text()  # tinted at once, rewritten at a pause
    qtbot.waitUntil(lambda: not window.view.unsettled)
    assert proposal not in text()
    assert window.view.extraSelections() or window.view.rendered.spans.get("5") is None
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.view.unsettled)
    assert proposal in text()
    selections = window.view.extraSelections()
    cursor = selections[0].cursor
    assert cursor.selectedText() == proposal  # the current change is highlighted again
    window.set_mode(ViewMode.ORIGINAL)
    assert proposal not in text()  # pending proposals are not in the original
    window.set_mode(ViewMode.FINAL)
    assert proposal in text()


def test_a_recent_file_that_vanished_is_forgotten(qtbot, window, draft, monkeypatch):
    open_and_wait(qtbot, window, draft)
    moved = draft.with_name("moved.docx")
    draft.rename(moved)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    window.action_set.recent_menu.aboutToShow.emit()
    window.action_set.recent_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert shown and "sop-draft.docx" in shown[0]
    assert window.settings.state.recent_files == []


def test_a_quick_run_of_decisions_is_tinted_at_once_and_rewritten_together(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    window.go_to("2")
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept and next, three times in a row
    from PySide6.QtGui import QTextCursor

    position = window.view.rendered.spans["4"][0] + 1  # "will be", before its paragraph is rewritten

    def underlined() -> bool:  # markup shows a pending insertion underlined
        cursor = QTextCursor(window.view.document())
        cursor.setPosition(position)
        return cursor.charFormat().fontUnderline()

    assert window.view.unsettled == ["2", "3", "4"] and underlined()
    tints = {s.format.background().color().name() for s in window.view.extraSelections()}
    assert "#d8f0d8" in tints  # accepted changes are shown as accepted before their text is rewritten
    qtbot.waitUntil(lambda: not window.view.unsettled)
    assert not underlined() and window.view.document().toPlainText()[position - 1:position + 6] == "will be"
    assert all(s.format.background().color().name() != "#d8f0d8" for s in window.view.extraSelections())
