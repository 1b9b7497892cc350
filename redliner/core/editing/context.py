"""What every edit operation shares: the journal and stamp of the edit, the mode (tracked or italic proposals),
the refusal error, and where in the tree a caret offset puts new content."""

from __future__ import annotations

from dataclasses import dataclass, field

from redliner.core.editing.stamps import Stamp
from redliner.core.editing.textmap import (
    DELETION_TAGS,
    IN_EQUATION,
    INSERTION_TAGS,
    ParagraphText,
    inside_paragraph,
)
from redliner.core.editing.treeops import cut_run, place_after, place_before
from redliner.core.errors import RedlinerError
from redliner.core.oxml.ns import w
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_P, W_PPR, W_RPR, on_off
from redliner.core.review.journal import Journal

W_AUTHOR, W_INS, W_DEL = w("author"), w("ins"), w("del")
NOT_IN_PARAGRAPH = "that position is not in the paragraph"


class EditRefused(RedlinerError):
    """An edit the engine cannot write faithfully (in a field code, an equation...): nothing was changed."""


@dataclass
class EditContext:
    journal: Journal
    stamp: Stamp
    styles: StyleSheet
    italic_proposals: bool = False
    strike_deletions: bool = False

    @property
    def author(self) -> str:
        return self.stamp.author

    @property
    def tracked(self) -> bool:
        return not self.italic_proposals

    def new_revision(self, tag: str, maker):
        return maker.makeelement(tag, self.stamp.attrs())

    def owns_insertion(self, wrapper) -> bool:
        """True for a w:ins of this author that no one deleted: what typing may extend and deleting removes."""
        if wrapper is None or wrapper.tag != W_INS or wrapper.get(W_AUTHOR) != self.author:
            return False
        return revision_context(wrapper)[1] is None

    def is_own_proposal(self, run) -> bool:
        """What deleting simply removes: text in one's own pending insertion; with italic proposals, italic
        text outside any revision (the way the italic habit proposes)."""
        insertion, deletion = revision_context(run)
        if deletion is not None:
            return False
        if insertion is not None:
            return self.owns_insertion(insertion)
        return self.italic_proposals and is_italic(run)


@dataclass
class Outcome:
    """What an operation did: the paragraphs of the edited region now (in order), those it took out, and
    where the caret goes (caret: after the edit; anchor: the start of what was edited)."""

    after: list
    removed: list = field(default_factory=list)
    caret: tuple = ()
    anchor: tuple = ()


def revision_context(node) -> tuple:
    """(innermost insertion, innermost deletion) around node, up to its paragraph; None where there is none.
    A deletion inside an insertion counts as a deletion of it."""
    insertion = deletion = None
    current = node.getparent()
    while current is not None and current.tag != W_P:
        if current.tag in INSERTION_TAGS and insertion is None:
            insertion = current
        elif current.tag in DELETION_TAGS and deletion is None:
            deletion = current
        current = current.getparent()
    return insertion, deletion


def is_italic(run) -> bool:
    properties = run.find(W_RPR)
    return properties is not None and on_off(properties.find(w("i")))


def is_struck(run) -> bool:
    properties = run.find(W_RPR)
    return properties is not None and on_off(properties.find(w("strike")))


def read(paragraph) -> ParagraphText:
    if not inside_paragraph(paragraph):
        raise EditRefused("the paragraph is no longer in the document")
    text = ParagraphText(paragraph)
    if text.refusal:
        raise EditRefused(text.refusal)
    return text


def check_range(text: ParagraphText, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(text):
        raise EditRefused(NOT_IN_PARAGRAPH)


def caret_place(text: ParagraphText, offset: int, journal: Journal) -> tuple:
    """The place in the tree where content typed at offset goes, runs cut as needed; and the run whose
    formatting it takes (None: the paragraph mark's). Raises EditRefused inside a field, an equation...

    At the paragraph's start or end the place is the paragraph's own start or end (outside any field or
    hyperlink there); inside, it is right after the character before the caret, else right before the one
    after it."""
    check_range(text, offset, offset)
    paragraph = text.paragraph
    left = text.at(offset - 1) if offset > 0 else None
    right = text.at(offset) if offset < len(text) else None
    source = _format_source(left, right)
    if left is None:
        properties = paragraph.find(W_PPR)
        return ((paragraph, properties.getnext()) if properties is not None else (paragraph, _first(paragraph))), source
    if right is None:
        return (paragraph, None), source
    for atom, after in ((left, True), (right, False)):
        if not atom.refusal:
            return cut_run(atom.element, atom.index + 1 if after else atom.index, journal), source
        if atom.run is None and atom.refusal == IN_EQUATION:
            return (place_after(atom.element) if after else place_before(atom.element)), source
    raise EditRefused(left.refusal or right.refusal)


def _first(paragraph):
    return paragraph[0] if len(paragraph) else None


def _format_source(left, right):
    for atom in (left, right):
        if atom is not None and atom.run is not None:
            return atom.run
    return None
