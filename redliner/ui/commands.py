"""Undoable review steps: thin QUndoCommands over ReviewDocument.decide / undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from redliner.core import Decision, ReviewDocument

VERBS = {Decision.ACCEPT: "Accept", Decision.REJECT: "Reject", Decision.SKIP: "Skip",
         Decision.NOT_A_PROPOSAL: "Not a Proposal:"}


class DecideCommand(QUndoCommand):
    """One decision on one or more changes: a single decide() call, so a single journal to undo.

    `changed(ids)` is told after every redo and undo so the view and list can refresh those changes.
    """

    def __init__(self, review: ReviewDocument, change_ids: list[str], decision: Decision,
                 changed: Callable[[list[str]], None]):
        super().__init__(describe(change_ids, decision))
        self.review = review
        self.change_ids = list(change_ids)
        self.decision = decision
        self.changed = changed
        self.journal = None

    def redo(self) -> None:
        self.journal = self.review.decide(self.change_ids, self.decision)
        self.changed(self.change_ids)

    def undo(self) -> None:
        self.review.undo(self.journal)
        self.changed(self.change_ids)


def describe(change_ids: list[str], decision: Decision) -> str:
    verb = VERBS[decision]
    if len(change_ids) == 1:
        return f"{verb} change {change_ids[0]}"
    return f"{verb} {len(change_ids)} changes"
