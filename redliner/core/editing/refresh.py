"""The change list kept in step with an edit, by reading again only the paragraphs the edit touched.

The paragraphs are read with the same readers a document's opening uses (story.py: revisions, quick text,
text-box twins, marker spans) and grouped the same way. A change read again keeps its object and id when it
holds a revision element it held before (typing that extends an insertion updates that change); a new one
gets the next id (the highest + 1) and goes into the list at its reading place; an open change no longer
found goes. Decided changes are never touched: their revisions left the tree when they were decided.
After an undo, the same paragraphs are read again and the changes the edit removed come back with their ids.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain
from weakref import WeakKeyDictionary

from redliner.core.editing.numbers import paragraph_numbers, story_ranks
from redliner.core.oxml.ns import w
from redliner.core.oxml.quicktext import QuickText
from redliner.core.oxml.walk import walk
from redliner.core.oxml.wordml import W_P, W_PPR, W_TR, W_VAL, enclosing, inserted_text
from redliner.core.review.document import ReviewDocument
from redliner.core.review.locate import ParagraphIndex
from redliner.core.review.markers import MarkerFinder
from redliner.core.review.model import OPEN_STATUSES, Change, ChangeKind, Location, Status
from redliner.core.review.revisions import DELETE
from redliner.core.review.story import MarkerOrigin, in_reading_order, marker_changes
from redliner.core.review.textboxes import fallback_reader, join_twins
from redliner.core.review.tracked import PieceFinder, group_pieces

_INDEXES: WeakKeyDictionary = WeakKeyDictionary()
_FIELDS = ("kind", "source", "author", "date", "inserted", "deleted", "location", "pieces", "detail")
_SPREAD_KINDS = frozenset((ChangeKind.MOVE, ChangeKind.ROW, ChangeKind.CELL))
W_STYLE, W_OUTLINE = w("pStyle"), w("outlineLvl")
_STORY_ROOTS = frozenset(w(n) for n in ("body", "hdr", "ftr", "footnote", "endnote"))


@dataclass
class ChangeDelta:
    removed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)


def refresh_changes(review: ReviewDocument, edit) -> ChangeDelta:
    """After an edit: the changes of its paragraphs read again (edit.delta keeps what was found)."""
    edit.delta = _refresh(review, edit.part, edit.first_number, edit.before, edit.paragraphs, [])
    return edit.delta


def refresh_after_undo(review: ReviewDocument, edit) -> ChangeDelta:
    """After edit.journal.undo(): the paragraphs as they were read again, the changes the edit removed back."""
    graveyard = edit.delta.removed if edit.delta is not None else []
    return _refresh(review, edit.part, edit.first_number, edit.paragraphs, edit.before, graveyard)


# -- which changes sit where ----------------------------------------------------------------------------------


class ChangeIndex:
    """Changes by the paragraph their pieces sit in, and the ids listed (kept as edits come and go)."""

    def __init__(self, review: ReviewDocument):
        self.by_paragraph: dict = {}
        self.ids: set[int] = set()
        self.size = 0
        for change in review.changes:
            self.add(change)

    def next_id(self) -> str:
        """The highest id of the changes listed, plus one (max of a set of ints: C speed)."""
        return str(max(self.ids, default=0) + 1)

    def add(self, change: Change) -> None:
        for piece in change.pieces:
            self.by_paragraph.setdefault(piece.paragraph, []).append(change)
        if change.id.isdigit():
            self.ids.add(int(change.id))
        self.size += 1

    def discard(self, change: Change, pieces) -> None:
        for piece in pieces:
            found = self.by_paragraph.get(piece.paragraph)
            if found and change in found:
                found.remove(change)
        self.size -= 1

    def forget(self, change: Change) -> None:
        """The change left the list."""
        self.discard(change, change.pieces)
        if change.id.isdigit():
            self.ids.discard(int(change.id))

    def at(self, paragraphs) -> list[Change]:
        found: dict = {}
        for paragraph in paragraphs:
            for change in self.by_paragraph.get(paragraph, ()):
                found.setdefault(change, None)
        return list(found)


def change_index(review: ReviewDocument) -> ChangeIndex:
    index = _INDEXES.get(review)
    if index is None or index.size != len(review.changes):
        index = _INDEXES[review] = ChangeIndex(review)
    return index


def _in_tree(change: Change) -> bool:
    """Open changes (and marked text kept as not a proposal) still have their revisions in the tree."""
    return change.status in OPEN_STATUSES or change.status is Status.NOT_A_PROPOSAL


# -- reading a region again ---------------------------------------------------------------------------------


def _refresh(review: ReviewDocument, part: str, first: int, old_region: list, new_region: list,
             graveyard: list) -> ChangeDelta:
    root = review.package.xml(part)
    numbers = paragraph_numbers(review, root)
    numbers.replace(first, old_region, new_region)
    index = change_index(review)
    live = [p for p in new_region if p.getparent() is not None]
    old = [c for c in index.at([*old_region, *new_region]) if _in_tree(c)]
    scopes = _scopes(live, old, index)
    old = [c for c in index.at(_paragraphs_of(scopes)) if _in_tree(c)] if len(scopes) > len(live) else old
    found = _read(review, part, root, scopes, numbers)
    delta, kept = _match(old, found, graveyard, index, review)
    _place(review, part, first + len(old_region), len(new_region) - len(old_region), old, kept)
    for change in delta.removed:
        index.forget(change)
    return delta


def _scopes(paragraphs: list, old: list[Change], index: ChangeIndex) -> list:
    """What to read: the paragraphs, whole table rows where a row's revision groups their changes, and the
    other half of a move."""
    scopes = {p: None for p in paragraphs}
    for change in old:
        if change.kind in _SPREAD_KINDS:
            for piece in change.pieces:
                row = enclosing(piece.element, W_TR) if change.kind is not ChangeKind.MOVE else None
                target = row if row is not None else piece.paragraph
                if target is not None and target.getparent() is not None:
                    scopes.setdefault(target, None)
    rows = {enclosing(p, W_TR) for p in scopes if p.tag == W_P}
    return [s for s in scopes if not (s.tag == W_P and enclosing(s, W_TR) in rows and enclosing(s, W_TR) in scopes)]


def _paragraphs_of(scopes: list) -> list:
    found = []
    for scope in scopes:
        found.extend(scope.iter(W_P) if scope.tag != W_P else (scope,))
    return found


def _read(review: ReviewDocument, part: str, root, scopes: list, numbers) -> list[Change]:
    label = story_ranks(review).get(part, (0, "body"))[1]
    quick = QuickText(scopes[0] if scopes else root)  # is the part pretty-printed? its paragraphs tell as well
    locator = RegionIndex(review, label, part, numbers)
    revisions = PieceFinder(part, locator)
    marked = MarkerFinder(review.markers, review.styles, part, quick, locator) if review.markers else None
    fallbacks: list = []
    readers = [revisions.readers(), quick.readers(), fallback_reader(fallbacks)]
    if marked:
        readers.append(marked.readers())
    for scope in sorted(scopes, key=lambda s: numbers.number(s if s.tag == W_P else next(s.iter(W_P))) or 0):
        walk(scope, *readers)
    pieces, _ = revisions.finish()
    quick.mark(revisions.nests)
    quick.mark(p.paragraph for p in pieces if p.direction == DELETE and p.paragraph is not None)
    changes = group_pieces(join_twins(pieces, fallbacks), locator, quick)
    if marked:
        origin = MarkerOrigin(review.drafter, review.modified_date())
        proposals = marker_changes(marked.finish(), locator, origin)
        changes = in_reading_order(changes, proposals) if changes else proposals
    return changes


class RegionIndex:
    """What the readers ask a locate.ParagraphIndex, for a few paragraphs of a part already numbered."""

    def __init__(self, review: ReviewDocument, label: str, part: str, numbers):
        self.styles = review.styles
        self.part, self.part_name, self._numbers = label, part, numbers
        self._headings = {sid for sid in self.styles.names if self.styles.heading_level(sid) is not None}

    def note(self, paragraph) -> None:
        """The readers tell where they are: these paragraphs are numbered already."""

    paragraph_of = ParagraphIndex.paragraph_of

    def number_at(self, element, paragraph=None) -> int:
        paragraph = paragraph if paragraph is not None else self.paragraph_of(element)
        return (self._numbers.number(paragraph) if paragraph is not None else None) or 0

    def locate(self, element, paragraph=None) -> Location:
        paragraph = paragraph if paragraph is not None else self.paragraph_of(element)
        number = self.number_at(element, paragraph)
        return Location(self.part, self.part_name, number, self.heading_before(paragraph))

    def heading_before(self, paragraph) -> str:
        """Text of the nearest heading at or before the paragraph (walking back at the part's top level)."""
        node = paragraph
        while node is not None and node.getparent() is not None and node.getparent().tag not in _STORY_ROOTS:
            node = node.getparent()  # the paragraph's (or its table's) child of the part's body
        own = [paragraph] if paragraph is not None and paragraph is not node else []
        for candidate in chain(own, [node] if node is not None else [], node.itersiblings(preceding=True)
                               if node is not None else []):
            if candidate.tag == W_P and self._is_heading(candidate):
                return " ".join(inserted_text(candidate).split())
        return ""

    def _is_heading(self, paragraph) -> bool:
        properties = paragraph.find(W_PPR)
        if properties is None:
            return False
        outline = properties.find(W_OUTLINE)
        if outline is not None:
            value = outline.get(W_VAL, "9")
            return value.isdigit() and int(value) < 9
        style = properties.find(W_STYLE)
        return style is not None and style.get(W_VAL) in self._headings


# -- matching and placing ---------------------------------------------------------------------------------------


def _match(old: list[Change], found: list[Change], graveyard: list[Change], index: ChangeIndex,
           review: ReviewDocument) -> tuple[ChangeDelta, list[Change]]:
    """Pair the changes found with those they continue; returns the delta and the changes now in the region,
    in reading order (old objects where they continue)."""
    owners = _owners(old)
    buried = _owners(graveyard)
    used: set = set()
    delta, kept = ChangeDelta(), []
    for change in found:
        match = _continued(change, owners, used)
        if match is not None:
            before = _signature(match)
            pieces = match.pieces
            _take_over(match, change)
            index.discard(match, pieces)
            index.add(match)
            if before != _signature(match):
                delta.updated.append(match)
            kept.append(match)
            continue
        revived = _continued(change, buried, used)
        if revived is not None and revived.id not in _ids(review):
            _take_over(revived, change)
            change = revived
        else:
            change.id = index.next_id()
        index.add(change)
        delta.added.append(change)
        kept.append(change)
    for change in old:
        if change not in used:
            delta.removed.append(change)
    return delta, kept


def _signature(change: Change) -> tuple:
    """What a change shows and holds, to tell whether reading it again changed it."""
    location = change.location
    return (change.kind, change.author, change.date, change.inserted, change.deleted, change.detail,
            location.paragraph, location.heading, tuple(piece.element for piece in change.pieces))


def _ids(review: ReviewDocument) -> set:
    return {c.id for c in review.changes}


def _owners(changes: list[Change]) -> dict:
    owners: dict = {}
    for change in changes:
        for piece in change.pieces:
            owners.setdefault(piece.element, change)
    return owners


def _continued(change: Change, owners: dict, used: set) -> Change | None:
    """The change that held this one's first revision element, else any of its elements (unused so far)."""
    for piece in change.pieces:
        owner = owners.get(piece.element)
        if owner is not None and owner not in used:
            used.add(owner)
            return owner
    return None


def _take_over(target: Change, source: Change) -> None:
    for name in _FIELDS:
        setattr(target, name, getattr(source, name))


def _place(review: ReviewDocument, part: str, after: int, shift: int, old: list[Change], kept: list[Change]) -> None:
    """Take the region's old changes out of the list, shift the paragraph numbers after the region, put the
    region's changes in at their reading place; the id lookup follows."""
    changes = review.changes
    for change in old:
        del changes[changes.index(change)]  # identity (Change compares so): a C loop, no Python one
    ranks = story_ranks(review)
    last = len(ranks)

    def key(change: Change) -> tuple:
        return ranks.get(change.location.part_name, (last,))[0], change.location.paragraph

    if shift:
        rank = ranks.get(part, (last,))[0]
        for change in changes[bisect_left(changes, (rank, after), key=key):]:
            location = change.location
            if location.part_name != part:
                break
            location.paragraph += shift
    for change in kept:
        changes.insert(bisect_right(changes, key(change), key=key), change)
    review.index_changes(added=kept, removed=[c for c in old if c not in kept])
