"""Painting the meeting copy's PDF on two CPUs.

Qt lays text out and paints it on the GUI thread only (a QTextDocument laid out in another thread crashes), so
one process uses one CPU. Once the copy is laid out, a fork hands the laid-out document to a child process for
free (copy on write): the child paints the last pages into a PDF of its own while this process paints the first
ones, and pikepdf appends the child's pages to ours. Painting is about half of a 500-page export.

Only on Linux, where a fork of this process is sound for the job: macOS's frameworks do not survive a fork and
Windows has none. The child touches nothing but its own QPdfWriter over a memory buffer and leaves with
os._exit, so no Qt or Python clean-up runs twice. If the child fails or stalls, this process paints its pages
itself, so the copy is the same either way.

The child writes to a pipe: one "." per PAINT_CHUNK pages painted (progress), a newline, then its PDF.

    tail = ForkedTail.start(pages, new_writer)          # None where a fork is not used
    ...paint pages [0, tail.first) here, calling tail.poll() now and then...
    for done in tail.wait(): ...                        # the child's pages painted so far
    tail.pdf                                            # its PDF, or None: paint [first, total) here
"""

from __future__ import annotations

import io
import os
import select
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator

from .meeting_pages import PAINT_CHUNK, MeetingPages

MIN_PAGES = 24  # below this a fork costs more than it saves
SUMMARY_PAGE_COST = 1.5  # a summary page takes the child this many body pages' time (measured at 500 pages)
JOIN_SHARE = 0.05  # joining the PDFs costs this process a twentieth of a body page's painting per page
STALL_S = 60.0  # a child silent this long is given up on


def splits_here(pages: MeetingPages) -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and pages.total_pages >= MIN_PAGES


def first_forked_page(body_pages: int, summary_pages: int) -> int:
    """Where the child's pages begin, so that both processes finish together (this one also joins the PDFs)."""
    costs = [1.0] * body_pages + [SUMMARY_PAGE_COST] * summary_pages
    join = JOIN_SHARE * len(costs)
    half = (sum(costs) - join) / 2
    done = 0.0
    for number, cost in enumerate(costs):
        if done + cost / 2 > half:
            return max(number, 1)
        done += cost
    return len(costs)


class ForkedTail:
    """Pages `first` to the end, painted by a child process."""

    def __init__(self, pid: int, pipe: int, first: int, total: int):
        self.pid, self.pipe = pid, pipe
        self.first, self.total = first, total
        self.received = bytearray()
        self.pdf: bytes | None = None
        self._ended = False
        self._status: int | None = None
        self._heard = time.monotonic()

    @classmethod
    def start(cls, pages: MeetingPages, new_writer: Callable) -> ForkedTail | None:
        """`new_writer()` gives (buffer, writer): a QPdfWriter set up as this process's, over a QBuffer."""
        if not splits_here(pages):
            return None
        first = first_forked_page(pages.body_pages, len(pages.summary_pages))
        if first >= pages.total_pages:
            return None
        reading, writing = os.pipe()
        with warnings.catch_warnings():  # Python 3.12+ warns of forking with threads; the child only paints
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            os.close(reading)
            _paint_in_child(pages, new_writer, range(first, pages.total_pages), writing)
        os.close(writing)
        os.set_blocking(reading, False)
        return cls(pid, reading, first, pages.total_pages)

    @property
    def painted(self) -> int:
        """The child's pages painted so far, as far as it has told."""
        end = self.received.find(b"\n")
        dots = self.received.count(b".") if end < 0 else end
        return min(dots * PAINT_CHUNK, self.total - self.first)

    def poll(self) -> None:
        """Take what the child has written, without waiting."""
        while not self._ended:
            try:
                data = os.read(self.pipe, 1 << 20)
            except BlockingIOError:
                return
            if not data:
                self._ended = True
                return
            self.received += data
            self._heard = time.monotonic()

    def wait(self) -> Iterator[int]:
        """Yields the child's progress until it has finished; then `pdf` is its PDF, or None if it failed."""
        while not self._ended:
            select.select([self.pipe], [], [], 0.05)
            self.poll()
            if time.monotonic() - self._heard > STALL_S:
                break
            yield self.painted
        self.close()
        end = self.received.find(b"\n")
        if self._status == 0 and end >= 0 and self.received.startswith(b"%PDF", end + 1):
            self.pdf = bytes(self.received[end + 1:])

    def close(self) -> None:
        """End the child (if it still runs) and reap it; `_status` is its exit status, None if killed."""
        if self.pid is None:
            return
        if not self._ended:
            os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        self._status = os.waitstatus_to_exitcode(status) if self._ended else None
        os.close(self.pipe)
        self.pid = None


def _paint_in_child(pages: MeetingPages, new_writer: Callable, numbers: range, pipe: int) -> None:
    """The child's whole life: paint `numbers` into a PDF of its own, write it to `pipe`, exit."""
    status = 1
    try:
        buffer, pages.device = new_writer()
        painter = pages.begin_painting()
        for _ in pages.paint_pages(painter, numbers):
            _write_all(pipe, b".")
        painter.end()  # the writer has written the whole PDF into the buffer
        _write_all(pipe, b"\n" + bytes(buffer.data().data()))
        status = 0
    finally:  # never return into the parent's stack, whatever happened
        os._exit(status)


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]


def joined(head: bytes, tail: bytes) -> bytes:
    """The PDF `head` with the pages of `tail` after its own; head's title and metadata."""
    import pikepdf

    with pikepdf.open(io.BytesIO(head)) as first, pikepdf.open(io.BytesIO(tail)) as rest:
        first.pages.extend(rest.pages)
        out = io.BytesIO()
        first.save(out)
    return out.getvalue()
