"""The meeting copy on pages: the text paginated by Qt, painted page by page with QPainter, and around it what
QTextDocument cannot draw: change bars in the left margin, the document's header and footer, "Page N of M",
then the summary table's pages.

Everything is painted in the text layout's units (pixels at Qt's default DPI, the unit QTextDocument lays out
in when it has no paint device); the painter is scaled from those to the device. The work is a generator of
progress steps, so that the app can paint between them and cancel (the GUI thread must do Qt's text layout).

    pages = MeetingPages(copy, writer)        # writer: a QPdfWriter or QPrinter in full-page mode
    for done, total, what in pages.steps():  # or pages.paint_all()
        ...
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
)

from redliner.core.review.document import collector_paused

from .meeting_copy import MeetingCopy
from .meeting_summary import SummaryTable

LAYOUT_CHUNK = 400  # blocks laid out per step
PAINT_CHUNK = 20  # pages painted per step
BAR_WIDTH = 2.0  # points
BAR_GAP = 9.0  # points between the bar and the text
MARGIN_TEXT = QColor("#555555")


def layout_dpi() -> int:
    """The DPI QTextDocument lays out at without a paint device (Qt's qt_defaultDpiY)."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen is not None else 100


def page_layout(copy: MeetingCopy) -> QPageLayout:
    """The first section's paper and margins (A4 or Letter recognised by size), in full-page mode: the
    margins are painted into (header, footer, bars), so the painter's origin is the paper's corner."""
    width, height = copy.page.size_pt
    if copy.page.landscape and width < height:
        width, height = height, width
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    return layout


@dataclass
class Geometry:
    """One page in layout pixels: the paper, the text area, where header and footer lines sit."""

    paper: QRectF
    text: QRectF
    header_y: float
    footer_y: float
    points: float  # layout pixels per point


def geometry(copy: MeetingCopy, paper_pt: QRectF, dpi: int) -> Geometry:
    points = dpi / 72.0
    left, top, right, bottom = copy.page.margins_pt
    # A margin wider than a third of the paper (a printer's small paper) gives way to a usable text area.
    left, right = (min(m, paper_pt.width() / 3) for m in (left, right))
    top, bottom = (min(m, paper_pt.height() / 3) for m in (top, bottom))
    header = copy.page.header_distance / 20 if copy.page.header_distance > 0 else top / 2
    footer = copy.page.footer_distance / 20 if copy.page.footer_distance > 0 else bottom / 2
    paper = QRectF(0, 0, paper_pt.width() * points, paper_pt.height() * points)
    text = QRectF(left * points, top * points, paper.width() - (left + right) * points,
                  paper.height() - (top + bottom) * points)
    return Geometry(paper, text, min(header, top * 0.8) * points, paper.height() - min(footer, bottom * 0.8) * points,
                    points)


class MeetingPages:
    def __init__(self, copy: MeetingCopy, device: QPagedPaintDevice):
        self.copy = copy
        self.device = device
        self.dpi = layout_dpi()
        self.geometry = geometry(copy, device.pageLayout().fullRect(QPageLayout.Unit.Point), self.dpi)
        self.body_pages = 0
        self.bars: dict[int, list[tuple[float, float, str]]] = {}
        self.summary: SummaryTable | None = None
        self.summary_pages: list = []
        self._pages_on_device = 0
        # For a piece of a copy exported in two pieces (meeting_split): the whole copy's page number of this
        # piece's first page, of its summary's first page, its page count, and a page this piece shares with
        # the piece before it (page, y): there only the text below y is painted, and no margins.
        self.first_number = 0
        self.summary_number: int | None = None
        self.pages_in_all: int | None = None
        self.shared: tuple[int, float] | None = None
        self.margins_later = False  # paint pages without header, footer and label (paint_margins lays them over)
        self.margin_font = QFont()
        self.margin_font.setPixelSize(max(1, round(8.0 * self.geometry.points)))

    @property
    def total_pages(self) -> int:
        return self.body_pages + len(self.summary_pages)

    def paint_all(self) -> None:
        for _ in self.steps():
            pass

    def steps(self) -> Iterator[tuple[int, int, str]]:
        """(done, total, what) after each piece of work; the device is painted when the generator ends. Closing
        the generator early ends the painter (the caller discards the device's output).

        The cyclic collector waits meanwhile: the bars and the summary make hundreds of thousands of small
        objects and no cycles, and each of its full scans walks the whole review too (a few tenths of a second
        at 500 pages)."""
        with collector_paused():
            yield from self.lay_out()
            painter = self.begin_painting()
            try:
                for done in self.paint_pages(painter, range(self.total_pages)):
                    yield done, self.total_pages, "Writing pages"
            finally:
                painter.end()
        yield self.total_pages, self.total_pages, "Writing pages"

    def begin_painting(self) -> QPainter:
        """A painter on the device, in layout pixels; the caller ends it."""
        painter = QPainter()
        if not painter.begin(self.device):
            raise OSError("could not start painting the meeting copy")
        scale = self.device.resolution() / self.dpi
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._pages_on_device = 0
        return painter

    def paint_margins(self, painter: QPainter, numbers: range) -> None:
        """Only the header, footer and page label of pages `numbers`, a page each, after the pages the device has:
        to be laid over those pages where they were painted with margins_later."""
        for number in numbers:
            if self._pages_on_device:
                self.device.newPage()
            self._paint_margins(painter, self.page_number(number))
            self._pages_on_device += 1

    def paint_pages(self, painter: QPainter, numbers: range) -> Iterator[int]:
        """Paint pages `numbers` on the device after those it has; yields how many of them are painted, every
        PAINT_CHUNK pages (a caller may paint the rest of a range in a later call on the same painter)."""
        for count, number in enumerate(numbers, start=1):
            if self._pages_on_device:
                self.device.newPage()
            self._paint_page(painter, number)
            self._pages_on_device += 1
            if count % PAINT_CHUNK == 0:
                yield count

    # -- layout ------------------------------------------------------------------------------------------

    def lay_out(self) -> Iterator[tuple[int, int, str]]:
        yield from self.lay_out_text()
        self.lay_out_rest()
        blocks = self.copy.document.blockCount()
        yield blocks, blocks, "Laying out the text"

    def lay_out_text(self) -> Iterator[tuple[int, int, str]]:
        """The text on pages (body_pages is set at the end)."""
        document = self.copy.document
        text = self.geometry.text
        document.setPageSize(QSizeF(text.width(), text.height()))
        layout = document.documentLayout()
        blocks = document.blockCount()
        keep_shaped_text(document)
        for number in range(LAYOUT_CHUNK, blocks, LAYOUT_CHUNK):  # Qt lays out up to a block when asked where it is
            layout.blockBoundingRect(document.findBlockByNumber(number))
            yield number, blocks, "Laying out the text"
        self.body_pages = document.pageCount()

    def lay_out_rest(self) -> None:
        """The change bars, and the summary's pages (after the text's)."""
        text = self.geometry.text
        self.bars = change_bars(self.copy, self.copy.document.documentLayout(), text.height())
        if self.copy.summary:
            self.summary = SummaryTable(self.copy.rows, text.width(), text.height(), self.geometry.points)
            self.summary_pages = self.summary.paginate()

    # -- painting ----------------------------------------------------------------------------------------

    def page_number(self, number: int) -> int:
        """The whole copy's page number (from 0) of this piece's page `number`."""
        if number < self.body_pages:
            return self.first_number + number
        start = self.body_pages if self.summary_number is None else self.summary_number
        return start + number - self.body_pages

    def _paint_page(self, painter: QPainter, number: int) -> None:
        text = self.geometry.text
        shared = self.shared is not None and self.shared[0] == number
        painter.save()
        painter.translate(text.topLeft())
        if number < self.body_pages:
            painter.save()
            painter.translate(0, -number * text.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            top = self.shared[1] if shared else number * text.height()
            context.clip = QRectF(0, top, text.width(), (number + 1) * text.height() - top)
            painter.setClipRect(context.clip)
            self.copy.document.documentLayout().draw(painter, context)
            painter.restore()
            self._paint_bars(painter, number)
        else:
            self.summary.paint(painter, self.summary_pages[number - self.body_pages])
        painter.restore()
        if not shared and not self.margins_later:
            self._paint_margins(painter, self.page_number(number))

    def _paint_bars(self, painter: QPainter, number: int) -> None:
        points = self.geometry.points
        x = -(BAR_GAP + BAR_WIDTH) * points
        for top, bottom, colour in self.bars.get(number, ()):
            painter.fillRect(QRectF(x, top, BAR_WIDTH * points, bottom - top), QColor(colour))

    def _paint_margins(self, painter: QPainter, number: int) -> None:
        g = self.geometry
        painter.save()
        painter.setFont(self.margin_font)
        painter.setPen(MARGIN_TEXT)
        metrics = QFontMetricsF(self.margin_font)
        page, pages = str(number + 1), str(self.pages_in_all or self.total_pages)
        width = g.text.width()

        def line(text: str, baseline: float, align: Qt.AlignmentFlag) -> None:
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            x = g.text.left() + (width - metrics.horizontalAdvance(shown) if align == Qt.AlignmentFlag.AlignRight
                                 else 0.0)
            painter.drawText(QPointF(x, baseline), shown)

        header, footer = (text.replace("{PAGE}", page).replace("{NUMPAGES}", pages)
                          for text in self.copy.page.margins_of(number))
        if header:
            line(header, g.header_y + metrics.ascent(), Qt.AlignmentFlag.AlignLeft)
        label = f"Page {page} of {pages}"
        if footer:
            line(footer, g.footer_y - metrics.descent(), Qt.AlignmentFlag.AlignLeft)
            line(label, g.footer_y - metrics.descent() - metrics.lineSpacing(), Qt.AlignmentFlag.AlignRight)
        else:
            line(label, g.footer_y - metrics.descent(), Qt.AlignmentFlag.AlignRight)
        painter.restore()


def keep_shaped_text(document) -> None:
    """Keep each block's shaped glyphs after layout: painting then draws them instead of shaping all the text a
    second time (about a sixth of the export at 500 pages, for some memory while it lasts)."""
    block = document.begin()
    while block.isValid():
        block.layout().setCacheEnabled(True)
        block = block.next()


def change_bars(copy: MeetingCopy, layout, page_height: float) -> dict[int, list[tuple[float, float, str]]]:
    """{page: [(top, bottom, colour)]} in page coordinates: one bar per line that holds numbered change text,
    touching bars of one colour joined."""
    document = copy.document
    spans: dict[int, list[tuple[float, float, str]]] = {}
    for start, end, colour in copy.stretches:
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            for top, bottom in _line_spans(block, layout, start, end):
                page = int(top // page_height) if page_height > 0 else 0
                offset = page * page_height
                spans.setdefault(page, []).append((top - offset, bottom - offset, colour))
            block = block.next()
    return {page: _joined(found) for page, found in spans.items()}


def _line_spans(block, layout, start: int, end: int) -> list[tuple[float, float]]:
    text_layout = block.layout()
    count = text_layout.lineCount()
    if count == 0:
        return []
    first_char = block.position()
    last_char = first_char + max(block.length() - 1, 0)
    low, high = max(start, first_char) - first_char, min(end, last_char) - first_char
    origin = layout.blockBoundingRect(block).top()  # where the block's lines are measured from, in the document
    found = []
    for index in range(_line_at(text_layout, low, count), _line_at(text_layout, high, count) + 1):
        line = text_layout.lineAt(index)
        found.append((origin + line.y(), origin + line.y() + line.height()))
    return found


def _line_at(text_layout, offset: int, count: int) -> int:
    line = text_layout.lineForTextPosition(offset)
    return line.lineNumber() if line.isValid() else count - 1


def _joined(bars: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    joined: list[tuple[float, float, str]] = []
    for top, bottom, colour in sorted(bars):
        if joined and joined[-1][2] == colour and top <= joined[-1][1] + 0.5:
            joined[-1] = (joined[-1][0], max(bottom, joined[-1][1]), colour)
        else:
            joined.append((top, bottom, colour))
    return joined
