"""Reading tracked changes: revision elements -> pieces -> reviewable changes.

Pieces are grouped the way a reviewer reads them: a move's two halves are one move; a row or cell with the
revisions inside it is one change; a paragraph inserted or deleted whole (content and mark) is one change;
adjacent pieces of one author are one change; a deletion next to an insertion by the same author is a
replacement.
"""

from __future__ import annotations

from redliner.core.oxml.ns import local_name, w
from redliner.core.oxml.runmap import OBJECT_TAGS
from redliner.core.oxml.walk import Reader
from redliner.core.oxml.wordml import W_DELTEXT, W_P, W_TC, W_TR, enclosing, has_content, next_content_sibling
from redliner.core.review.invisible import name_marks
from redliner.core.review.locate import ParagraphIndex
from redliner.core.review.model import Change, ChangeKind, ChangeSource
from redliner.core.review.propdiff import property_change_words
from redliner.core.review.revisions import (
    ALL_REVISION_TAGS,
    CONTENT_HANDLERS,
    CUSTOM_RANGE_ENDS,
    DELETE,
    INSERT,
    MOVE_RANGE_TAGS,
    PROPERTY,
    PROPERTY_DETAILS,
    RANGE_ENDS,
    UNSUPPORTED_TAGS,
    WRAPPER_INSERTS,
    Piece,
    handler_for,
)

W_AUTHOR, W_DATE, W_NAME, W_ID = w("author"), w("date"), w("name"), w("id")
_PROPERTY_CHANGE_TAGS = frozenset(w(n) for n in PROPERTY_DETAILS)
_CUSTOM_RANGE_ENDS = frozenset(CUSTOM_RANGE_ENDS)
_MOVE_RANGE_TAGS = frozenset(MOVE_RANGE_TAGS)
_MOVE_WRAPPERS = {w("moveFrom"): "moveFrom", w("moveTo"): "moveTo"}
_INS_DEL = frozenset((w("ins"), w("del")))
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OBJECT_CHOICES = frozenset((_MC + "Choice", _MC + "Fallback"))
_WORDED_CHANGES = frozenset(w(n) for n in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                            "tcPrChange", "tblPrExChange"))


# -- finding pieces --------------------------------------------------------------------------------


