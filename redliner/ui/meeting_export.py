"""Export the meeting copy to a PDF or HTML file, or paint it on a printer, in steps that report progress.

    for done, total, what in export_steps(review, Path("minutes.pdf"), MeetingOptions()):
        ...                                  # closing the generator early writes nothing
    export(review, Path("minutes.html"))     # all at once (the CLI)

The file is written only at the very end, atomically (safe_write.write_atomically): a cancelled or failed
export leaves no file, or the previous one, behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPdfWriter

from redliner.core import OutputError, ReviewDocument
from redliner.core.opc.safe_write import write_atomically
from redliner.core.review.document import collector_paused

from .meeting_copy import MeetingOptions, add_summary_rows, build_meeting_copy
from .meeting_html import html_of
from .meeting_pages import MeetingPages, page_layout
from .meeting_split import ForkedTail, ghost_place, joined, text_pages

FORMATS = (".pdf", ".html", ".htm")


def check_target(target: Path) -> str:
    """'pdf' or 'html' by the name's extension; OutputError for any other."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(f"cannot export to {target.name}: the name must end in .pdf or .html")
    return "pdf" if suffix == ".pdf" else "html"


def export(review: ReviewDocument, target, options: MeetingOptions | None = None) -> None:
    for _ in export_steps(review, Path(target), options):
        pass


def export_steps(review: ReviewDocument, target: Path, options: MeetingOptions | None = None
                 ) -> Iterator[tuple[int, int, str]]:
    kind = check_target(target)
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {target}: folder {target.parent} does not exist")
    options = options or MeetingOptions()
    yield 0, 1, "Preparing the meeting copy"
    if kind == "html":
        with collector_paused():  # tens of thousands of short-lived objects, no cycles: scanning them is wasted
            copy = build_meeting_copy(review, options)
        data = html_of(copy).encode("utf-8")
        yield 1, 1, "Writing HTML"
    else:
        tail = ForkedTail.start(review, options, _pdf_writer)
        data = None
        if tail is not None:
            data = yield from _two_piece_pdf(review, options, tail)
        if data is None:  # a short copy, no fork here, or the child failed: all of it in this process
            data = yield from _one_piece_pdf(review, options)
    write_atomically(target, lambda handle: handle.write(data))


def _one_piece_pdf(review: ReviewDocument, options: MeetingOptions) -> Iterator[tuple[int, int, str]]:
    with collector_paused():
        copy = build_meeting_copy(review, options)
    buffer, writer = _pdf_writer(copy)
    pages = MeetingPages(copy, writer)
    yield from pages.steps()
    return _bytes(buffer)


def _two_piece_pdf(review: ReviewDocument, options: MeetingOptions, tail: ForkedTail
                   ) -> Iterator[tuple[int, int, str]]:
    """The PDF's bytes, the body's last part made by the forked `tail` (meeting_split); None if it failed.

    The head's body pages are painted before the tail has said how many pages the copy has, so without their
    header, footer and "Page N of M": those are painted afterwards on pages of their own and laid over them."""
    try:
        with collector_paused():
            copy = build_meeting_copy(review, options, part=range(0, tail.cut), rows=False)
            buffer, writer = _pdf_writer(copy)
            pages = MeetingPages(copy, writer)
            yield from pages.lay_out_text()
            tail.send("ghost {!r} {}".format(*ghost_place(pages)))  # the tail waits for this: the rest after it
            add_summary_rows(copy, review, options)
            pages.lay_out_rest()
            summary = len(pages.summary_pages)
            tail.send(f"summary {summary}")
            yield 1, 1, "Laying out the text"
            head = text_pages(pages)
            painter = pages.begin_painting()
            try:
                total = yield from _paint_head(pages, tail, painter, head, summary)
                if total is not None:  # the head's margins on pages of their own, at the end
                    pages.paint_margins(painter, range(head))
            finally:
                painter.end()
            if total is None:
                return None
    finally:
        tail.close()
    return joined(_bytes(buffer), tail.pdf, head, tail.body[2], margins=head)


def _paint_head(pages: MeetingPages, tail: ForkedTail, painter, head: int, summary: int
                ) -> Iterator[tuple[int, int, str]]:
    """Paint the head's body pages, then (once the tail has told how many pages the body has) the summary's;
    returns the copy's page count, or None if the tail failed."""
    guess = round(head / tail.share) + summary  # the page count until the tail tells
    pages.margins_later = True
    for done in pages.paint_pages(painter, range(head)):
        tail.poll()
        yield done + tail.painted, max(guess, done + tail.painted + 1), "Writing pages"
    for _ in tail.wait_for_body():
        yield head + tail.painted, max(guess, head + tail.painted + 1), "Writing pages"
    if tail.body is None or tail.body[1] != head - (1 if tail.body[2] else 0):
        return None  # failed, or (never seen) its text begins on another page than the one after the head's
    body, _, _ = tail.body
    pages.margins_later = False
    pages.body_pages, pages.summary_number, pages.pages_in_all = head, body, body + summary
    for done in pages.paint_pages(painter, range(head, head + summary)):
        tail.poll()
        yield head + done + tail.painted, body + summary, "Writing pages"
    for painted in tail.wait():
        yield head + summary + painted, body + summary, "Writing pages"
    if tail.pdf is None:
        return None
    yield body + summary, body + summary, "Writing pages"
    return body + summary


def _bytes(buffer: QBuffer) -> bytes:
    return bytes(QByteArray(buffer.data()).data())


def _pdf_writer(copy) -> tuple[QBuffer, QPdfWriter]:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(copy))
    writer.setTitle(copy.title)
    writer.setCreator("Redliner")
    return buffer, writer


def print_steps(review: ReviewDocument, printer, options: MeetingOptions | None = None
                ) -> Iterator[tuple[int, int, str]]:
    """Paint on a QPrinter (or a print preview's) the same pages as the PDF, on the printer's paper."""
    from PySide6.QtPrintSupport import QPrinter

    yield 0, 1, "Preparing the meeting copy"
    copy = build_meeting_copy(review, options)
    printer.setFullPage(True)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        printer.setDocName(copy.title)
    yield from MeetingPages(copy, printer).steps()
