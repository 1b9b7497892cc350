"""Previews: every open change accepted (or rejected) for the length of a `with` block, then exactly undone."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import Decision, ReviewDocument, Status, parse_rules
from redliner.core.review.preview import apply_to_tree, open_changes, previewed, runs_of
from tests.docx_factory import dele, dr, ins, italic, make_docx, p, r

BODY = p(r("The "), italic("proposed"), r(" plan, "), ins(r("added "), rid=1),
         dele(dr("removed "), author="Bea", rid=3), r("end."))


def c14n(review: ReviewDocument) -> bytes:
    return etree.tostring(review.package.xml(review.package.main_document), method="c14n")


@pytest.mark.parametrize(("decision", "text"), [(Decision.ACCEPT, "The proposed plan, added end."),
                                                (Decision.REJECT, "The plan, removed end.")])
def test_preview_reads_like_the_engines_decision_and_leaves_no_trace(tmp_path, decision, text):
    review = ReviewDocument.open(make_docx(tmp_path, BODY), parse_rules("italic"))
    before = c14n(review)
    with previewed(open_changes(review.changes), decision):
        assert review.body_text() == text
    assert c14n(review) == before
    assert all(c.status == Status.PENDING for c in review.changes)
    assert not review.package._dirty


def test_open_changes_are_what_a_clean_copy_resolves(tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, BODY), parse_rules("italic"))
    marker, inserted, deleted = review.changes  # in reading order
    review.decide([marker], Decision.NOT_A_PROPOSAL)
    review.decide([inserted], Decision.SKIP)
    review.decide([deleted], Decision.ACCEPT)
    # A marker span that is not a proposal is no change at all; a skipped change is still open.
    assert open_changes(review.changes) == [inserted]


def test_runs_of_finds_the_text_carrying_runs(tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, BODY), parse_rules("italic"))
    texts = [["".join(t.text for t in run.iter() if t.text) for run in runs_of(c)] for c in review.changes]
    assert texts == [["proposed"], ["added "], ["removed "]]


def test_a_preview_only_accepts_or_rejects(tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, BODY), parse_rules("italic"))
    with pytest.raises(ValueError):
        apply_to_tree(review.changes, Decision.SKIP)
