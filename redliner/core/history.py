"""The decisions applied to a document, in the order their edits sit in its tree, each with its journal.

A journal undoes exactly only newest first (its edits are recorded against the neighbours they had). So a new
decision on a change decided earlier cannot just undo that old decision: the batches since are taken back,
the change is decided anew, and those batches are made again. The tree is then what deciding the change this
way in the first place gives, and replaying `batches()` with ReviewDocument.decide rebuilds it (crash
recovery relies on that).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from .document import ReviewDocument
from .journal import Journal
from .model import Decision

_HISTORIES: WeakKeyDictionary = WeakKeyDictionary()


def history_for(document: ReviewDocument) -> DecisionHistory:
    """The one history of a document's decisions (made on first use)."""
    history = _HISTORIES.get(document)
    if history is None:
        history = _HISTORIES[document] = DecisionHistory(document)
    return history


class DecisionHistory:
    def __init__(self, document: ReviewDocument):
        self.document = document
        self.applied: list[tuple[list[str], Decision, Journal]] = []

    def batches(self) -> list[tuple[list[str], Decision]]:
        return [(ids, decision) for ids, decision, _ in self.applied]

    def apply(self, change_ids: list[str], decision: Decision) -> None:
        self.applied.append((list(change_ids), decision, self.document.decide(change_ids, decision)))

    def adopt(self, change_ids: list[str], decision: Decision, journal: Journal) -> None:
        """A batch already decided (replayed by a restore), with its journal."""
        self.applied.append((list(change_ids), decision, journal))

    def take_back(self) -> tuple[list[str], Decision]:
        """Undo the newest batch."""
        ids, decision, journal = self.applied.pop()
        self.document.undo(journal)
        return ids, decision

    def revise(self, change_id: str, decision: Decision) -> int:
        """Decide a change that is decided already; returns the position its new batch took."""
        change = self.document.change(change_id)
        since = []
        while change.is_decided and self.applied:
            since.append(self.take_back())
        position = len(self.applied)
        self._apply_then([change_id], decision, reversed(since))
        return position

    def insert(self, position: int, change_ids: list[str], decision: Decision) -> None:
        """Apply a batch at `position`, as if it had been decided there (the redo of a revise)."""
        self._apply_then(change_ids, decision, reversed(self._take_back_to(position)))

    def remove(self, position: int) -> None:
        """Take the batch at `position` out, keeping those after it (the undo of a revise)."""
        since = self._take_back_to(position)
        since.pop()  # the batch at position: not made again
        for ids, decision in reversed(since):
            self.apply(ids, decision)

    def _take_back_to(self, position: int) -> list[tuple[list[str], Decision]]:
        """Undo the batches from the newest down to `position`; returned newest first."""
        return [self.take_back() for _ in range(len(self.applied) - position)]

    def _apply_then(self, change_ids, decision, following) -> None:
        self.apply(change_ids, decision)
        for ids, later in following:
            self.apply(ids, later)
