"""A clean copy drops the comments (anchors, references, parts, relationships, content types) unless asked to
keep them; a marked-up copy always keeps them."""

from __future__ import annotations

import zipfile

from lxml import etree

from redliner.core import Decision, ReviewDocument, write_clean, write_marked_up
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
from tests.corpus_tools import canonical_parts, paragraphs
from tests.docx_factory import ins, p, r, story_part

BODY = p(r("The "), start(0), r("plan"), end(0), ref(0), ins(r(" now")), r("."))


def _document(tmp_path):
    header = story_part("header", p(start(1), r("Head"), end(1), ref(1)))
    return ReviewDocument.open(commented_docx(
        tmp_path, BODY, comments_part(comment(0, "Why?", para_id="0000000A"), comment(1, "Hm", para_id="0000000B")),
        extended=extended_part(("0000000A", "", False), ("0000000B", "", True)), ids=ids_part(("0000000A", "11")),
        people=people_part("Ann"), stories=[header]))


def _entries(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_clean_copy_has_no_comment_left(tmp_path):
    document = _document(tmp_path)
    original = canonical_parts(document.path)
    out = tmp_path / "clean.docx"
    write_clean(document, out, Decision.ACCEPT)
    entries = _entries(out)
    assert not {"word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml"} & set(entries)
    assert "word/people.xml" in entries  # it names revision authors too
    for name in ("word/document.xml", "word/header1.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
        assert b"comment" not in entries[name], name
    again = ReviewDocument.open(out)
    assert list(read_comments(again)) == [] and read_comments(again).warnings == []
    assert paragraphs(out) == ["The plan now."]
    # the review in progress is left as it was: a second save writes the comments again
    same = tmp_path / "same.docx"
    document.package.save(same)
    assert canonical_parts(same) == original


def test_keep_comments_keeps_them_in_a_clean_copy(tmp_path):
    document = _document(tmp_path)
    out = tmp_path / "clean.docx"
    write_clean(document, out, Decision.ACCEPT, keep_comments=True)
    kept = read_comments(ReviewDocument.open(out))
    assert [(c.id, c.anchor.text, c.done) for c in kept] == [("0", "plan", False), ("1", "Head", True)]


def test_a_marked_up_copy_keeps_them(tmp_path):
    document = _document(tmp_path)
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    assert [c.anchor.text for c in read_comments(ReviewDocument.open(out))] == ["plan", "Head"]


def test_a_point_comment_whose_reference_run_holds_text_keeps_the_text(tmp_path):
    body = p('<w:r><w:t>word</w:t><w:commentReference w:id="0"/></w:r>')
    document = ReviewDocument.open(commented_docx(tmp_path, body, comments_part(comment(0, "x"))))
    out = tmp_path / "clean.docx"
    write_clean(document, out)
    assert paragraphs(out) == ["word"]
    assert b"commentReference" not in _entries(out)["word/document.xml"]
    assert etree.fromstring(_entries(out)["[Content_Types].xml"]) is not None
