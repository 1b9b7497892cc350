"""Combine reviewers' copies of a base into one reviewed document."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import ChangeKind, Decision, ReviewDocument, Status, write_clean
from redliner.core.comparison.combine import combine
from redliner.core.opc.package import Package
from tests.corpus_tools import paragraphs
from tests.docx_factory import W, dele, dr, edited_copy, ins, make_docx, p, r


def texts(document, tmp_path, decision) -> list[str]:
    out = tmp_path / f"{decision.value}.docx"
    write_clean(document, out, decision)
    return paragraphs(out)


def hours_line(lines: list[str]) -> str:
    return next(line for line in lines if "hours of community" in line)


@pytest.fixture
def base(samples):
    return samples / "sop-base.pandoc.docx"


def test_two_tracked_copies_give_seven_attributed_replacements(samples, tmp_path):
    document = combine(samples / "sop-base.lo.docx",
                       [samples / "sop-review-rivera.lo.docx", samples / "sop-review-lee.lo.docx"])
    assert [c.kind for c in document.changes] == [ChangeKind.REPLACEMENT] * 7
    assert [c.author for c in document.changes] == ["Alex Rivera"] * 4 + ["Jordan Lee"] * 3
    assert all(not c.conflicts_with for c in document.changes)
    both = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    assert texts(document, tmp_path, Decision.ACCEPT) == texts(both, tmp_path / "..", Decision.ACCEPT)
    assert texts(document, tmp_path, Decision.REJECT) == paragraphs(samples / "sop-base.lo.docx")


def test_clean_copies_are_compared_and_attributed_to_their_last_editor(base, tmp_path):
    copy = edited_copy(base, tmp_path / "c.docx", "neighborhood groups", "community groups", "Alex Rivera")
    document = combine(base, [copy])
    assert [(c.author, c.text) for c in document.changes] == [("Alex Rivera", "neighborhood → community")]


def test_as_names_the_reviewer_of_each_copy(base, tmp_path):
    first = edited_copy(base, tmp_path / "1.docx", "neighborhood groups", "community groups", "Someone")
    second = edited_copy(base, tmp_path / "2.docx", "at least four hours", "at least eight hours", "Someone")
    document = combine(base, [first, second], authors=["Alex Rivera", "Jordan Lee"])
    assert [c.author for c in document.changes] == ["Alex Rivera", "Jordan Lee"]


def test_tracked_copy_keeps_each_tracked_author_and_takes_untracked_edits_too(tmp_path):
    base = make_docx(tmp_path, p(r("one two three four")), "base.docx")
    copy = make_docx(tmp_path, p(r("one "), dele(dr("two"), author="Bea"), ins(r("2"), author="Bea"),
                                 r(" three 4")), "copy.docx", modified_by="Cy")
    document = combine(base, [copy])
    assert [(c.author, c.text) for c in document.changes] == [("Bea", "two → 2"), ("Cy", "four → 4")]
    assert texts(document, tmp_path, Decision.ACCEPT) == ["one 2 three 4"]
    assert texts(document, tmp_path, Decision.REJECT) == ["one two three four"]


def test_identical_edits_appear_once_attributed_to_both(base, tmp_path):
    first = edited_copy(base, tmp_path / "1.docx", "at least four hours", "at least eight hours", "Alex Rivera")
    second = edited_copy(base, tmp_path / "2.docx", "at least four hours", "at least eight hours", "Jordan Lee")
    document = combine(base, [first, second])
    assert [(c.author, c.text, c.conflicts_with) for c in document.changes] == [
        ("Alex Rivera, Jordan Lee", "four → eight", [])]


def test_inserted_and_deleted_paragraphs_of_copies(tmp_path):
    base = make_docx(tmp_path, p(r("Keep.")) + p(r("Remove me.")) + p(r("Middle.")), "base.docx")
    copy = make_docx(tmp_path, p(r("Keep.")) + p(r("Middle.")) + p(r("Added by Cy.")), "copy.docx",
                     modified_by="Cy")
    document = combine(base, [copy])
    assert [(c.kind, c.author) for c in document.changes] == [(ChangeKind.DELETION, "Cy"),
                                                              (ChangeKind.INSERTION, "Cy")]
    assert texts(document, tmp_path, Decision.ACCEPT) == ["Keep.", "Middle.", "Added by Cy."]
    assert texts(document, tmp_path, Decision.REJECT) == ["Keep.", "Remove me.", "Middle."]


# -- conflicts --------------------------------------------------------------------------------------------


@pytest.fixture
def conflicting(base, tmp_path):
    first = edited_copy(base, tmp_path / "1.docx", "at least four hours", "at least eight hours", "Alex Rivera")
    second = edited_copy(base, tmp_path / "2.docx", "at least four hours", "at least six hours", "Jordan Lee")
    return combine(base, [first, second])


def test_two_reviewers_editing_the_same_words_are_in_conflict(conflicting):
    assert [(c.id, c.author, c.text, c.conflicts_with) for c in conflicting.changes] == [
        ("1", "Alex Rivera", "four → eight", ["2"]), ("2", "Jordan Lee", "four → six", ["1"])]
    assert conflicting.changes[0].as_dict()["conflicts_with"] == ["2"]


@pytest.mark.parametrize(("accepted", "wording"), [("1", "eight"), ("2", "six")])
def test_accepting_one_side_of_a_conflict_rejects_the_other(conflicting, accepted, wording):
    pending_text = conflicting.body_text()
    pending_xml = etree.tostring(conflicting.package.xml(conflicting.package.main_document))
    journal = conflicting.decide([accepted], Decision.ACCEPT)
    other = conflicting.change(conflicting.change(accepted).conflicts_with[0])
    assert other.status == Status.REJECTED
    assert f"at least {wording} hours of" in hours_line(conflicting.body_text().split("\n"))
    conflicting.undo(journal)
    assert {c.status for c in conflicting.changes} == {Status.PENDING}
    assert conflicting.body_text() == pending_text
    assert etree.tostring(conflicting.package.xml(conflicting.package.main_document)) == pending_xml


def test_rejecting_one_side_leaves_the_other_whole(conflicting):
    conflicting.decide(["1"], Decision.REJECT)
    assert conflicting.change("2").status == Status.PENDING
    conflicting.decide(["2"], Decision.ACCEPT)
    assert "at least six hours of" in hours_line(conflicting.body_text().split("\n"))


def test_reject_all_of_a_conflict_gives_the_base_and_accept_all_takes_the_first(conflicting, base, tmp_path):
    assert texts(conflicting, tmp_path, Decision.REJECT) == paragraphs(base)
    assert "at least eight hours of" in hours_line(texts(conflicting, tmp_path, Decision.ACCEPT))


def test_conflicts_are_found_again_when_the_combined_file_is_reopened(conflicting, tmp_path):
    out = tmp_path / "combined.docx"
    conflicting.package.save(out)
    again = ReviewDocument.open(out)
    assert [(c.author, c.text, c.conflicts_with) for c in again.changes] == [
        ("Alex Rivera", "four → eight", ["2"]), ("Jordan Lee", "four → six", ["1"])]


def test_partly_overlapping_edits_conflict(base, tmp_path):
    first = edited_copy(base, tmp_path / "1.docx", "at least four hours", "at most four hours", "Alex Rivera")
    second = edited_copy(base, tmp_path / "2.docx", "at least four hours", "at least four days", "Jordan Lee")
    third = edited_copy(base, tmp_path / "3.docx", "least four hours", "least 4 hours", "Sam Okafor")
    document = combine(base, [first, second, third])
    assert [(c.author, c.text, c.conflicts_with) for c in document.changes] == [
        ("Alex Rivera", "least → most", []), ("Sam Okafor", "four → 4", []), ("Jordan Lee", "hours → days", [])]


def test_tracked_paragraph_insertion_keeps_its_author_and_place(tmp_path):
    inserted_mark = '<w:rPr><w:ins w:id="9" w:author="Bea" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    base = make_docx(tmp_path, p(r("First.")) + p(r("Last.")), "base.docx")
    copy = make_docx(tmp_path, p(r("First.")) + p(ins(r("Between."), author="Bea"), ppr=inserted_mark)
                     + p(r("Last.")), "copy.docx", modified_by="Cy")
    document = combine(base, [copy])
    assert [(c.kind, c.author, c.inserted) for c in document.changes] == [(ChangeKind.INSERTION, "Bea", "Between.")]
    assert texts(document, tmp_path, Decision.ACCEPT) == ["First.", "Between.", "Last."]
    assert texts(document, tmp_path, Decision.REJECT) == ["First.", "Last."]


def test_a_tracked_copy_is_taken_change_for_change(tmp_path):
    """A generated SOP with tracked changes by three authors (insertions, deletions, replacements,
    formatting, paragraph splits), combined onto its own base, gives back the same changes by the same
    authors."""
    from collections import Counter

    from benchmarks.generate import generate

    tracked = generate(tmp_path / "tracked.docx", 8, "tracked").path
    original = ReviewDocument.open(tracked)
    base = tmp_path / "base.docx"
    write_clean(original, base, Decision.REJECT)
    document = combine(base, [tracked])
    text_kinds = {ChangeKind.INSERTION, ChangeKind.DELETION, ChangeKind.REPLACEMENT, ChangeKind.FORMAT}

    def tally(doc):
        return Counter((c.kind, c.author) for c in doc.changes if c.kind in text_kinds)

    assert tally(document) == tally(original)
    marks = [c.author for c in document.changes if c.kind == ChangeKind.PARAGRAPH_MARK]
    assert marks == [c.author for c in original.changes if c.kind == ChangeKind.PARAGRAPH_MARK]
    accepted = tmp_path / "accepted.docx"
    write_clean(original, accepted, Decision.ACCEPT)
    assert texts(document, tmp_path, Decision.ACCEPT) == paragraphs(accepted)
    assert texts(document, tmp_path, Decision.REJECT) == paragraphs(base)


def test_a_revised_paragraph_among_look_alikes_is_matched_with_the_one_it_revises(tmp_path):
    """Base: "staff staff staff", "staff", "staff". The copy revises the first and the last with tracking,
    leaving their text as it was: their changes are taken there and nothing else is reported (found by a
    property test: it read as a deletion of the second paragraph and an insertion after the third)."""
    from redliner.core.comparison.combine import combine
    from tests.docx_factory import make_docx, p, r

    kim = 'w:author="Kim" w:date="2024-02-02T00:00:00Z"'
    staff = r("staff ")

    def revised(number: int) -> str:
        return (f'<w:ins w:id="{700 + 2 * number}" {kim}>{staff}</w:ins><w:del w:id="{701 + 2 * number}" {kim}>'
                '<w:r><w:delText xml:space="preserve">staff </w:delText></w:r></w:del>')
    base = make_docx(tmp_path, p(staff, staff, staff) + p(staff) + p(staff), "base.docx")
    copy = make_docx(tmp_path, p(revised(0), revised(1), revised(2)) + p(staff) + p(revised(3)), "kim.docx")
    document = combine(base, [copy])
    assert [(c.author, c.paragraph) for c in document.changes] == [("Kim", 0)] * 3 + [("Kim", 2)]


# -- one reviewer's outcome, conflicts included ----------------------------------------------------------------


def decide_for(document, reviewer: str) -> None:
    for change in list(document.changes):
        if reviewer in change.author.split(", ") and not change.is_decided:
            document.decide([change], Decision.ACCEPT)
    document.decide([c for c in document.changes if not c.is_decided], Decision.REJECT)


def test_a_clean_copy_conflicting_with_tracked_copies_decides_to_each_reviewers_copy(samples, tmp_path):
    """The sample of issue 9: the clean draft inserts words inside Rivera's replaced stretch."""
    copies = [samples / "sop-review-rivera.lo.docx", samples / "sop-draft-plain.pandoc.docx",
              samples / "sop-review-lee.lo.docx"]
    names = ["Alex Rivera", "Draft", "Jordan Lee"]
    for reviewer, copy in zip(names, copies, strict=True):
        document = combine(samples / "sop-base.lo.docx", copies, authors=names)
        decide_for(document, reviewer)
        expected = texts(ReviewDocument.open(copy), tmp_path, Decision.ACCEPT)
        assert texts(document, tmp_path, Decision.ACCEPT) == expected, reviewer


