"""The meeting copy's PDF made by two processes, each building, laying out and painting a piece of it.

Qt builds, lays out and paints text on the GUI thread only (a QTextDocument laid out in another thread crashes),
so one process uses one CPU. Here the body is cut between two paragraphs (body item `cut`): this process (the
head) makes the cover, the body up to the cut and the summary; a forked child (the tail) makes the rest of the
body, from its own copy of the review (copy on write). Only on Linux: macOS's frameworks do not survive a fork
and Windows has none. The child leaves with os._exit, so no Qt or Python clean-up runs twice.

The tail must fall on its pages exactly where it falls in one document. A paragraph's layout depends only on
where on its page it starts, so the tail's document begins with the head's last paragraph (the "ghost": laid
out, never painted) put at the place on its page where the head has it, behind a spacer block of that height.
The head tells the tail that place as soon as its own layout is done; the tail tells the head how many pages
the body has and where its own begin; the head tells the tail how many pages the summary has ("Page N of M").
Then both paint. The page with the cut, if the head's text ends on it, is painted by both: the head paints its
text and the margins, the tail only the text below the cut, and the two are laid over each other when the
PDFs are joined (pdf_join). If the child fails or stalls, the head makes the whole copy alone (meeting_export).

Messages (text lines, then the PDF's bytes):
    head -> tail:  "ghost <y on its page> <page>"   then  "summary <pages>"
    tail -> head:  "body <pages> <first page> <shared 0|1>"  then "." per PAINT_CHUNK pages painted, a newline
                   and its PDF
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor

from redliner.core import ReviewDocument
from redliner.core.oxml.ns import w
from redliner.core.oxml.pagebreaks import may_begin_page
from redliner.core.oxml.styles import StyleSheet
from redliner.core.review.document import collector_paused

from . import pdf_join
from .docwriter import body_items
from .meeting_copy import MeetingCopy, MeetingOptions, build_meeting_copy
from .meeting_pages import PAINT_CHUNK, MeetingPages
from .render import body_of, homes_of

# The head's share of the body (head_share): from these costs, measured at 500 pages (benchmarks/bench_export.py).
PAINT_SHARE = 0.6  # of a body paragraph's layout and painting, the painting
ROW_COST = 1.0  # a summary row's making, layout and painting, in body paragraphs' layout and painting
SHARES = (0.15, 0.7)  # the least and the most of the body the head makes
MIN_PARAGRAPHS = 600  # below this (about 25 pages) a fork costs more than it saves
STALL_S = 60.0  # a child silent this long is given up on
_PARAGRAPH, _TABLE, _TEXT_BOX = w("p"), w("tbl"), w("txbxContent")


def splits_here() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def head_share(paragraphs: int, rows: int) -> float:
    """The share of the body's `paragraphs` the head makes, so that it ends when the tail does. The tail lays out
    and paints its 1 - h of the body once the head has laid out its h; meanwhile the head paints its h and then
    the summary's `rows`: h·paint + rows·row = (1 - h)·(layout + paint). So a copy with a long summary leaves
    more of the body to the tail, and one with none about two thirds to the head."""
    share = (1 - ROW_COST * rows / max(paragraphs, 1)) / (1 + PAINT_SHARE)
    return min(max(share, SHARES[0]), SHARES[1])


def cut_of(items: list, changed: frozenset | set = frozenset(), rows: int = 0, styles: StyleSheet | None = None
           ) -> int | None:
    """The body item the tail begins with: after the head's share of the body's paragraphs (head_share, with
    `rows` summary rows), between two paragraphs, the first of them (the ghost) one block with no change in it
    (`changed`: the paragraphs that have one) and no page break before it (by `styles` too). A change's text
    running from one paragraph into the next is one stretch, numbered at its end: cut there, the head would
    number it at its own end. A ghost beginning a page of its own accord would, in the tail, begin the page after
    the spacer's. None for a short body or one with no such place."""
    sizes = [sum(1 for _ in item.iter(_PARAGRAPH)) if item.tag == _TABLE else 1 for item in items]
    total = sum(sizes)
    if total < MIN_PARAGRAPHS:
        return None
    share, styles = head_share(total, rows), styles or StyleSheet()
    done = 0
    for number, size in enumerate(sizes):
        if (done >= total * share and number and items[number].tag == _PARAGRAPH
                and _plain(items[number - 1]) and items[number - 1] not in changed
                and not may_begin_page(items[number - 1], styles)):
            return number
        done += size
    return None


