"""Undoable review steps: thin QUndoCommands over ReviewDocument.decide / undo, and Reset to Pending."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from redliner.core import Decision, ReviewDocument

VERBS = {Decision.ACCEPT: "Accept", Decision.REJECT: "Reject", Decision.SET_ASIDE: "Set aside"}


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
        self.excluded: set[str] = set()  # changes a later Reset to Pending took out of this decision

    def redo(self) -> None:
        self.journal = self.review.decide(self.decided_ids(), self.decision)
        self.changed(self.change_ids)

    def undo(self) -> None:
        self.review.undo(self.journal)
        self.changed(self.change_ids)


    def decided_ids(self) -> list[str]:
        return [i for i in self.change_ids if i not in self.excluded]

    def batches(self) -> list[tuple[list[str], Decision]]:
        """What this step decides, as the autosave replays it (nothing once every change was reset)."""
        ids = self.decided_ids()
        return [(ids, self.decision)] if ids else []


class ResetCommand(QUndoCommand):
    """Back to pending: the steps that named the change are done again without it, as one undoable step.

    The engine undoes journals newest first only, so every step from the first one that named the change is
    undone, then done again with the change left out (undo: done again with it back in). `below` are the
    stack's commands under this one: they cannot change while this one is on the stack.
    """

    def __init__(self, below: list[QUndoCommand], change_id: str, changed: Callable[[list[str]], None]):
        super().__init__(f"Reset change {change_id} to pending")
        first = next(i for i, c in enumerate(below) if change_id in getattr(c, "change_ids", ()))
        self.replayed = below[first:]
        self.change_id = change_id
        self.changed = changed

    def redo(self) -> None:
        self._replay(exclude=True)

    def undo(self) -> None:
        self._replay(exclude=False)

    def _replay(self, exclude: bool) -> None:
        for command in reversed(self.replayed):
            command.undo()
        for command in self.replayed:
            if isinstance(command, DecideCommand) and self.change_id in command.change_ids:
                (command.excluded.add if exclude else command.excluded.discard)(self.change_id)
            command.redo()
        self.changed([self.change_id])

    def batches(self) -> list:
        return []  # the steps below it now decide without the change


def can_reset(below: list[QUndoCommand], change_id: str) -> bool:
    """A decided change can be reset when a step named it (not one decided by accepting its conflict)."""
    return any(change_id in getattr(c, "change_ids", ()) for c in below)


def describe(change_ids: list[str], decision: Decision) -> str:
    verb = VERBS[decision]
    if len(change_ids) == 1:
        return f"{verb} change {change_ids[0]}"
    return f"{verb} {len(change_ids)} changes"
