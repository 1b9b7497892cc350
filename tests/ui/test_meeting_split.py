"""The meeting copy's PDF made in two pieces (ui/meeting_split.py): a forked child builds, lays out and paints the
body's last part, and the PDF reads as one made by one process, page for page, also where the child fails,
stalls or the export is cancelled."""

from __future__ import annotations

import math
import os
import re
import time

import pytest
from lxml import etree
from PySide6.QtGui import QPdfWriter

from benchmarks.generate import generate
from redliner.core import ReviewDocument
from redliner.core.oxml.ns import w
from redliner.ui import meeting_split
from redliner.ui.meeting_copy import build_meeting_copy
from redliner.ui.meeting_export import export, export_steps
from redliner.ui.meeting_pages import MeetingPages
from tests.docx_factory import W, make_docx, p, r
from tests.pdf_tools import pdf_info, pdf_pages

pytestmark = pytest.mark.skipif(not meeting_split.splits_here(), reason="the split needs Linux's os.fork")


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """A generated draft long enough to be split (about 1,000 paragraphs, a 45-page meeting copy)."""
    return generate(tmp_path_factory.mktemp("split") / "sop.docx", pages=25, variant="tracked").path


@pytest.fixture(scope="module")
def one_piece_copy(draft, tmp_path_factory):
    """The reference: the same export made by this process alone."""
    target = tmp_path_factory.mktemp("reference") / "one.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(meeting_split, "MIN_PARAGRAPHS", 10**9)
        export(ReviewDocument.open(draft), target)
    return target


class Tails(list):
    """The ForkedTail of each export (None: made in one piece)."""


@pytest.fixture
def tails(monkeypatch):
    found = Tails()
    start = meeting_split.ForkedTail.start

    def recording(review, options, new_writer):
        tail = start(review, options, new_writer)
        found.append(tail)
        if tail:
            found.pids = [*getattr(found, "pids", []), tail.pid]
        return tail

    monkeypatch.setattr(meeting_split.ForkedTail, "start", recording)
    return found


def _share(monkeypatch, share: float) -> None:
    """Cut the body after this share of its paragraphs, whatever the summary."""
    monkeypatch.setattr(meeting_split, "head_share", lambda paragraphs, rows: share)


def _pages_text(path) -> list[str]:
    """Each page's text where it stands on the page, page label included; the export's time left out."""
    return [re.sub(r"Exported: [^·]*·", "", page) for page in pdf_pages(path, layout=True)]


def _reaped(pids: list[int]) -> bool:
    """Every child has ended and been waited for (no zombie, nothing left running)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(pids)


def _in_child(parent: int) -> bool:
    return os.getpid() != parent


@pytest.mark.parametrize("share", [0.3, 0.45, 0.6])
def test_two_pieces_read_as_one_page_for_page(qapp, draft, one_piece_copy, tmp_path, tails, monkeypatch, share):
    _share(monkeypatch, share)
    target = tmp_path / "two.pdf"
    export(ReviewDocument.open(draft), target)
    tail = tails[0]
    assert tail is not None and tail.pdf is not None  # made in two pieces
    assert _pages_text(target) == _pages_text(one_piece_copy)  # every line where it was, every label, the order
    info, reference = pdf_info(target), pdf_info(one_piece_copy)
    assert info["Pages"] == reference["Pages"] == str(len(_pages_text(target)))
    assert info["Title"] == reference["Title"] == "Community Policing Operations"
    assert info["Page size"] == reference["Page size"]
    assert _reaped(tails.pids)


@pytest.mark.parametrize("shared", [True, False])
def test_the_page_with_the_cut_is_shared_or_not_as_the_text_falls(qapp, tmp_path, tails, monkeypatch, shared):
    """The head's text ends on the page the tail's begins on (the two pieces of that page are laid over each
    other), or the tail's first line begins a page: cut before a paragraph that is, or is not, first on a page."""
    draft = make_docx(tmp_path, "".join(p(r(f"Paragraph {n}, one line.")) for n in range(900)))
    reference = tmp_path / "one.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(meeting_split, "MIN_PARAGRAPHS", 10**9)
        export(ReviewDocument.open(draft), reference)
    begins_page = _first_on_their_pages(draft)
    cut = next(n for n in range(300, 600) if begins_page[n] != shared)
    monkeypatch.setattr(meeting_split, "cut_of", lambda items, changed, rows, styles: cut)
    target = tmp_path / "two.pdf"
    export(ReviewDocument.open(draft), target)
    assert tails[-1].body[2] is shared
    assert _pages_text(target) == _pages_text(reference)


