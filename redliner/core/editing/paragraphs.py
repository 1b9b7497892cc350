"""Enter and joining paragraphs, with Track Changes on.

Enter inserts a paragraph mark: the first half (the original w:p, keeping its properties) gets the new mark,
marked inserted (w:pPr/w:rPr/w:ins); the second half, a new w:p, carries the original mark on (a copy of the
paragraph properties, with the mark's own revisions and the section break, which belong to that mark).
Joining deletes the first paragraph's mark (w:pPr/w:rPr/w:del) and leaves both paragraphs in the tree, as Word
does, unless that mark is the author's own pending insertion: then the split is simply undone.
"""

from __future__ import annotations

import copy

from redliner.core.editing.context import EditContext, EditRefused, Outcome, caret_place, read
from redliner.core.editing.deleting import MARK_REVISIONS, delete_mark, mark_properties, mark_revision
from redliner.core.editing.textmap import ParagraphText
from redliner.core.editing.treeops import SPLITTABLE, lift
from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_P, W_PPR, W_RPR, next_paragraph

W_SECTPR, W_PPRCHANGE, W_INS = w("sectPr"), w("pPrChange"), w("ins")
NO_NEXT = "there is no paragraph after this one to join it with"


def split_paragraph(context: EditContext, paragraph, offset: int) -> Outcome:
    shown = read(paragraph)
    journal = context.journal
    place, _ = caret_place(shown, offset, journal)
    place = lift(place, lambda parent: parent is paragraph, context.stamp.new_id, journal, SPLITTABLE)
    if place[0] is not paragraph:
        raise EditRefused("cannot break a paragraph inside a content control or a field")
    second = paragraph.makeelement(W_P, {})
    properties = paragraph.find(W_PPR)
    if properties is not None:
        second.append(_properties_copy(properties))
    journal.add_after(paragraph, second)
    following = place[1]
    moving = [] if following is None else [following, *following.itersiblings()]
    for child in moving:
        journal.move(child, second, None)
    if properties is not None:
        _hand_over_mark(paragraph, second, journal)
    if context.tracked:
        mark = mark_properties(paragraph, journal)
        journal.insert(mark, 0, context.new_revision(W_INS, paragraph))
    return Outcome([paragraph, second], [], (second, 0), (paragraph, offset))


def _properties_copy(properties):
    """The paragraph properties for the second half: without the mark's revisions, the section break or the
    record of an older property change (those stay with, or move to, their one owner)."""
    kept = copy.deepcopy(properties)
    for child in list(kept):
        if child.tag in (W_SECTPR, W_PPRCHANGE):
            kept.remove(child)
    mark = kept.find(W_RPR)
    if mark is not None:
        for child in list(mark):
            if child.tag in MARK_REVISIONS:
                mark.remove(child)
    return kept


def _hand_over_mark(first, second, journal) -> None:
    """The original mark's revisions and section break move to the second half, which ends with that mark."""
    revisions = mark_revision(first)
    section = first.find(W_PPR).find(W_SECTPR)
    if revisions:
        target = mark_properties(second, journal)
        for index, revision in enumerate(revisions):
            journal.move(revision, target, index)
    if section is not None:
        target_properties = second.find(W_PPR)
        change = target_properties.find(W_PPRCHANGE)
        journal.move(section, target_properties,
                     target_properties.index(change) if change is not None else len(target_properties))


def join_paragraphs(context: EditContext, paragraph) -> Outcome:
    shown = read(paragraph)
    following = next_paragraph(paragraph)
    if following is None:
        raise EditRefused(NO_NEXT)
    read(following)
    if delete_mark(context, paragraph):
        return Outcome([following], [paragraph], (following, len(shown)), (following, len(shown)))
    return Outcome([paragraph, following], [], (following, 0), (paragraph, len(ParagraphText(paragraph))))
