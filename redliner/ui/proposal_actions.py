"""Review → Not a Proposal: only for a marker span still open (a tracked change is a change, never emphasis).

The action is enabled for the current change alone, so it follows the current change, the undo stack (a
decision or its undo changes what applies) and the busy state (a save edits the tree off the GUI thread).
"""

from __future__ import annotations

from redliner.core import ChangeSource, Decision, UnknownChangeError


class ProposalActions:
    def __init__(self, window):
        self.window = window
        self.action = window.action_set.not_a_proposal
        self.action.triggered.connect(self.mark_current)
        window.changes.current_changed.connect(self.update)
        window.undo_stack.indexChanged.connect(self.update)
        window.runner.busy_changed.connect(self.update)
        self.update()

    def applies(self) -> bool:
        window = self.window
        if window.review is None or window.current is None or window.runner.busy:
            return False
        try:
            change = window.review.change(window.current)
        except UnknownChangeError:
            return False
        return change.source == ChangeSource.MARKER and not change.is_decided

    def update(self, *_) -> None:
        self.action.setEnabled(self.applies())

    def mark_current(self) -> None:
        if self.applies():
            self.window.decide_current(Decision.NOT_A_PROPOSAL, advance=True)
        self.update()
