"""Reading one story part (the body, a header, the footnotes...): every change in it, from a single walk.

The paragraph index, the revision finder, the marker finder and the quick text reader each name the tags
they need; walk.py hands them their elements in one pass over the tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from redliner.core.oxml.quicktext import QuickText
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.walk import walk
from redliner.core.oxml.wordml import W_P, W_PPR
from redliner.core.review.locate import ParagraphIndex
from redliner.core.review.markers import MarkerFinder, MarkerRule
from redliner.core.review.model import Change, ChangeKind, ChangeSource
from redliner.core.review.revisions import DELETE
from redliner.core.review.textboxes import fallback_reader, join_twins
from redliner.core.review.tracked import PieceFinder, group_pieces


@dataclass
class StoryScan:
    changes: list[Change]
    warnings: list[str]


@dataclass
class MarkerOrigin:
    """Whom marker proposals are attributed to: the document's last author and date."""

    author: str
    date: str


def read_story(root, label: str, part_name: str, styles: StyleSheet, markers: list[MarkerRule],
               origin: MarkerOrigin) -> StoryScan:
    quick = QuickText(root)
    locator = ParagraphIndex(root, styles, label, part_name, quick)
    revisions = PieceFinder(part_name, locator)
    marked = MarkerFinder(markers, styles, part_name, quick, locator) if markers else None
    fallbacks: list = []  # of drawings and text boxes: a text box's revisions are in both its copies
    readers = [locator.readers(), revisions.readers(), quick.readers(), fallback_reader(fallbacks)]
    walk(root, *readers, *([marked.readers()] if marked else []))
    pieces, warnings = revisions.finish()
    quick.mark(revisions.nests)  # an insertion holding a deletion: its w:delText is not inserted text
    quick.mark(p.paragraph for p in pieces if p.direction == DELETE and p.paragraph is not None)
    locator.finish()
    changes = group_pieces(join_twins(pieces, fallbacks), locator, quick)  # in paragraph order
    if marked:
        proposals = marker_changes(marked.finish(), locator, origin)  # in document order
        changes = in_reading_order(changes, proposals) if changes else proposals
    return StoryScan(changes, warnings)


def marker_changes(pieces, locator: ParagraphIndex, origin: MarkerOrigin) -> list[Change]:
    author, date, locate = origin.author, origin.date, locator.locate
    changes = []
    for piece in pieces:
        words = piece.found_text
        if piece.rule.direction == DELETE:
            kind, inserted, deleted = ChangeKind.DELETION, "", words
        else:
            kind, inserted, deleted = ChangeKind.INSERTION, words, ""
        changes.append(Change("", kind, ChangeSource.MARKER, author, date, inserted, deleted,
                              locate(piece.runs[0], piece.paragraph), [piece], detail=piece.rule.name))
    return changes


def in_reading_order(tracked: list[Change], proposals: list[Change]) -> list[Change]:
    """Both lists merged by paragraph; in a paragraph holding both, ordered as they read."""
    merged = sorted(tracked + proposals, key=lambda change: change.location.paragraph)  # stable: tracked first
    ordered: list[Change] = []
    start = 0
    while start < len(merged):
        end = start + 1
        while end < len(merged) and merged[end].location.paragraph == merged[start].location.paragraph:
            end += 1
        group = merged[start:end]
        if len({change.source for change in group}) > 1:
            group.sort(key=_position_in_paragraph)
        ordered.extend(group)
        start = end
    return ordered


def _position_in_paragraph(change: Change) -> int:
    """Index of the paragraph child holding the change's first piece (its mark, in w:pPr, comes last)."""
    node = change.pieces[0].element
    while node.getparent() is not None and node.getparent().tag != W_P:
        node = node.getparent()
    parent = node.getparent()
    if parent is None or node.tag == W_PPR:
        return 1 << 30
    return parent.index(node)
