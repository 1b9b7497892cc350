"""The meeting copy (issue 14): every change readable in the PDF and HTML, numbered and summarised; page size,
title, header, footer and page numbers from the document; the options; a cancelled export writes nothing."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter, QTextBlockFormat, QTextTable

from benchmarks.generate import generate
from redliner.core import Decision, ReviewDocument, parse_rules
from redliner.core.oxml.ns import DC_NS
from redliner.core.oxml.sections import first_section_page
from redliner.core.review.history import history_for
from redliner.ui.meeting_copy import MeetingOptions, build_meeting_copy
from redliner.ui.meeting_export import export, export_steps, print_steps
from redliner.ui.meeting_pages import MeetingPages, page_layout
from redliner.ui.render import ViewMode
from tests.pdf_tools import flat, pdf_info, pdf_text, summary_row

SAMPLES = [("sop-review-two-authors.lo.docx", None, "612 x 792"), ("sop-draft.pandoc.docx", "italic", "595 x 842")]


def _phrases(change) -> list[str]:
    return [flat(t) for t in (change.inserted, change.deleted) if flat(t)]


@pytest.mark.parametrize(("sample", "markers", "size"), SAMPLES)
def test_pdf_shows_every_change_its_author_and_a_summary_row(qapp, samples, tmp_path, sample, markers, size):
    review = ReviewDocument.open(samples / sample, parse_rules(markers))
    target = tmp_path / "copy.pdf"
    export(review, target)
    text, layout = flat(pdf_text(target)), pdf_text(target, layout=True)
    for change in review.changes:
        for phrase in _phrases(change):
            assert phrase in text, f"change {change.id}: {phrase!r} not in the PDF"
        assert summary_row(layout, change.id, change.author, "pending"), f"no summary row for change {change.id}"
    for author in {c.author for c in review.changes}:
        assert author in text
    info = pdf_info(target)
    assert info["Title"] == review.path.stem  # the samples have no dc:title: the file's name
    assert info["Page size"].startswith(size)


def test_two_authors_sample_names_both_reviewers_with_counts(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    export(review, tmp_path / "copy.pdf")
    text = flat(pdf_text(tmp_path / "copy.pdf"))
    assert "Alex Rivera" in text and "Jordan Lee" in text
    assert "7 changes: 0 accepted, 0 rejected, 0 skipped, 7 pending" in text


def test_title_header_footer_and_page_numbers_come_from_the_document(qapp, tmp_path):
    made = generate(tmp_path / "sop.docx", pages=3, variant="tracked")
    review = ReviewDocument.open(made.path)
    export(review, tmp_path / "copy.pdf", MeetingOptions(summary=False))
    info = pdf_info(tmp_path / "copy.pdf")
    title = review.core_property(DC_NS, "title")
    assert title and info["Title"] == title
    assert info["Page size"].startswith("612 x 792")  # the generator's w:pgSz is Letter
    pages = int(info["Pages"])
    every = pdf_text(tmp_path / "copy.pdf", page_labels=True)
    assert [f"Page {n} of {pages}" in every for n in range(1, pages + 1)] == [True] * pages
    section = first_section_page(review.package, review.package.main_document)
    assert section.header and section.footer
    assert flat(every).count(flat(section.header)) == pages
    footers = [flat(section.footer.replace("{PAGE}", str(n)).replace("{NUMPAGES}", str(pages)))
               for n in range(1, pages + 1)]
    assert all(f in flat(every) for f in footers) and "{PAGE}" not in every


def test_html_is_one_self_contained_file_with_every_change_and_author(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))
    target = tmp_path / "copy.html"
    export(review, target)
    page = target.read_text(encoding="utf-8")
    assert not re.search(r"https?:|src\s*=|<link|<script|@import|url\(", page, re.IGNORECASE)
    text = flat(html.unescape(re.sub(r"<[^>]+>", "", page)))
    for change in review.changes:
        for phrase in _phrases(change):
            assert phrase in text, f"change {change.id}: {phrase!r} not in the HTML"
        assert f'<tr id="change-{change.id}">' in page
    assert "Summary of changes" in page and review.changes[0].author in page
    copy = build_meeting_copy(review)
    assert all(colour in page.lower() for colour in copy.authors.values())  # drawn in the authors' colours


def test_cancelled_export_writes_nothing(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    target = tmp_path / "copy.pdf"
    steps = export_steps(review, target)
    for _ in range(3):
        next(steps)
    steps.close()
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file(qapp, samples, tmp_path, monkeypatch):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    target = tmp_path / "copy.pdf"
    target.write_bytes(b"previous")

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(MeetingPages, "_paint_page", broken)
    with pytest.raises(RuntimeError):
        export(review, target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["copy.pdf"]


def test_pending_only_leaves_decided_changes_out(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    history_for(review).apply(["4"], Decision.ACCEPT)  # "at least four hours → at least eight hours"
    export(review, tmp_path / "pending.pdf", MeetingOptions(pending_only=True))
    layout = pdf_text(tmp_path / "pending.pdf", layout=True)
    assert "at least four hours" not in flat(layout)
    assert not summary_row(layout, "4", "Alex Rivera", "accepted")
    assert summary_row(layout, "5", "Jordan Lee", "pending")
    assert "1 accepted" in flat(layout)


def test_all_changes_draws_decided_ones_and_leaves_the_review_as_it_was(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    history = history_for(review)
    history.apply(["4"], Decision.ACCEPT)
    history.apply(["2"], Decision.REJECT)
    before = review.body_text()
    export(review, tmp_path / "all.pdf")
    layout = pdf_text(tmp_path / "all.pdf", layout=True)
    assert "at least four hours" in flat(layout) and "the philosophy of community policing" in flat(layout)
    assert summary_row(layout, "4", "Alex Rivera", "accepted") and summary_row(layout, "2", "Alex Rivera", "rejected")
    assert review.body_text() == before
    assert [(c.id, c.status.value) for c in review.changes if c.is_decided] == [("2", "rejected"), ("4", "accepted")]
    assert len(history.applied) == 2
    history.take_back()  # the decisions made again can still be undone
    assert review.change("2").status.value == "pending"


@pytest.mark.parametrize(("view", "shown", "hidden"), [(ViewMode.FINAL, "inserted", "deleted"),
                                                        (ViewMode.ORIGINAL, "deleted", "inserted")])
def test_final_and_original_views(qapp, samples, tmp_path, view, shown, hidden):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    export(review, tmp_path / "copy.pdf", MeetingOptions(view=view, summary=False))
    text = flat(pdf_text(tmp_path / "copy.pdf"))
    change = review.change("4")  # at least four hours → at least eight hours
    assert flat(getattr(change, shown)) in text and flat(getattr(change, hidden)) not in text
    assert "Summary of changes" not in text


def test_decision_log_and_comment_hooks_fill_the_summary(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    options = MeetingOptions(decided=lambda c: ("Pat Chair", "2026-12-01 10:30") if c.id == "3" else None,
                             threads=lambda c: ["Bea: why groups?"] if c.id == "3" else [])
    export(review, tmp_path / "copy.pdf", options)
    text = flat(pdf_text(tmp_path / "copy.pdf"))
    assert "Pat Chair, 2026-12-01 10:30" in text and "Bea: why groups?" in text and "Comments" in text


def test_every_change_is_numbered_after_its_text(qapp, samples):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    copy = build_meeting_copy(review)
    plain = copy.document.toPlainText()
    for change in review.changes:
        assert f"{flat(change.inserted)}{change.id}" in flat(plain)


def test_a_long_copy_is_written_without_chunk_frames(qapp, tmp_path):
    """The app's chunk frames (docwriter.CHUNK) only cost layout time in a copy laid out once: it has none, nor
    their empty blocks."""
    made = generate(tmp_path / "long.docx", 3, "tracked")  # 120 paragraphs: more than one chunk
    document = build_meeting_copy(ReviewDocument.open(made.path)).document
    assert all(isinstance(frame, QTextTable) for frame in document.rootFrame().childFrames())
    fixed = QTextBlockFormat.LineHeightTypes.FixedHeight.value
    block = document.begin()
    while block.isValid():
        assert block.text() or block.blockFormat().lineHeightType() != fixed  # no filler block
        block = block.next()


def test_change_bars_sit_on_the_page_beside_each_changed_line(qapp, samples):
    """Regression: a paragraph pushed to the next page had its bar drawn at the foot of the previous one."""
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    copy = build_meeting_copy(review)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(copy))
    pages = MeetingPages(copy, writer)
    list(pages.lay_out())
    height = pages.geometry.text.height()
    layout = copy.document.documentLayout()
    for start, _, colour in copy.stretches:
        block = copy.document.findBlock(start)
        line = block.layout().lineForTextPosition(start - block.position())
        top = layout.blockBoundingRect(block).top() + line.y()
        page, y = int(top // height), top % height
        assert any(t <= y + 1 and y + line.height() <= b + 1 and c == colour for t, b, c in pages.bars[page])
    assert all(0 <= t < b <= height for bars in pages.bars.values() for t, b, _ in bars)
    assert {c for bars in pages.bars.values() for _, _, c in bars} == set(copy.authors.values())


def test_printing_paints_the_same_pages_on_the_printer(qapp, samples, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    for _ in print_steps(review, printer):
        pass
    text, layout = flat(pdf_text(tmp_path / "printed.pdf")), pdf_text(tmp_path / "printed.pdf", layout=True)
    assert "at least eight hours" in text and "Summary of changes" in text
    assert all(summary_row(layout, c.id, c.author, "pending") for c in review.changes)
