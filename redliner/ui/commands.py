"""Undoable review steps: thin QUndoCommands over the document's DecisionHistory (Reset to Pending too).

Each step is recorded in the document's decision log (core/session/decision_log.py) under the reviewer's name:
redo records the decision, undo records an undo entry naming it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from redliner.core import Decision, ReviewDocument
from redliner.core.review.history import history_for
from redliner.core.session.decision_log import RESET, log_for, with_conflicts

VERBS = {Decision.ACCEPT: "Accept", Decision.REJECT: "Reject", Decision.SKIP: "Skip",
         Decision.NOT_A_PROPOSAL: "Not a Proposal:"}


class LoggedCommand(QUndoCommand):
    """A step that records itself in the decision log as `who`."""

    entry = None  # the log entry of the last redo

    def log_done(self, action) -> None:
        review = self.history.document
        changes = with_conflicts(review, [review.change(i) for i in self.change_ids])
        self.entry = log_for(review).record(action, changes, self.who)

    def in_force(self):
        """The entry the coming undo takes back (call before undoing): the last redo's, else (a step replayed
        by a restore, whose entry an earlier session made) the one in force for its change."""
        review = self.history.document
        return self.entry or log_for(review).latest_for(review.change(self.change_ids[0]))

    def log_undone(self, entry) -> None:
        if entry is not None:
            log_for(self.history.document).undo(entry, self.who)
        self.entry = None


class DecideCommand(LoggedCommand):
    """One decision on one or more changes: a single decide() call, so a single journal to undo.

    `changed(ids)` is told after every redo and undo so the view and list can refresh those changes.
    """

    def __init__(self, review: ReviewDocument, change_ids: list[str], decision: Decision,
                 changed: Callable[[list[str]], None], who: str = ""):
        super().__init__(describe(change_ids, decision))
        self.history = history_for(review)
        self.change_ids = list(change_ids)
        self.decision = decision
        self.changed = changed
        self.who = who

    def redo(self) -> None:
        self.history.apply(self.change_ids, self.decision)
        self.log_done(self.decision)
        self.changed(self.change_ids)

    def undo(self) -> None:
        entry = self.in_force()
        self.history.take_back()
        self.log_undone(entry)
        self.changed(self.change_ids)


class ReviseCommand(LoggedCommand):
    """A new decision on a change decided before (accepted, then rejected): one step, see DecisionHistory."""

    def __init__(self, review: ReviewDocument, change_id: str, decision: Decision | None,
                 changed: Callable[[list[str]], None], who: str = ""):
        super().__init__(describe([change_id], decision))
        self.history = history_for(review)
        self.change_ids = [change_id]
        self.decision = decision
        self.changed = changed
        self.who = who
        self.position: int | None = None  # where in the history the new decision went, known after the first redo
        self.originals: list = []  # the batches after it as they were, for undo

    def redo(self) -> None:
        self.position, self.originals = self.history.revise(self.change_ids[0], self.decision, self.position)
        self.log_done(self.decision)
        # Only this change's text differs: the batches made again after it give the same text as before.
        self.changed(self.change_ids)

    def undo(self) -> None:
        entry = self.in_force()
        self.history.restore(self.position, self.originals)
        self.log_undone(entry)
        self.changed(self.change_ids)


class ResetCommand(ReviseCommand):
    """Reset to Pending: the decision on a change taken back, the later ones kept (DecisionHistory.reset),
    as one undoable step; undone as a revise is."""

    def __init__(self, review: ReviewDocument, change_id: str, changed: Callable[[list[str]], None],
                 who: str = ""):
        super().__init__(review, change_id, None, changed, who)

    def redo(self) -> None:
        self.position, self.originals = self.history.reset(self.change_ids[0], self.position)
        self.log_done(RESET)
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
