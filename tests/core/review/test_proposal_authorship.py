"""Whose a proposal is: marker proposals written as tracked changes keep the drafter's name and date (the
ones the review shows); what the reviewer adds (a comparison's differences) is the reviewer's."""

from __future__ import annotations

from pathlib import Path

from redliner.core import ChangeSource, ReviewDocument, parse_rules, write_marked_up
from redliner.core.comparison.compare import compare
from redliner.core.session.review_state import ReviewState, restore
from tests.docx_factory import ins, italic, make_docx, p, r

ITALIC = parse_rules("italic")
SAVED = "2026-11-26T04:29:25Z"  # the draft's dcterms:modified


def _draft(tmp_path, body=None, **kwargs) -> Path:
    body = body or p(r("community "), italic("oriented"), r(" policing"))
    return make_docx(tmp_path, body, "draft.docx", modified=SAVED, **kwargs)


def _tracked(path) -> list[tuple[str, str, str]]:
    return [(c.inserted.strip(), c.author, c.date) for c in ReviewDocument.open(path).changes]


def test_proposals_are_listed_under_the_drafter_and_the_drafts_date(tmp_path):
    review = ReviewDocument.open(_draft(tmp_path), ITALIC)
    assert [(c.author, c.date) for c in review.changes] == [("Pat Reviewer", SAVED)]


def test_marked_up_copy_keeps_the_author_and_date_the_review_shows(tmp_path):
    review = ReviewDocument.open(_draft(tmp_path), ITALIC)
    out = tmp_path / "marked.docx"
    write_marked_up(review, out)
    assert _tracked(out) == [("oriented", "Pat Reviewer", SAVED)]


def test_a_draft_without_a_saved_date_gives_revisions_without_one(tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, p(r("a "), italic("b"))), ITALIC)
    assert review.changes[0].date == ""
    out = tmp_path / "marked.docx"
    write_marked_up(review, out)
    assert _tracked(out) == [("b", "Pat Reviewer", "")]


def test_the_drafter_can_be_named_when_reading(tmp_path):
    review = ReviewDocument.open(_draft(tmp_path), ITALIC, drafter="Dana Drafter")
    assert review.drafter == "Dana Drafter"
    out = tmp_path / "marked.docx"
    write_marked_up(review, out)
    assert _tracked(out) == [("oriented", "Dana Drafter", SAVED)]


def test_naming_the_drafter_later_renames_the_proposals_only(tmp_path):
    body = p(r("community "), italic("oriented"), r(" policing ")) + p(ins(r("tracked"), author="Alex"))
    review = ReviewDocument.open(_draft(tmp_path, body), ITALIC)
    review.name_drafter("Dana Drafter")
    assert sorted((c.source.value, c.author) for c in review.changes) == [
        ("marker", "Dana Drafter"), ("tracked", "Alex")]
    review.name_drafter("")  # no name: back to the draft's last author
    assert review.drafter == "Pat Reviewer"
    assert [c.author for c in review.changes if c.source == ChangeSource.MARKER] == ["Pat Reviewer"]


def test_comparison_keeps_proposals_the_drafters_and_its_own_findings_the_reviewers(tmp_path):
    base = make_docx(tmp_path, p(r("principles are incorporated into training.")), "base.docx")
    draft = _draft(tmp_path, p(r("principles "), italic("will be"), r(" incorporated into new training.")))
    found = "2026-12-01T09:00:00Z"
    document = compare(base, draft, author="Rita Reviewer", markers=ITALIC, date=found, drafter="Dana Drafter")
    out = tmp_path / "compared.docx"
    write_marked_up(document, out)
    assert sorted(_tracked(out)) == [("", "Rita Reviewer", found), ("new", "Rita Reviewer", found),
                                     ("will be", "Dana Drafter", SAVED)]


def test_a_restored_review_keeps_the_drafters_name(tmp_path):
    review = ReviewDocument.open(_draft(tmp_path), ITALIC, drafter="Dana Drafter")
    state = ReviewState.from_json(ReviewState.begin(review).to_json())
    assert [c.author for c in restore(state).changes] == ["Dana Drafter"]
