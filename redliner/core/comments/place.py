"""Where a new comment goes: a text range (paragraph and offsets) or a change, turned into places between
runs, splitting a run where a range starts or ends inside it.

Offsets count the paragraph's markup text, as anchors read it (anchors.py): inserted and deleted text alike,
a tab or a line break one character each; a text box's paragraphs are paragraphs of their own.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

from redliner.core.comments.anchors import TEXT_TAGS, _character
from redliner.core.errors import RedlinerError
from redliner.core.oxml.ns import XML_SPACE, w
from redliner.core.oxml.wordml import MC_FALLBACK, W_P, W_PPR, W_R, W_RPR, W_TC, W_TR, enclosing
from redliner.core.review.document import ReviewDocument
from redliner.core.review.journal import Journal
from redliner.core.review.model import Change

_INLINE_PARENTS = frozenset(w(n) for n in ("p", "hyperlink", "ins", "del", "moveFrom", "moveTo", "smartTag",
                                           "sdtContent", "fldSimple", "customXml"))
_RPR_CHANGE = w("rPrChange")


@dataclass(frozen=True)
class TextRange:
    """Characters start..end (end excluded) of paragraph number `paragraph` of a part (word/document.xml...);
    with `end_paragraph`, from `start` in `paragraph` to `end` in that later paragraph."""

    part_name: str
    paragraph: int
    start: int
    end: int
    end_paragraph: int | None = None

    def as_list(self) -> list:
        found = [self.part_name, self.paragraph, self.start, self.end]
        return found if self.end_paragraph in (None, self.paragraph) else [*found, self.end_paragraph]


@dataclass(frozen=True)
class Place:
    """A point between elements: before or after `element`, or at the start or end of paragraph `element`."""

    element: object
    side: str  # "before", "after", "start", "end"


def paragraph_nodes(paragraph) -> list[tuple[object, str]]:
    """(text node, its characters) of a paragraph's own markup text, in order."""
    found = []
    skipped: set = set()
    for node in paragraph.iter(*TEXT_TAGS, MC_FALLBACK):
        if node.tag == MC_FALLBACK:
            skipped.update(node.iter(*TEXT_TAGS))
            continue
        if node in skipped or enclosing(node, W_P) is not paragraph:
            continue
        text = _character(node)
        if text is not None:
            found.append((node, text))
    return found


def markup_text(paragraph) -> str:
    return "".join(text for _, text in paragraph_nodes(paragraph))


def find_text(review: ReviewDocument, wanted: str) -> TextRange | None:
    """The first place (stories in reading order) whose paragraph's markup text holds `wanted`."""
    if not wanted:
        return None
    for _, name in review.stories():
        for number, paragraph in enumerate(review.package.xml(name).iter(W_P)):
            index = markup_text(paragraph).find(wanted)
            if index >= 0:
                return TextRange(name, number, index, index + len(wanted))
    return None


def paragraph_at(review: ReviewDocument, part_name: str, number: int):
    if part_name not in [name for _, name in review.stories()]:
        raise RedlinerError(f"{part_name} is not a part with text in {review.path.name}")
    for index, paragraph in enumerate(review.package.xml(part_name).iter(W_P)):
        if index == number:
            return paragraph
    raise RedlinerError(f"{part_name} has no paragraph {number}")


def range_places(review: ReviewDocument, where: TextRange, journal: Journal) -> tuple[Place, Place]:
    """Where a comment on these characters starts and ends; runs split where needed."""
    paragraph = paragraph_at(review, where.part_name, where.paragraph)
    if where.end_paragraph not in (None, where.paragraph):
        return _places_across(review, where, paragraph, journal)
    length = len(markup_text(paragraph))
    if not 0 <= where.start <= where.end <= length:
        raise RedlinerError(f"characters {where.start}-{where.end} are not in paragraph {where.paragraph} "
                            f"({length} characters)")
    start = _place_at(review, paragraph, where.start, journal, closing=False)
    if where.end == where.start:
        return start, start
    return start, _place_at(review, paragraph, where.end, journal, closing=True)


def _places_across(review: ReviewDocument, where: TextRange, paragraph, journal: Journal) -> tuple[Place, Place]:
    """A range from one paragraph into a later one (as Word anchors a comment on a selection across them)."""
    if where.end_paragraph < where.paragraph:
        raise RedlinerError(f"paragraph {where.end_paragraph} comes before paragraph {where.paragraph}")
    last = paragraph_at(review, where.part_name, where.end_paragraph)
    for number, node, offset in ((where.paragraph, paragraph, where.start), (where.end_paragraph, last, where.end)):
        length = len(markup_text(node))
        if not 0 <= offset <= length:
            raise RedlinerError(f"character {offset} is not in paragraph {number} ({length} characters)")
    start = _place_at(review, paragraph, where.start, journal, closing=False)
    end = _place_at(review, last, where.end, journal, closing=True) if where.end else Place(last, "start")
    return start, end


