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
NONE = "No changes in this copy."
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
        self.wrapper = Wrapper(self.metrics)
        self._cut: dict[tuple[int, str], str] = {}
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
                cells.append(self.wrapper.wrap(text, inner) or [""])
            else:
                cut = self._cut.get((column, text))  # kinds, authors, statuses: a few values, thousands of rows
                if cut is None:
                    cut = self._cut[(column, text)] = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                              inner)
                cells.append([cut])
        return cells

    def paint(self, painter: QPainter, page: SummaryPage) -> None:
        painter.save()
        top = 0.0
        if page.first:
            painter.setFont(self.title_font)
            painter.setPen(QColor("black"))
            painter.drawText(QPointF(0, QFontMetricsF(self.title_font).ascent()), TITLE)
            top = self.title_height
        if not self.rows:  # a table of headings only would read as a table that failed to fill
            painter.setFont(self.font)
            painter.drawText(QPointF(0, top + self.metrics.ascent()), NONE)
            painter.restore()
            return
        self._paint_header(painter, top)
        painter.setFont(self.font)
        ascent = self.metrics.ascent()
        rule, black = QPen(RULE, 0), QColor("black")
        colours: dict[str, QColor] = {}
        lefts = [sum(self.columns[:n]) + PADDING for n in range(len(self.columns))]
        lefts[0] += 2.0  # clear of the row's colour bar
        for row in page.rows:
            colour = colours.get(row.colour) or colours.setdefault(row.colour, QColor(row.colour))
            painter.setPen(rule)
            painter.drawLine(QPointF(0, row.top + row.height), QPointF(self.width, row.top + row.height))
            painter.fillRect(QRectF(0, row.top + PADDING, 2.0, row.height - 2 * PADDING), colour)
            painter.setPen(black)
            baseline = row.top + PADDING + ascent
            for column, lines in enumerate(row.cells):
                if column == 2:
                    painter.setPen(colour)
                for n, line in enumerate(lines):
                    if line:
                        painter.drawText(QPointF(lefts[column], baseline + n * self.line), line)
                if column == 2:
                    painter.setPen(black)
        painter.restore()

    def _paint_header(self, painter: QPainter, top: float) -> None:
        painter.fillRect(QRectF(0, top, self.width, self.header_height), HEADER_FILL)
        painter.setFont(self.bold)
        painter.setPen(QColor("black"))
        x = 0.0
        for heading, width in zip(HEADINGS, self.columns, strict=False):
            painter.drawText(QPointF(x + PADDING, top + PADDING + QFontMetricsF(self.bold).ascent()), heading)
            x += width


class Wrapper:
    """Greedy word wrap, a line's width summed from its words' (each measured once: a summary of thousands of
    rows uses a few thousand words); a word wider than the line is cut into pieces that fit."""

    def __init__(self, metrics: QFontMetricsF):
        self.metrics = metrics
        self.space = metrics.horizontalAdvance(" ")
        self.widths: dict[str, float] = {}

    def width(self, word: str) -> float:
        found = self.widths.get(word)
        if found is None:
            found = self.widths[word] = self.metrics.horizontalAdvance(word)
        return found

    def wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in paragraph.split():
                size = self.width(word)
                if current and used + self.space + size <= width:
                    current.append(word)
                    used += self.space + size
                    continue
                if current:
                    lines.append(" ".join(current))
                while size > width and len(word) > 1:
                    cut = _fitting(word, self.metrics, width)
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self.width(word)
                current, used = [word], size
            lines.append(" ".join(current))
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