def _first_on_their_pages(draft) -> list[bool]:
    """For each body item (a one-line paragraph), whether it begins a page of the one-piece copy."""
    copy = build_meeting_copy(ReviewDocument.open(draft))
    pages = MeetingPages(copy, QPdfWriter(str(draft.with_suffix(".pdf"))))
    for _ in pages.lay_out_text():
        pass
    document, height = copy.document, pages.geometry.text.height()
    cover = document.blockCount() - 900  # the cover's blocks come first, then one block per paragraph
    pages_of = [int(meeting_split.line_top(document.findBlockByNumber(cover + n), 0) // height)
                for n in range(-1, 900)]
    return [pages_of[n + 1] != pages_of[n] for n in range(900)]


def test_progress_counts_both_processes_pages_up_to_the_total(qapp, draft, tmp_path, tails):
    steps = list(export_steps(ReviewDocument.open(draft), tmp_path / "two.pdf"))
    painting = [(done, total) for done, total, what in steps if what == "Writing pages"]
    done = [d for d, _ in painting]
    assert done == sorted(done) and all(d <= t for d, t in painting)
    assert painting[-1][0] == painting[-1][1] == int(pdf_info(tmp_path / "two.pdf")["Pages"])
    assert tails[0] is not None


def test_a_failed_child_leaves_the_whole_copy_to_this_process(qapp, draft, one_piece_copy, tmp_path, monkeypatch,
                                                               tails):
    parent, paint_page = os.getpid(), MeetingPages._paint_page

    def failing_in_child(self, painter, number):
        if _in_child(parent):
            raise RuntimeError("child fails")
        paint_page(self, painter, number)

    monkeypatch.setattr(MeetingPages, "_paint_page", failing_in_child)
    _export_made_here_alone(draft, tmp_path, one_piece_copy, tails)


def test_a_stalled_child_is_ended_and_the_copy_made_here(qapp, draft, one_piece_copy, tmp_path, monkeypatch, tails):
    parent, lay_out = os.getpid(), MeetingPages.lay_out_text

    def stalling_in_child(self):
        if _in_child(parent):
            time.sleep(30)
        yield from lay_out(self)

    monkeypatch.setattr(MeetingPages, "lay_out_text", stalling_in_child)
    monkeypatch.setattr(meeting_split, "STALL_S", 0.5)
    start = time.monotonic()
    tail = _export_made_here_alone(draft, tmp_path, one_piece_copy, tails)
    assert time.monotonic() - start < 20  # not the child's 30 s
    assert tail.body is None


def test_a_tail_that_begins_elsewhere_than_expected_is_not_joined(qapp, draft, one_piece_copy, tmp_path, monkeypatch,
                                                                  tails):
    """The head checks the tail's first page against its own last one before it joins them."""
    tail_start = meeting_split.tail_start

    def a_page_gap(pages):  # a page between the head's text and the tail's
        first, top, shared = tail_start(pages)
        return first + 2, top, False

    monkeypatch.setattr(meeting_split, "tail_start", a_page_gap)
    _export_made_here_alone(draft, tmp_path, one_piece_copy, tails)


def _export_made_here_alone(draft, tmp_path, one_piece_copy, tails):
    """Export with a child that comes to nothing: the copy is the one-piece copy, the child has been reaped."""
    target = tmp_path / "two.pdf"
    export(ReviewDocument.open(draft), target)
    assert tails[0] is not None and tails[0].pdf is None
    assert _pages_text(target) == _pages_text(one_piece_copy)
    assert _reaped(tails.pids)
    return tails[0]


@pytest.mark.parametrize("phase", ["Laying out the text", "Writing pages"])
def test_cancelling_ends_the_child_and_writes_nothing(qapp, draft, tmp_path, tails, phase):
    target = tmp_path / "two.pdf"
    steps = export_steps(ReviewDocument.open(draft), target)
    for _, _, what in steps:
        if what == phase:
            break
    assert tails[0] is not None
    steps.close()
    assert _reaped(tails.pids)
    assert list(tmp_path.iterdir()) == []


def test_short_copies_are_made_in_one_piece(qapp, samples, tmp_path, tails):
    export(ReviewDocument.open(samples / "sop-review-two-authors.lo.docx"), tmp_path / "short.pdf")
    assert tails == [None]


# -- where the body is cut -------------------------------------------------------------------------------------


def _items(*kinds: str) -> list:
    """Body items: 'p' a paragraph, 'box' a paragraph holding a text box, 't' a table of two paragraphs."""
    made = []
    for kind in kinds:
        if kind == "t":
            table = etree.Element(w("tbl"))
            for _ in range(2):
                etree.SubElement(etree.SubElement(etree.SubElement(table, w("tr")), w("tc")), w("p"))
            made.append(table)
        else:
            paragraph = etree.Element(w("p"))
            if kind == "box":
                etree.SubElement(etree.SubElement(paragraph, w("r")), w("txbxContent"))
            made.append(paragraph)
    return made


def test_the_cut_falls_after_the_heads_share_of_paragraphs(monkeypatch):
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 10)
    _share(monkeypatch, 0.3)
    assert meeting_split.cut_of(_items(*["p"] * 20)) == 6
    assert meeting_split.cut_of(_items("t", "t", "t", *["p"] * 14)) == 4  # a table counts its paragraphs


