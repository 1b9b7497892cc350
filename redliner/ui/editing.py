"""Edit mode: typing in the document view as in Word with Track Changes on.

The view stays a read-only QTextEdit (its cursor, selection and navigation keys are Qt's own); in Edit mode
the keys that change text come here instead. Each becomes an engine edit on the XML (redliner.core.editing),
by the reviewer named in Settings, pushed on the window's undo stack beside decisions; the change list and the
edited paragraphs' blocks follow at once, without a new render or a rescan of the document.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLabel

from redliner.core.editing.context import EditRefused
from redliner.core.editing.edits import Editor
from redliner.core.editing.refresh import refresh_after_undo, refresh_changes
from redliner.core.editing.textmap import ParagraphText
from redliner.core.errors import RedlinerError
from redliner.core.oxml.wordml import W_P
from redliner.core.review.history import history_for

from .colours import add_author
from .edit_commands import EditCommand
from .edit_map import block_map
from .render import ViewMode
from .render_edits import show_edit

FORMAT_KEYS = {Qt.Key.Key_B: "b", Qt.Key.Key_I: "i", Qt.Key.Key_U: "u"}
READ_ONLY_VIEWS = {ViewMode.FINAL: "Final", ViewMode.ORIGINAL: "Original"}
_TYPING_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier \
    | Qt.KeyboardModifier.MetaModifier


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class EditController:
    def __init__(self, window):
        self.window = window
        self.active = False
        self._single_keys: dict = {}  # action -> its shortcuts, while Edit mode takes the single-letter keys
        # The edits made, in order, each with the number of decision batches made before it: crash recovery
        # replays them in their place among the decisions (a decision made before an edit is never re-decided
        # after it, so that number stays right).
        self.made_edits: list[tuple[int, object]] = []
        self._maps: dict = {}
        self.indicator = QLabel(window)
        self.indicator.setObjectName("editIndicator")
        # Seen from across the room: typing here changes the draft.
        self.indicator.setStyleSheet("QLabel#editIndicator { background: #0072B2; color: white; font-weight: bold;"
                                     " padding: 1px 8px; border-radius: 3px; }")
        self.indicator.hide()
        window.statusBar().addPermanentWidget(self.indicator)
        actions = window.action_set
        actions.edit_mode.setCheckable(True)
        actions.italic_proposals.setCheckable(True)
        actions.italic_proposals.setChecked(window.settings.preferences.propose_in_italics)
        actions.edit_mode.toggled.connect(self.set_active)
        actions.italic_proposals.toggled.connect(self._italics_toggled)
        window.view.edit_keys = self
        if window.settings.preferences.edit_mode:
            actions.edit_mode.setChecked(True)

    # -- the mode ----------------------------------------------------------------------------------

    def set_active(self, active: bool) -> None:
        self.active = active
        window = self.window
        if window.settings.preferences.edit_mode != active:
            window.settings.preferences.edit_mode = active
            window.settings.save()
        self._take_single_keys(active)
        window.action_set.italic_proposals.setVisible(active)
        self._show_indicator()
        window.statusBar().showMessage("Edit mode: your typing is tracked" if active else
                                       "Review mode: A, R, S, N and P decide and move again", 6000)

    def _italics_toggled(self, on: bool) -> None:
        prefs = self.window.settings.preferences
        if prefs.propose_in_italics != on:
            prefs.propose_in_italics = on
            self.window.settings.save()
        self._show_indicator()

    def _show_indicator(self) -> None:
        prefs = self.window.settings.preferences
        how = "proposals in italics" if prefs.propose_in_italics else f"tracked as {self.author()}"
        self.indicator.setText(f"EDITING — {how}")
        self.indicator.setVisible(self.active)

    def _take_single_keys(self, active: bool) -> None:
        """Letters type in Edit mode: the review commands keep only their modified keys meanwhile."""
        if active:
            for action in self.window.action_set.by_name.values():
                keys = action.shortcuts()
                single = [k for k in keys if _single_key(k)]
                if single:
                    self._single_keys[action] = keys
                    action.setShortcuts([k for k in keys if not _single_key(k)])
        else:
            for action, keys in self._single_keys.items():
                action.setShortcuts(keys)
            self._single_keys.clear()

    def author(self) -> str:
        return self.window.settings.preferences.reviewer_name or "Unknown"

    def review(self):
        return self.window.review

    # -- keys ----------------------------------------------------------------------------------------

    def key(self, event) -> bool:
        """Handle a key pressed in the view; False for keys the view handles itself (moving, selecting)."""
        if not self.active or self.window.review is None:
            return False
        action = self._action_for(event)
        if action is None:
            return False
        self._maps = {}  # block maps made for this key (the caret's block, asked for up to three times)
        view = self.window.view
        if view.mode in READ_ONLY_VIEWS:
            self.window.statusBar().showMessage(
                f"The {READ_ONLY_VIEWS[view.mode]} view is read-only: edit in the Markup view (Ctrl+1)", 8000)
            return True
        if self.window.runner.busy:
            return True
        action()
        return True

    def _action_for(self, event):
        key, modifiers = event.key(), event.modifiers()
        if event.matches(QKeySequence.StandardKey.Paste):
            return self.paste
        if event.matches(QKeySequence.StandardKey.Cut):
            return self.cut
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Backspace:
            return lambda: self.delete(forward=False, word=control)
        if key == Qt.Key.Key_Delete:
            return lambda: self.delete(forward=True, word=control)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & _TYPING_MODIFIERS:
            return self.enter
        if control and key in FORMAT_KEYS and not modifiers & Qt.KeyboardModifier.AltModifier:
            return lambda: self.toggle_format(FORMAT_KEYS[key])
        text = event.text()
        if text and text.isprintable() and not modifiers & _TYPING_MODIFIERS:
            return lambda: self.type_text(text)
        return None

    # -- edits ---------------------------------------------------------------------------------------

    def editor(self) -> Editor:
        prefs = self.window.settings.preferences
        italic = prefs.propose_in_italics
        strike = italic and "strike" in prefs.marker_rules
        return Editor(self.window.review, self.author(), now(), italic_proposals=italic, strike_deletions=strike)

    def type_text(self, text: str) -> None:
        selection = self._selection()
        if selection is None:
            return
        (start, start_offset), (end, end_offset) = selection
        if start is end and start_offset == end_offset:
            self._apply(lambda e: e.insert(start, start_offset, text))
        else:
            self._apply(lambda e: e.replace(start, start_offset, end, end_offset, text), label="Typing")

    def delete(self, forward: bool, word: bool = False) -> None:
        """Delete or Backspace: the selection, else the character (word, with Ctrl) beside the caret; at a
        paragraph's edge, its mark (the two paragraphs join)."""
        cursor = self.window.view.textCursor()
        if word and not cursor.hasSelection():
            cursor.movePosition(_step(forward, word), QTextCursor.MoveMode.KeepAnchor)
        selection = self._selection(cursor)
        if selection is None:
            return
        (start, start_offset), (end, end_offset) = selection
        if start is not end or start_offset != end_offset:
            self._apply(lambda e: e.delete(start, start_offset, end, end_offset), label="Delete", backward=True)
            return
        paragraph, offset = start, start_offset
        length = len(ParagraphText(paragraph))
        if forward and offset >= length:
            following = _sibling_paragraph(paragraph, forward=True)
            if following is not None:
                self._apply(lambda e: e.join(paragraph), label="Delete")
        elif not forward and offset <= 0:
            previous = _sibling_paragraph(paragraph, forward=False)
            if previous is not None:
                self._apply(lambda e: e.join(previous), label="Delete", backward=True)
        elif forward:
            self._apply(lambda e: e.delete(paragraph, offset, paragraph, offset + 1), label="Delete")
        else:
            self._apply(lambda e: e.delete(paragraph, offset - 1, paragraph, offset), label="Delete", backward=True)

    def enter(self) -> None:
        selection = self._selection()
        if selection is None:
            return
        (start, start_offset), (end, end_offset) = selection
        if start is not end or start_offset != end_offset:
            self._apply(lambda e: e.replace(start, start_offset, end, end_offset, "\n"))
        else:
            self._apply(lambda e: e.split(start, start_offset))

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text:
            return
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        selection = self._selection()
        if selection is None:
            return
        (start, start_offset), (end, end_offset) = selection
        if start is end and start_offset == end_offset:
            self._apply(lambda e: e.insert(start, start_offset, text), label="Paste")
        else:
            self._apply(lambda e: e.replace(start, start_offset, end, end_offset, text), label="Paste")

    def cut(self) -> None:
        view = self.window.view
        if not view.textCursor().hasSelection():
            return
        view.copy()  # plain text and HTML, as the view's own Copy
        self.delete(forward=True)

    def toggle_format(self, prop: str) -> None:
        selection = self._selection()
        if selection is None:
            return
        (start, start_offset), (end, end_offset) = selection
        if start is end and start_offset == end_offset:
            self.window.statusBar().showMessage("Select the text to format first", 6000)
            return
        self._apply(lambda e: e.toggle_format(start, start_offset, end, end_offset, prop))

    def _apply(self, make, label: str | None = None, backward: bool = False) -> None:
        window = self.window
        caret_before = self._caret()
        try:
            edit = make(self.editor())
        except EditRefused as refused:
            window.statusBar().showMessage(str(refused), 8000)
            return
        except RedlinerError as error:  # an edit the engine could not make: said, nothing changed
            window.statusBar().showMessage(f"Not edited: {error}", 8000)
            return
        if label:
            edit.label = label
        window.undo_stack.push(EditCommand(self, edit, caret_before, backward))

    # -- where the cursor is, in the engine's terms ------------------------------------------------------

    def _selection(self, cursor: QTextCursor | None = None):
        """((w:p, offset), (w:p, offset)) of the selection or caret, in document order; None (and a message)
        where no paragraph is (between tables)."""
        view = self.window.view
        cursor = cursor or view.textCursor()
        first = self._place(cursor.selectionStart())
        last = self._place(cursor.selectionEnd())
        if first is None or last is None:
            self.window.statusBar().showMessage("Nothing to edit here: put the cursor in a paragraph", 6000)
            return None
        return first, last

    def _place(self, position: int):
        view = self.window.view
        block = view.document().findBlock(position)
        found = self._block_map(view.rendered._layout.key_at(block))
        if found is None:
            return None
        return found.paragraph, found.to_paragraph(position - block.position())

    def _block_map(self, key: int | None):
        if key is None:
            return None
        found = self._maps.get(key)
        if found is None:
            found = self._maps[key] = block_map(self.window.view.rendered, self.window.review, key)
        return found

    def _caret(self):
        return self._place(self.window.view.textCursor().position())

    def place_caret(self, caret) -> None:
        """The text cursor to (w:p, offset), and the change there becomes current."""
        view = self.window.view
        paragraph, offset = caret
        layout = view.rendered._layout
        block = layout.key_of.get(paragraph)
        if block is None:
            return
        found = block_map(view.rendered, self.window.review, block)
        text_block = layout.blocks[block]
        cursor = view.textCursor()
        cursor.setPosition(text_block.position() + (found.to_block(offset) if found else 0))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()

    # -- after an edit or its undo -------------------------------------------------------------------------

    def made(self, edit) -> list[str]:
        review = self.window.review
        self.made_edits.append((len(history_for(review).applied), edit))
        return self._follow(edit, refresh_changes(review, edit))

    def unmade(self, edit) -> list[str]:
        edit.journal.undo()
        if self.made_edits and self.made_edits[-1][1] is edit:
            self.made_edits.pop()
        return self._follow(edit, refresh_after_undo(self.window.review, edit))

    def restored(self, edit) -> None:
        """An edit a crash restore made again (and the review shows): on the stack, so that undo takes it back."""
        self.window.undo_stack.push(EditCommand(self, edit, edit.anchor or edit.caret, restored=True))

    def note_restored(self, edit) -> None:
        self.made_edits.append((len(history_for(self.window.review).applied), edit))

    def forget(self) -> None:
        """Another review is shown: its edits start from none."""
        self.made_edits.clear()

    def _follow(self, edit, delta) -> list[str]:
        self._maps = {}  # the edited blocks are written anew
        window = self.window
        touched = [c.id for c in [*delta.added, *delta.updated]]
        window.changes.follow(delta)
        view = window.view
        for change in delta.added:
            if change.author not in view.colours:  # the reviewer's first edit: a colour no one shown has
                colour = add_author(view.colours, change.author, window.settings.preferences.author_colours)
                view.rendered.colours[change.author] = colour
        view._moving = True
        try:
            show_edit(view.rendered, window.review, [*edit.before, *edit.paragraphs, *edit.removed_paragraphs],
                      [*delta.added, *delta.updated])
        finally:
            view._moving = False
        if len(edit.paragraphs) != len(edit.before):  # paragraphs came or went: list numbers follow at the pause
            view.renumber_later()
        layout = view.rendered._layout
        view.change_bars.edited([*delta.added, *delta.updated], delta.removed,
                                [layout.key_of[p] for p in [*edit.before, *edit.paragraphs] if p in layout.key_of])
        view.shade_later()
        return touched


def _single_key(sequence: QKeySequence) -> bool:
    if sequence.count() != 1:
        return False
    combination = sequence[0]
    return combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier and \
        Qt.Key.Key_A <= combination.key() <= Qt.Key.Key_Z


def _step(forward: bool, word: bool) -> QTextCursor.MoveOperation:
    if word:
        return QTextCursor.MoveOperation.NextWord if forward else QTextCursor.MoveOperation.PreviousWord
    return QTextCursor.MoveOperation.NextCharacter if forward else QTextCursor.MoveOperation.PreviousCharacter


def _sibling_paragraph(paragraph, forward: bool):
    """The paragraph a join at this edge reaches: the next (previous) sibling, when it is a paragraph; a
    table or a cell's edge in between makes no join."""
    sibling = paragraph.getnext() if forward else paragraph.getprevious()
    return sibling if sibling is not None and sibling.tag == W_P else None
