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
from redliner.core.oxml.wordml import W_P, W_PPR, W_RPR, W_VAL, next_paragraph

W_SECTPR, W_PPRCHANGE, W_INS, W_PSTYLE, W_NUMPR = w("sectPr"), w("pPrChange"), w("ins"), w("pStyle"), w("numPr")
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
    restyle = _next_style(context, properties) if context.tracked and offset >= len(shown) else None
    if restyle is not None:
        second.append(_restyled(context, paragraph, properties, restyle))
    elif properties is not None:
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


def _next_style(context: EditContext, properties) -> str | None:
    """Enter at the end of a paragraph whose style names another for the paragraph after it (a heading's
    w:next is Normal): that style, as Word gives the new paragraph; None to carry the properties on. A list
    item carries them on whatever its style says: Enter there means the next item (numbered headings too)."""
    style = properties.find(W_PSTYLE) if properties is not None else None
    style_id = style.get(W_VAL, "") if style is not None else context.styles.default_paragraph
    if (properties is not None and properties.find(W_NUMPR) is not None) or context.styles.style_numbering(
            style_id)[0] not in (None, "0"):
        return None
    following = context.styles.next_style.get(style_id)
    return following if following and following != style_id else None


def _restyled(context: EditContext, paragraph, properties, style_id: str):
    """The second half's properties in the next style, with a tracked property change that keeps the
    original ones (Word's "Formatted: Normal"): the second half carries the original mark, so rejecting the
    new mark and this change gives back the original paragraph, properties and all."""
    restyled = paragraph.makeelement(W_PPR, {})
    if style_id != context.styles.default_paragraph:
        restyled.append(paragraph.makeelement(W_PSTYLE, {W_VAL: style_id}))
    change = context.new_revision(W_PPRCHANGE, paragraph)
    old = _properties_copy(properties) if properties is not None else paragraph.makeelement(W_PPR, {})
    for child in old.findall(W_RPR):
        old.remove(child)  # the mark's run properties are not paragraph properties (CT_PPrBase)
    change.append(old)
    restyled.append(change)
    return restyled


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
