"""Comment steps on the undo stack, beside decisions: add, reply, edit, resolve or reopen, delete a thread.

The step is made before the command is pushed (a refused step never reaches the stack), so the first redo
only shows it. Undo runs the step's journal, which restores the exact XML; redo replays its record, which
builds the same XML with the same ids and date. `position` is the number of decision batches made before
the step: crash recovery replays it in that place (core.session.review_state.CommentEntry).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from redliner.core.comments.edit import CommentStep, replay
from redliner.core.review.history import history_for


class CommentCommand(QUndoCommand):
    def __init__(self, controller, step: CommentStep, label: str, change_ids: list[str], made: bool = True):
        super().__init__(label)
        self.controller = controller  # the window's CommentActions: shows the result of each move
        self.review = controller.window.review
        self.step = step
        self.record = step.record
        self.change_ids = list(change_ids)  # the changes its comment covers: Undo and Redo go to them
        self.position = len(history_for(self.review).applied)
        self._made = made  # the first redo only shows it

    def redo(self) -> None:
        if self._made:
            self._made = False
        else:
            self.step = replay(self.review, self.record)
        self.controller.stepped(self, undone=False)

    def undo(self) -> None:
        self.review.undo(self.step.journal)
        self.controller.stepped(self, undone=True)


VERBS = {"add": "Add comment", "reply": "Reply to comment", "edit": "Edit comment", "delete": "Delete comment thread"}


def describe_record(record: dict) -> str:
    """The undo step's name for a comment step's record (a restored one)."""
    if record.get("op") == "resolve":
        return f"{'Resolve' if record.get('done') else 'Reopen'} comment {record.get('id')}"
    subject = record.get("parent") if record.get("op") == "reply" else record.get("id")
    return f"{VERBS.get(record.get('op'), 'Comment')} {subject}"


def comment_commands(stack, index: int | None = None) -> list[CommentCommand]:
    """The comment commands below the stack's index (those in effect), in order."""
    index = stack.index() if index is None else index
    return [c for c in (stack.command(i) for i in range(index)) if isinstance(c, CommentCommand)]
