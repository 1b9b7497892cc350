"""File → Export Meeting Copy… and File → Print…: the options, then the work in timed steps on the GUI thread
(Qt's text layout must run there) behind a progress dialog with Cancel; a cancelled export writes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEngine
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QProgressDialog,
)

from redliner.core import OutputError

from . import dialogs
from .colours import author_colours
from .meeting_copy import VIEW_NAMES, MeetingOptions
from .meeting_export import check_target, export_steps, print_steps
from .meeting_hooks import hooks_for
from .render import ViewMode
from .worker import error_message

EXPORT_FILTER = "PDF (*.pdf);;HTML, one file for email (*.html *.htm)"
STEP_SECONDS = 0.05  # work done between two looks at the event loop: the app stays responsive
PROGRESS_DELAY_MS = 400  # a short export finishes before its progress dialog would show


def previewing(device) -> bool:
    """Whether a QPrinter handed over by QPrintPreviewDialog paints its preview (Qt gives it a picture engine),
    not a print run."""
    engine = device.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


class MeetingOptionsDialog(QDialog):
    """View, pending changes only, summary: what the meeting copy shows."""

    def __init__(self, parent, title: str, view: ViewMode, button: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.view = QComboBox(self)
        for mode, name in VIEW_NAMES.items():
            self.view.addItem(name, mode)
        self.view.setCurrentIndex(list(VIEW_NAMES).index(view))
        self.pending_only = QCheckBox("&Pending changes only (decided ones read as their result)", self)
        self.summary = QCheckBox("&Summary table at the end", self)
        self.summary.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.go = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&View:", self.view)
        form.addRow(self.pending_only)
        form.addRow(self.summary)
        form.addRow(buttons)

    def options(self, **hooks) -> MeetingOptions:
        return MeetingOptions(view=self.view.currentData(), pending_only=self.pending_only.isChecked(),
                              summary=self.summary.isChecked(), **hooks)


class SteppedWork(QObject):
    """Runs a generator of (done, total, what) steps from a zero-interval timer, a slice of time per tick,
    behind a window-modal progress dialog; Cancel closes the generator (nothing more happens)."""

    finished = Signal(bool, str)  # completed, error message ('' when none)

    def __init__(self, parent, steps: Iterator, title: str, cancellable: bool = True):
        super().__init__(parent)
        self.steps = steps
        self.progress = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.cancellable = cancellable
        if cancellable:
            self.progress.canceled.connect(self.cancel)
        else:
            self.progress.setCancelButton(None)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.done = False

    def start(self) -> None:
        self.timer.start()

    def _tick(self) -> None:
        until = time.perf_counter() + STEP_SECONDS
        try:
            while time.perf_counter() < until:
                done, total, what = next(self.steps)
                self.progress.setLabelText(f"{what}…")
                self.progress.setMaximum(max(total, 1))
                self.progress.setValue(min(done, total))
        except StopIteration:
            self._end(True, "")
        except Exception as exc:  # shown as a message, never as a traceback
            self.steps.close()
            self._end(False, error_message(exc, "Could not export the meeting copy"))

    def cancel(self) -> None:
        if not self.done:
            self.steps.close()
            self._end(False, "")

    def _end(self, completed: bool, message: str) -> None:
        self.done = True
        self.timer.stop()
        if self.cancellable:
            self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.finished.emit(completed, message)


class ExportActions:
    def __init__(self, window, decided: Callable | None = None, threads: Callable | None = None):
        """`decided` and `threads`: the decision log's and the comments' hooks (see meeting_copy.py)."""
        self.window = window
        self.hooks = {k: v for k, v in (("decided", decided), ("threads", threads)) if v is not None}
        self.work: SteppedWork | None = None
        self.dialog: MeetingOptionsDialog | None = None
        window.action_set.bind({"export": self.export_copy, "print": self.print_copy})

    def _options_dialog(self, title: str, button: str, then) -> None:
        """Open the options (not modal-blocking: the window's keys stay dead meanwhile, tests can drive it)."""
        window = self.window
        if window.review is None or self.work is not None:
            return
        self.dialog = MeetingOptionsDialog(window, title, window._mode(), button)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.accepted.connect(lambda: then(self._options()))
        self.dialog.open()

    def _options(self) -> MeetingOptions:
        prefs = self.window.settings.preferences
        colours = author_colours({c.author for c in self.window.review.changes}, prefs.author_colours)
        hooks = hooks_for(self.window.review) | self.hooks  # the log's and the comments' (tests may give others)
        return self.dialog.options(colours=colours, **hooks)

    # -- export ------------------------------------------------------------------------------------------

    def export_copy(self) -> None:
        self._options_dialog("Export Meeting Copy", "&Export…", self._export_to_chosen)

    def _export_to_chosen(self, options: MeetingOptions) -> None:
        window = self.window
        proposal = window.path.with_name(f"{window.path.stem} (meeting copy).pdf")
        path, chosen_filter = QFileDialog.getSaveFileName(window, "Export meeting copy", str(proposal), EXPORT_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_name(target.name + (".html" if chosen_filter.startswith("HTML") else ".pdf"))
        try:
            check_target(target)
        except OutputError as exc:
            dialogs.show_error(window, "Could not export", str(exc))
            return
        self.run(export_steps(window.review, target, options), f"Exporting {target.name}",
                 f"Exported the meeting copy to {target}")

    # -- print -------------------------------------------------------------------------------------------

    def print_copy(self) -> None:
        self._options_dialog("Print Meeting Copy", "&Preview and Print…", self._preview)

    def _preview(self, options: MeetingOptions) -> None:
        """Qt's print preview; its Print button opens Qt's print dialog (printer, pages, copies)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(printer, self.window)
        preview.setWindowTitle("Print Meeting Copy")
        review = self.window.review

        def paint(device) -> None:  # the preview asks again for every change of paper or printer
            self.paint_now(preview, print_steps(review, device, options), previewing(device))

        preview.paintRequested.connect(paint)
        preview.exec()

    def paint_now(self, parent, steps: Iterator, cancellable: bool) -> None:
        """Run the steps to their end before returning (Qt's preview and printing want every page painted when
        paintRequested returns), behind a progress dialog: the event loop runs meanwhile, so the window stays
        drawn. Cancel stops a preview, which shows the pages painted so far; a print run has none, since Qt's
        print engines on Linux cannot abort one (QPrinter.abort returns False) and a cancelled run would print
        part of the copy."""
        work = SteppedWork(parent, steps, "Preparing the pages", cancellable)
        loop = QEventLoop()
        messages = []
        work.finished.connect(lambda completed, message: (messages.append(message), loop.quit()))
        work.start()
        loop.exec()
        if messages and messages[0]:
            dialogs.show_error(parent, "Could not print", messages[0])

    # -- running -----------------------------------------------------------------------------------------

    def run(self, steps: Iterator, title: str, success: str) -> None:
        window = self.window
        self.work = SteppedWork(window, steps, title)
        self.work.finished.connect(lambda completed, message: self._finished(completed, message, success))
        window.statusBar().showMessage(f"{title}…")
        self.work.start()

    def _finished(self, completed: bool, message: str, success: str) -> None:
        window, self.work = self.window, None
        if completed:
            window.statusBar().showMessage(success, 8000)
        elif message:
            window.statusBar().clearMessage()
            dialogs.show_error(window, "Could not export", message)
        else:
            window.statusBar().showMessage("Export cancelled: nothing was written", 8000)