def _place_at(review, paragraph, offset: int, journal: Journal, closing: bool) -> Place:
    """The place at `offset`: after the run ending there (closing) or before the run starting there."""
    position = 0
    nodes = paragraph_nodes(paragraph)
    for node, text in nodes:
        following = position + len(text)
        if closing and position < offset <= following:
            if offset < following:
                split_run(review, node, offset - position, journal)
            elif node.getnext() is not None and node.getparent().tag == W_R:  # more of the run follows
                split_run(review, node.getnext(), 0, journal)
            return Place(_run_of(node), "after")
        if not closing and position <= offset < following:
            return Place(split_run(review, node, offset - position, journal), "before")
        position = following
    return Place(paragraph, "end")


def _run_of(node):
    return enclosing(node, W_R) if enclosing(node, W_R) is not None else node


def split_run(review: ReviewDocument, node, index: int, journal: Journal):
    """Split the run holding text node `node` before its character `index`; return the run that starts there."""
    run = node.getparent()
    if run is None or run.tag != W_R:
        return node
    children = list(run)
    position = children.index(node)
    if index == 0 and all(c.tag == W_RPR for c in children[:position]):
        return run
    second = run.makeelement(W_R, dict(run.attrib))
    props = run.find(W_RPR)
    if props is not None:
        second.append(copy.deepcopy(props))
    moved = children[position + 1:]
    if index == 0:
        moved.insert(0, node)
    else:
        rest = node.makeelement(node.tag, {XML_SPACE: "preserve"})
        rest.text = node.text[index:]
        second.append(rest)
        journal.set_text(node, node.text[:index])
    for child in moved:
        journal.move(child, second, None)
    journal.add_after(run, second)
    _follow_split(review, run, second, journal)
    return second


def _follow_split(review: ReviewDocument, run, second, journal: Journal) -> None:
    """The changes that held the split run hold both halves: a marker span's runs, a format change's twin."""
    new_change = second.find(f"{W_RPR}/{_RPR_CHANGE}")
    for change in review.changes:
        for piece in change.pieces:
            runs = getattr(piece, "runs", None)
            if runs is not None and run in runs:
                runs.insert(runs.index(run) + 1, second)
                journal.record(lambda runs=runs: runs.remove(second))
            elif new_change is not None and getattr(piece, "element", None) is run.find(f"{W_RPR}/{_RPR_CHANGE}"):
                old_twin = piece.twin
                piece.twin = dataclasses.replace(piece, element=new_change, twin=old_twin)
                journal.record(lambda piece=piece, old_twin=old_twin: setattr(piece, "twin", old_twin))


def change_places(change: Change) -> tuple[Place, Place]:
    """Where a comment on a change's text starts and ends: around its first and last piece."""
    elements = [e for piece in change.pieces for e in (getattr(piece, "runs", None) or [piece.element])]
    elements.sort(key=_document_position)
    return _inline_place(elements[0], first=True), _inline_place(elements[-1], first=False)


def _inline_place(element, first: bool) -> Place:
    side = "before" if first else "after"
    parent = element.getparent()
    if enclosing(element, W_PPR) is not None:  # a paragraph mark or property change: the paragraph's end
        return Place(enclosing(element, W_P), "end")
    if element.tag == W_R or (parent is not None and parent.tag in _INLINE_PARENTS and element.tag != W_P):
        return Place(element, side)
    run = enclosing(element, W_R)
    if run is not None:
        return Place(run, side)
    container = enclosing(element, W_TC) if enclosing(element, W_TC) is not None else enclosing(element, W_TR)
    paragraphs = list(container.iter(W_P)) if container is not None else []
    if paragraphs:
        return Place(paragraphs[0] if first else paragraphs[-1], "start" if first else "end")
    paragraph = enclosing(element, W_P)
    return Place(paragraph, "start" if first else "end")


def _document_position(element) -> tuple:
    path = []
    node = element
    while node.getparent() is not None:
        path.append(node.getparent().index(node))
        node = node.getparent()
    return tuple(reversed(path))


def put(place: Place, element, journal: Journal) -> None:
    """Insert `element` (a comment mark or a reference run) at a place."""
    target, side = place.element, place.side
    if side == "before":
        journal.add_before(target, element)
    elif side == "after":
        journal.add_after(target, element)
    elif side == "start":
        journal.insert(target, 1 if len(target) and target[0].tag == W_PPR else 0, element)
    else:
        journal.insert(target, len(target), element)
