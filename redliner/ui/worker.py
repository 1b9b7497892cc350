"""Long work (opening, saving) on the thread pool, with its result or its error back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from redliner.core import RedlinerError


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs `work()` off the GUI thread; emits succeeded(result) or failed(message)."""

    def __init__(self, work: Callable[[], object], failure: str):
        super().__init__()
        self.work = work
        self.failure = failure  # "Could not open report.docx", prefix for unexpected errors
        self.signals = _Signals()
        self.setAutoDelete(False)  # the owner keeps it until the signal arrives

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # shown to the user as a message, never as a traceback
            self.signals.failed.emit(error_message(exc, self.failure))
        else:
            self.signals.succeeded.emit(result)


def error_message(exc: BaseException, failure: str) -> str:
    """The engine's own message for its errors; the OS's for file errors; a short line otherwise."""
    if isinstance(exc, RedlinerError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{failure}: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
    return f"{failure}: {type(exc).__name__}: {exc}"


class TaskRunner(QObject):
    """Starts tasks one at a time and keeps each alive until it reports."""

    busy_changed = Signal(bool)

    def __init__(self, parent=None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.current: Task | None = None
        self._callbacks: tuple = ()

    @property
    def busy(self) -> bool:
        return self.current is not None

    def start(self, work: Callable[[], object], failure: str, done: Callable[[object], None],
              failed: Callable[[str], None]) -> bool:
        if self.current is not None:
            return False
        task = Task(work, failure)
        # Bound methods of this GUI-thread object: the calls are queued onto the GUI thread.
        task.signals.succeeded.connect(self._succeeded)
        task.signals.failed.connect(self._failed)
        self.current, self._callbacks = task, (done, failed)
        self.busy_changed.emit(True)
        self.pool.start(task)
        return True

    def _succeeded(self, result) -> None:
        self._finish(self._callbacks[0], result)

    def _failed(self, message: str) -> None:
        self._finish(self._callbacks[1], message)

    def _finish(self, callback, value) -> None:
        self.current, self._callbacks = None, ()
        self.busy_changed.emit(False)
        callback(value)

    def wait(self) -> None:
        """Block until the running task is done (used when closing)."""
        self.pool.waitForDone()
