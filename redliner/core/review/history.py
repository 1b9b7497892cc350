"""The decisions applied to a document, in the order their edits sit in its tree, each with its journal.

A journal undoes exactly only newest first (its edits are recorded against the neighbours they had). So a new
decision on a change decided earlier cannot just undo that old decision: the batches since are taken back,
the change is decided anew, and those batches are made again (without that change). The tree is then what
deciding the change this way in the first place gives, and replaying `batches()` with ReviewDocument.decide
rebuilds it (crash recovery relies on that).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from redliner.core.review.document import ReviewDocument
from redliner.core.review.journal import Journal
from redliner.core.review.model import Decision

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

    def revise(self, change_id: str, decision: Decision, position: int | None = None) -> tuple[int, list]:
        """Decide a change that is decided already: the batches since its decision are taken back (since
        `position`, when redoing), the change decided, and those batches made again without it (a later bulk
        step must not undo the new decision). Returns the position and the batches as they were, for restore."""
        change = self.document.change(change_id)
        if position is None:
            since = []
            while change.is_decided and self.applied:
                since.append(self.take_back())
            position = len(self.applied)
        else:
            since = self._take_back_to(position)
        return position, self._remake(change_id, decision, since)

    def reset(self, change_id: str, position: int | None = None) -> tuple[int, list]:
        """Reset to Pending: a revise to no decision. The batches from the first that named the change are taken
        back and made again without it; undone with restore, like a revise."""
        if position is None:
            position = self.first_naming(change_id)
            if position is None:
                raise ValueError(f"no decision named change {change_id}")
        return position, self._remake(change_id, None, self._take_back_to(position))

    def first_naming(self, change_id: str) -> int | None:
        """The position of the first batch that names the change; None when none does (a change decided only
        by accepting the change it conflicts with)."""
        return next((i for i, (ids, _, _) in enumerate(self.applied) if change_id in ids), None)

    def _remake(self, change_id: str, decision: Decision | None, since: list) -> list[tuple[list[str], Decision]]:
        """The change decided (left pending for None), then the batches taken back (newest first in `since`)
        made again without it; returns them as they were."""
        originals = since[::-1]
        if decision is not None:
            self.apply([change_id], decision)
        for ids, later in originals:
            ids = [i for i in ids if i != change_id]
            if ids:  # a batch of that change alone has nothing left to do
                self.apply(ids, later)
        return originals

    def restore(self, position: int, originals: list[tuple[list[str], Decision]]) -> None:
        """Undo a revise: its batch and those made again go, the batches as they were come back."""
        self._take_back_to(position)
        for ids, decision in originals:
            self.apply(ids, decision)

    def _take_back_to(self, position: int) -> list[tuple[list[str], Decision]]:
        """Undo the batches from the newest down to `position`; returned newest first."""
        return [self.take_back() for _ in range(len(self.applied) - position)]
