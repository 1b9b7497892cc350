"""Every command of the window as a QAction: text, keys, and where it appears (menus, toolbar, list menu).

SHORTCUTS is the one table of keys; the Help dialog and README's "Keyboard" section are made from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar


@dataclass(frozen=True)
class Spec:
    text: str
    keys: tuple[str, ...] = ()
    tip: str = ""


SPECS: dict[str, Spec] = {
    "open": Spec("&Open…", ("Ctrl+O",), "Open a Word draft"),
    "save": Spec("&Save Marked-up", ("Ctrl+S",), "Save decisions; undecided changes stay as tracked changes"),
    "save_as": Spec("Save Marked-up &As…", ("Ctrl+Shift+S",), "Save the marked-up copy under a new name"),
    "save_clean": Spec("Save &Clean Copy…", ("Ctrl+Shift+E",), "Save a copy with every change resolved"),
    "export": Spec("E&xport Meeting Copy…", (), "The marked-up text, numbered, with a cover and a summary of the "
                   "changes, as PDF or HTML"),
    "print": Spec("&Print…", ("Ctrl+P",), "Print the meeting copy (with a preview)"),
    "compare": Spec("Compare &with Base…", (), "Compare this draft with an earlier version: differences as changes"),
    "combine": Spec("Com&bine Reviewers' Copies…", (), "Merge several reviewers' copies of a base into one review"),
    "close": Spec("C&lose", ("Ctrl+W",), "Close the draft and go back to the start screen"),
    "settings": Spec("S&ettings…", ("Ctrl+,",), "Reviewer name, marker rules, author colours"),
    "quit": Spec("&Quit", ("Ctrl+Q",), "Close Redliner"),
    "next": Spec("&Next Change", ("N", "Alt+Down"), "Go to the next change in the list"),
    "previous": Spec("&Previous Change", ("P", "Alt+Up"), "Go to the previous change in the list"),
    "accept_next": Spec("Accept and Next", ("A",), "Accept the current change and go to the next"),
    "reject_next": Spec("Reject and Next", ("R",), "Reject the current change and go to the next"),
    "accept": Spec("&Accept", ("Ctrl+Shift+A",), "Accept the current change"),
    "reject": Spec("&Reject", ("Ctrl+Shift+R",), "Reject the current change"),
    # The key stays "set_aside" (other modules reuse the action): Skip is what Set Aside meant for a change.
    "set_aside": Spec("S&kip", ("S",), "Leave the current change undecided for later and go to the next"),
    "not_a_proposal": Spec("Not a Pr&oposal", (), "The marked text is real emphasis, not a proposal: keep it "
                           "as it is, out of the review (remembered in the saved copy)"),
    "reset": Spec("R&eset to Pending", (), "Take the decision on the current change back: pending again"),
    "accept_shown": Spec("Accept All &Shown", ("Ctrl+Alt+A",), "Accept every change the list shows"),
    "reject_shown": Spec("Reject All Sho&wn", ("Ctrl+Alt+R",), "Reject every change the list shows"),
    "accept_all": Spec("Accept A&ll…", (), "Accept every change, whatever the list shows"),
    "reject_all": Spec("Reject All…", (), "Reject every change, whatever the list shows"),
    "read_markers": Spec("Read Proposals in &Italics…", (), "Read text the marker rules match as proposed changes"),
    "edit_mode": Spec("&Edit Mode", ("Ctrl+E",), "Type in the document: your edits are tracked changes "
                      "(letters type; the review keys A, R, S, N, P wait until Edit mode is off)"),
    "italic_proposals": Spec("Propose in &Italics", (), "Write what you type as italic text (and deletions as "
                             "strikethrough with the strike rule), the way the team marks proposals by hand"),
    "new_comment": Spec("&New Comment…", ("Ctrl+Alt+M",), "Comment on the selected text, or on the current change"),
    "reply_comment": Spec("&Reply…", (), "Reply to the comment selected in the Comments pane"),
    "edit_comment": Spec("&Edit Comment…", (), "Change the text of your own comment"),
    "resolve_comment": Spec("Re&solve Thread", (), "Mark the selected comment's thread resolved, or open it again"),
    "delete_thread": Spec("&Delete Thread", (), "Delete the selected comment's thread, replies and all"),
    "find": Spec("&Filter Changes", ("Ctrl+F",), "Type to filter the change list"),
    "focus_list": Spec("Go to Change &List", ("Ctrl+L",), "Move the keyboard focus to the change list"),
    "focus_view": Spec("Go to &Document", ("Ctrl+D",), "Move the keyboard focus to the document"),
    "markup": Spec("&Markup", ("Ctrl+1",), "Show insertions and deletions"),
    "final": Spec("&Final", ("Ctrl+2",), "Show the text as if every pending change were accepted"),
    "original": Spec("&Original", ("Ctrl+3",), "Show the text as if every pending change were rejected"),
    "shortcuts": Spec("&Keyboard Shortcuts", ("F1",), "List the keyboard shortcuts"),
    "about": Spec("&About Redliner"),
}
UNDO_KEYS, REDO_KEYS = ("Ctrl+Z",), ("Ctrl+Shift+Z", "Ctrl+Y")
VIEW_MODES = ("markup", "final", "original")
DECISIONS = ("accept_next", "reject_next", "accept", "reject", "set_aside", "reset", "accept_shown", "reject_shown",
             "accept_all", "reject_all")


def shortcut_table() -> list[tuple[str, str]]:
    """(command, keys) for every action with keys, undo and redo included, in menu order."""
    rows = [(_plain(SPECS[n].text), " or ".join(SPECS[n].keys)) for n in SPECS if SPECS[n].keys]
    after_file = [command for command, _ in rows].index(_plain(SPECS["quit"].text)) + 1
    rows.insert(after_file, ("Undo", " or ".join(UNDO_KEYS)))
    rows.insert(after_file + 1, ("Redo", " or ".join(REDO_KEYS)))
    return rows


def _plain(text: str) -> str:
    return text.replace("&", "").replace("…", "")


class Actions:
    """The window's QActions by name (`actions.accept_next`...), plus undo/redo from the undo stack."""

    def __init__(self, window: QMainWindow, undo_stack):
        self.by_name: dict[str, QAction] = {}
        for name, spec in SPECS.items():
            action = QAction(spec.text, window)
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
            action.setStatusTip(spec.tip)
            action.setToolTip(f"{_plain(spec.text)} ({spec.keys[0]})" if spec.keys else _plain(spec.text))
            window.addAction(action)  # keys work whichever child has the focus
            self.by_name[name] = action
        self.undo = undo_stack.createUndoAction(window, "&Undo")
        self.redo = undo_stack.createRedoAction(window, "&Redo")
        for action, keys in ((self.undo, UNDO_KEYS), (self.redo, REDO_KEYS)):
            action.setShortcuts([QKeySequence(k) for k in keys])
            window.addAction(action)
        # The toolbar's undo/redo say just that; the menu's name the step ("Undo Accept change 7").
        self.undo_button = _follow(QAction("Undo", window), undo_stack.undo, undo_stack.canUndoChanged,
                                   undo_stack.canUndo())
        self.redo_button = _follow(QAction("Redo", window), undo_stack.redo, undo_stack.canRedoChanged,
                                   undo_stack.canRedo())
        self.views = QActionGroup(window)
        for name in VIEW_MODES:
            self[name].setCheckable(True)
            self.views.addAction(self[name])
        self["markup"].setChecked(True)
        self.recent_menu = QMenu("Open &Recent", window)

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None

    def bind(self, handlers: dict) -> None:
        for name, handler in handlers.items():
            self[name].triggered.connect(handler)

    def set_enabled(self, names, enabled: bool) -> None:
        for name in names:
            self[name].setEnabled(enabled)

    # -- where they appear -----------------------------------------------------------------------

    def fill_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open)
        file_menu.addMenu(self.recent_menu)
        _add(file_menu, None, self.save, self.save_as, self.save_clean, None, self.export, self.print, None,
             self.compare, self.combine, None,
             self.close, None, self.settings, None, self.quit)
        edit = bar.addMenu("&Edit")
        _add(edit, self.undo, self.redo, None, self.edit_mode, self.italic_proposals, None, self.find,
             self.focus_list, self.focus_view)
        review = bar.addMenu("&Review")
        _add(review, self.next, self.previous, None, self.accept_next, self.reject_next, self.accept,
             self.reject, self.set_aside, self.not_a_proposal, self.reset, None, self.accept_shown,
             self.reject_shown, None, self.accept_all, self.reject_all, None, self.read_markers)
        comments = bar.addMenu("&Comments")
        _add(comments, self.new_comment, self.reply_comment, self.edit_comment, self.resolve_comment, None,
             self.delete_thread)
        view = bar.addMenu("&View")
        _add(view, self.markup, self.final, self.original)
        help_menu = bar.addMenu("&Help")
        _add(help_menu, self.shortcuts, self.about)

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        _add(toolbar, self.open, self.save, None, self.markup, self.final, self.original, None, self.previous,
             self.next, None, self.accept_next, self.reject_next, self.set_aside, None, self.undo_button,
             self.redo_button, None, self.edit_mode, self.italic_proposals)

    def list_menu(self, parent) -> QMenu:
        menu = QMenu(parent)
        _add(menu, self.accept, self.reject, self.set_aside, self.not_a_proposal, self.reset, None,
             self.accept_shown, self.reject_shown)
        return menu


def _follow(action: QAction, trigger, can_changed, can_now: bool) -> QAction:
    action.triggered.connect(trigger)
    can_changed.connect(action.setEnabled)
    action.setEnabled(can_now)
    return action


def _add(container, *actions) -> None:
    for action in actions:
        if action is None:
            container.addSeparator()
        else:
            container.addAction(action)
