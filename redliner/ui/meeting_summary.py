"""The meeting copy's summary table, laid out and painted by hand on its own pages.

A QTextTable of thousands of rows takes Qt tens of seconds to lay out and paginate (7,000 rows: ~17 s), so
the rows are measured and wrapped here, line by line with the font's metrics, and painted with QPainter.
Units are the text layout's pixels (see meeting_pages.py); fonts are sized in those pixels so that the
measures hold on any device.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from .meeting_copy import SummaryRow

TITLE = "Summary of changes"
HEADINGS = ("No.", "Kind", "Author", "Status", "Section", "Change", "Decided by, when", "Comments")
# The first four columns are as wide as their widest value (at most these shares of the width), cut to one line;
# the others share the rest and wrap (Comments only when there are any).
NARROW_CAPS = (0.07, 0.14, 0.18, 0.13)
WRAPPED_SHARES = (0.22, 0.48, 0.3, 0.3)
WRAPPED = frozenset((4, 5, 6, 7))
PADDING = 2.5
RULE = QColor("#B0B0B0")
HEADER_FILL = QColor("#EDEDED")


@dataclass
class PlacedRow:
    top: float
    height: float
    cells: list[list[str]]  # lines of each column
    colour: str


@dataclass
class SummaryPage:
    first: bool
    rows: list[PlacedRow]


class SummaryTable:
    def __init__(self, rows: list[SummaryRow], width: float, height: float, points: float):
        """`points`: layout pixels per point, to size the fonts."""
        self.rows = rows
        self.width, self.height = width, height
        self.font = _font(8.0 * points)
        self.bold = _font(8.0 * points, bold=True)
        self.title_font = _font(14.0 * points, bold=True)
        self.metrics = QFontMetricsF(self.font)
        self.line = self.metrics.lineSpacing()
        self.columns = self._widths(any(row.threads for row in rows))
        self.header_height = self.line + 2 * PADDING
        self.title_height = QFontMetricsF(self.title_font).lineSpacing() * 1.6

    def _widths(self, commented: bool) -> list[float]:
        bold = QFontMetricsF(self.bold)
        narrow = []
        for column, cap in enumerate(NARROW_CAPS):
            values = {(row.number, row.kind, row.author, row.status)[column] for row in self.rows}
            widest = max([bold.horizontalAdvance(HEADINGS[column])] +
                         [self.metrics.horizontalAdvance(v) for v in values])
            narrow.append(min(widest + 2 * PADDING + 3.0, cap * self.width))
        shares = WRAPPED_SHARES if commented else WRAPPED_SHARES[:-1]
        rest = self.width - sum(narrow)
        return narrow + [rest * share / sum(shares) for share in shares]

    def paginate(self) -> list[SummaryPage]:
        pages = [SummaryPage(True, [])]
        y = self.title_height + self.header_height
        for row in self.rows:
            cells = self._cells(row)
            height = max(len(lines) for lines in cells) * self.line + 2 * PADDING
            if y + height > self.height and pages[-1].rows:
                pages.append(SummaryPage(False, []))
                y = self.header_height
            pages[-1].rows.append(PlacedRow(y, height, cells, row.colour))
            y += height
        return pages

    def _cells(self, row: SummaryRow) -> list[list[str]]:
        values = (row.number, row.kind, row.author, row.status, row.section, row.text, row.decided,
                  "\n".join(row.threads))
        cells = []
        for column, width in enumerate(self.columns):
            inner = width - 2 * PADDING
            text = values[column]
            if column in WRAPPED:
                cells.append(wrap(text, self.metrics, inner) or [""])
            else:
                cells.append([self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner)])
        return cells

    def paint(self, painter: QPainter, page: SummaryPage) -> None:
        painter.save()
        top = 0.0
        if page.first:
            painter.setFont(self.title_font)
            painter.setPen(QColor("black"))
            painter.drawText(QPointF(0, QFontMetricsF(self.title_font).ascent()), TITLE)
            top = self.title_height
        self._paint_header(painter, top)
        painter.setFont(self.font)
        ascent = self.metrics.ascent()
        for row in page.rows:
            painter.setPen(QPen(RULE, 0))
            painter.drawLine(QPointF(0, row.top + row.height), QPointF(self.width, row.top + row.height))
            painter.fillRect(QRectF(0, row.top + PADDING, 2.0, row.height - 2 * PADDING), QColor(row.colour))
            x = 0.0
            for column, (width, lines) in enumerate(zip(self.columns, row.cells, strict=True)):
                painter.setPen(QColor(row.colour) if column == 2 else QColor("black"))
                for n, line in enumerate(lines):
                    painter.drawText(QPointF(x + PADDING + (2.0 if column == 0 else 0.0),
                                             row.top + PADDING + ascent + n * self.line), line)
                x += width
        painter.restore()

    def _paint_header(self, painter: QPainter, top: float) -> None:
        painter.fillRect(QRectF(0, top, self.width, self.header_height), HEADER_FILL)
        painter.setFont(self.bold)
        painter.setPen(QColor("black"))
        x = 0.0
        for heading, width in zip(HEADINGS, self.columns, strict=False):
            painter.drawText(QPointF(x + PADDING, top + PADDING + QFontMetricsF(self.bold).ascent()), heading)
            x += width


def wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is cut into pieces that fit."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if metrics.horizontalAdvance(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while metrics.horizontalAdvance(current) > width and len(current) > 1:
                cut = _fitting(current, metrics, width)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _fitting(word: str, metrics: QFontMetricsF, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font
