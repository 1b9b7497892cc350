"""Review commands beside the per-change ones: Reset to Pending, Accept All / Reject All (whatever the filter
shows), decisions on the changes shown with a report of what they did, File → Close, and Review → Read
Proposals in Italics… for a draft opened without its marker reading."""

from __future__ import annotations

from redliner.core import ChangeSource, Decision, ReviewDocument, Status, parse_rules
from redliner.core.wording import plural

from . import dialogs
from .commands import ResetCommand, can_reset
from .comment_actions import blocks_revision
from .opening import describe_rules

DONE = {Decision.ACCEPT: ("Accepted", Status.ACCEPTED), Decision.REJECT: ("Rejected", Status.REJECTED)}
VERB = {Decision.ACCEPT: "accept", Decision.REJECT: "reject"}


class ReviewActions:
    def __init__(self, window):
        self.window = window
        window.action_set.bind({
            "reset": self.reset_current, "accept_all": lambda: self.decide_all(Decision.ACCEPT),
            "reject_all": lambda: self.decide_all(Decision.REJECT), "close": self.close_review,
            "read_markers": self.read_markers,
        })

    def enable(self, busy: bool) -> None:
        """Read Proposals… only for a draft read without marker rules (not a comparison or combination)."""
        window = self.window
        rules = window.settings.preferences.marker_rules
        action = window.action_set.read_markers
        action.setText(f"Read Proposals {_title(describe_rules(rules))}…")
        review = window.review
        action.setEnabled(not busy and review is not None and not review.markers and review.origin is None
                          and bool(_rules(rules)))

    # -- deciding several changes ----------------------------------------------------------------

    def decide_many(self, change_ids: list[str], decision: Decision) -> int:
        """Decide the changes given as one step and say in the status bar how many it decided."""
        window = self.window
        if window.review is None or window.runner.busy:
            return 0
        verb, status = DONE[decision]
        open_ids = [i for i in change_ids if not window.review.change(i).is_decided]
        if not open_ids:
            window.statusBar().showMessage(f"Nothing to {VERB[decision]}: "
                                           f"{'every change shown' if change_ids else 'no change'} is decided", 8000)
            return 0
        window.decide(open_ids, decision)
        done = sum(window.review.change(i).status == status for i in open_ids)
        window.statusBar().showMessage(f"{verb} {plural(done, 'change')}", 8000)
        return done

    def decide_all(self, decision: Decision) -> int:
        """Every undecided change, shown or filtered out, after a question naming how many."""
        window = self.window
        if window.review is None:
            return 0
        open_ids = [c.id for c in window.review.changes if not c.is_decided]
        if open_ids and not dialogs.confirm(window, f"{VERB[decision].title()} all",
                                            f"{VERB[decision].title()} all {plural(len(open_ids), 'change')}?",
                                            f"{VERB[decision].title()} All"):
            return 0
        return self.decide_many(open_ids, decision)

    # -- taking a decision back ------------------------------------------------------------------

    def reset_current(self) -> bool:
        """The current change back to pending, as one undoable step."""
        window = self.window
        if window.review is None or window.current is None or window.runner.busy:
            return False
        change_id, stack = window.current, window.undo_stack
        if window.review.change(change_id).status == Status.PENDING:
            window.statusBar().showMessage(f"Change {change_id} is pending already", 8000)
            return False
        if not can_reset(window.review, change_id):
            others = ", ".join(f"#{i}" for i in window.review.change(change_id).conflicts_with)
            window.statusBar().showMessage(f"Change {change_id} was decided with the change it conflicts with "
                                           f"({others}): reset that one instead", 8000)
            return False
        if blocks_revision(window, change_id, reset=True):
            return False
        if window._edited_since_decided(change_id):
            window.statusBar().showMessage(f"Change {change_id} was decided before your edits since: undo back to "
                                           "that decision (Ctrl+Z) to reset it", 10000)
            return False
        stack.push(ResetCommand(window.review, change_id, window.changes_updated,
                                window.settings.preferences.reviewer_name))
        window.statusBar().showMessage(f"Change {change_id} is pending again", 8000)
        return True

    # -- closing, reading again ------------------------------------------------------------------

    def close_review(self) -> bool:
        """File → Close: the draft goes (after the unsaved question), the start screen comes back."""
        window = self.window
        if window.review is None or window.runner.busy or not window.confirm_discard():
            return False
        window.locks.release()
        window.path = window.save_path = window.proposal = None
        window.unsaved_result, window.draft = False, None
        window.marker_bar.hide()
        window.show_review(None)
        window.setWindowModified(False)
        window.statusBar().clearMessage()
        return True

    def read_markers(self) -> bool:
        """The open draft read again with the marker rules (after a remembered No, or a No to the bar)."""
        window = self.window
        review, rules = window.review, window.settings.preferences.marker_rules
        if review is None or review.markers or review.origin is not None or not _rules(rules):
            return False
        if not window.confirm_discard():
            return False
        window.undo_stack.setIndex(0)  # the rules read the draft as it was opened
        marked = ReviewDocument(review.package, parse_rules(rules))
        how = describe_rules(rules)
        if not any(c.source == ChangeSource.MARKER for c in marked.changes):
            window.statusBar().showMessage(f"No text {how} in {window.path.name}", 8000)
            return False
        window.draft = None
        window.marker_bar.hide()
        window.show_review(marked)
        window.statusBar().showMessage(f"Text {how} read as proposals: {plural(len(marked.changes), 'change')}",
                                       8000)
        return True


def _rules(text: str) -> list:
    try:
        return parse_rules(text)
    except ValueError:
        return []


def _title(words: str) -> str:
    """'in italics' -> 'in Italics', 'struck through' -> 'Struck Through' (menu capitalisation)."""
    small = {"in", "or", "with"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in words.split())
