"""End-to-end on the shared corpus of real Word, LibreOffice and pandoc files."""

from __future__ import annotations

import pytest

from redliner.core import ChangeKind, ChangeSource, Decision, ReviewDocument, parse_rules, write_clean
from redliner.core.review.writers import write_marked_up
from tests.conftest import CORPUS
from tests.corpus_tools import canonical_parts, non_empty_paragraphs, paragraphs, read_tsv, revision_count

REVISION_ROWS = read_tsv(CORPUS / "word-revisions" / "expected.tsv") if CORPUS.is_dir() else []
ALL_DOCX = sorted(CORPUS.rglob("*.docx")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("row", REVISION_ROWS, ids=[r["source"].split("/")[-1][:5] for r in REVISION_ROWS])
@pytest.mark.parametrize(("decision", "column"), [(Decision.ACCEPT, "expected_accepted"),
                                                   (Decision.REJECT, "expected_rejected")])
def test_word_revisions_accept_and_reject_all(corpus, tmp_path, row, decision, column):
    """Text equals the expected file's, paragraph by paragraph; no revision element remains.

    Empty paragraphs are not compared: Open-XML-PowerTools leaves an empty paragraph where a moved one
    was (RP015), which Word does not.
    """
    document = ReviewDocument.open(corpus / row["source"])
    out = tmp_path / "out.docx"
    write_clean(document, out, decision)
    assert non_empty_paragraphs(out) == non_empty_paragraphs(corpus / row[column])
    assert revision_count(out) == 0
    assert document.warnings == []


@pytest.mark.parametrize("path", ALL_DOCX, ids=[p.name for p in ALL_DOCX])
def test_round_trip_keeps_every_part(corpus, tmp_path, path):
    document = ReviewDocument.open(path, parse_rules("italic"))
    out = tmp_path / "same.docx"
    document.package.save(out)
    assert canonical_parts(out) == canonical_parts(path)


@pytest.mark.parametrize("path", ALL_DOCX, ids=[p.name for p in ALL_DOCX])
def test_decide_all_then_undo_leaves_every_part_equal(corpus, tmp_path, path):
    document = ReviewDocument.open(path, parse_rules("italic"))
    journal = document.decide(document.changes, Decision.REJECT)
    document.undo(journal)
    out = tmp_path / "undone.docx"
    document.package.save(out)
    assert canonical_parts(out) == canonical_parts(path)


def test_sop_draft_lists_13_italic_insertions(samples):
    document = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))
    assert len(document.changes) == 13
    assert {(c.kind, c.source) for c in document.changes} == {(ChangeKind.INSERTION, ChangeSource.MARKER)}
    assert [c.inserted for c in document.changes][1:4] == ["oriented", "oriented", "will be"]


def test_sop_draft_accept_all_gives_the_plain_draft(samples, tmp_path):
    document = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))
    out = tmp_path / "accepted.docx"
    write_clean(document, out, Decision.ACCEPT)
    assert paragraphs(out) == paragraphs(samples / "sop-draft-plain.pandoc.docx")


def test_two_author_review_lists_7_replacements(samples, tmp_path):
    document = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    assert [c.kind for c in document.changes] == [ChangeKind.REPLACEMENT] * 7
    authors = [c.author for c in document.changes]
    assert (authors.count("Alex Rivera"), authors.count("Jordan Lee")) == (4, 3)
    accepted, rejected = tmp_path / "a.docx", tmp_path / "r.docx"
    write_clean(document, accepted, Decision.ACCEPT)
    write_clean(document, rejected, Decision.REJECT)
    assert paragraphs(rejected) == paragraphs(samples / "sop-base.lo.docx")
    rivera = ReviewDocument.open(samples / "sop-review-rivera.lo.docx")
    lee_text = " ".join(paragraphs(accepted))
    assert "two neighborhood meetings" in lee_text and "at least eight hours" in lee_text
    assert len(rivera.changes) == 4


def test_recap_finds_9_proposals_and_3_signature_lines(samples, tmp_path):
    document = ReviewDocument.open(samples / "recap.pandoc.docx", parse_rules("italic"))
    assert len(document.changes) == 12
    signature = document.changes[-3:]
    assert [c.inserted.split()[0] for c in signature] == ["Jamaal", "Please", "Mission:"]
    document.decide(signature, Decision.NOT_A_PROPOSAL)
    out = tmp_path / "recap-accepted.docx"
    write_clean(document, out, Decision.ACCEPT)
    again = ReviewDocument.open(out, parse_rules("italic"))
    assert [c.inserted for c in again.changes] == [c.inserted for c in signature]  # still italic


def test_sop_draft_markup_has_native_insertions(samples, tmp_path):
    document = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"), drafter="Redliner Test")
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    again = ReviewDocument.open(out)
    assert [(c.kind, c.source, c.author) for c in again.changes] == [
        (ChangeKind.INSERTION, ChangeSource.TRACKED, "Redliner Test")] * 13
    # each insertion also carries the seam (space, doubled comma) that rejecting it removes, as Word needs
    for tracked, marker in zip(again.changes, document.changes, strict=True):
        assert marker.inserted in tracked.inserted and len(tracked.inserted) <= len(marker.inserted) + 2
