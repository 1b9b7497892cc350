"""Typing and deleting as Word writes them with Track Changes on; refused edits leave the tree untouched."""

from __future__ import annotations

import pytest

from redliner.core.editing.edits import EditRefused
from redliner.core.editing.textmap import ParagraphText
from tests.core.editing.helpers import DATE, MATH_BODY, body_of, editor, find, open_body, paragraphs, xml
from tests.docx_factory import dele, dr, ins, p, r


def test_typed_text_is_an_insertion_formatted_like_the_text_before_it(tmp_path):
    review = open_body(tmp_path, p(r("Hello "), r("world", "<w:b/>")) + p(r("other")))
    first, second = paragraphs(review)
    untouched = xml(second)
    edit = editor(review).insert(first, 8, "XY")
    wrapper = find(first, "w:ins")[0]
    assert (wrapper.get(f"{{{wrapper.nsmap['w']}}}author"), find(wrapper, "string(@w:date)")) == ("Pat", DATE)
    assert find(wrapper, "string(w:r/w:t)") == "XY" and find(wrapper, "w:r/w:rPr/w:b")
    assert ParagraphText(first).text == "Hello woXYrld"
    assert (edit.paragraphs, edit.caret, edit.label) == ([first], (first, 10), "Typing")
    assert xml(second) == untouched


def test_revision_ids_are_unique_in_the_document(tmp_path):
    review = open_body(tmp_path, p(r("a b"), ins(r("c"), rid=41)))
    paragraph = paragraphs(review)[0]
    editor(review).insert(paragraph, 1, "x")
    editor(review).delete(paragraph, 3, paragraph, 4)
    ids = find(body_of(review), "//@w:id")
    assert len(ids) == len(set(ids)) and all(int(i) > 41 for i in ids if i != "41")


def test_typing_next_to_ones_own_insertion_extends_it(tmp_path):
    review = open_body(tmp_path, p(r("Hello")))
    paragraph = paragraphs(review)[0]
    write = editor(review)
    write.insert(paragraph, 5, " big")
    write.insert(paragraph, 9, " world")
    write.insert(paragraph, 5, "!")
    assert len(find(paragraph, "w:ins")) == 1
    assert find(paragraph, "string(w:ins)") == "! big world"


def test_typing_next_to_someone_elses_insertion_adds_ones_own(tmp_path):
    review = open_body(tmp_path, p(r("a"), ins(r("bc"), author="Bea")))
    paragraph = paragraphs(review)[0]
    editor(review).insert(paragraph, 3, "d")
    assert [find(w, "string(@w:author)") for w in find(paragraph, "w:ins")] == ["Bea", "Pat"]


def test_typing_inside_someone_elses_insertion_cuts_it_in_two(tmp_path):
    review = open_body(tmp_path, p(ins(r("abcd"), author="Bea", rid=5)))
    paragraph = paragraphs(review)[0]
    editor(review).insert(paragraph, 2, "X")
    wrappers = find(paragraph, "w:ins")
    assert [(find(w, "string(@w:author)"), find(w, "string(.)")) for w in wrappers] == [
        ("Bea", "ab"), ("Pat", "X"), ("Bea", "cd")]
    assert len({find(w, "string(@w:id)") for w in wrappers}) == 3


def test_deleting_existing_text_wraps_it_in_a_deletion(tmp_path):
    review = open_body(tmp_path, p(r("Hello world")))
    paragraph = paragraphs(review)[0]
    edit = editor(review).delete(paragraph, 5, paragraph, 11)
    assert find(paragraph, "string(w:del/w:r/w:delText)") == " world"
    assert find(paragraph, "string(w:r/w:t)") == "Hello"
    assert ParagraphText(paragraph).text == "Hello world"  # still shown, struck through
    assert (edit.anchor, edit.caret) == ((paragraph, 5), (paragraph, 11))


def test_deleting_beside_ones_own_deletion_joins_it(tmp_path):
    review = open_body(tmp_path, p(r("abcdef")))
    paragraph = paragraphs(review)[0]
    write = editor(review)
    write.delete(paragraph, 3, paragraph, 4)
    write.delete(paragraph, 2, paragraph, 3)  # Backspace, Backspace
    write.delete(paragraph, 4, paragraph, 5)  # then Delete
    assert [find(d, "string(.)") for d in find(paragraph, "w:del")] == ["cde"]


