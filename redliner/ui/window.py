"""The main window: the document on the left, the change list on the right, decisions through the undo stack."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QProgressBar, QSplitter, QToolBar, QVBoxLayout, QWidget

from redliner.core import Decision, ReviewDocument, parse_rules
from redliner.core.review.model import STATUS_AFTER
from redliner.core.wording import plural

from . import context_menu, dialogs
from .actions import DECISIONS, VIEW_MODES, Actions
from .change_list import ChangeList
from .colours import author_colours
from .commands import DecideCommand, ReviseCommand
from .comment_actions import CommentActions, blocks_revision
from .compare_actions import CompareActions
from .detail_pane import DetailPane
from .document_view import DocumentView
from .editing import EditController
from .export_actions import ExportActions
from .files import FileOperations
from .list_feedback import ListFeedback
from .locking import LockKeeper
from .marker_bar import MarkerBar
from .proposal_actions import ProposalActions
from .recovery import Recovery
from .render import ViewMode
from .review_actions import ReviewActions
from .settings import MARKER_NO, MARKER_YES, Settings
from .settings_dialog import SettingsDialog
from .start_screen import StartScreen

MODES = {"markup": ViewMode.MARKUP, "final": ViewMode.FINAL, "original": ViewMode.ORIGINAL}
READABLE_CHARACTERS = 38  # the document pane's narrowest width, in average characters
BULK = 200  # decisions on more changes than this show a wait cursor
NEEDS_REVIEW = ("save", "save_as", "save_clean", "compare", "close", "next", "previous", *DECISIONS, "find",
                *VIEW_MODES, "edit_mode", "export", "print")


class MainWindow(FileOperations, QMainWindow):
    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings.load()
        self.review: ReviewDocument | None = None
        self.path: Path | None = None
        self.save_path: Path | None = None  # where Ctrl+S writes the marked-up copy, once chosen
        self.proposal: Path | None = None  # the name proposed for a comparison's or combination's first save
        self.unsaved_result = False  # a comparison or combination not saved yet
        self.draft = None  # the OpenedDraft whose marker question is pending
        self.current: str | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)  # a method: disconnected on destruction
        self.action_set = Actions(self, self.undo_stack)
        self._build()
        self.init_files()
        self.locks = LockKeeper(self)
        self.recovery = Recovery(self)
        self.compare_actions = CompareActions(self)
        self.export_actions = ExportActions(self)  # the decision log's and comments' hooks go here at merge
        self.review_actions = ReviewActions(self)
        self.detail = DetailPane.install(self)
        self.start_screen = StartScreen.install(self)
        self.list_feedback = ListFeedback(self.changes)
        context_menu.install(self)
        self._bind()
        self.proposal_actions = ProposalActions(self)
        self.editing = EditController(self)
        self.comment_actions = CommentActions(self)
        self.setAcceptDrops(True)
        self._update_title()
        self._restore_geometry()
        self._enable()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.view = DocumentView(self)
        self.changes = ChangeList(self)
        self.marker_bar = MarkerBar(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.changes)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 660])
        # In a small window the list gives way first: the document keeps room for a readable line.
        self.view.setMinimumWidth(self.view.fontMetrics().averageCharWidth() * READABLE_CHARACTERS)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.marker_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        toolbar = QToolBar("Review", self)
        toolbar.setObjectName("reviewToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.action_set.fill_toolbar(toolbar)
        self.addToolBar(toolbar)
        self.action_set.fill_menus(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy indicator: no known length
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.reviewer = QLabel(self)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.reviewer)
        self.resize(1400, 860)

    def _bind(self) -> None:
        a = self.action_set
        a.bind({
            "next": lambda: self.step(1), "previous": lambda: self.step(-1),
            "accept_next": lambda: self.decide_current(Decision.ACCEPT, advance=True),
            "reject_next": lambda: self.decide_current(Decision.REJECT, advance=True),
            "accept": lambda: self.decide_current(Decision.ACCEPT),
            "reject": lambda: self.decide_current(Decision.REJECT),
            "set_aside": lambda: self.decide_current(Decision.SKIP, advance=True),
            "accept_shown": lambda: self.decide_shown(Decision.ACCEPT),
            "reject_shown": lambda: self.decide_shown(Decision.REJECT),
            "find": self._focus_filter, "focus_list": self.changes.table.setFocus,
            "focus_view": self.view.setFocus, "settings": self.edit_settings, "quit": self.close,
            "shortcuts": lambda: dialogs.ShortcutsDialog(self).exec(), "about": lambda: dialogs.about(self),
        })
        for name, mode in MODES.items():
            a[name].triggered.connect(lambda _=False, m=mode: self.set_mode(m))
        for action, undone in ((a.undo, True), (a.undo_button, True), (a.redo, False), (a.redo_button, False)):
            action.triggered.connect(lambda _=False, back=undone: self._show_stepped(back))  # after the stack's
        self.changes.current_changed.connect(self._list_selected)
        self.changes.rows_settled.connect(self._rows_settled)
        self.changes.filters.changed.connect(lambda: self.changes.select(self.current))  # shown again: selected
        self.view.change_under_cursor.connect(self._cursor_on_change)
        self.changes.table.customContextMenuRequested.connect(self._list_menu)
        self.marker_bar.answered.connect(self._marker_answered)
        self.marker_bar.settings_requested.connect(self.edit_settings)
        self.runner.busy_changed.connect(self._busy)

    def _restore_geometry(self) -> None:
        if self.settings.state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.state.geometry.encode("ascii")))

    def remember_geometry(self) -> None:
        self.settings.state.geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")

    # -- showing a review ------------------------------------------------------------------------

    def show_review(self, review: ReviewDocument | None, recoverable: bool = True) -> None:
        gc.unfreeze()  # the review shown before may go now (see the end)
        self.recovery.end()
        self.undo_stack.clear()
        self.editing.forget()
        self.review = review
        self.recovery.begin(review, recoverable)
        self.current = None
        self.changes.set_review(review)
        colours = author_colours({c.author for c in review.changes} if review else (),
                                 self.settings.preferences.author_colours)
        self.view.current = None
        self.view.show_review(review, self._mode(), colours)
        self.comment_actions.show_review(review)
        self._update_title()
        self._enable()
        self.go_to(self.changes.next_pending(None, 1) or self.changes.neighbour(None, 1))  # the first pending
        # The review's hundreds of thousands of objects live as long as it is shown: kept out of the cyclic
        # collector's full passes, which would otherwise pause a keystroke now and then (5-15 ms at 500 pages).
        gc.freeze()

    def _mode(self) -> ViewMode:
        return next(m for n, m in MODES.items() if self.action_set[n].isChecked())

    def set_mode(self, mode: ViewMode) -> None:
        name = next(n for n, m in MODES.items() if m == mode)
        self.action_set[name].setChecked(True)
        self.view.set_mode(mode)

    def go_to(self, change_id: str | None) -> None:
        """Make a change current: selected in the list, highlighted and scrolled to in the view."""
        if change_id is None or self.review is None:
            return
        self.current = change_id
        self.changes.select(change_id)
        self.view.show_change(change_id)

    def _list_selected(self, change_id: str) -> None:
        if change_id != self.current:
            self.go_to(change_id)

    def _rows_settled(self, _previous: str) -> None:
        """Rows followed the edits: the current change's row selected again, none if an edit took it away
        (the caret stays where the reader is typing)."""
        if not self.changes.select(self.current):
            self.changes.clear_current()

    def _cursor_on_change(self, change_id: str) -> None:
        """The reader moved the text cursor onto a change: select it, leave the cursor where it is."""
        self.current = change_id
        self.changes.select(change_id)
        self.view.mark_current(change_id)

    def step(self, direction: int, was_at: int | None = None) -> None:
        """Next or Previous: the nearest pending change in the list's order and filter; at the end of the list,
        offer to go round. `was_at`: the current change's row before a decision the filter now hides."""
        self.changes.settle_rows()
        target = self.changes.next_pending(self.current, direction, was_at)
        if target is None:
            target = self._go_round(direction)
        if target is not None:
            self.go_to(target)

    def _go_round(self, direction: int) -> str | None:
        others = [i for i in self.changes.pending_shown() if i != self.current]
        if not others:
            shown = len(self.changes.shown_ids())
            every = "changes" if shown == len(self.review.changes) else "shown changes"
            done = "decided" if not self.changes.pending_shown() else "decided but this one"
            self.statusBar().showMessage(f"All {shown} {every} {done}", 8000)
            return None
        if not dialogs.ask_wrap(self, len(others), direction > 0):
            return None
        return others[0] if direction > 0 else others[-1]

    # -- deciding --------------------------------------------------------------------------------

    def decide(self, change_ids: list[str], decision: Decision) -> None:
        """One undo step; a change already decided this way is left out (nothing to do, nothing recorded), and
        a single change decided the other way gets the new decision."""
        if self.review is None or not change_ids or self.runner.busy:
            return
        self.changes.settle_rows()  # rows an edit just added: decided like any other
        status = STATUS_AFTER[decision]
        changes = [self.review.change(i) for i in change_ids]
        if len(changes) == 1 and changes[0].is_decided and changes[0].status != status:
            if self._edited_since_decided(change_ids[0]):
                self.statusBar().showMessage(f"Change {change_ids[0]} was decided before your edits since: undo "
                                             "back to that decision (Ctrl+Z) to decide it again", 10000)
                return
            if blocks_revision(self, change_ids[0]):
                return
            self.undo_stack.push(ReviseCommand(self.review, change_ids[0], decision, self.changes_updated,
                                               self.settings.preferences.reviewer_name))
            return
        change_ids = [c.id for c in changes if not c.is_decided and c.status != status]
        if not change_ids:
            return
        command = DecideCommand(self.review, change_ids, decision, self.changes_updated,
                                self.settings.preferences.reviewer_name)
        if len(change_ids) < BULK:
            self.undo_stack.push(command)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # thousands of changes take seconds
        try:
            self.undo_stack.push(command)
        finally:
            QApplication.restoreOverrideCursor()

    def _edited_since_decided(self, change_id: str) -> bool:
        """An edit on the stack after the step that decided the change: re-deciding would take back and remake
        the decisions since, but an edit's place in the text depends on them, so it cannot be remade."""
        stack = self.undo_stack
        for index in range(stack.index() - 1, -1, -1):
            command = stack.command(index)
            if hasattr(command, "caret"):  # an EditCommand
                return True
            if change_id in getattr(command, "change_ids", ()):
                return False
        return False

    def decide_current(self, decision: Decision, advance: bool = False) -> None:
        if self.current is None:
            return
        decided, row = self.current, self.changes.shown_row(self.current)
        self.decide([decided], decision)
        self.current = decided  # the list may have dropped it (a pending filter): the step starts from it
        if advance:
            self.step(1, was_at=row)
        else:
            self.go_to(decided)
        if self.changes.shown_row(self.current) is None:  # hidden by the filter, nothing followed: stay at its row
            self.go_to(self.changes.current_id())

    def _show_stepped(self, undone: bool) -> None:
        """After Undo or Redo: the change it touched becomes current and is scrolled to, as in Word."""
        stack = self.undo_stack
        command = stack.command(stack.index() if undone else stack.index() - 1)
        if command is None or self.review is None or not command.change_ids:  # a comment on no change
            return
        if hasattr(command, "caret"):  # an edit: its command put the caret back where the edit was
            return
        rows = {i: self.changes.shown_row(i) for i in command.change_ids}
        shown = [i for i, row in rows.items() if row is not None]
        self.go_to(min(shown, key=rows.get) if shown else command.change_ids[0])

    def decide_shown(self, decision: Decision) -> None:
        self.review_actions.decide_many(self.changes.shown_ids(), decision)

    def changes_updated(self, change_ids: list[str]) -> None:
        # Accepting one side of a conflict rejects the other sides: their rows and text change too.
        change_ids = list(dict.fromkeys([*change_ids, *(other for i in change_ids
                                                        for other in self.review.change(i).conflicts_with)]))
        self.changes.refresh(change_ids)
        self.view.refresh(change_ids)
        if self.current and self.changes.select(self.current):
            return
        # The filter hid it: the list's current row, else (no row left) it stays current, so A still works.
        self.current = self.changes.current_id() or self.current
        self.view.show_change(self.current)

    # -- marker question -------------------------------------------------------------------------

    def _marker_answered(self, treat_as_proposals: bool, remember: bool) -> None:
        draft, self.draft = self.draft, None
        self.view.setFocus()  # the bar's buttons are gone: keys go back to the review
        prefs = self.settings.preferences
        if remember:
            prefs.marker_answer = MARKER_YES if treat_as_proposals else MARKER_NO
            self.settings.save()
        if treat_as_proposals and draft is not None and self.review is draft.review:
            marked = draft.marker_review
            if prefs.marker_rules != draft.marker_rules:  # changed in Settings meanwhile
                marked = ReviewDocument(draft.review.package, parse_rules(prefs.marker_rules))
            marked.name_drafter(self.marker_bar.drafter_name())
            self.show_review(marked)
            self.statusBar().showMessage(f"Marked text read as proposals: {plural(len(marked.changes), 'change')}",
                                         8000)
        elif draft is not None:
            self.statusBar().showMessage("Marked text left as it is", 8000)

    def edit_settings(self) -> None:
        authors = sorted({c.author for c in self.review.changes}) if self.review else []
        dialog = SettingsDialog(self.settings.preferences, authors, self)
        if dialog.exec():
            dialog.apply_to(self.settings.preferences)
            self.settings.save()
            self._update_title()
            self._enable()
            if self.review is not None:
                self.view.colours = author_colours({c.author for c in self.review.changes},
                                                   self.settings.preferences.author_colours)
                self.view.show_review(self.review)

    # -- small things ----------------------------------------------------------------------------

    def _update_title(self) -> None:
        shown = self.proposal or self.path
        name = shown.name if shown else "No draft"
        read_only = " (read-only)" if self.locks.read_only else ""
        self.setWindowTitle(f"{name}{read_only}[*] — Redliner")
        self.reviewer.setText(f"Reviewer: {self.settings.preferences.reviewer_name or '—'}")

    def _enable(self) -> None:
        """While a task runs nothing may touch the tree: a save edits it on the worker thread and undoes."""
        busy = self.runner.busy
        self.action_set.set_enabled(NEEDS_REVIEW, self.review is not None and not busy)
        self.action_set.set_enabled(("open", "combine", "settings"), not busy)
        a = self.action_set
        for action, can in ((a.undo, self.undo_stack.canUndo()), (a.redo, self.undo_stack.canRedo()),
                            (a.undo_button, self.undo_stack.canUndo()), (a.redo_button, self.undo_stack.canRedo())):
            action.setEnabled(can and not busy)
        self.marker_bar.setEnabled(not busy)
        self.review_actions.enable(busy)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean or self.unsaved_result)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._enable()

    def _focus_filter(self) -> None:
        self.changes.filters.text.setFocus()
        self.changes.filters.text.selectAll()

    def _list_menu(self, point) -> None:
        self.action_set.list_menu(self).popup(self.changes.table.viewport().mapToGlobal(point))

    def closeEvent(self, event) -> None:
        if self.runner.busy:
            self.runner.wait()
        if not self.confirm_discard():
            event.ignore()
            return
        self.recovery.end()  # a clean close: nothing to restore
        self.locks.release()
        self.remember_geometry()
        self.settings.save()
        event.accept()
