"""The change list in step with edits, without reading the document again; undo brings the same changes back."""

from __future__ import annotations

from redliner.core import Decision, ReviewDocument
from redliner.core.editing.refresh import refresh_after_undo, refresh_changes
from redliner.core.review.history import DecisionHistory
from tests.core.editing.helpers import body_of, editor, open_body, paragraphs, xml
from tests.docx_factory import dele, dr, ins, p, r

BODY = (p(r("Heading one"), ppr='<w:pStyle w:val="Heading1"/>') + p(r("Hello "), r("world"), ins(r("X"), author="Bea"))
        + p(r("Third "), dele(dr("gone"), author="Bea")) + p(r("Last words")))


def listed(review: ReviewDocument) -> list[tuple]:
    return [(c.id, c.kind.value, c.author, c.inserted, c.deleted, c.paragraph, c.location.heading)
            for c in review.changes]


def as_reopened(review: ReviewDocument, tmp_path) -> list[tuple]:
    """The changes the engine lists after saving and opening again (ids left out: they are renumbered)."""
    path = tmp_path / "saved.docx"
    review.package.save(path)
    return [entry[1:] for entry in listed(ReviewDocument.open(path))]


def test_typing_adds_one_change_at_its_reading_place_and_extending_it_keeps_it(tmp_path):
    review = open_body(tmp_path, BODY)
    first = paragraphs(review)[1]
    write = editor(review)
    delta = refresh_changes(review, write.insert(first, 2, "abc"))
    assert [c.id for c in delta.added] == ["3"] and delta.removed == []
    assert [c.id for c in review.changes] == ["3", "1", "2"]
    typed = review.change("3")
    delta = refresh_changes(review, write.insert(first, 5, "def"))
    assert delta.updated == [typed] and delta.added == [] and typed.inserted == "abcdef"
    assert typed.location.heading == "Heading one"
    assert [entry[1:] for entry in listed(review)] == as_reopened(review, tmp_path)


def test_select_and_type_is_one_replacement(tmp_path):
    review = open_body(tmp_path, BODY)
    last = paragraphs(review)[3]
    delta = refresh_changes(review, editor(review).replace(last, 0, last, 4, "First"))
    assert [(c.kind.value, c.deleted, c.inserted) for c in delta.added] == [("replacement", "Last", "First")]


def test_deleting_ones_whole_insertion_removes_its_change(tmp_path):
    review = open_body(tmp_path, BODY)
    last = paragraphs(review)[3]
    write = editor(review)
    typed = refresh_changes(review, write.insert(last, 0, "New ")).added[0]
    delta = refresh_changes(review, write.delete(last, 0, last, 4))
    assert delta.removed == [typed] and typed not in review.changes
    assert [c.id for c in review.changes] == ["1", "2"]


def test_deleting_someone_elses_insertion_is_listed(tmp_path):
    review = open_body(tmp_path, BODY)
    delta = refresh_changes(review, editor(review).delete(paragraphs(review)[1], 11, paragraphs(review)[1], 12))
    assert [(c.author, c.deleted) for c in delta.added] == [("Pat", "X")]
    assert [entry[1:] for entry in listed(review)] == as_reopened(review, tmp_path)


def test_enter_and_join_shift_the_paragraphs_of_later_changes(tmp_path):
    review = open_body(tmp_path, BODY)
    second = paragraphs(review)[1]
    write = editor(review)
    refresh_changes(review, write.split(second, 3))
    assert [c.paragraph for c in review.changes if c.author == "Bea"] == [2, 3]
    assert [entry[1:] for entry in listed(review)] == as_reopened(review, tmp_path)
    refresh_changes(review, write.join(second))  # one's own split: simply undone
    assert [c.paragraph for c in review.changes if c.author == "Bea"] == [1, 2]
    refresh_changes(review, write.join(paragraphs(review)[2]))  # someone's mark: deleted, both paragraphs stay
    assert [(c.kind.value, c.paragraph) for c in review.changes if c.author == "Pat"] == [("paragraph-mark", 2)]
    assert [entry[1:] for entry in listed(review)] == as_reopened(review, tmp_path)


def test_undo_brings_back_the_same_changes_with_their_ids(tmp_path):
    review = open_body(tmp_path, BODY)
    before, tree = listed(review), xml(body_of(review))
    objects = list(review.changes)
    write = editor(review)
    second = paragraphs(review)[1]
    edits = []
    for make in (lambda: write.insert(second, 2, "abc"), lambda: write.delete(second, 0, second, 12),
                 lambda: write.split(second, 4), lambda: write.join(second)):
        edits.append(make())
        refresh_changes(review, edits[-1])
    for edit in reversed(edits):
        edit.journal.undo()
        refresh_after_undo(review, edit)
    assert listed(review) == before and review.changes == objects and xml(body_of(review)) == tree
    assert [review.change(c.id) for c in objects] == objects


def test_an_edit_after_decisions_then_undone_with_them_restores_everything(tmp_path):
    review = open_body(tmp_path, BODY)
    tree, before = xml(body_of(review)), listed(review)
    history = DecisionHistory(review)
    history.apply(["1"], Decision.ACCEPT)
    history.apply(["2"], Decision.REJECT)
    third = paragraphs(review)[2]
    edit = editor(review).insert(third, 0, "Now ")
    refresh_changes(review, edit)
    assert [c.inserted for c in review.changes if c.author == "Pat"] == ["Now "]
    edit.journal.undo()
    refresh_after_undo(review, edit)
    while history.applied:
        history.take_back()
    assert xml(body_of(review)) == tree
    assert [(c.id, c.status.value) for c in review.changes] == [(i[0], "pending") for i in before]