class PieceFinder:
    """Revision elements, handed over in document order by the part's walk, become pieces."""

    def __init__(self, part_name: str, paragraphs: ParagraphIndex | None = None):
        self.part_name = part_name
        self._paragraphs = paragraphs  # told where each piece is, while the walk is there
        self.pieces: list[Piece] = []
        self.warnings: list[str] = []
        self.nests: set = set()  # revision wrappers holding other revisions (an insertion later deleted)
        self._open_moves: dict[str, str] = {}  # range id -> move name, while the range is open
        self._range_markers: dict[str, list] = {}
        self._range_ends: dict[tuple, object] = {}
        self._old_properties: set = set()  # inside the old properties a *PrChange keeps: history, not revisions
        self._moves_seen = False

    def readers(self) -> Reader:
        return dict.fromkeys(ALL_REVISION_TAGS, self.see)

    def see(self, element) -> None:
        tag = element.tag
        inserted = WRAPPER_INSERTS.get(tag)
        if inserted is not None:
            parent = element.getparent()
            # Text inserted or deleted in a paragraph, most revisions (never old properties: those sit in w:rPr)
            if parent is not None and parent.tag == W_P:
                self.pieces.append(self._new_piece(element, tag, CONTENT_HANDLERS[inserted], parent))
                return
        if tag in _CUSTOM_RANGE_ENDS:
            self._range_ends[(tag, element.get(W_ID))] = element
            return
        if self._old_properties and element in self._old_properties:
            return
        if tag in _PROPERTY_CHANGE_TAGS:
            self._old_properties.update(element.iterdescendants())  # they come after it in document order
        if tag in _MOVE_RANGE_TAGS:
            _track_move_range(element, self._open_moves, self._range_markers)
            return
        if tag in UNSUPPORTED_TAGS:
            self.warnings.append(f"{self.part_name}: {local_name(tag)} is not supported; left as it is")
            return
        handler = handler_for(element)
        if handler is None:
            parent = element.getparent()
            where = local_name(parent.tag) if parent is not None else "?"
            self.warnings.append(f"{self.part_name}: unknown revision {local_name(tag)} inside {where}; "
                                 "left as it is")
            return
        self.pieces.append(self._piece(element, handler))

    def _piece(self, element, handler) -> Piece:
        paragraph = element.getparent()
        while paragraph is not None and paragraph.tag != W_P:
            if paragraph.tag in _MOVE_WRAPPERS or paragraph.tag in _INS_DEL:
                self.nests.add(paragraph)
            paragraph = paragraph.getparent()
        return self._new_piece(element, element.tag, handler, paragraph)

    def _new_piece(self, element, tag: str, handler, paragraph) -> Piece:
        move_name = ""
        if tag in _MOVE_WRAPPERS:
            self._moves_seen = True
            prefix = _MOVE_WRAPPERS[tag]
            move_name = next((n for key, n in reversed(self._open_moves.items()) if key.startswith(prefix)), "")
            move_name = move_name or element.get(W_NAME, "")  # some writers name the move on the wrapper itself
        if self._paragraphs is not None:  # a row's or a section's revision: the paragraph it is shown at
            self._paragraphs.note(paragraph if paragraph is not None else self._paragraphs.paragraph_of(element))
        return Piece(element, handler, self.part_name, element.get(W_AUTHOR, "Unknown"), element.get(W_DATE, ""),
                     move_name, paragraph=paragraph)

    def finish(self) -> tuple[list[Piece], list[str]]:
        pieces = self.pieces
        if self._range_ends:  # custom XML ranges: their end markers go with their start
            for piece in pieces:
                end = self._range_ends.get((RANGE_ENDS.get(piece.element.tag), piece.element.get(W_ID)))
                if end is not None:
                    piece.range_markers = [end]
        if self._moves_seen:
            _name_mark_moves(pieces)
            _pair_unnamed_moves(pieces)
            for piece in pieces:
                if piece.move_name:
                    piece.range_markers = self._range_markers.get(piece.move_name, [])
        return pieces, self.warnings


def _pair_unnamed_moves(pieces: list[Piece]) -> None:
    """Moves written without range names: a moveFrom and a moveTo of one author and the same text pair up."""
    waiting: dict[tuple, Piece] = {}
    for piece in pieces:
        name = local_name(piece.element.tag)
        if piece.move_name or piece.handler.kind != "content" or name not in ("moveFrom", "moveTo"):
            continue
        inserted, deleted = piece.text()
        key = (piece.author, (inserted or deleted).strip())
        partner = waiting.pop(key + ("moveTo" if name == "moveFrom" else "moveFrom",), None)
        if partner is None:
            waiting[key + (name,)] = piece
        else:
            partner.move_name = piece.move_name = f"unnamed move {id(partner)}"


def _name_mark_moves(pieces: list[Piece]) -> None:
    """A moved paragraph's mark sits before the move range opens: it takes the name of its paragraph's move."""
    named = {}
    for piece in pieces:
        if piece.move_name and piece.handler.kind == "content":
            named.setdefault((enclosing(piece.element, W_P), local_name(piece.element.tag)), piece.move_name)
    for piece in pieces:
        if piece.handler.kind == "mark" and not piece.move_name and local_name(piece.element.tag).startswith("move"):
            piece.move_name = named.get((enclosing(piece.element, W_P), local_name(piece.element.tag)), "")


def _track_move_range(element, open_moves: dict[str, str], range_markers: dict[str, list]) -> None:
    name = local_name(element.tag)
    side = "moveFrom" if name.startswith("moveFrom") else "moveTo"
    key = f"{side}:{element.get(W_ID)}"
    if name.endswith("Start"):
        move_name = element.get(W_NAME, key)
        open_moves[key] = move_name
        range_markers.setdefault(move_name, []).append(element)
    else:
        move_name = open_moves.pop(key, "")
        if move_name:
            range_markers.setdefault(move_name, []).append(element)


# -- grouping ----------------------------------------------------------------------------------------


