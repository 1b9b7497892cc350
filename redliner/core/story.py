"""Reading one story part (the body, a header, the footnotes...): every change in it, from a single walk.

The paragraph index, the revision finder, the marker finder and the quick text reader each name the tags
they need; walk.py hands them their elements in one pass over the tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .locate import ParagraphIndex
from .markers import MarkerFinder, MarkerRule
from .model import Change, ChangeKind, ChangeSource
from .quicktext import QuickText
from .revisions import DELETE
from .styles import StyleSheet
from .tracked import PieceFinder, group_pieces
from .walk import walk


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
    readers = [locator.readers(), revisions.readers(), quick.readers()]
    walk(root, *readers, *([marked.readers()] if marked else []))
    pieces, warnings = revisions.finish()
    quick.mark(revisions.nests)  # an insertion holding a deletion: its w:delText is not inserted text
    quick.mark(p.paragraph for p in pieces if p.direction == DELETE and p.paragraph is not None)
    locator.finish()
    changes = group_pieces(pieces, locator, quick)
    if marked:
        changes += marker_changes(marked.finish(), locator, origin)
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
