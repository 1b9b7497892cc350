"""Reviewed documents from docxreview (../shared/corpus/word-reviews): what each contains."""

from __future__ import annotations

from redliner.core import ChangeKind, Decision, ReviewDocument


def _open(corpus, name):
    return ReviewDocument.open(corpus / "word-reviews" / name)


def test_review(corpus):
    changes = _open(corpus, "test_review.docx").changes
    assert [(c.kind, (c.deleted or c.inserted).strip(), c.author) for c in changes] == [
        (ChangeKind.DELETION, "approximately", "Max Mustermann"),
        (ChangeKind.INSERTION, "statistically", "Max Mustermann")]


def test_review_rich_counts_pieces_and_tolerates_missing_dates(corpus):
    changes = _open(corpus, "test_review_rich.docx").changes
    pieces = [p.direction for c in changes for p in c.pieces]
    assert (pieces.count("delete"), pieces.count("insert")) == (4, 2)
    assert {c.author for c in changes} == {"Anna Beispiel", "Max Mustermann"}
    assert "" in {c.date for c in changes}


def test_moved_text_pairs_a_move_named_on_its_wrappers(corpus):
    document = _open(corpus, "test_moved_text.docx")
    move = [c for c in document.changes if c.kind == ChangeKind.MOVE]
    assert [(c.inserted, c.author) for c in move] == [("The conclusion", "Anna Beispiel")]
    document.decide(move, Decision.ACCEPT)
    assert document.body_text().split("\n")[2:] == [" was stated at the beginning.",
                                                    "Summary: The conclusion of the study."]


def test_field_code_changes_say_what_they_are(corpus):
    texts = [c.text for c in _open(corpus, "test_field_instructions.docx").changes]
    assert "− (field code REF _Ref123 \\h)" in texts and "+ (space)" in texts


def test_no_review_and_words_own_compare(corpus):
    assert _open(corpus, "test_no_review.docx").changes == []
    diff = _open(corpus, "example-report-diff.docx").changes
    pieces = [p.direction for c in diff for p in c.pieces]
    assert (pieces.count("insert"), pieces.count("delete")) == (4, 8)
    assert {c.author for c in diff} == {"Vergleich"}
