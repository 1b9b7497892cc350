"""The meeting copy painted on two CPUs (ui/page_split.py): a forked child paints the last pages, and the PDF is
the same as one painted by one process, also when the child fails, stalls or the export is cancelled."""

from __future__ import annotations

import os
import re
import time

import pytest

from benchmarks.generate import generate
from redliner.core import ReviewDocument
from redliner.ui import page_split
from redliner.ui.meeting_export import export, export_steps
from redliner.ui.meeting_pages import MeetingPages
from tests.pdf_tools import pdf_info, pdf_text

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the split needs os.fork")


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """A generated draft whose meeting copy has enough pages to be split (about 45)."""
    made = generate(tmp_path_factory.mktemp("split") / "sop.docx", pages=25, variant="tracked")
    return made.path


@pytest.fixture(scope="module")
def one_process_copy(draft, tmp_path_factory):
    """The reference: the same export painted by this process alone."""
    target = tmp_path_factory.mktemp("reference") / "one.pdf"
    saved = page_split.MIN_PAGES
    page_split.MIN_PAGES = 10**9
    try:
        export(ReviewDocument.open(draft), target)
    finally:
        page_split.MIN_PAGES = saved
    return target


@pytest.fixture
def forks(monkeypatch):
    """Where each export's child began: the page numbers ForkedTail.start chose (None: no fork); `forks.pids`
    the children's process ids."""
    started = Started()
    start = page_split.ForkedTail.start

    def recording(pages, new_writer):
        tail = start(pages, new_writer)
        started.append(tail.first if tail else None)
        if tail:
            started.pids.append(tail.pid)
        return tail

    monkeypatch.setattr(page_split.ForkedTail, "start", recording)
    return started


def _pages_text(path) -> list[str]:
    """Each page's text, page label included; the export's time left out (the copies are made a minute apart)."""
    return re.sub(r"Exported: [^·]*·", "", pdf_text(path, page_labels=True)).split("\f")


class Started(list):
    pids: list[int]

    def __init__(self):
        super().__init__()
        self.pids = []


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


def test_split_copy_reads_as_the_one_process_copy(qapp, draft, one_process_copy, tmp_path, forks):
    target = tmp_path / "split.pdf"
    export(ReviewDocument.open(draft), target)
    assert forks and forks[0] is not None and forks[0] > 1  # the child painted from there on
    assert _pages_text(target) == _pages_text(one_process_copy)  # every page: text, page label, order
    info, reference = pdf_info(target), pdf_info(one_process_copy)
    assert info["Pages"] == reference["Pages"] and int(info["Pages"]) > forks[0]
    assert info["Title"] == reference["Title"] == "Community Policing Operations"
    assert info["Page size"] == reference["Page size"]
    assert _reaped(forks.pids)


def test_progress_counts_both_processes_pages_up_to_the_total(qapp, draft, tmp_path, forks):
    steps = list(export_steps(ReviewDocument.open(draft), tmp_path / "split.pdf"))
    painting = [(done, total) for done, total, what in steps if what == "Writing pages"]
    done = [d for d, _ in painting]
    assert done == sorted(done) and painting[-1][0] == painting[-1][1]
    assert forks[0] is not None and int(pdf_info(tmp_path / "split.pdf")["Pages"]) == painting[-1][1]


def test_a_failed_child_leaves_its_pages_to_this_process(qapp, draft, one_process_copy, tmp_path, monkeypatch,
                                                          forks):
    parent, paint_page = os.getpid(), MeetingPages._paint_page

    def failing_in_child(self, painter, number):
        if _in_child(parent):
            raise RuntimeError("child fails")
        paint_page(self, painter, number)

    monkeypatch.setattr(MeetingPages, "_paint_page", failing_in_child)
    target = tmp_path / "split.pdf"
    export(ReviewDocument.open(draft), target)
    assert forks[0] is not None
    assert _pages_text(target) == _pages_text(one_process_copy)
    assert _reaped(forks.pids)


def test_a_stalled_child_is_ended_and_its_pages_painted_here(qapp, draft, one_process_copy, tmp_path, monkeypatch,
                                                              forks):
    parent, paint_page = os.getpid(), MeetingPages._paint_page

    def stalling_in_child(self, painter, number):
        if _in_child(parent):
            time.sleep(30)
        paint_page(self, painter, number)

    monkeypatch.setattr(MeetingPages, "_paint_page", stalling_in_child)
    monkeypatch.setattr(page_split, "STALL_S", 0.5)
    target = tmp_path / "split.pdf"
    start = time.monotonic()
    export(ReviewDocument.open(draft), target)
    assert time.monotonic() - start < 20  # not the child's 30 s
    assert _pages_text(target) == _pages_text(one_process_copy)
    assert _reaped(forks.pids)


def test_cancelling_while_both_paint_ends_the_child_and_writes_nothing(qapp, draft, tmp_path, forks):
    target = tmp_path / "split.pdf"
    steps = export_steps(ReviewDocument.open(draft), target)
    for _, _, what in steps:
        if what == "Writing pages":
            break
    assert forks[0] is not None
    steps.close()
    assert _reaped(forks.pids)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("body", "summary"), [(600, 200), (40, 0), (30, 30), (25, 2)])
def test_the_split_gives_both_processes_about_the_same_work(body, summary):
    first = page_split.first_forked_page(body, summary)
    costs = [1.0] * body + [page_split.SUMMARY_PAGE_COST] * summary
    here, there = sum(costs[:first]) + page_split.JOIN_SHARE * len(costs), sum(costs[first:])
    assert 1 <= first < body + summary
    assert abs(here - there) <= page_split.SUMMARY_PAGE_COST  # one page either way at most


def test_short_copies_are_painted_in_one_process(qapp, samples, tmp_path, forks):
    export(ReviewDocument.open(samples / "sop-review-two-authors.lo.docx"), tmp_path / "short.pdf")
    assert forks == [None]
