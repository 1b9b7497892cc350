"""File → Export Meeting Copy… driven like a user: the options dialog, a (patched) file dialog, the progress
dialog's Cancel."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from benchmarks.generate import generate
from redliner.ui import export_actions, meeting_split
from tests.pdf_tools import flat, pdf_info, pdf_text
from tests.ui.conftest import copy_sample, open_and_wait

PAUSE = 300  # ms, longer than the view's 120 ms settle timer


def _menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _export_through_menu(qtbot, window, monkeypatch, target, pending_only=False):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)"))
    _menu_action(window, "File", "Export Meeting Copy…").trigger()
    qtbot.wait(PAUSE)
    dialog = window.export_actions.dialog
    assert dialog.isVisible()
    if pending_only:
        qtbot.mouseClick(dialog.pending_only, Qt.MouseButton.LeftButton)
        qtbot.wait(PAUSE)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)


def test_export_meeting_copy_from_the_file_menu(qtbot, window, samples, tmp_path, monkeypatch):
    draft = copy_sample(samples, tmp_path, "sop-review-two-authors.lo.docx", "review.docx")
    open_and_wait(qtbot, window, draft)
    qtbot.wait(PAUSE)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept change 1 and go on, as a reviewer does
    qtbot.wait(PAUSE)
    target = tmp_path / "meeting.pdf"
    _export_through_menu(qtbot, window, monkeypatch, target, pending_only=True)
    qtbot.waitUntil(lambda: window.export_actions.work is None, timeout=15000)
    qtbot.wait(PAUSE)
    assert target.read_bytes().startswith(b"%PDF")
    text = flat(pdf_text(target))
    assert "1 accepted" in text and "pending changes only" in text
    assert "Exported the meeting copy" in window.statusBar().currentMessage()
    assert window.review.change("1").status.value == "accepted"  # the review is as it was


def test_cancel_in_the_progress_dialog_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    made = generate(tmp_path / "long.docx", pages=40, variant="tracked")
    open_and_wait(qtbot, window, made.path)
    qtbot.wait(PAUSE)
    monkeypatch.setattr(export_actions, "STEP_SECONDS", 0.0)  # one step per tick: time to press Cancel
    monkeypatch.setattr(export_actions, "PROGRESS_DELAY_MS", 0)
    target = tmp_path / "meeting.pdf"
    _export_through_menu(qtbot, window, monkeypatch, target)
    qtbot.waitUntil(lambda: window.export_actions.work is not None and window.export_actions.work.progress.isVisible(),
                    timeout=5000)
    cancel = window.export_actions.work.progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.export_actions.work is None, timeout=5000)
    qtbot.wait(PAUSE)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".meeting")] == []
    assert "nothing was written" in window.statusBar().currentMessage()


def test_a_long_copy_is_made_on_two_cpus_behind_the_progress_dialog(qtbot, window, tmp_path, monkeypatch):
    made = generate(tmp_path / "long.docx", pages=40, variant="tracked")
    open_and_wait(qtbot, window, made.path)
    qtbot.wait(PAUSE)
    children, start = [], meeting_split.ForkedTail.start

    def recording(review, options, new_writer):
        tail = start(review, options, new_writer)
        children.append(tail.pid if tail else None)
        return tail

    monkeypatch.setattr(meeting_split.ForkedTail, "start", recording)
    monkeypatch.setattr(export_actions, "PROGRESS_DELAY_MS", 0)
    target = tmp_path / "meeting.pdf"
    _export_through_menu(qtbot, window, monkeypatch, target)
    qtbot.waitUntil(lambda: window.export_actions.work is not None and window.export_actions.work.progress.isVisible(),
                    timeout=5000)
    progress = window.export_actions.work.progress
    qtbot.waitUntil(lambda: window.export_actions.work is None, timeout=30000)
    qtbot.wait(PAUSE)
    assert children and children[0] is not None
    pages = int(pdf_info(target)["Pages"])
    assert progress.maximum() == pages  # the last step counted the child's pages too
    assert f"Page {pages} of {pages}" in pdf_text(target, page_labels=True)
    with pytest.raises(ChildProcessError):  # the child has ended and been reaped
        os.waitpid(children[0], os.WNOHANG)
    assert "Exported the meeting copy" in window.statusBar().currentMessage()


def test_print_shows_the_preview_of_the_meeting_copy(qtbot, window, samples, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    draft = copy_sample(samples, tmp_path, "sop-review-two-authors.lo.docx", "review.docx")
    open_and_wait(qtbot, window, draft)
    qtbot.wait(PAUSE)
    printed = tmp_path / "printed.pdf"

    def preview(dialog):  # the preview asks for its pages; a PDF printer stands in for the screen
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    qtbot.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(PAUSE)
    dialog = window.export_actions.dialog
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert "Jordan Lee" in flat(pdf_text(printed))