def group_pieces(pieces: list[Piece], locator: ParagraphIndex, reader=None) -> list[Change]:
    """Pieces -> changes; `reader` (a quicktext.QuickText of the part) reads their text faster."""
    groups: list[list[Piece]] = []
    remaining = _take_moves(pieces, groups)
    remaining = _take_containers(remaining, groups, W_TR, "row")
    remaining = _take_containers(remaining, groups, W_TC, "cell")
    remaining = _take_whole_paragraphs(remaining, groups)
    groups.extend(_adjacent_runs(remaining))
    groups.sort(key=lambda group: _order(group, locator))
    return [_change(group, locator, reader) for group in _pair_replacements(groups)]


def _order(group: list[Piece], locator: ParagraphIndex) -> int:
    first = group[0]
    return locator.number_at(first.element, first.paragraph)  # the number the change will be listed at


def _take_moves(pieces: list[Piece], groups: list[list[Piece]]) -> list[Piece]:
    moves: dict[str, list[Piece]] = {}
    rest = []
    for piece in pieces:
        if piece.move_name:
            moves.setdefault(piece.move_name, []).append(piece)
        else:
            rest.append(piece)
    groups.extend(moves.values())
    return rest


def _take_containers(pieces: list[Piece], groups: list[list[Piece]], tag: str, kind: str) -> list[Piece]:
    """A row (or cell) revision absorbs the same-direction revisions inside that row (or cell)."""
    if not any(p.handler.kind == kind for p in pieces):
        return pieces
    owners = {enclosing(p.element, tag): p for p in pieces if p.handler.kind == kind}
    owners.pop(None, None)
    absorbed: dict[int, list[Piece]] = {id(owner): [owner] for owner in owners.values()}
    rest = []
    for piece in pieces:
        if piece.handler.kind == kind:
            continue
        owner = owners.get(enclosing(piece.element, tag)) if piece.handler.kind in ("content", "mark") else None
        if owner is not None and owner.direction == piece.direction and owner.author == piece.author:
            absorbed[id(owner)].append(piece)
        else:
            rest.append(piece)
    groups.extend(absorbed.values())
    return rest


def _take_whole_paragraphs(pieces: list[Piece], groups: list[list[Piece]]) -> list[Piece]:
    """A paragraph mark revision plus the content revisions that make up all of that paragraph."""
    with_marks = {p.paragraph for p in pieces if p.handler.kind == "mark" and p.paragraph is not None}
    if not with_marks:
        return pieces
    by_paragraph: dict[object, list[Piece]] = {}
    for piece in pieces:
        if piece.paragraph in with_marks and piece.handler.kind in ("content", "mark"):
            by_paragraph.setdefault(piece.paragraph, []).append(piece)
    taken: set[int] = set()
    for paragraph, members in by_paragraph.items():
        marks = [p for p in members if p.handler.kind == "mark"]
        if len(marks) != 1 or paragraph is None:
            continue
        mark = marks[0]
        content = [p for p in members if p.handler.kind == "content" and p.element.getparent() is paragraph]
        same = all(p.direction == mark.direction and p.author == mark.author for p in content)
        if content and same and _only_content(paragraph, content):
            groups.append(content + [mark])
            taken.update(id(p) for p in content + [mark])
    return [p for p in pieces if id(p) not in taken]


def _only_content(paragraph, content: list[Piece]) -> bool:
    """True when every visible thing in the paragraph is inside one of these pieces."""
    wrappers = {p.element for p in content}
    for child in paragraph:
        if child in wrappers or child.tag == w("pPr"):
            continue
        if has_content(child):
            return False
    return True


