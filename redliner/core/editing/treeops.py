"""Journaled cuts of the tree: a run cut in two at a character, revision wrappers cut around that place, and
the new runs and revision elements an edit adds. Every change goes through a Journal, so undo is exact.

A *place* is (parent, following): the spot in `parent` just before its child `following` (None: at the end).
"""

from __future__ import annotations

import copy

from redliner.core.editing.textmap import LINE_BREAK, REVISION_WRAPPERS
from redliner.core.oxml.ns import XML_SPACE, w
from redliner.core.oxml.wordml import W_BR, W_DELTEXT, W_P, W_PPR, W_R, W_RPR, W_T, W_TAB
from redliner.core.review.journal import Journal

W_ID = w("id")
# Children of a run's w:rPr that record revisions, not formatting: a new run does not copy them.
RPR_REVISIONS = frozenset(w(n) for n in ("ins", "del", "moveFrom", "moveTo", "rPrChange"))
# Inline wrappers a paragraph split may cut in two (anything else around the place refuses the split).
SPLITTABLE = REVISION_WRAPPERS | frozenset(w(n) for n in ("hyperlink", "smartTag", "customXml", "dir", "bdo"))


def place_before(node) -> tuple:
    return node.getparent(), node


def place_after(node) -> tuple:
    return node.getparent(), node.getnext()


def put(place: tuple, element, journal: Journal) -> None:
    parent, following = place
    if following is None:
        journal.insert(parent, len(parent), element)
    else:
        journal.add_before(following, element)


def cut_run(element, char_index: int, journal: Journal) -> tuple:
    """Cut the run holding `element` (a run child) before its character `char_index` (1 for after a tab,
    a picture...); returns the place between the two halves in the run's parent. The left half keeps the
    original run (and text node), so elements found before a cut stay valid on its left."""
    run = element.getparent()
    text = element.text or "" if element.tag in (W_T, W_DELTEXT) else None
    if text is not None and 0 < char_index < len(text):
        tail = copy.copy(element)
        tail.tail = None
        set_text(tail, text[char_index:])
        journal.set_text(element, text[:char_index])
        journal.add_after(element, tail)
        first_right = tail
    elif char_index <= 0:
        first_right = element
    else:
        first_right = element.getnext()
    return _cut_before(run, first_right, journal)


def _cut_before(run, first_right, journal: Journal) -> tuple:
    content = [child for child in run if child.tag != W_RPR]
    if first_right is None or first_right is not None and content and content[0] is first_right:
        return (run.getparent(), run.getnext()) if first_right is None else place_before(run)
    right = run.makeelement(W_R, dict(run.attrib))
    properties = run.find(W_RPR)
    if properties is not None:
        right.append(copy.deepcopy(properties))
    journal.add_after(run, right)
    moving = content[content.index(first_right):]
    for child in moving:
        journal.move(child, right, None)
    return place_before(right)


def cut_wrapper(place: tuple, new_id, journal: Journal) -> tuple:
    """Cut the place's parent (an inline wrapper) in two at the place; returns the place between the halves
    in the wrapper's parent. The right half of a revision gets a w:id of its own."""
    wrapper, following = place
    children = list(wrapper)
    if following is None:
        return place_after(wrapper)
    if children and children[0] is following:
        return place_before(wrapper)
    right = wrapper.makeelement(wrapper.tag, dict(wrapper.attrib))
    if W_ID in right.attrib and wrapper.tag in REVISION_WRAPPERS:
        right.set(W_ID, new_id())
    journal.add_after(wrapper, right)
    for child in children[children.index(following):]:
        journal.move(child, right, None)
    return place_before(right)


def lift(place: tuple, stop, new_id, journal: Journal, cut_tags=REVISION_WRAPPERS) -> tuple:
    """Cut the wrappers around a place (those with a tag in cut_tags) until `stop(parent)` is true or a parent
    of another kind is reached; returns the place."""
    while place[0].tag in cut_tags and not stop(place[0]):
        place = cut_wrapper(place, new_id, journal)
    return place


def set_text(node, text: str) -> None:
    node.text = text
    if text != text.strip():
        node.set(XML_SPACE, "preserve")
    else:
        node.attrib.pop(XML_SPACE, None)


def run_properties_copy(run, paragraph=None):
    """The formatting a new run takes: a copy of this run's w:rPr (of the paragraph mark's when no run),
    without revision marks; None when there is none."""
    if run is not None:
        source = run.find(W_RPR)
    else:
        properties = paragraph.find(W_PPR) if paragraph is not None else None
        source = properties.find(W_RPR) if properties is not None else None
    if source is None:
        return None
    kept = source.makeelement(W_RPR, {})
    for child in source:
        if isinstance(child.tag, str) and child.tag not in RPR_REVISIONS:
            kept.append(copy.deepcopy(child))
    return kept if len(kept) else None


def new_run(maker, text: str, properties=None):
    """A w:r showing text ("\\t" a tab, U+2028 a line break), formatted by `properties` (a w:rPr or None)."""
    run = maker.makeelement(W_R, {})
    if properties is not None:
        run.append(properties)
    chunk = []
    for char in text + "\0":
        if char in ("\t", LINE_BREAK, "\0"):
            if chunk:
                node = run.makeelement(W_T, {})
                set_text(node, "".join(chunk))
                run.append(node)
                chunk = []
            if char != "\0":
                run.append(run.makeelement(W_TAB if char == "\t" else W_BR, {}))
        else:
            chunk.append(char)
    return run


def paragraph_of(node):
    while node is not None and node.tag != W_P:
        node = node.getparent()
    return node
