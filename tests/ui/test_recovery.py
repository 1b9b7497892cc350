"""Crash recovery in the window: decisions autosaved as they are made, a killed session restored exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redliner.core import Decision
from redliner.core.session.review_state import autosave_path, find_autosaves
from redliner.ui import dialogs
from redliner.ui.recovery import AUTOSAVE_INTERVAL_MS
from tests.conftest import ROOT

from .conftest import new_window, open_and_wait

CTRL = Qt.KeyboardModifier.ControlModifier


def statuses(window) -> dict[str, str]:
    return {c.id: c.status.value for c in window.review.changes}


def main_xml(window) -> str:
    package = window.review.package
    return etree.tostring(package.xml(package.main_document)).decode("utf-8")


def open_marked(qtbot, window, draft):
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    assert len(window.review.changes) == 13


def saved_batches(window, folder, draft) -> list:
    """The batches in the autosave on disk (once the writes queued so far are done)."""
    window.recovery.flush()
    path = autosave_path(draft, folder)
    return json.loads(path.read_text(encoding="utf-8"))["batches"] if path.exists() else []


def autosaved(window, draft, folder) -> bool:
    window.recovery.flush()
    return autosave_path(draft, folder).exists()


def fresh_window(qtbot, monkeypatch):
    return new_window(qtbot, monkeypatch)


def test_every_decision_batch_is_autosaved_and_undo_drops_it(qtbot, window, draft, autosave_folder):
    open_marked(qtbot, window, draft)
    assert saved_batches(window, autosave_folder, draft) == []  # nothing decided: nothing to keep
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["1"], "decision": "accept"},
                                                    {"ids": ["2"], "decision": "reject"}]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["1"], "decision": "accept"}]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not autosaved(window, draft, autosave_folder)  # back to the file as opened


def test_a_successful_save_and_a_clean_close_discard_the_autosave(qtbot, window, draft, autosave_folder,
                                                                   monkeypatch):
    open_marked(qtbot, window, draft)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert autosaved(window, draft, autosave_folder)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (args[2], ""))
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert not autosaved(window, draft, autosave_folder)
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    assert len(saved_batches(window, autosave_folder, draft)) == 2  # all decisions since opening: replayed on the file
    assert window.close()
    assert not autosaved(window, draft, autosave_folder)


def test_the_timer_autosaves_every_minute(qtbot, window, draft, autosave_folder):
    open_marked(qtbot, window, draft)
    timer = window.recovery.timer
    assert timer.isActive() and timer.interval() == AUTOSAVE_INTERVAL_MS == 60_000
    window.decide(["3"], Decision.ACCEPT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    autosave_path(draft, autosave_folder).unlink()
    timer.timeout.emit()
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["3"], "decision": "accept"}]


def killed_session(draft, tmp_path, autosave_folder, *more: str) -> dict:
    """Run tests/ui/crash_session.py, kill -9 it once it has shown its work; what it showed."""
    out = tmp_path / "session"
    out.mkdir()
    errors = out / "stderr.txt"
    with errors.open("wb") as stderr:
        session = subprocess.Popen([sys.executable, "-m", "tests.ui.crash_session", str(draft),
                                    str(autosave_folder), str(out), *more], cwd=ROOT,
                                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stdout=subprocess.DEVNULL,
                                   stderr=stderr)
    shown_file = out / "shown.json"
    deadline = time.monotonic() + 60
    while not shown_file.exists() and session.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # the file is written in one call; let it finish
    os.kill(session.pid, signal.SIGKILL)
    session.wait(timeout=10)  # reaped: its lock is now a dead process's
    assert shown_file.exists(), errors.read_text()
    return json.loads(shown_file.read_text(encoding="utf-8"))


def test_a_killed_session_is_restored_exactly(qtbot, draft, tmp_path, autosave_folder, monkeypatch):
    shown = killed_session(draft, tmp_path, autosave_folder)
    assert len(find_autosaves(autosave_folder)) == 1

    window = fresh_window(qtbot, monkeypatch)
    asked = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: asked.append((name, n)) or True)
    assert window.recovery.offer_at_startup()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert asked == [("sop-draft.docx", f"{shown['steps']} decisions")]
    assert statuses(window) == shown["statuses"]
    assert main_xml(window) == shown["xml"]
    assert window.view.document().toPlainText() == shown["view"]
    decided = sum(s in ("accepted", "rejected") for s in shown["statuses"].values())
    assert 4 < decided < 13 and window.changes.count.text().startswith(f"{decided} of 13 decided")
    assert window.path == draft and window.isWindowModified()
    assert window.undo_stack.count() == shown["steps"]
    assert window.locks.held is not None and window.locks.held.held  # the dead session's lock taken over

    # The undo stack is the one the killed session had: Ctrl+Z undoes its last batch ("accept all shown").
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert sum(s == "pending" for s in statuses(window).values()) > 4
    assert len(saved_batches(window, autosave_folder, draft)) == shown["steps"] - 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert statuses(window) == shown["statuses"] and main_xml(window) == shown["xml"]
    assert window.close()
    assert find_autosaves(autosave_folder) == []


def test_a_killed_editing_session_is_restored_with_its_edits_and_their_undo(qtbot, draft, tmp_path,
                                                                            autosave_folder, monkeypatch):
    shown = killed_session(draft, tmp_path, autosave_folder, "edits")
    window = fresh_window(qtbot, monkeypatch)
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    assert window.recovery.offer_at_startup()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    review = window.review
    assert main_xml(window) == shown["xml"]
    assert [[c.id, c.kind.value, c.author, c.inserted, c.deleted] for c in review.changes] == shown["changes"]
    assert window.view.document().toPlainText() == shown["view"]
    assert window.undo_stack.count() == shown["steps"]
    assert " and staf" in window.view.document().toPlainText()
    before_edits = [c for c in shown["changes"] if c[2] != window.settings.preferences.reviewer_name]
    stack = window.undo_stack
    edits = sum(hasattr(stack.command(i), "caret") for i in range(stack.count()))
    assert edits == 4  # " and ", "staff" (typing is undone word by word), Backspace, Enter
    for _ in range(edits):  # the edits go back one by one, newest first
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
        qtbot.wait(300)
    assert " and staf" not in window.view.document().toPlainText()
    assert [[c.id, c.kind.value, c.author, c.inserted, c.deleted] for c in review.changes] == before_edits
    assert window.close()


def test_opening_a_file_with_an_autosave_offers_it_and_discard_forgets_it(qtbot, window, draft, autosave_folder,
                                                                          monkeypatch):
    open_marked(qtbot, window, draft)
    window.decide(["1"], Decision.REJECT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    window.recovery.state = None  # as if this session had crashed: the autosave stays behind
    window.undo_stack.clear()
    assert autosaved(window, draft, autosave_folder)
    answers = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: answers.append((name, n)) or False)
    open_and_wait(qtbot, window, draft)
    assert answers == [("sop-draft.docx", "1 decision")]
    assert not autosaved(window, draft, autosave_folder)
    assert set(statuses(window).values()) == {"pending"}


def test_opening_a_file_with_an_autosave_and_restoring(qtbot, window, draft, autosave_folder, monkeypatch):
    open_marked(qtbot, window, draft)
    window.decide(["2", "3"], Decision.ACCEPT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    expected = statuses(window)
    window.recovery.state = None
    window.undo_stack.clear()
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    open_and_wait(qtbot, window, draft)
    assert statuses(window) == expected
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Accept 2 changes"


def test_a_file_changed_since_the_crash_is_not_replayed(qtbot, window, draft, autosave_folder, monkeypatch, samples):
    open_marked(qtbot, window, draft)
    window.decide(["1"], Decision.ACCEPT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    window.recovery.state = None
    window.undo_stack.clear()
    draft.write_bytes((samples / "sop-draft-plain.pandoc.docx").read_bytes())
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    window2 = fresh_window(qtbot, monkeypatch)
    assert not window2.recovery.offer_at_startup()
    assert len(shown) == 1 and "sop-draft.docx" in shown[0] and "changed" in shown[0]
    assert find_autosaves(autosave_folder) == []


def test_run_offers_autosaves_at_start_up(qtbot, window, draft, autosave_folder, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from redliner.ui import app as app_module

    open_marked(qtbot, window, draft)
    window.decide(["4"], Decision.SKIP)
    window.recovery.flush()  # the autosave write is queued on its own thread
    window.recovery.state = None
    made = []

    class RecordedWindow(app_module.MainWindow):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    def fake_exec():
        qtbot.addWidget(made[0])
        qtbot.waitUntil(lambda: not made[0].runner.busy)
        return 0

    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    monkeypatch.setattr(app_module, "MainWindow", RecordedWindow)
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run() == 0
    assert made[0].path == draft and made[0].review.change("4").status.value == "skipped"


def test_opening_another_draft_asks_about_unsaved_decisions_once_before_restoring(qtbot, window, draft, tmp_path,
                                                                                 samples, monkeypatch,
                                                                                 autosave_folder):
    import shutil

    open_marked(qtbot, window, draft)
    window.decide(["5"], Decision.REJECT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    window.recovery.state = None  # the autosave of draft stays, as after a crash
    window.undo_stack.clear()
    other = tmp_path / "drafts" / "other.docx"
    shutil.copy(samples / "sop-review-lee.lo.docx", other)
    open_and_wait(qtbot, window, other)
    window.decide(["1"], Decision.ACCEPT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    questions = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: questions.append(name) or dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    open_and_wait(qtbot, window, draft)
    assert questions == ["other.docx"]
    assert window.path == draft and window.review.change("5").status.value == "rejected"
    assert not autosave_path(other, autosave_folder).exists()  # the discarded review's autosave went too


def test_answering_the_marker_bar_autosaves_with_the_marker_rules(qtbot, window, draft, autosave_folder):
    open_and_wait(qtbot, window, draft)
    qtbot.mouseClick(window.marker_bar.yes_button, Qt.MouseButton.LeftButton)
    window.decide(["2"], Decision.REJECT)
    window.recovery.flush()  # the autosave write is queued on its own thread
    state = find_autosaves(autosave_folder)[0]
    assert state.markers == "italic" and [b.ids for b in state.batches] == [["2"]]


def test_a_slow_disk_does_not_hold_up_a_decision(qtbot, window, draft, autosave_folder, monkeypatch):
    from redliner.ui import recovery

    open_marked(qtbot, window, draft)
    real_write = recovery.write_autosave
    monkeypatch.setattr(recovery, "write_autosave", lambda target, data: (time.sleep(0.5), real_write(target, data)))
    started = time.perf_counter()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert time.perf_counter() - started < 0.3  # the write (and its fsync) happens on the autosave thread
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["1"], "decision": "accept"}]


def test_autosaves_still_happen_once_the_writer_thread_is_gone(qtbot, window, draft, autosave_folder):
    open_marked(qtbot, window, draft)
    window.recovery._writer.shutdown()  # as at interpreter exit
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["1"], "decision": "accept"}]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not autosaved(window, draft, autosave_folder)


def test_a_reset_to_pending_is_autosaved_as_the_decisions_without_it(qtbot, window, draft, autosave_folder):
    open_marked(qtbot, window, draft)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept 1
    qtbot.wait(150)
    qtbot.keyClick(window.view, Qt.Key.Key_R)  # reject 2
    qtbot.wait(150)
    window.go_to("1")
    window.action_set.reset.trigger()
    assert statuses(window)["1"] == "pending" and statuses(window)["2"] == "rejected"
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["2"], "decision": "reject"}]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the reset undone: both decisions again
    assert saved_batches(window, autosave_folder, draft) == [{"ids": ["1"], "decision": "accept"},
                                                             {"ids": ["2"], "decision": "reject"}]


def test_a_changed_decision_is_autosaved_where_it_was_made_and_restored(qtbot, window, draft, autosave_folder,
                                                                          monkeypatch):
    open_marked(qtbot, window, draft)
    window.decide(["2"], Decision.ACCEPT)
    window.decide(["1", "2", "3"], Decision.REJECT)  # 2 is left out: decided already
    window.decide(["2"], Decision.SKIP)  # a new decision on 2: one step
    assert saved_batches(window, autosave_folder, draft) == [
        {"ids": ["2"], "decision": "skip"}, {"ids": ["1", "3"], "decision": "reject"}]
    expected, xml = statuses(window), main_xml(window)
    assert expected["2"] == "skipped"
    window.recovery.state = None  # as if this session had crashed
    window.undo_stack.clear()
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    open_and_wait(qtbot, window, draft)
    assert statuses(window) == expected and main_xml(window) == xml
    assert window.undo_stack.count() == 2


def test_typing_is_autosaved_when_the_typist_pauses(qtbot, window, draft, autosave_folder):
    from redliner.ui.recovery import TYPING_AUTOSAVE_MS

    window.settings.preferences.marker_answer = "no"
    open_and_wait(qtbot, window, draft)
    qtbot.keyClick(window.view, Qt.Key.Key_E, CTRL)
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.document().find("Purpose").selectionEnd())
    view.setTextCursor(cursor)
    for character in " now":
        qtbot.keyClicks(view, character)
        qtbot.wait(TYPING_AUTOSAVE_MS // 4)
    path = autosave_path(draft, autosave_folder)
    window.recovery._writer.submit(lambda: None).result()  # the writes queued so far are done
    assert not path.exists()  # not on every key
    qtbot.wait(2 * TYPING_AUTOSAVE_MS)
    batches = saved_batches(window, autosave_folder, draft)
    assert "".join(b["edit"]["text"] for b in batches) == " now"  # one edit per key, in order
