"""Undoable review steps: thin QUndoCommands over the document's DecisionHistory (Reset to Pending too)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from redliner.core import Decision, ReviewDocument
from redliner.core.review.history import history_for

VERBS = {Decision.ACCEPT: "Accept", Decision.REJECT: "Reject", Decision.SKIP: "Skip",
         Decision.NOT_A_PROPOSAL: "Not a Proposal:"}


class DecideCommand(QUndoCommand):
    """One decision on one or more changes: a single decide() call, so a single journal to undo.

    `changed(ids)` is told after every redo and undo so the view and list can refresh those changes.
    """

    def __init__(self, review: ReviewDocument, change_ids: list[str], decision: Decision,
                 changed: Callable[[list[str]], None]):
        super().__init__(describe(change_ids, decision))
        self.history = history_for(review)
        self.change_ids = list(change_ids)
        self.decision = decision
        self.changed = changed

    def redo(self) -> None:
        self.history.apply(self.change_ids, self.decision)
        self.changed(self.change_ids)

    def undo(self) -> None:
        self.history.take_back()
        self.changed(self.change_ids)


class ReviseCommand(QUndoCommand):
    """A new decision on a change decided before (accepted, then rejected): one step, see DecisionHistory."""

    def __init__(self, review: ReviewDocument, change_id: str, decision: Decision | None,
                 changed: Callable[[list[str]], None]):
        super().__init__(describe([change_id], decision))
        self.history = history_for(review)
        self.change_ids = [change_id]
        self.decision = decision
        self.changed = changed
        self.position: int | None = None  # where in the history the new decision went, known after the first redo
        self.originals: list = []  # the batches after it as they were, for undo

    def redo(self) -> None:
        self.position, self.originals = self.history.revise(self.change_ids[0], self.decision, self.position)
        # Only this change's text differs: the batches made again after it give the same text as before.
        self.changed(self.change_ids)

    def undo(self) -> None:
        self.history.restore(self.position, self.originals)
        self.changed(self.change_ids)


class ResetCommand(ReviseCommand):
    """Reset to Pending: the decision on a change taken back, the later ones kept (DecisionHistory.reset),
    as one undoable step; undone as a revise is."""

    def __init__(self, review: ReviewDocument, change_id: str, changed: Callable[[list[str]], None]):
        super().__init__(review, change_id, None, changed)

    def redo(self) -> None:
        self.position, self.originals = self.history.reset(self.change_ids[0], self.position)
        self.changed(self.change_ids)


def can_reset(review: ReviewDocument, change_id: str) -> bool:
    """A decided change can be reset when a decision named it (not one decided by accepting its conflict)."""
    return history_for(review).first_naming(change_id) is not None


def describe(change_ids: list[str], decision: Decision | None) -> str:
    if decision is None:
        return f"Reset change {change_ids[0]} to pending"
    verb = VERBS[decision]
    if len(change_ids) == 1:
        return f"{verb} change {change_ids[0]}"
    return f"{verb} {len(change_ids)} changes"