def _adjacent_runs(pieces: list[Piece]) -> list[list[Piece]]:
    """Adjacent content (or formatting) pieces of one author and direction form one group."""
    groups: list[list[Piece]] = []
    for piece in pieces:
        last = groups[-1][-1] if groups else None
        if last is not None and _continues(last, piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _continues(last: Piece, piece: Piece) -> bool:
    if last.author != piece.author or last.direction != piece.direction:
        return False
    if last.handler.kind == "content" == piece.handler.kind:
        return next_content_sibling(last.element) is piece.element
    if last.handler.kind == "format" == piece.handler.kind:
        run, next_run = last.element.getparent().getparent(), piece.element.getparent().getparent()
        return next_content_sibling(run) is next_run
    return False


def _pair_replacements(groups: list[list[Piece]]) -> list[list[Piece]]:
    """A deletion directly followed (or preceded) by an insertion of the same author is one replacement."""
    paired: list[list[Piece]] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        following = groups[index + 1] if index + 1 < len(groups) else None
        if following is not None and _replaces(group, following):
            paired.append(group + following)
            index += 2
        else:
            paired.append(group)
            index += 1
    return paired


def _replaces(first: list[Piece], second: list[Piece]) -> bool:
    a, b = first[-1], second[0]
    if a.author != b.author:
        return False  # the cheap tests first: most neighbours fail here
    a_direction, b_direction = a.handler.direction, b.handler.direction
    if a_direction == b_direction or PROPERTY in (a_direction, b_direction):
        return False
    for group, direction in ((first, a_direction), (second, b_direction)):
        for piece in group:
            if piece.handler.kind != "content" or piece.handler.direction != direction:
                return False
    return next_content_sibling(a.element) is b.element


_CONTAINER_KINDS = frozenset(("row", "cell"))


def _change(group: list[Piece], locator: ParagraphIndex, reader) -> Change:
    first = group[0]
    if len(group) == 1:
        inserted, deleted = first.text(reader) if first.handler.kind != "mark" else ("", "")
    else:
        # A row or cell piece's text already covers the revisions inside it, which its group absorbed.
        containers = [p for p in group if p.handler.kind in _CONTAINER_KINDS]
        texts = [p.text(reader) for p in containers or group if p.handler.kind != "mark"]
        inserted = "".join(text[0] for text in texts)
        deleted = "".join(text[1] for text in texts)
    kind = _kind(group)
    detail = first.handler.detail
    if kind == ChangeKind.MOVE:
        inserted = deleted = inserted or deleted
    if first.element.tag in _WORDED_CHANGES:  # "formatting (bold, italic)": what the change changed
        words = property_change_words(first.element, locator.styles)
        detail = f"{detail} ({words})" if words else detail
    elif not (inserted or deleted) or (kind is ChangeKind.REPLACEMENT and not (inserted and deleted)):
        detail = _invisible_detail(group) or detail
    return Change("", kind, ChangeSource.TRACKED, first.author, first.date, inserted, deleted,
                  locator.locate(first.element, first.paragraph), group, detail=detail)


def _invisible_detail(group: list[Piece]) -> str:
    """What a change without visible text is about: a field code, or pictures."""
    codes = "".join(node.text or "" for p in group for node in p.element.iter(w("instrText"), w("delInstrText")))
    if codes.strip():
        return f"field code {' '.join(codes.split())}"
    pictures = sum(1 for p in group for node in p.element.iter(*OBJECT_TAGS)
                   if node.getparent().tag not in _OBJECT_CHOICES)  # a drawing's fallback is the same picture
    if pictures:
        return "picture" if pictures == 1 else f"{pictures} pictures"
    marks = name_marks(p.element for p in group)
    if marks:
        return marks
    inserted = [p.element for p in group if p.direction == INSERT]  # text inserted, then deleted by someone
    later_deleted = "".join(node.text or "" for element in inserted for node in element.iter(W_DELTEXT))
    return f"later deleted: {' '.join(later_deleted.split())}" if later_deleted.strip() else ""


_SINGLE_KINDS = {("content", INSERT): ChangeKind.INSERTION, ("content", DELETE): ChangeKind.DELETION}


def _kind(group: list[Piece]) -> ChangeKind:
    if len(group) == 1 and not group[0].move_name:
        single = _SINGLE_KINDS.get((group[0].handler.kind, group[0].direction))
        if single is not None:
            return single
    kinds = {p.handler.kind for p in group}
    directions = {p.direction for p in group}
    if any(p.move_name for p in group):
        return ChangeKind.MOVE
    if "row" in kinds:
        return ChangeKind.ROW
    if "cell" in kinds:
        return ChangeKind.CELL
    if kinds == {"format"}:
        return ChangeKind.FORMAT
    if kinds == {"property"}:
        return ChangeKind.PROPERTY
    if kinds == {"mark"}:
        return ChangeKind.PARAGRAPH_MARK
    if directions == {INSERT, DELETE}:
        return ChangeKind.REPLACEMENT
    return ChangeKind.INSERTION if directions == {INSERT} else ChangeKind.DELETION
