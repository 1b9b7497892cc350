"""File → Compare with Base… and File → Combine Reviewers' Copies…: the engine's compare and combine run off
the GUI thread, their result shown as a new, unsaved review. It holds no lock (it is not a file yet); its
decisions are autosaved like a draft's, and a restore makes the comparison again from the same files."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from redliner.core import ReviewDocument, parse_rules
from redliner.core.comparison.combine import combine
from redliner.core.comparison.compare import compare
from redliner.core.wording import plural

from . import dialogs
from .settings import MARKER_YES


class CompareActions:
    def __init__(self, window):
        self.window = window
        window.action_set.bind({"compare": self.compare_with_base, "combine": self.combine_copies})

    # -- compare -----------------------------------------------------------------------------------

    def compare_with_base(self) -> bool:
        """The draft shown is DRAFT; the reviewer picks BASE. False when nothing was started."""
        window = self.window
        if window.review is None or window.path is None:
            return False
        return self.compare_draft(window.path)

    def compare_draft(self, draft: Path) -> bool:
        """Compare `draft` (the one shown, or one picked on the start screen) with a base the reviewer picks."""
        window = self.window
        if window.runner.busy:
            return False
        base = dialogs.choose_draft(window, str(draft.parent), f"Choose the base version to compare {draft.name} with")
        if not base or not window.confirm_discard():
            return False
        prefs = window.settings.preferences
        # The drafter named for the draft shown; a draft picked on the start screen has none named yet.
        drafter = window.review.named_drafter if window.review is not None and window.path == draft else ""
        work = partial(compare, base, draft, author=prefs.reviewer_name or None, markers=self._markers(),
                       report_formatting=prefs.compare_formatting, drafter=drafter or None)
        window.statusBar().showMessage(f"Comparing {draft.name} with {Path(base).name}…")
        return window.runner.start(work, f"Could not compare {draft.name} with {Path(base).name}",
                                   partial(self._compared, draft, Path(base)),
                                   partial(self._failed, "Could not compare"))

    def _markers(self):
        """The marker rules of Settings when markers are on (the draft was read with them, or always are)."""
        prefs = self.window.settings.preferences
        review = self.window.review
        if (review is not None and review.markers) or prefs.marker_answer == MARKER_YES:
            return parse_rules(prefs.marker_rules) or None
        return None

    def _compared(self, draft: Path, base: Path, review: ReviewDocument) -> None:
        found = sum(1 for c in review.changes if c.source.value == "compare")
        self.show_result(review, f"Compared {draft.name} with {base.name}: {plural(found, 'difference')}")

    # -- combine -----------------------------------------------------------------------------------

    def combine_copies(self) -> bool:
        window = self.window
        if window.runner.busy:
            return False
        folder = str(window.path.parent) if window.path else ""
        base = dialogs.choose_draft(window, folder, "Choose the base version the reviewers started from")
        if not base:
            return False
        copies = [c for c in dialogs.choose_copies(window, str(Path(base).parent)) if Path(c) != Path(base)]
        if not copies or not window.confirm_discard():
            return False
        base = Path(base)
        window.statusBar().showMessage(f"Combining {plural(len(copies), 'copy', 'copies')} of {base.name}…")
        return window.runner.start(partial(combine, base, copies), f"Could not combine the copies of {base.name}",
                                   partial(self._combined, base, len(copies)),
                                   partial(self._failed, "Could not combine the copies"))

    def _combined(self, base: Path, copies: int, review: ReviewDocument) -> None:
        conflicts = sum(1 for c in review.changes if c.conflicts_with)
        message = f"Combined {plural(copies, 'copy', 'copies')} of {base.name}: {plural(len(review.changes), 'change')}"
        self.show_result(review, message + (f", {conflicts} in conflict" if conflicts else ""))

    # -- showing the result ------------------------------------------------------------------------

    def show_result(self, review: ReviewDocument, message: str) -> None:
        """Show a comparison or combination (fresh, or restored after a crash) as an unsaved review."""
        window, origin = self.window, review.origin
        window.locks.release()
        source = Path(origin.inputs[1] if origin.kind == "compare" else origin.inputs[0])
        window.path, window.save_path, window.proposal = source, None, origin.result_path
        window.draft = None
        window.marker_bar.hide()
        window.show_review(review)
        window.unsaved_result = True
        window.setWindowModified(True)
        window.statusBar().showMessage(message, 8000)

    def _failed(self, title: str, message: str) -> None:
        self.window.statusBar().clearMessage()
        dialogs.show_error(self.window, title, message)