def test_an_insertion_inside_another_reviewers_deletion_stays_where_it_was_made(tmp_path):
    base = make_docx(tmp_path, p(r("commitment to community policing and principles are incorporated")), "b.docx")
    rivera = make_docx(tmp_path, p(r("commitment to a new approach")), "rivera.docx", modified_by="Rivera")
    draft = make_docx(tmp_path, p(r("commitment to community oriented policing and principles will be incorporated")),
                      "draft.docx", modified_by="Draft")
    document = combine(base, [rivera, draft])
    assert [(c.author, c.text) for c in document.changes] == [
        ("Rivera", "community policing and principles are incorporated → a new approach"),
        ("Draft", "policing and principles are → oriented policing and principles will be")]
    decide_for(document, "Draft")
    assert document.body_text() == "commitment to community oriented policing and principles will be incorporated"


def test_tracked_changes_keep_their_dates_and_clean_edits_take_the_copys_save_date(tmp_path):
    base = make_docx(tmp_path, p(r("one two three four")), "base.docx")
    copy = make_docx(tmp_path, p(r("one "), dele(dr("two"), author="Bea"), ins(r("2"), author="Bea"),
                                 r(" three 4")), "copy.docx", modified_by="Cy", modified="2026-11-20T09:15:00Z")
    document = combine(base, [copy])
    assert [(c.author, c.date) for c in document.changes] == [("Bea", "2024-01-01T00:00:00Z"),
                                                              ("Cy", "2026-11-20T09:15:00Z")]
    out = tmp_path / "combined.docx"
    document.package.save(out)
    assert [(c.author, c.date) for c in ReviewDocument.open(out).changes] == [
        ("Bea", "2024-01-01T00:00:00Z"), ("Cy", "2026-11-20T09:15:00Z")]


def test_the_sample_reviewers_changes_keep_the_dates_of_their_copies(samples):
    document = combine(samples / "sop-base.lo.docx",
                       [samples / "sop-review-rivera.lo.docx", samples / "sop-review-lee.lo.docx"])
    tracked = {r.get(f"{{{W}}}date") for path in ("sop-review-rivera.lo.docx", "sop-review-lee.lo.docx")
               for r in Package.open(samples / path).xml("word/document.xml").iter(f"{{{W}}}ins", f"{{{W}}}del")}
    assert {c.date for c in document.changes} <= tracked
