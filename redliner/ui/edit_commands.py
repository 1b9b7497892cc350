"""Edits on the undo stack, beside decisions: one command per edit, typing coalesced by word as in Word.

The first redo shows an edit already made (the editor applies it first, so that a refused edit never reaches
the stack). Undo runs the edits' journals newest first, which restores the exact XML; redo replays the
edits' records, which builds the same XML again.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from redliner.core.editing.edits import Edit, replay

TYPING = 0x5459  # QUndoCommand.id() of typing: consecutive typing merges


class EditCommand(QUndoCommand):
    def __init__(self, editing, edit: Edit, caret_before: tuple, backward: bool = False, restored: bool = False):
        super().__init__(edit.label)
        self.restored = restored  # made again by a crash restore, already shown: the first redo only notes it
        self.backward = backward  # Backspace: the caret goes to the start of what was deleted
        self.caret_before = caret_before  # (w:p, offset) where the caret was: undo puts it back there
        self.editing = editing  # the window's EditController: shows an edit's result
        self.edits = [edit]
        self._made = True  # the first redo only shows it
        self.change_ids: list[str] = []
        self.caret = self._caret_after(edit)

    def id(self) -> int:
        return TYPING if self.edits[-1].label == "Typing" else -1

    def mergeWith(self, other) -> bool:
        """Typing continues this step while the caret follows on and no word has ended."""
        if not isinstance(other, EditCommand) or other.id() != TYPING or self.id() != TYPING:
            return False
        following = other.edits[0]
        if self.caret != other.caret_before or _ends_word(self.edits, following):
            return False
        self.edits.extend(other.edits)
        self.caret, self.change_ids = other.caret, other.change_ids
        return True

    def redo(self) -> None:
        if self._made and self.restored:
            self._made = False
            self.editing.note_restored(self.edits[0])
            return
        if self._made:
            self._made = False
        else:
            review = self.editing.review()
            self.edits = [replay(review, edit.record) for edit in self.edits]
        for edit in self.edits:
            self.change_ids = self.editing.made(edit)
        self.caret = self._caret_after(self.edits[-1])
        self.editing.place_caret(self.caret)

    def _caret_after(self, edit: Edit) -> tuple:
        return edit.anchor if self.backward and edit.anchor else edit.caret

    def undo(self) -> None:
        for edit in reversed(self.edits):
            self.change_ids = self.editing.unmade(edit)
        self.editing.place_caret(self.caret_before)


def _ends_word(typed_so_far: list[Edit], following: Edit) -> bool:
    """A word typed and then a space end the step: the next word is an undo step of its own (as in Word)."""
    typed = "".join(edit.record.get("text", "") for edit in typed_so_far)
    then = following.record.get("text", "")
    return bool(typed.strip()) and typed[-1].isspace() and bool(then) and not then[0].isspace()
