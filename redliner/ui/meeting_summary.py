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
WIDTHS = (0.045, 0.115, 0.12, 0.085, 0.14, 0.32, 0.16, 0.20)  # shares of the width (Comments only when there are any)
WRAPPED = frozenset((4, 5, 6, 7))  # columns whose text wraps; the others are cut to one line
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
        commented = any(row.threads for row in rows)
        shown = len(HEADINGS) if commented else len(HEADINGS) - 1
        shares = WIDTHS[:shown]
        total = sum(shares)
        self.columns = [self.width * s / total for s in shares]
        self.header_height = self.line + 2 * PADDING
        self.title_height = QFontMetricsF(self.title_font).lineSpacing() * 1.6

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
