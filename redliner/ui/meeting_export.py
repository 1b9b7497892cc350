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

from .meeting_copy import MeetingOptions, build_meeting_copy
from .meeting_html import html_of
from .meeting_pages import MeetingPages, page_layout
from .page_split import ForkedTail, joined

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
    yield 0, 1, "Preparing the meeting copy"
    with collector_paused():  # tens of thousands of short-lived objects, no cycles: scanning them is wasted
        copy = build_meeting_copy(review, options)
    if kind == "html":
        data = html_of(copy).encode("utf-8")
        yield 1, 1, "Writing HTML"
    else:
        data = yield from _pdf_steps(copy)
    write_atomically(target, lambda handle: handle.write(data))


def _pdf_steps(copy) -> Iterator[tuple[int, int, str]]:
    """The PDF's bytes: laid out here, its pages painted here and, where it pays, partly in a forked child
    (page_split)."""
    buffer, writer = _pdf_writer(copy)
    pages = MeetingPages(copy, writer)
    with collector_paused():
        yield from pages.lay_out()
        total = pages.total_pages
        tail = ForkedTail.start(pages, lambda: _pdf_writer(copy))
        painter = pages.begin_painting()
        try:
            for done in pages.paint_pages(painter, range(tail.first if tail else total)):
                if tail:
                    tail.poll()
                yield done + (tail.painted if tail else 0), total, "Writing pages"
            if tail:
                for painted in tail.wait():
                    yield tail.first + painted, total, "Writing pages"
                if tail.pdf is None:  # the child failed: its pages are painted here
                    for done in pages.paint_pages(painter, range(tail.first, total)):
                        yield tail.first + done, total, "Writing pages"
        finally:
            painter.end()
            if tail:
                tail.close()
    yield total, total, "Writing pages"
    head = bytes(QByteArray(buffer.data()).data())
    return joined(head, tail.pdf) if tail and tail.pdf else head


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