def test_deleting_ones_own_insertion_removes_it(tmp_path):
    review = open_body(tmp_path, p(r("ab")))
    paragraph = paragraphs(review)[0]
    write = editor(review)
    write.insert(paragraph, 1, "XYZ")
    edit = write.delete(paragraph, 2, paragraph, 3)
    assert ParagraphText(paragraph).text == "aXZb" and edit.caret == (paragraph, 2)
    write.delete(paragraph, 1, paragraph, 3)
    assert ParagraphText(paragraph).text == "ab" and not find(paragraph, "w:ins") and not find(paragraph, "w:del")


def test_deleting_someone_elses_insertion_nests_the_deletion_in_it(tmp_path):
    review = open_body(tmp_path, p(r("a"), ins(r("bcd"), author="Bea")))
    paragraph = paragraphs(review)[0]
    editor(review).delete(paragraph, 2, paragraph, 3)
    assert find(paragraph, "string(w:ins/w:del/w:r/w:delText)") == "c"
    assert find(paragraph, "string(w:ins/w:del/@w:author)") == "Pat"


def test_deleting_deleted_text_does_nothing(tmp_path):
    review = open_body(tmp_path, p(r("a"), dele(dr("bc"), author="Bea"), r("d")))
    paragraph = paragraphs(review)[0]
    before = xml(paragraph)
    edit = editor(review).delete(paragraph, 1, paragraph, 3)
    assert xml(paragraph) == before and len(edit.journal) == 0


@pytest.mark.parametrize(("body", "offset", "message", "kinds"), [
    (p(r("a"), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("12"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
       r("b")), 2, "field", "ids"),
    (MATH_BODY, 1, "equation", "d"),
    (p('<w:sdt><w:sdtPr><w:lock w:val="contentLocked"/></w:sdtPr><w:sdtContent>', r("locked"),
       "</w:sdtContent></w:sdt>"), 2, "content control", "ids"),
    (p(r("short")), 9, "not in the paragraph", "ids"),
])
def test_edits_the_engine_cannot_write_are_refused_and_change_nothing(tmp_path, body, offset, message, kinds):
    review = open_body(tmp_path, body)
    paragraph = paragraphs(review)[0]
    before = xml(body_of(review))
    write = editor(review)
    attempts = {"i": lambda: write.insert(paragraph, offset, "x"),
                "d": lambda: write.delete(paragraph, offset - 1, paragraph, offset + 1),
                "s": lambda: write.split(paragraph, offset)}
    for attempt in (attempts[kind] for kind in kinds):
        with pytest.raises(EditRefused, match=message):
            attempt()
        assert xml(body_of(review)) == before


def test_undo_restores_the_exact_tree(tmp_path):
    review = open_body(tmp_path, p(r("Hello "), r("world", "<w:b/>"), ins(r("X"), author="Bea"), dele(dr("old"))))
    paragraph = paragraphs(review)[0]
    before = xml(body_of(review))
    write = editor(review)
    edits = [write.insert(paragraph, 3, "abc"), write.delete(paragraph, 1, paragraph, 9),
             write.insert(paragraph, 12, "q"), write.delete(paragraph, 10, paragraph, 13)]
    for edit in reversed(edits):
        edit.journal.undo()
    assert xml(body_of(review)) == before
    assert paragraphs(review)[0] is paragraph


def test_italic_proposals_type_italic_text_and_strike_deletions(tmp_path):
    review = open_body(tmp_path, p(r("Keep this")))
    paragraph = paragraphs(review)[0]
    write = editor(review, italic_proposals=True, strike_deletions=True)
    write.insert(paragraph, 4, " all")
    write.insert(paragraph, 8, "!")
    write.delete(paragraph, 10, paragraph, 14)
    assert not find(paragraph, "//w:ins") and not find(paragraph, "//w:del")
    assert [find(t, "string(.)") for t in find(paragraph, "w:r[w:rPr/w:i]/w:t")] == [" all!"]
    assert find(paragraph, "string(w:r[w:rPr/w:strike]/w:t)") == "this"
    write.delete(paragraph, 5, paragraph, 8)  # one's own italic proposal: simply removed
    assert ParagraphText(paragraph).text == "Keep ! this"