def test_the_cut_is_between_two_plain_paragraphs(monkeypatch):
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 10)
    _share(monkeypatch, 0.3)
    assert meeting_split.cut_of(_items(*["p"] * 5, "box", *["p"] * 14)) == 7  # the ghost holds no text box
    assert meeting_split.cut_of(_items(*["p"] * 6, "t", *["p"] * 12)) == 8  # nor is a table, nor is the tail's first


def test_the_ghost_holds_no_change(monkeypatch):
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 10)
    _share(monkeypatch, 0.3)
    items = _items(*["p"] * 20)
    assert meeting_split.cut_of(items, {items[5], items[6]}) == 8


def test_a_change_running_over_the_cut_is_numbered_as_in_one_piece(qapp, tmp_path, tails, monkeypatch):
    """Words moved from the end of a paragraph to the start of the next are one change and one stretch of text,
    numbered once at its end. Every pair of paragraphs here is joined so, but for a few that the cut must fall
    after: cut inside a pair, the head would number the move at its own end too."""
    draft = make_docx(tmp_path, "".join(_moved_pair(n) if n % 40 else p(r(f"Paragraph {n}, plain."))
                                        for n in range(400)))
    reference = tmp_path / "one.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(meeting_split, "MIN_PARAGRAPHS", 10**9)
        export(ReviewDocument.open(draft), reference)
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 100)
    for share in (0.3, 0.35, 0.4, 0.45):  # without the rule, some of these would cut inside a pair
        _share(monkeypatch, share)
        target = tmp_path / f"two-{share}.pdf"
        export(ReviewDocument.open(draft), target)
        assert tails[-1] is not None and tails[-1].pdf is not None
        assert _pages_text(target) == _pages_text(reference)


def _moved_pair(n: int) -> str:
    """Two paragraphs: "moved words" moves from the end of the first to the start of the second."""
    said = 'w:author="Alex" w:date="2024-01-01T00:00:00Z"'
    return (p(r(f"Paragraph {n} says "), f'<w:moveFromRangeStart w:id="{4 * n}" {said} w:name="m{n}"/>',
              f'<w:moveFrom w:id="{4 * n + 1}" {said}>{r("moved words")}</w:moveFrom>',
              f'<w:moveFromRangeEnd w:id="{4 * n}"/>')
            + p(f'<w:moveToRangeStart w:id="{4 * n + 2}" {said} w:name="m{n}"/>',
                f'<w:moveTo w:id="{4 * n + 3}" {said}>{r("moved words")}</w:moveTo>',
                f'<w:moveToRangeEnd w:id="{4 * n + 2}"/>', r(" and the rest ends here.")))


def test_the_head_takes_less_of_the_body_the_longer_the_summary():
    """The head paints the summary while the tail paints the rest of the body: the two end together when the
    head's share of the body balances its painting and the summary against the tail's layout and painting."""
    none, some, many = (meeting_split.head_share(20_000, rows) for rows in (0, 2_000, 7_000))
    assert meeting_split.SHARES[1] >= none > some > many >= meeting_split.SHARES[0]
    h, paint, row = some, meeting_split.PAINT_SHARE, meeting_split.ROW_COST
    assert h * paint + 2_000 / 20_000 * row == pytest.approx((1 - h) * 1.0)  # both in units of a whole body's work
    assert meeting_split.head_share(20_000, 40_000) == meeting_split.SHARES[0]  # a summary larger than the body
    assert meeting_split.head_share(0, 0) == pytest.approx(1 / (1 + paint))  # no body: no division by nought