def _plain(item) -> bool:
    return item.tag == _PARAGRAPH and next(item.iter(_TEXT_BOX), None) is None


# -- the head: this process ----------------------------------------------------------------------------------


class ForkedTail:
    """The child process that makes the body from item `cut` on."""

    def __init__(self, pid: int, to_tail: int, from_tail: int, cut: int, share: float):
        self.pid, self.to_tail, self.from_tail, self.cut = pid, to_tail, from_tail, cut
        self.share = share  # of the body's items made here: for a guess at the page count until the tail tells
        self.received = bytearray()
        self.body: tuple[int, int, bool] | None = None  # (the body's pages, the tail's first, shared with the head)
        self.pdf: bytes | None = None
        self._ended = False
        self._status: int | None = None
        self._heard = time.monotonic()

    @classmethod
    def start(cls, review: ReviewDocument, options: MeetingOptions, new_writer: Callable) -> ForkedTail | None:
        """`new_writer(copy)` gives (buffer, writer): a QPdfWriter set up for the copy, over a QBuffer."""
        if not splits_here():
            return None
        items = body_items(body_of(review))
        rows = sum(1 for c in review.changes if not (options.pending_only and c.is_decided)) if options.summary else 0
        cut = cut_of(items, {paragraph for homes in homes_of(review.changes).values() for paragraph in homes}, rows,
                     review.styles)
        if cut is None:
            return None
        down, up = os.pipe(), os.pipe()
        with warnings.catch_warnings():  # Python 3.12+ warns of forking with threads; the child uses none
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            os.close(down[1])
            os.close(up[0])
            _tail_life(review, options, range(cut - 1, len(items)), down[0], up[1], new_writer)
        os.close(down[0])
        os.close(up[1])
        os.set_blocking(up[0], False)
        return cls(pid, down[1], up[0], cut, cut / len(items))

    def send(self, line: str) -> None:
        if self.pid is None:
            return
        with contextlib.suppress(OSError):  # the child has gone: wait_for_body() and wait() find out
            _write_all(self.to_tail, line.encode("ascii") + b"\n")

    @property
    def painted(self) -> int:
        """The tail's pages painted so far, as far as it has told."""
        start = self.received.find(b"\n") + 1
        end = self.received.find(b"\n", start)
        return (self.received.count(b".", start) if end < 0 else end - start) * PAINT_CHUNK

    def poll(self) -> None:
        """Take what the child has written, without waiting."""
        while not self._ended:
            try:
                data = os.read(self.from_tail, 1 << 20)
            except BlockingIOError:
                return
            if not data:
                self._ended = True
                return
            self.received += data
            self._heard = time.monotonic()

    def wait_for_body(self) -> Iterator[None]:
        """Yields now and then until the tail has laid its piece out; then `body` is set, or stays None if the
        child failed or stalled (it has been ended)."""
        while b"\n" not in self.received and self._waiting():
            yield
        line = bytes(self.received[:self.received.find(b"\n")]).split()
        if len(line) == 4 and line[0] == b"body":
            self.body = (int(line[1]), int(line[2]), line[3] == b"1")
        else:
            self.close()

    def wait(self) -> Iterator[int]:
        """Yields the tail's pages painted until it has finished; then `pdf` is its PDF, or None if it failed."""
        while not self._ended and self._waiting():
            yield self.painted
        self.close()
        start = self.received.find(b"\n") + 1
        end = self.received.find(b"\n", start)
        if self._status == 0 and end >= 0 and self.received.startswith(b"%PDF", end + 1):
            self.pdf = bytes(self.received[end + 1:])

    def _waiting(self) -> bool:
        """Wait a little for the child; False once it has ended or been silent for STALL_S."""
        select.select([self.from_tail], [], [], 0.05)
        self.poll()
        return not self._ended and time.monotonic() - self._heard <= STALL_S

    def close(self) -> None:
        """End the child (if it still runs) and reap it; `_status` is its exit status, None if killed."""
        if self.pid is None:
            return
        if not self._ended:
            os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        self._status = os.waitstatus_to_exitcode(status) if self._ended else None
        os.close(self.from_tail)
        os.close(self.to_tail)
        self.pid = None


