"""Crash recovery for the window: the review's decisions autosaved as they are made, offered back after a crash.

The autosaved batches mirror the undo stack: on every move of the stack (push, undo, redo) the batches below
its index are the state, so that replaying them rebuilds exactly what the reviewer saw. The engine's
redliner.core.session.review_state does the recording, the atomic writes and the replay.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from redliner.core import RedlinerError
from redliner.core.review.history import history_for
from redliner.core.session.review_state import (
    CommentEntry,
    ReviewState,
    autosave_path,
    autosave_snapshot,
    default_autosave_folder,
    discard_autosave,
    find_autosaves,
    restore_all,
    write_autosave,
)
from redliner.core.wording import plural

from . import dialogs
from .commands import DecideCommand
from .comment_commands import CommentCommand, describe_record
from .edit_commands import EditCommand

AUTOSAVE_INTERVAL_MS = 60_000
TYPING_AUTOSAVE_MS = 800  # typing autosaves when the typist pauses this long, not on every key


def steps_in_words(state: ReviewState) -> str:
    """What a restore replays, for the question and the status bar: "3 decisions, 12 edits and 1 comment step"
    (only the kinds there are)."""
    edits = sum(batch.edit is not None for batch in state.batches)
    counts = ((len(state.batches) - edits, "decision"), (edits, "edit"), (len(state.comment_steps), "comment step"))
    made = [plural(count, noun) for count, noun in counts if count] or [plural(0, "decision")]
    return made[0] if len(made) == 1 else f"{', '.join(made[:-1])} and {made[-1]}"


def autosave_folder() -> Path:
    """Where autosaves live (tests point it at tmp_path)."""
    return default_autosave_folder()


class ReplayedCommand(DecideCommand):
    """A batch restore_with_journals already applied (and the history adopted): its first redo (on push) does
    nothing."""

    def __init__(self, review, change_ids, decision, changed, who=""):
        super().__init__(review, change_ids, decision, changed, who)
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        super().redo()


class Recovery(QObject):
    """Owned by the main window: begin() when a review is shown, end() when it is closed or replaced."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state: ReviewState | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.save_now)
        window.undo_stack.indexChanged.connect(self._stack_moved)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_AUTOSAVE_MS)
        self._typing.timeout.connect(self._mirror_stack)
        # Writes (with their fsync) run in order on one thread of their own: a decision never waits for the disk.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._last_write: Future | None = None

    # -- the review being autosaved --------------------------------------------------------------

    def begin(self, review, recoverable: bool = True) -> None:
        """Start recording a review (opened from a file, or compared or combined from files)."""
        self.end()
        if review is None or not recoverable:
            return
        try:
            self.state = ReviewState.begin(review)
        except RedlinerError:
            return
        self.timer.start()

    def end(self) -> None:
        """The review is closed cleanly or replaced: its autosave goes."""
        self._typing.stop()
        if self.state is not None:
            self._discard()
        self.flush()
        self.state = None
        self.timer.stop()

    def saved(self) -> None:
        """The decisions are safe in a saved copy: no autosave needed until the next decision."""
        if self.state is not None:
            self._discard()

    def flush(self) -> None:
        """Wait until every autosave write queued so far is on disk (or has failed); typing not saved yet is
        saved first."""
        if self._typing.isActive():
            self._typing.stop()
            self._mirror_stack()
        if self._last_write is not None:
            self._last_write.exception()

    def _discard(self) -> None:
        self._submit(discard_autosave, self.state, autosave_folder())

    def _submit(self, job, *args) -> Future | None:
        """Queue a write on the autosave thread; at interpreter exit (the pool is shut down) do it here."""
        try:
            self._last_write = self._writer.submit(job, *args)
        except RuntimeError:
            job(*args)
            return None
        return self._last_write

    def _stack_moved(self, index: int) -> None:
        """The state is the document's history of batches (a new decision on a decided change rewrites its
        middle) and edits; a stack cleared or deleted without undoing leaves none. A keystroke's edit is saved
        when the typist pauses: writing the whole state on every key would slow typing down."""
        if self.state is None or self.window.review is None:
            return
        try:
            typed = index > 0 and hasattr(self.window.undo_stack.command(index - 1), "caret")
        except RuntimeError:  # the stack is being destroyed with the window: nothing to save
            return
        if typed:
            self._typing.start()
            return
        self._typing.stop()
        self._mirror_stack(index)

    def _mirror_stack(self, index: int | None = None) -> None:
        if self.state is None or self.window.review is None:
            return
        if index is None:
            index = self.window.undo_stack.index()
        review = self.window.review
        steps, comments = self._steps(index) if index else ([], [])
        self.state.mirror_steps(review, steps)
        self.state.comment_steps = comments
        if index:
            self.save_now()
        else:
            self._discard()

    def _steps(self, index: int) -> tuple[list, list[CommentEntry]]:
        """The review's steps below the stack's index, in the order they were made: decision batches (the
        history's, a new decision on a decided change rewrites its middle) and edits as the state's batches, and
        the comment steps, each placed after the batches made before it. Edits and comment steps know how many
        decision batches came before them; between the same two decisions, the stack gives their order."""
        batches = history_for(self.window.review).batches()
        before = {id(edit): count for count, edit in self.window.editing.made_edits}
        stack = self.window.undo_stack
        events = []  # (decision batches before, place on the stack, edit or comment record)
        for place in range(index):
            command = stack.command(place)
            if isinstance(command, CommentCommand):
                events.append((command.position, place, command.record))
            elif isinstance(command, EditCommand):
                events.extend((before.get(id(edit), len(batches)), place, edit) for edit in command.edits)
        events.sort(key=lambda event: event[:2])
        steps: list = []
        comments: list[CommentEntry] = []
        waiting = iter(events)
        event = next(waiting, None)
        for number in range(len(batches) + 1):
            while event is not None and event[0] <= number:
                if isinstance(event[2], dict):
                    comments.append(CommentEntry(len(steps), event[2]))
                else:
                    steps.append(event[2])
                event = next(waiting, None)
            if number < len(batches):
                steps.append(batches[number])
        return steps, comments

    def save_now(self) -> None:
        """Autosave (after each batch and every minute); nothing to keep once the stack is back to clean."""
        if self.state is None:
            return
        if not (self.state.batches or self.state.comment_steps) or self.window.undo_stack.isClean():
            self._discard()
            return
        target, data = autosave_snapshot(self.state, autosave_folder())
        write = self._submit(write_autosave, target, data)
        if write is not None:
            write.add_done_callback(self._report_failure)

    def _report_failure(self, write: Future) -> None:
        """On the writer thread: a failed autosave is reported in the status bar (the review goes on)."""
        error = write.exception()
        if isinstance(error, RedlinerError | OSError):
            QTimer.singleShot(0, self.window, partial(self._show_failure, str(error)))

    def _show_failure(self, message: str) -> None:
        self.window.statusBar().showMessage(f"Autosave failed: {message}", 8000)

    # -- offering a restore ----------------------------------------------------------------------

    def offer_at_startup(self) -> bool:
        """Offer each autosave left by a crash, newest first; True when one is being restored."""
        return any(self.offer(state) for state in find_autosaves(autosave_folder()))

    def autosave_for(self, path) -> ReviewState | None:
        """The autosave a crash left for `path` (not this session's own)."""
        target = autosave_path(path, autosave_folder())
        if self.state is not None and Path(self.state.path) == Path(path).resolve():
            return None
        found = [s for s in find_autosaves(autosave_folder()) if autosave_path(s.path, autosave_folder()) == target]
        return found[0] if found else None

    def offer(self, state: ReviewState, confirmed: bool = False) -> bool:
        """Ask to restore; True when restoring started (the answer Discard removes the autosave).
        `confirmed`: the reviewer already agreed to leave the review shown (no second "unsaved" question)."""
        if not state.file_unchanged():
            discard_autosave(state, autosave_folder())
            dialogs.show_error(self.window, "Review not restored",
                               f"Redliner closed unexpectedly while you were reviewing {state.name}, but the file "
                               f"changed or moved since: its autosaved {steps_in_words(state)} cannot be replayed and "
                               "were discarded.")
            return False
        if not dialogs.ask_restore(self.window, state.name, steps_in_words(state)):
            discard_autosave(state, autosave_folder())
            return False
        return self.restore(state, confirmed)

    def restore(self, state: ReviewState, confirmed: bool = False) -> bool:
        window = self.window
        if window.runner.busy or not (confirmed or window.confirm_discard()):
            return False
        if state.origin is None and not window.locks.claim(state.path):  # a comparison is no file to lock
            return False
        window.statusBar().showMessage(f"Restoring your review of {state.name}…")
        return window.runner.start(partial(restore_all, state), f"Could not restore {state.name}",
                                   partial(self._restored, state), partial(self._restore_failed, state))

    def _restored(self, state: ReviewState, result) -> None:
        review, steps, comment_steps = result
        window = self.window
        if review.origin is not None:
            window.compare_actions.show_result(review, "")
        else:
            window.show_opened(Path(state.path), review)
        history = history_for(review)
        waiting = sorted(zip(state.comment_steps, comment_steps, strict=True), key=lambda pair: pair[0].at)
        for number, (batch, step) in enumerate([*zip(state.batches, steps, strict=True), (None, None)]):
            while waiting and waiting[0][0].at <= number:  # in their places, as restore_all made them
                made = waiting.pop(0)[1]
                window.undo_stack.push(CommentCommand(window.comment_actions, made, describe_record(made.record),
                                                      window.comment_actions.covered(made)))
            if batch is None:
                break
            if batch.edit is not None:  # an edit, made again by the restore: on the stack, undoable
                window.editing.restored(step)
                continue
            history.adopt(batch.ids, batch.decision, step)
            window.undo_stack.push(ReplayedCommand(review, batch.ids, batch.decision,
                                                   window.changes_updated, window.settings.preferences.reviewer_name))
        window.go_to(window.changes.next_pending(None, 1) or window.changes.neighbour(None, 1))
        window.statusBar().showMessage(f"Restored {steps_in_words(state)} on {state.name}", 8000)

    def _restore_failed(self, state: ReviewState, message: str) -> None:
        self.window.locks.failed()
        discard_autosave(state, autosave_folder())
        self.window.statusBar().clearMessage()
        dialogs.show_error(self.window, "Could not restore the review", message)
