"""Typing: text inserted at a caret, as Word writes it with Track Changes on.

The text is a w:ins of the editor's author holding a run formatted like the text at the caret. Right next to
the author's own pending insertion, typing extends that insertion (its text node grows) instead of adding a
new one. With italic proposals the text is a plain italic run instead, extending an italic run next to it.
"""

from __future__ import annotations

from redliner.core.editing.context import (
    EditContext,
    caret_place,
    check_range,
    is_italic,
    read,
    revision_context,
)
from redliner.core.editing.textmap import LINE_BREAK, Atom
from redliner.core.editing.treeops import lift, new_run, put, run_properties_copy
from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_RPR, W_T
from redliner.core.review.markers import RPR_ORDER

W_I = w("i")


def insert_text(context: EditContext, paragraph, offset: int, text: str) -> int:
    """Insert text (no paragraph breaks) at offset; returns the offset just after it."""
    shown = read(paragraph)
    check_range(shown, offset, offset)
    if not text:
        return offset
    if "\t" not in text and LINE_BREAK not in text and _extend(context, shown, offset, text):
        return offset + len(text)
    journal = context.journal
    place, source = caret_place(shown, offset, journal)
    stop = context.owns_insertion if context.tracked else (lambda _: False)
    place = lift(place, stop, context.stamp.new_id, journal)
    run = new_run(paragraph, text, _properties(context, source, paragraph))
    if context.tracked and not context.owns_insertion(place[0]):
        wrapper = context.new_revision(w("ins"), paragraph)
        wrapper.append(run)
        run = wrapper
    put(place, run, journal)
    return offset + len(text)


def _extend(context: EditContext, shown, offset: int, text: str) -> bool:
    """Grow the text node of the author's own insertion (or italic proposal) at the caret; False when
    neither neighbour is one."""
    neighbours = ((shown.at(offset - 1), 1) if offset > 0 else None,
                  (shown.at(offset), 0) if offset < len(shown) else None)
    for found in neighbours:
        if found is None:
            continue
        atom, after = found
        if _extendable(context, atom):
            old = atom.element.text or ""
            at = atom.index + after
            context.journal.set_text(atom.element, old[:at] + text + old[at:])
            return True
    return False


def _extendable(context: EditContext, atom: Atom) -> bool:
    if atom.refusal or atom.element.tag != W_T or atom.run is None:
        return False
    insertion, deletion = revision_context(atom.run)
    if deletion is not None:
        return False
    if context.tracked:
        return context.owns_insertion(insertion)
    return insertion is None and is_italic(atom.run)


def _properties(context: EditContext, source, paragraph):
    properties = run_properties_copy(source, paragraph)
    if context.tracked:
        return properties
    if properties is None:
        properties = paragraph.makeelement(W_RPR, {})
    for old in properties.findall(W_I):
        properties.remove(old)
    properties.insert(schema_index(properties, W_I), properties.makeelement(W_I, {}))
    for struck in properties.findall(w("strike")):  # typed next to a struck proposal: a proposal, not a strike
        properties.remove(struck)
    return properties


def schema_index(properties, tag: str) -> int:
    """Where tag goes among a w:rPr's children (CT_RPr order; a w:rPrChange stays last)."""
    rank = RPR_ORDER.index(tag)
    for index, child in enumerate(properties):
        if child.tag not in RPR_ORDER or RPR_ORDER.index(child.tag) > rank:
            return index
    return len(properties)

