"""Joining two PDFs written by Qt on their bytes (ui/pdf_join.py): the same pages, text and look as pikepdf's
join, read back by pikepdf and poppler; PDFs not laid out as Qt writes them are refused and joined by pikepdf."""

from __future__ import annotations

import io
import re
import subprocess

import pikepdf
import pytest
from PySide6.QtCore import QBuffer, QIODevice, QPointF
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from redliner.ui import meeting_split, pdf_join
from tests.pdf_tools import need_poppler, pdf_pages


def _qt_pdf(lines: list[str], title: str = "") -> bytes:
    """A Qt PDF of one page per line, the line drawn at the page's top left."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setTitle(title)
    painter = QPainter(writer)
    for number, line in enumerate(lines):
        if number:
            writer.newPage()
        painter.drawText(QPointF(300, 300 + 400 * (number % 3)), line)
    painter.end()
    return bytes(buffer.data().data())


@pytest.fixture
def pieces(qapp):
    """A head of two body pages, a summary page and two margins pages; a tail of three pages."""
    head = _qt_pdf(["head one", "head two", "summary", "margin of one", "margin of two"], title="Minutes")
    tail = _qt_pdf(["tail one", "tail two", "tail three"])
    return head, tail


def _pages(data: bytes, tmp_path, name: str) -> list[str]:
    """Each page's words, sorted (pages laid over each other read in the order of their lines' places)."""
    path = tmp_path / name
    path.write_bytes(data)
    return [" ".join(sorted(page.split())) for page in pdf_pages(path)]


def _words(*pages: str) -> list[str]:
    return [" ".join(sorted(page.split())) for page in pages]


@pytest.mark.parametrize("shared", [True, False])
def test_the_join_puts_the_tail_in_and_lays_pages_over_as_pikepdf_does(pieces, tmp_path, shared):
    head, tail = pieces
    ours = pdf_join.join(head, tail, at=2, shared=shared, margins=2)
    theirs = meeting_split.joined_by_pikepdf(head, tail, at=2, shared=shared, margins=2)
    pages = _pages(ours, tmp_path, "ours.pdf")
    assert pages == _pages(theirs, tmp_path, "theirs.pdf")
    if shared:
        assert pages == _words("head one margin of one", "head two margin of two tail one", "tail two", "tail three",
                               "summary")
    else:
        assert pages == _words("head one margin of one", "head two margin of two", "tail one", "tail two",
                               "tail three", "summary")
    with pikepdf.open(io.BytesIO(ours)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.docinfo["/Title"]) == "Minutes"
    need_poppler()
    for page in (1, 2):
        assert _picture(tmp_path / "ours.pdf", page) == _picture(tmp_path / "theirs.pdf", page)


def _picture(path, page: int) -> bytes:
    """The page rendered by poppler, as the bytes of a PPM image; something is drawn on it."""
    out = path.with_name(f"{path.stem}-{page}")
    subprocess.run(["pdftoppm", "-r", "30", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(out)],
                   check=True, capture_output=True)
    image = out.with_suffix(".ppm").read_bytes()
    pixels = image.split(b"\n", 3)[3]  # after "P6", the size and the maximum value
    assert pixels.count(b"\xff") < len(pixels)  # not all white
    return image


def _with_shared_resources(data: bytes) -> bytes:
    """The PDF with its second page pointing to its first page's resources (same length: offsets stay)."""
    pages = re.findall(rb"/Type /Page\n/Parent \d+ 0 R\n/Contents \d+ 0 R\n/Resources (\d+) 0 R", data)
    first, second = pages[0], pages[1]
    assert len(first) == len(second)
    return data.replace(b"/Resources " + second + b" 0 R", b"/Resources " + first + b" 0 R", 1)


def test_pages_sharing_resources_are_refused_and_joined_by_pikepdf(pieces, tmp_path):
    """Qt gives each page resources of its own; where two pages share them, one overlay name cannot point to
    two pages' forms in them, so the byte join refuses."""
    head, tail = pieces
    shared = _with_shared_resources(head)
    with pytest.raises(pdf_join.NotQtPdf, match="serve more than one page"):
        pdf_join.join(shared, tail, at=2, shared=False, margins=2)
    pages = _pages(meeting_split.joined(shared, tail, at=2, shared=False, margins=2), tmp_path, "joined.pdf")
    assert pages == _words("head one margin of one", "head two margin of two", "tail one", "tail two",
                           "tail three", "summary")


def test_a_damaged_pdf_is_refused_with_notqtpdf_not_another_error(pieces):
    head, tail = pieces
    cut_short = head[:len(head) // 2] + head[-200:]  # the xref table points past the end of the objects
    contentless = tail.replace(b"/Contents", b"/Kontents")  # the tail's first page cannot be laid over
    for first, rest in ((cut_short, tail), (head, contentless)):
        with pytest.raises(pdf_join.NotQtPdf):
            pdf_join.join(first, rest, at=2, shared=True, margins=2)


def test_a_pdf_written_otherwise_is_refused_and_joined_by_pikepdf(pieces, tmp_path):
    head, tail = pieces
    with pikepdf.open(io.BytesIO(tail)) as pdf:  # object streams and a cross-reference stream: not Qt's layout
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    other = out.getvalue()
    with pytest.raises(pdf_join.NotQtPdf):
        pdf_join.join(head, other, at=2, shared=False, margins=2)
    pages = _pages(meeting_split.joined(head, other, at=2, shared=False, margins=2), tmp_path, "joined.pdf")
    assert pages == _words("head one margin of one", "head two margin of two", "tail one", "tail two", "tail three",
                           "summary")
