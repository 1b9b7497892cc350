"""Opening and saving for the main window: off the GUI thread, with the engine's errors shown as messages."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from redliner.core.comments.read import read_comments
from redliner.core.session.decision_log import log_for, save_clean, save_marked_up
from redliner.core.wording import plural

from . import clean_copy_dialog, dialogs
from .opening import OpenedDraft, open_draft
from .worker import TaskRunner


class FileOperations:
    """Mixed into MainWindow (which provides review, path, settings, undo_stack, show_review...)."""

    def init_files(self: QMainWindow) -> None:
        self.runner = TaskRunner(self)
        self.action_set.bind({"open": self.choose_and_open, "save": self.save, "save_as": self.save_as,
                           "save_clean": self.save_clean})
        self.action_set.recent_menu.aboutToShow.connect(self._fill_recent)

    # -- opening ---------------------------------------------------------------------------------

    def choose_and_open(self) -> None:
        folder = str(self.path.parent) if self.path else ""
        path = dialogs.choose_draft(self, folder)
        if path:
            self.open_file(path)

    def open_file(self, path) -> bool:
        """Start reading a draft; False when the user kept the current one or another task is running."""
        if self.runner.busy or not self.confirm_discard():
            return False
        autosaved = self.recovery.autosave_for(path)
        if autosaved is not None and self.recovery.offer(autosaved, confirmed=True):
            return True
        if not self.locks.claim(path):
            return False
        prefs = self.settings.preferences
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        return self.runner.start(partial(open_draft, path, prefs.marker_rules, prefs.marker_answer),
                                 f"Could not open {Path(path).name}", self._opened,
                                 partial(self._open_failed, Path(path)))

    def _opened(self, draft: OpenedDraft) -> None:
        self.show_opened(draft.path, draft.review)
        self.draft = draft if draft.marker_review is not None else None
        message = f"Opened {draft.path.name}: {plural(len(draft.review.changes), 'change')}"
        if draft.review.warnings:
            message += f" ({plural(len(draft.review.warnings), 'warning')}: {draft.review.warnings[0]})"
        self.statusBar().showMessage(message, 8000)
        if self.draft is not None:
            self.marker_bar.ask(draft.marker_rules, len(draft.marker_review.pending()),
                                draft.marker_review.last_modified_by())

    def show_opened(self, path: Path, review) -> None:
        """A draft read from a file (or restored after a crash): locked, autosaved, remembered."""
        self.locks.opened()
        self.path, self.save_path, self.proposal, self.unsaved_result = path, None, None, False
        self.draft = None
        self.marker_bar.hide()
        self.show_review(review)
        self.undo_stack.setClean()
        self.settings.add_recent(path)
        self.settings.save()

    def _open_failed(self, path: Path, message: str) -> None:
        self.locks.failed()
        self.statusBar().clearMessage()
        if not path.exists():  # a recent file moved or deleted: stop offering it
            self.settings.forget_recent(path)
            self.settings.save()
        dialogs.show_error(self, "Could not open the draft", message)

    def _fill_recent(self) -> None:
        menu = self.action_set.recent_menu
        menu.clear()
        for file in self.settings.state.recent_files:
            menu.addAction(Path(file).name, partial(self.open_file, file)).setToolTip(file)
        if menu.isEmpty():
            menu.addAction("(none)").setEnabled(False)

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Ctrl+S: the marked-up copy, to the name chosen the first time (proposed beside the original)."""
        if self.review is None:
            return False
        if self.save_path is None or self.locks.protects(self.save_path):
            return self.save_as()
        return self._write(self.save_path, partial(self._write_marked_up, self.save_path), mark_clean=True)

    def save_as(self) -> bool:
        if self.review is None:
            return False
        proposal = self.save_path or self.proposal or dialogs.proposed_name(self.path, "reviewed")
        target = dialogs.choose_output(self, "Save marked-up copy", proposal)
        if target is None or self._refuse_read_only(target):
            return False
        self.save_path = target
        return self._write(target, partial(self._write_marked_up, target), mark_clean=True)

    def save_clean(self) -> bool:
        if self.review is None:
            return False
        comments, log_entries = len(read_comments(self.review).comments), len(log_for(self.review).entries)
        # Both boxes start unticked every time: a clean copy is the text to publish, and a tick remembered from
        # an earlier save would carry the team's discussion into one by mistake.
        choice = clean_copy_dialog.ask_clean_copy(self, len(undecided_for_clean(self.review)), comments,
                                                  log_entries, False, False)
        if choice is None:
            return False
        target = dialogs.choose_output(self, "Save clean copy", dialogs.proposed_name(self.path, "clean"))
        if target is None or self._refuse_read_only(target):
            return False
        return self._write(target, partial(save_clean, self.review, target, choice.undecided,
                                           keep_log=choice.keep_log, keep_comments=choice.keep_comments,
                                           overwrite_input=not self.locks.read_only))

    def _write_marked_up(self, target: Path) -> None:
        save_marked_up(self.review, target, overwrite_input=not self.locks.read_only)

    def _refuse_read_only(self, target: Path) -> bool:
        """A read-only review never writes over the draft someone else has open."""
        if not self.locks.protects(target):
            return False
        dialogs.show_error(self, "Read-only review", f"{target.name} is open elsewhere and reviewed read-only: "
                           "save your copy under a new name.")
        return True

    def _write(self, target: Path, work, mark_clean: bool = False) -> bool:
        """Write on the thread pool. Decisions are disabled meanwhile: writers edit the tree and undo it."""
        self.statusBar().showMessage(f"Saving {target.name}…")
        return self.runner.start(work, f"Could not save {target.name}",
                                 partial(self._saved, target, mark_clean), self._save_failed)

    def _saved(self, target: Path, mark_clean: bool, _result) -> None:
        if mark_clean:
            self.unsaved_result = False
            self.undo_stack.setClean()
            self.setWindowModified(False)
            self.recovery.saved()
        self.statusBar().showMessage(f"Saved {target}", 8000)

    def _save_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        dialogs.show_error(self, "Could not save", message)

    def confirm_discard(self) -> bool:
        """True when nothing unsaved would be lost (saving first if the user asks)."""
        if self.review is None or not self.isWindowModified():
            return True
        if self.unsaved_result and self.undo_stack.isClean():  # a comparison or combination, nothing decided
            kind = "comparison" if self.review.origin and self.review.origin.kind == "compare" else "combination"
            answer = dialogs.ask_unsaved_result(self, kind, self.proposal.name if self.proposal else "a copy")
        else:
            answer = dialogs.ask_unsaved(self, self.path.name if self.path else "this draft")
        if answer == dialogs.SAVE:
            if not self.save():
                return False
            self.runner.wait()
            from PySide6.QtWidgets import QApplication
            QApplication.processEvents()  # deliver the "saved" report, which marks the stack clean
            return not self.isWindowModified()
        return answer == dialogs.DISCARD

    # -- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if _dropped_docx(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        path = _dropped_docx(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.open_file(path)


def undecided_for_clean(review) -> list:
    """What a clean copy must still resolve: pending and skipped changes (a marker span that is not a proposal
    stays as typed)."""
    return [c for c in review.changes if not c.is_decided]


def _dropped_docx(mime) -> str | None:
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".docx"):
            return url.toLocalFile()
    return None
