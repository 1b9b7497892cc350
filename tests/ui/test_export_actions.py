"""File → Export Meeting Copy… driven like a user: the options dialog, a (patched) file dialog, the progress
dialog's Cancel."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from benchmarks.generate import generate
from redliner.ui import export_actions, meeting_pages, meeting_split
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
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    draft = copy_sample(samples, tmp_path, "sop-review-two-authors.lo.docx", "review.docx")
    open_and_wait(qtbot, window, draft)
    qtbot.wait(PAUSE)
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(QPrintPreviewDialog, "exec", _painted_on_pdf(printed))  # a PDF printer for the screen
    qtbot.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(PAUSE)
    dialog = window.export_actions.dialog
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert "Jordan Lee" in flat(pdf_text(printed))


def _long_draft(qtbot, window, tmp_path):
    made = generate(tmp_path / "long.docx", pages=20, variant="tracked")
    open_and_wait(qtbot, window, made.path)
    qtbot.wait(PAUSE)


def test_the_print_preview_paints_behind_a_progress_dialog_that_cancels(qtbot, window, tmp_path, monkeypatch):
    """Qt's preview asks for every page at once: the pages are painted with the progress dialog showing and the
    window drawn meanwhile; Cancel stops the painting and the preview shows the pages painted so far. The preview
    runs its own event loop (exec), so the user's part is played from a timer within it."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtTest import QTest

    _long_draft(qtbot, window, tmp_path)
    monkeypatch.setattr(export_actions, "PROGRESS_DELAY_MS", 0)
    monkeypatch.setattr(export_actions, "STEP_SECONDS", 0.005)  # many steps: time to click Cancel between them
    monkeypatch.setattr(meeting_pages, "PAINT_CHUNK", 1)
    seen: dict = {}

    def user() -> None:  # every 50 ms, like a person watching the screen
        progress = _progress(None)
        if "cancelled" not in seen:
            if (progress is not None and progress.labelText().startswith("Writing pages")
                    and 0 < progress.value() < progress.maximum()):
                seen["cancel button"] = progress.findChild(QPushButton)
                seen["pages in all"] = progress.maximum()
                QTest.mouseClick(seen["cancel button"], Qt.MouseButton.LeftButton)
                seen["cancelled"] = True
            return
        preview = next((w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QPrintPreviewDialog) and w.isVisible()), None)
        if progress is None and preview is not None:
            seen["previewed"] = preview.findChild(QPrintPreviewWidget).pageCount()
            preview.close()
            timer.stop()

    def modal(dialog) -> int:  # QDialog.exec, which the tests' fixture refuses, played by an event loop
        loop = QEventLoop()
        dialog.finished.connect(loop.quit)
        dialog.open()
        loop.exec()
        return dialog.result()

    monkeypatch.setattr(QPrintPreviewDialog, "exec", modal)
    timer = QTimer()
    timer.timeout.connect(user)
    timer.start(50)
    qtbot.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(PAUSE)
    qtbot.mouseClick(window.export_actions.dialog.go, Qt.MouseButton.LeftButton)  # returns once the preview closes
    qtbot.waitUntil(lambda: "previewed" in seen, timeout=30000)
    assert seen["cancel button"] is not None
    assert 0 < seen["previewed"] < seen["pages in all"]  # what was painted before Cancel, no more


def test_a_print_run_shows_its_progress_without_cancel(qtbot, window, tmp_path, monkeypatch):
    """A print run cannot be taken back once begun (Qt's print engines cannot abort on Linux), so its progress
    dialog has no Cancel: a cancelled run would print part of the copy."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    _long_draft(qtbot, window, tmp_path)
    monkeypatch.setattr(export_actions, "PROGRESS_DELAY_MS", 0)
    printed, seen, previews = tmp_path / "printed.pdf", [], []
    steps = export_actions.print_steps

    def watched(review, device, options):  # what the progress dialog offers while the pages are painted
        for step in steps(review, device, options):
            found = _progress(previews[0])
            if found is not None:
                seen.append(found.findChild(QPushButton))
            yield step

    monkeypatch.setattr(export_actions, "print_steps", watched)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", _painted_on_pdf(printed, previews))  # the print dialog's OK
    qtbot.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(PAUSE)
    qtbot.mouseClick(window.export_actions.dialog.go, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert seen and seen[-1] is None  # shown, with no Cancel button
    assert int(pdf_info(printed)["Pages"]) > 20


def _painted_on_pdf(printed, dialogs: list | None = None):
    """A stand-in for QPrintPreviewDialog.exec: the dialog's pages painted on a PDF printer writing `printed`
    (a print run); each dialog is added to `dialogs`."""
    from PySide6.QtPrintSupport import QPrinter

    def run(dialog) -> int:
        if dialogs is not None:
            dialogs.append(dialog)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        dialog.paintRequested.emit(printer)
        return 0

    return run


def _progress(parent):
    """The progress dialog showing (of `parent`, or any)."""
    from PySide6.QtWidgets import QProgressDialog

    dialogs = parent.findChildren(QProgressDialog) if parent is not None else QApplication.topLevelWidgets()
    found = [d for d in dialogs if isinstance(d, QProgressDialog) and d.isVisible()]
    return found[0] if found else None