def ghost_place(pages: MeetingPages) -> tuple[float, int]:
    """Where the head's last paragraph (the ghost) starts: (y on its page, page), in layout pixels."""
    document = pages.copy.document
    top = document.lastBlock().layout().position().y()
    height = pages.geometry.text.height()
    page = int(top // height)
    return top - page * height, page


def text_pages(pages: MeetingPages) -> int:
    """How many pages the head's text reaches onto (to its last paragraph's last line)."""
    return int(line_top(pages.copy.document.lastBlock(), -1) // pages.geometry.text.height()) + 1


def joined(head: bytes, tail: bytes, at: int, shared: bool, margins: int = 0) -> bytes:
    """The PDF `head` with the pages of `tail` put in before its page `at`; if `shared`, tail's first page is laid
    over head's page at - 1 instead. Head's last `margins` pages are laid over its first ones and left out. Head's
    title and metadata. On the bytes (pdf_join) where the PDFs are laid out as Qt writes them, else by pikepdf."""
    try:
        return pdf_join.join(head, tail, at, shared, margins)
    except pdf_join.NotQtPdf:
        return joined_by_pikepdf(head, tail, at, shared, margins)


def joined_by_pikepdf(head: bytes, tail: bytes, at: int, shared: bool, margins: int = 0) -> bytes:
    """As joined(), for any PDF. Through files: qpdf reads and writes them three times faster than Python
    streams. Margins laid over within one PDF share its fonts."""
    import pikepdf

    with tempfile.TemporaryDirectory(prefix="redliner-join-") as name:
        folder = Path(name)
        (folder / "head.pdf").write_bytes(head)
        (folder / "tail.pdf").write_bytes(tail)
        with pikepdf.open(folder / "head.pdf") as first, pikepdf.open(folder / "tail.pdf") as rest:
            own = list(first.pages)
            for number in range(margins):
                _lay_over(own[number], own[len(own) - margins + number].as_form_xobject())
            if margins:
                del first.pages[len(own) - margins:]
            pages = list(rest.pages)
            if shared:
                _lay_over(first.pages[at - 1], first.copy_foreign(pages.pop(0).as_form_xobject()))
            after = list(first.pages)[at:]
            del first.pages[at:]
            first.pages.extend(pages)
            first.pages.extend(after)
            first.save(folder / "joined.pdf")
        return (folder / "joined.pdf").read_bytes()


def _lay_over(page, form) -> None:
    """Draw the Form XObject `form` (a page of the same size) over `page`. Not pikepdf's add_overlay: that
    rewrites the page's whole content stream (decoded and compressed again: most of a join's time)."""
    from pikepdf import Name, Rectangle

    name = page.add_resource(form, Name.XObject, prefix="Rl")
    page.contents_add(b"q\n", prepend=True)  # the page's own drawing leaves its graphics state changed
    page.contents_add(b"Q\n" + page.calc_form_xobject_placement(form, name, Rectangle(page.mediabox)))


# -- the tail: the child process -----------------------------------------------------------------------------


def _tail_life(review: ReviewDocument, options: MeetingOptions, part: range, down: int, up: int,
               new_writer: Callable) -> None:
    """The child's whole life: build and lay out the body from the ghost on, paint it into a PDF of its own,
    write that to `up`, exit."""
    status = 1
    try:
        with collector_paused():
            copy = build_meeting_copy(review, replace(options, summary=False), part=part, rows=False)
            lines = _Lines(down)
            y, page = lines.expect("ghost", 2)
            place_after_spacer(copy, float(y))
            buffer, writer = new_writer(copy)
            pages = MeetingPages(copy, writer)
            for _ in pages.lay_out_text():
                pass
            pages.lay_out_rest()
            first, cut_y, shared = tail_start(pages)
            pages.first_number = int(page)
            _write_all(up, f"body {int(page) + pages.body_pages} {int(page) + first} {int(shared)}\n".encode())
            (summary,) = lines.expect("summary", 1)
            pages.pages_in_all = int(page) + pages.body_pages + int(summary)
            pages.shared = (first, cut_y) if shared else None
            painter = pages.begin_painting()
            for _ in pages.paint_pages(painter, range(first, pages.body_pages)):
                _write_all(up, b".")
            painter.end()  # the writer has written the whole PDF into the buffer
            _write_all(up, b"\n" + bytes(buffer.data().data()))
            status = 0
    finally:  # never return into the parent's stack, whatever happened
        os._exit(status)


def place_after_spacer(copy: MeetingCopy, y: float) -> None:
    """Put a spacer block before the ghost (the document's first block) so that the ghost starts `y` down its
    page, as in the head; keep the change bars of the tail's own text only."""
    document = copy.document
    ghost = document.begin()
    tail_start_position = ghost.next().position()
    top = document.rootFrame().frameFormat().topMargin()
    cursor = QTextCursor(document)
    cursor.setPosition(0)
    ghost_format = ghost.blockFormat()  # a break after it stays; one before it, cut_of never lets be
    cursor.insertBlock(ghost_format, ghost.charFormat())
    spacer = QTextBlockFormat()
    spacer.setLineHeight(max(y - top - ghost_format.topMargin(), 0.0),
                         QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    cursor.setPosition(0)
    cursor.setBlockFormat(spacer)
    tiny = QTextCharFormat()
    font = QFont()
    font.setPixelSize(1)
    tiny.setFont(font)
    cursor.setBlockCharFormat(tiny)
    copy.stretches = [(start + 1, end + 1, colour) for start, end, colour in copy.stretches
                      if start >= tail_start_position]


def tail_start(pages: MeetingPages) -> tuple[int, float, bool]:
    """(the tail's first page, the y its text starts at, whether the ghost's text ends on that page too)."""
    document = pages.copy.document
    height = pages.geometry.text.height()
    ghost = document.begin().next()
    top = line_top(ghost.next(), 0)
    first = int(top // height)
    return first, top, int(line_top(ghost, -1) // height) == first


def line_top(block, number: int) -> float:
    """Where line `number` of a block of the root frame is (-1: its last), pushed to a next page or not: a block's
    own place (QTextLayout.position, blockBoundingRect) is where it would have begun."""
    lines = block.layout()
    count = lines.lineCount()
    return lines.position().y() + (lines.lineAt(number % count).y() if count else 0.0)


class _Lines:
    """Lines read from a pipe, waited for (EOF: the head has gone, and so the child goes)."""

    def __init__(self, pipe: int):
        self.pipe, self.data = pipe, b""

    def expect(self, word: str, count: int) -> list[str]:
        while b"\n" not in self.data:
            chunk = os.read(self.pipe, 4096)
            if not chunk:
                raise EOFError("the exporting process has gone")
            self.data += chunk
        line, self.data = self.data.split(b"\n", 1)
        fields = line.decode("ascii").split()
        if len(fields) != count + 1 or fields[0] != word:
            raise ValueError(f"expected {word!r}, got {line!r}")
        return fields[1:]


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]
