"""The window's lock on the draft it shows: taken on opening, released on close or when another draft replaces it.

When Word, LibreOffice or another Redliner holds the draft, the reviewer may review it read-only: decisions
stay in memory and the marked-up copy can only be saved under a new name (see FileOperations).
"""

from __future__ import annotations

from pathlib import Path

from redliner.core.session.locks import DocumentLock

from . import dialogs


def lock_for(path: Path, user: str) -> DocumentLock:
    """The lock Redliner writes beside `path` (tests keep it out of the shared corpus)."""
    return DocumentLock(path, user=user or None)


class LockKeeper:
    """claim() before opening, then opened() or failed(); release() when the review is closed."""

    def __init__(self, window):
        self.window = window
        self.held: DocumentLock | None = None  # the lock of the draft shown (held or not: read-only)
        self.read_only = False
        self._pending: tuple[DocumentLock, bool] | None = None

    def claim(self, path) -> bool:
        """Take the lock on `path`, or ask about a read-only review when someone has it; False: cancelled."""
        path = Path(path).resolve()
        if self.held is not None and self.held.held and self.held.document.resolve() == path:
            self._pending = (self.held, False)  # reopening the draft this window already holds
            return True
        lock = lock_for(path, self.window.settings.preferences.reviewer_name)
        others = lock.acquire()
        if others and not dialogs.ask_read_only(self.window, path.name, others[0].describe()):
            return False
        self._pending = (lock, bool(others))
        return True

    def opened(self) -> None:
        """The claimed draft is shown: the previous draft's lock goes."""
        if self._pending is None:
            return
        lock, read_only = self._pending
        self._pending = None
        if self.held is not None and self.held is not lock:
            self.held.release()
        self.held, self.read_only = lock, read_only

    def failed(self) -> None:
        """The claimed draft could not be opened: the one shown keeps its lock."""
        if self._pending is not None and self._pending[0] is not self.held:
            self._pending[0].release()
        self._pending = None

    def release(self) -> None:
        if self.held is not None:
            self.held.release()
        self.held, self.read_only = None, False

    def protects(self, target) -> bool:
        """True when `target` is the draft under a read-only review: never written."""
        return (self.read_only and self.held is not None
                and Path(target).resolve() == self.held.document.resolve())
