"""How rendered text looks: run formatting, headings, list indents, and the marks of changes.

Formats are made once per distinct look and cached: a large document has thousands of runs but only a few
dozen looks.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)

from redliner.core.review.model import Change, Status

from .colours import author_colour

ROLE_INSERTED = "inserted"  # underlined, author's colour
ROLE_DELETED = "deleted"  # struck through, author's colour
ROLE_FORMAT = "format"  # formatting changed: dotted underline in the author's colour
ROLE_MARK_INSERTED = "mark-inserted"  # a "¶" for an inserted paragraph mark, underlined
ROLE_MARK_DELETED = "mark-deleted"  # a "¶" for a deleted paragraph mark, struck through
ROLE_PROPERTY = "property"  # a "¶" with a wavy underline: paragraph, table or numbering properties changed
ROLE_PLAIN = "plain"  # a change's text shown as its result (final or original view): no mark
# Moves: Word draws double lines, which Qt cannot; dashes set them apart from insertions and deletions.
ROLE_MOVED_FROM = "moved-from"  # struck through and dash-underlined, author's colour
ROLE_MOVED_TO = "moved-to"  # dash-underlined, author's colour

NEUTRAL = "#808080"  # skipped changes, revisions no change claims
HEADING_POINTS = {0: 20.0, 1: 16.0, 2: 14.0, 3: 13.0}
LIST_INDENT = 1  # QTextBlockFormat indent steps per list level
LABEL_HANG = 32.0  # pixels a list label hangs to the left of its paragraph's text


class RunLook(NamedTuple):
    bold: bool = False
    italic: bool = False
    underline: bool = False
    heading: int | None = None
    role: str | None = None
    colour: str | None = None  # '#rrggbb' of the change's author
    raised: bool = False  # superscript (w:vertAlign, note references)
    lowered: bool = False  # subscript

    def superscript(self) -> RunLook:
        return self._replace(raised=True, lowered=False)


class Painter:
    def __init__(self, colours: dict[str, QColor] | None = None):
        self.colours = dict(colours or {})
        self._char_formats: dict[RunLook, QTextCharFormat] = {}
        self._block_formats: dict[tuple, QTextBlockFormat] = {}
        self._names: dict[str, str] = {}
        self.plain = QTextCharFormat()
        self.table_format = _table_format()
        self.chunk_format = _chunk_format()
        self.filler_format = _filler_format()
        self.filler_char_format = QTextCharFormat()
        self.filler_char_format.setFontPointSize(0.5)  # its (empty) line takes the height of this font

    def colour_of(self, change: Change | None) -> str:
        if change is None or change.status == Status.SKIPPED:
            return NEUTRAL
        name = self._names.get(change.author)
        if name is None:
            colour = self.colours.get(change.author) or author_colour(change.author)
            name = self._names[change.author] = QColor(colour).name()
        return name

    def char_format(self, look: RunLook) -> QTextCharFormat:
        found = self._char_formats.get(look)
        if found is None:
            found = self._char_formats[look] = _char_format(look)
        return found

    def block_format(self, heading: int | None, level: int | None, right_to_left: bool = False,
                     labelled: bool = True) -> QTextBlockFormat:
        key = (heading, level, right_to_left, labelled)
        found = self._block_formats.get(key)
        if found is None:
            found = self._block_formats[key] = _block_format(heading, level, right_to_left, labelled)
        return found


def _chunk_format() -> QTextFrameFormat:
    """A frame that only groups blocks (docwriter.write_body): no border, margin or padding of its own."""
    found = QTextFrameFormat()
    found.setBorder(0)
    found.setMargin(0)
    found.setPadding(0)
    return found


def _filler_format() -> QTextBlockFormat:
    """The empty block Qt keeps between two frames: no height, so the text reads on without a gap."""
    found = QTextBlockFormat()
    found.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    found.setTopMargin(0)
    found.setBottomMargin(0)
    return found


def _char_format(look: RunLook) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if look.bold or look.heading is not None:
        fmt.setFontWeight(QFont.Weight.Bold)
    if look.italic:
        fmt.setFontItalic(True)
    if look.underline:
        fmt.setFontUnderline(True)
    if look.heading is not None:
        fmt.setFontPointSize(HEADING_POINTS.get(look.heading, 12.0))
    if look.raised:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    elif look.lowered:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
    _mark(fmt, look)
    return fmt


def _mark(fmt: QTextCharFormat, look: RunLook) -> None:
    if look.role in (None, ROLE_PLAIN):
        return
    colour = QColor(look.colour or NEUTRAL)
    if look.role in (ROLE_INSERTED, ROLE_MARK_INSERTED):
        fmt.setForeground(colour)
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(colour)
    elif look.role in (ROLE_DELETED, ROLE_MARK_DELETED):
        fmt.setForeground(colour)
        fmt.setFontStrikeOut(True)
    elif look.role in (ROLE_MOVED_FROM, ROLE_MOVED_TO):
        fmt.setForeground(colour)
        fmt.setFontStrikeOut(look.role == ROLE_MOVED_FROM)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(colour)
    elif look.role == ROLE_FORMAT:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(colour)
    elif look.role == ROLE_PROPERTY:
        fmt.setForeground(colour)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(colour)


def _block_format(heading: int | None, level: int | None, right_to_left: bool, labelled: bool) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    # Word sets a paragraph's direction (w:bidi); saying so spares Qt scanning every block's text for it on
    # each relayout, which halves the cost of an edit in a long document.
    fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight)
    if heading is not None:
        fmt.setTopMargin(10.0)
        fmt.setBottomMargin(4.0)
        fmt.setHeadingLevel(min(heading + 1, 6))
    if level is not None:
        fmt.setIndent(LIST_INDENT * (level + 1))
        # Hanging indent: the label sits in the margin and wrapped lines align with the text after its tab;
        # an item's unlabelled continuation paragraphs align with that text too.
        fmt.setLeftMargin(LABEL_HANG)
        if labelled:
            fmt.setTextIndent(-LABEL_HANG)
            fmt.setTabPositions([QTextOption.Tab(LABEL_HANG, QTextOption.TabType.LeftTab)])
    return fmt


def _table_format() -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorder(1.0)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setCellSpacing(0.0)
    fmt.setCellPadding(3.0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100.0))
    return fmt
