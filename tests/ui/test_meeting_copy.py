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
from tests.docx_factory import REL_TYPE, W, make_docx, p, r
from tests.pdf_tools import flat, pdf_info, pdf_pages, pdf_text, summary_row

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

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


def test_a_title_page_and_even_pages_get_their_own_header_and_footer(qapp, tmp_path):
    """As Word prints them: w:titlePg gives page 1 the "first" header and footer, the settings'
    w:evenAndOddHeaders give even pages the "even" ones; the rest have the default ones."""
    names = {"default": "Odd", "first": "Cover", "even": "Even"}
    stories, references = [], ""
    for number, (which, name) in enumerate(names.items(), start=1):
        for kind in ("header", "footer"):
            part = f"word/{kind}{number}.xml"
            root = "hdr" if kind == "header" else "ftr"
            stories.append((part, f'<w:{root} xmlns:w="{W}">{p(r(f"{name} {kind}"))}</w:{root}>',
                            f'<Relationship Id="rId{kind}{number}" Type="{REL_TYPE}{kind}" Target="{part[5:]}"/>'))
            references += f'<w:{kind}Reference w:type="{which}" r:id="rId{kind}{number}"/>'
    stories.append(("word/settings.xml", f'<w:settings xmlns:w="{W}"><w:evenAndOddHeaders/></w:settings>',
                    f'<Relationship Id="rIdsettings" Type="{REL_TYPE}settings" Target="settings.xml"/>'))
    section = f'<w:sectPr xmlns:r="{R_NS}">{references}<w:titlePg/></w:sectPr>'
    body = "".join(p(r(f"Paragraph {n} of the procedure.")) for n in range(240)) + section
    export(ReviewDocument.open(make_docx(tmp_path, body, stories=stories)), tmp_path / "copy.pdf",
           MeetingOptions(summary=False))
    pages = pdf_pages(tmp_path / "copy.pdf")
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        expected = "Cover" if number == 1 else "Even" if number % 2 == 0 else "Odd"
        shown = {name for name in names.values() if f"{name} header" in text and f"{name} footer" in text}
        assert shown == {expected}, f"page {number}: {shown}"
        assert f"Page {number} of {len(pages)}" in text


PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def test_page_breaks_and_sections_begin_new_pages(qapp, tmp_path):
    """As in Word's print: w:pageBreakBefore, a page break before a paragraph's text (LibreOffice writes them so)
    or after it (Word's Ctrl+Enter), and a section's end begin new pages; a continuous section does not, and a page
    break between two pieces of one paragraph's text stays a line break (a block is not cut across pages)."""
    continuous = '<w:sectPr><w:type w:val="continuous"/></w:sectPr>'
    body = (p(r("Alpha opens the procedure.")) + p(r("Bravo has a page of its own."), ppr="<w:pageBreakBefore/>")
            + p(r("Charlie ends its page."), PAGE_BREAK) + p(PAGE_BREAK, r("Delta begins a page."))
            + p(r("Echo ends a section."), ppr="<w:sectPr/>") + p(r("Foxtrot starts the next one."))
            + p(r("Golf ends a continuous one."), ppr=continuous) + p(r("Hotel before"), PAGE_BREAK,
                                                                       r(" India after.")))
    export(ReviewDocument.open(make_docx(tmp_path, body)), tmp_path / "copy.pdf", MeetingOptions(summary=False))
    pages = [flat(text) for text in pdf_pages(tmp_path / "copy.pdf")]
    words = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India")
    placed = [[word for word in words if word in text] for text in pages]
    assert placed == [["Alpha"], ["Bravo", "Charlie"], ["Delta", "Echo"], ["Foxtrot", "Golf", "Hotel", "India"]]


def test_a_page_break_after_the_last_paragraph_leaves_no_empty_page(qapp, tmp_path):
    body = p(r("First.")) + p(r("Last, and a page break after it."), PAGE_BREAK)
    export(ReviewDocument.open(make_docx(tmp_path, body)), tmp_path / "copy.pdf", MeetingOptions(summary=False))
    assert len(pdf_pages(tmp_path / "copy.pdf")) == 1


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_a_copy_without_changes_says_so_in_its_summary(qapp, tmp_path, suffix):
    target = tmp_path / f"copy{suffix}"
    export(ReviewDocument.open(make_docx(tmp_path, p(r("Nothing proposed here.")))), target)
    text = flat(pdf_text(target)) if suffix == ".pdf" else html.unescape(target.read_text(encoding="utf-8"))
    assert "Summary of changes" in text and "No changes in this copy." in text
    assert "Decided by" not in text  # no table of headings only


def test_page_breaks_in_table_cells_do_not_break_the_table(qapp, tmp_path):
    cell = f'<w:tc>{p(r("Cell one"), PAGE_BREAK)}{p(r("Cell two"), ppr="<w:pageBreakBefore/>")}</w:tc>'
    body = p(r("Before the table.")) + f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>" + p(r("After the table."))
    export(ReviewDocument.open(make_docx(tmp_path, body)), tmp_path / "copy.pdf", MeetingOptions(summary=False))
    assert len(pdf_pages(tmp_path / "copy.pdf")) == 1


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
