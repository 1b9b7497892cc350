"""Reading comments: text, anchors in every story, threads, resolved state, durable ids, people, bad input."""

from __future__ import annotations

from redliner.core import ReviewDocument
from redliner.core.comments.read import read_comments
from tests.core.comments.factory import (
    comment,
    commented_docx,
    comments_part,
    end,
    extended_part,
    ids_part,
    people_part,
    ref,
    start,
)
from tests.docx_factory import dele, dr, ins, p, r, story_part

TWO_PARAGRAPHS = (p(r("The "), start(0), r("first"), r(" part")) + p(r("goes "), end(0), ref(0), r("on.")))


def _read(path):
    document = ReviewDocument.open(path)
    return document, read_comments(document)


def test_a_comment_across_two_paragraphs(tmp_path):
    path = commented_docx(tmp_path, p(r("Intro.")) + TWO_PARAGRAPHS,
                          comments_part(comment(0, "Why?\nSay more.", author="Bea", initials="BB")))
    _, comments = _read(path)
    [found] = comments
    assert (found.id, found.author, found.initials, found.paragraphs) == ("0", "Bea", "BB", ["Why?", "Say more."])
    assert found.text == "Why?\nSay more." and "<w:t>Say more.</w:t>" in found.xml
    assert (found.anchor.part, found.anchor.paragraph, found.anchor.text) == ("body", 1, "first part\ngoes ")
    assert comments.warnings == []


def test_anchors_in_a_table_cell_a_header_and_footnotes(tmp_path):
    cell = f'<w:tbl><w:tr><w:tc>{p(start(1), r("cell text"), end(1), ref(1))}</w:tc></w:tr></w:tbl>'
    header = story_part("header", p(start(2), r("Header"), end(2), ref(2)))
    notes = story_part("footnotes", f'<w:footnote w:id="1">{p(r("A "), start(3), r("note"), end(3), ref(3))}'
                                    "</w:footnote>")
    path = commented_docx(tmp_path, p(r("Body")) + cell, comments_part(*(comment(i, f"c{i}") for i in (1, 2, 3))),
                          stories=[header, notes])
    _, comments = _read(path)
    assert [(c.anchor.part, c.anchor.paragraph, c.anchor.text) for c in comments] == [
        ("body", 1, "cell text"), ("header", 0, "Header"), ("footnotes", 0, "note")]


def test_markup_view_text_includes_deleted_and_inserted_text(tmp_path):
    body = p(start(0), r("a "), dele(dr("old")), ins(r("new")), end(0), ref(0))
    _, comments = _read(commented_docx(tmp_path, body, comments_part(comment(0, "x"))))
    assert comments.get("0").anchor.text == "a oldnew"


def test_threads_resolved_state_durable_ids_and_people(tmp_path):
    body = p(start(0), start(1), r("word"), end(0), end(1), ref(0), ref(1)) + p(start(2), r("other"), end(2), ref(2))
    path = commented_docx(
        tmp_path, body,
        comments_part(comment(0, "Why?", para_id="0000000A"), comment(1, "Because.", "Bea", para_id="0000000B"),
                      comment(2, "Fine.", para_id="0000000C")),
        extended=extended_part(("0000000A", "", True), ("0000000B", "0000000A", False), ("0000000C", "", False)),
        ids=ids_part(("0000000A", "1234ABCD")), people=people_part("Ann", "Bea"))
    _, comments = _read(path)
    assert [(c.id, c.parent, c.done) for c in comments] == [("0", None, True), ("1", "0", True), ("2", None, False)]
    assert [[c.id for c in thread] for thread in comments.threads()] == [["0", "1"], ["2"]]
    assert comments.get("0").durable_id == "1234ABCD"
    assert [p.author for p in comments.people] == ["Ann", "Bea"]


def test_a_point_comment_with_only_a_reference(tmp_path):
    _, comments = _read(commented_docx(tmp_path, p(r("Text "), ref(4), r("more")), comments_part(comment(4, "x"))))
    anchor = comments.get("4").anchor
    assert (anchor.text, anchor.has_range, anchor.paragraph) == ("", False, 0)


def test_a_comment_without_anchor_and_an_anchor_without_comment_are_warnings(tmp_path):
    body = p(start(9), r("orphan"), end(9), ref(9))
    document, comments = _read(commented_docx(tmp_path, body, comments_part(comment(1, "lost"))))
    assert comments.get("1").anchor is None
    assert any("comment 1" in w and "no place" in w for w in comments.warnings)
    assert any("comment 9" in w for w in comments.warnings)


def test_a_damaged_comments_part_is_a_warning_and_kept_byte_for_byte(tmp_path):
    broken = '<?xml version="1.0"?><w:comments xmlns:w="x"><w:comment'
    path = commented_docx(tmp_path, p(start(0), r("text"), end(0), ref(0)), broken)
    document, comments = _read(path)
    assert list(comments) == [] and any("damaged" in w for w in comments.warnings)
    out = tmp_path / "out.docx"
    document.package.save(out)
    import zipfile

    assert zipfile.ZipFile(out).read("word/comments.xml") == broken.encode()


def test_a_missing_comments_part_is_a_warning(tmp_path):
    path = commented_docx(tmp_path, p(start(0), r("text"), end(0), ref(0)))
    _, comments = _read(path)
    assert list(comments) == [] and any("comment 0" in w for w in comments.warnings)


def test_which_changes_a_comment_covers(tmp_path):
    body = (p(r("Keep "), start(0), r("this "), ins(r("added"), rid=11), end(0), ref(0), dele(dr(" gone"), rid=12))
            + p(dele(dr("removed"), rid=13), start(1), end(1), ref(1), r(" rest"))
            + p(ins(r("far"), rid=14), r(" text "), start(2), r("here"), end(2), ref(2)))
    document, comments = _read(commented_docx(tmp_path, body, comments_part(*(comment(i, "x") for i in range(3)))))
    ids = {c.inserted or c.deleted: c.id for c in document.changes}
    assert comments.get("0").changes == [ids["added"]]  # the deletion right after its range is not in it
    assert comments.get("1").changes == [ids["removed"]]  # a collapsed anchor touching a change
    assert comments.get("2").changes == []
    assert comments.for_change(ids["added"]) == [comments.get("0")]