def test_the_cut_moves_with_the_summary_rows(monkeypatch):
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 10)
    items = _items(*["p"] * 100)
    without, with_rows = meeting_split.cut_of(items), meeting_split.cut_of(items, rows=50)
    assert without == math.ceil(100 * meeting_split.head_share(100, 0))
    assert with_rows == math.ceil(100 * meeting_split.head_share(100, 50)) < without


PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def _page_breaking(n: int) -> str:
    """Paragraph n of a draft that begins new pages now and then, in each of the ways a document can."""
    text = r(f"Paragraph {n} of the procedure, long enough to take most of a line on the page.")
    if n % 37 == 0:
        return p(text, ppr="<w:pageBreakBefore/>")
    if n % 53 == 0:
        return p(text, PAGE_BREAK)  # after its text
    if n % 71 == 0:
        return p(PAGE_BREAK, text)  # before its text
    if n % 97 == 0:
        return p(text, ppr="<w:sectPr/>")  # a section ends here
    return p(text)


@pytest.fixture
def page_breaking(tmp_path, monkeypatch):
    """(a draft with page breaks, its copy made in one piece)."""
    draft = make_docx(tmp_path, "".join(_page_breaking(n) for n in range(700)))
    reference = tmp_path / "one.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(meeting_split, "MIN_PARAGRAPHS", 10**9)
        export(ReviewDocument.open(draft), reference)
    return draft, reference


@pytest.mark.parametrize("share", [0.3, 0.45, 0.6])
def test_page_breaks_fall_where_they_do_in_one_piece(qapp, page_breaking, tmp_path, tails, monkeypatch, share):
    draft, reference = page_breaking
    _share(monkeypatch, share)
    export(ReviewDocument.open(draft), tmp_path / "two.pdf")
    assert tails[-1] is not None and tails[-1].pdf is not None
    assert _pages_text(tmp_path / "two.pdf") == _pages_text(reference)


@pytest.mark.parametrize("cut", [53 + 1, 97 + 1, 37 * 2])
def test_a_ghost_that_breaks_the_page_after_it_or_a_tail_that_begins_with_a_break(qapp, page_breaking, tmp_path,
                                                                                 tails, monkeypatch, cut):
    """Cut after a paragraph whose page break comes after its text (53) or that ends a section (97), or before
    one with w:pageBreakBefore (74)."""
    draft, reference = page_breaking
    monkeypatch.setattr(meeting_split, "cut_of", lambda items, changed, rows, styles: cut)
    export(ReviewDocument.open(draft), tmp_path / "two.pdf")
    assert tails[-1].pdf is not None
    assert _pages_text(tmp_path / "two.pdf") == _pages_text(reference)


def test_a_ghost_that_begins_its_own_page_is_never_chosen(monkeypatch):
    """In the tail, behind the spacer, it would begin the page after the spacer's and not the one it is on."""
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 10)
    _share(monkeypatch, 0.3)
    items = _items(*["p"] * 20)
    assert meeting_split.cut_of(items) == 6
    items[5] = etree.fromstring(f'<w:body xmlns:w="{W}">{p(r("x"), ppr="<w:pageBreakBefore/>")}</w:body>')[0]
    items[6] = etree.fromstring(f'<w:body xmlns:w="{W}">{p(PAGE_BREAK, r("y"))}</w:body>')[0]
    assert meeting_split.cut_of(items) == 8  # not after 5 or 6: each breaks the page before its text


def test_a_forced_ghost_that_begins_its_own_page_leaves_the_copy_to_the_head(qapp, page_breaking, tmp_path, tails,
                                                                            monkeypatch):
    """Were such a ghost chosen, the tail's pages would not follow the head's: the head sees it and makes the
    copy alone."""
    draft, reference = page_breaking
    monkeypatch.setattr(meeting_split, "cut_of", lambda items, changed, rows, styles: 37 * 5 + 1)
    export(ReviewDocument.open(draft), tmp_path / "two.pdf")
    assert tails[-1] is not None and tails[-1].pdf is None
    assert _pages_text(tmp_path / "two.pdf") == _pages_text(reference)


def test_short_or_uncuttable_bodies_are_not_cut(monkeypatch):
    monkeypatch.setattr(meeting_split, "MIN_PARAGRAPHS", 10)
    assert meeting_split.cut_of(_items(*["p"] * 9)) is None
    assert meeting_split.cut_of(_items(*["t"] * 10)) is None
