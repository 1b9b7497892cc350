"""Comments survive decisions: a comment anchored in text a decision removes stays where the text was."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import Decision, ReviewDocument
from redliner.core.comments.read import read_comments
from tests.core.comments.factory import comment, commented_docx, comments_part, end, ref, start
from tests.docx_factory import dele, dr, ins, p, r

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROW_DELETED = '<w:trPr><w:del w:id="40" w:author="Alex" w:date="2024-01-01T00:00:00Z"/></w:trPr>'
CASES = {
    # name: (body, decision, anchor text after the decision)
    "insertion holding a whole comment, rejected": (
        p(r("Keep "), ins(start(0), r("new"), end(0), ref(0)), r(" end")), Decision.REJECT, ""),
    "insertion inside a comment, accepted": (
        p(start(0), r("Keep "), ins(r("new")), end(0), ref(0)), Decision.ACCEPT, "Keep new"),
    "insertion inside a comment, rejected": (
        p(start(0), r("Keep "), ins(r("new")), end(0), ref(0)), Decision.REJECT, "Keep "),
    "deletion covering a comment's anchor, accepted": (
        p(r("Keep "), dele(start(0), dr("old"), end(0), ref(0)), r(" end")), Decision.ACCEPT, ""),
    "deletion covering a comment's anchor, rejected": (
        p(r("Keep "), dele(start(0), dr("old"), end(0), ref(0)), r(" end")), Decision.REJECT, "old"),
    "range starting inside a deletion, accepted": (
        p(dele(dr("a "), start(0), dr("b")), r(" c"), end(0), ref(0)), Decision.ACCEPT, " c"),
    "range ending inside an insertion, rejected": (
        p(start(0), r("a "), ins(r("b"), end(0), r("c")), ref(0)), Decision.REJECT, "a "),
    "deleted row holding a comment, accepted": (
        p(r("Before")) + f'<w:tbl><w:tr>{ROW_DELETED}<w:tc>{p(start(0), r("cell"), end(0), ref(0))}</w:tc></w:tr>'
        f'<w:tr><w:tc>{p(r("stays"))}</w:tc></w:tr></w:tbl>', Decision.ACCEPT, ""),
    "deleted paragraph holding a comment, accepted": (
        p(r("First")) + p(dele(start(0), dr("gone"), end(0), ref(0)),
                          ppr='<w:rPr><w:del w:id="9" w:author="Alex" w:date="2024-01-01T00:00:00Z"/></w:rPr>')
        + p(r("Last")), Decision.ACCEPT, ""),
}


def _marks(document) -> list[str]:
    root = document.package.xml(document.package.main_document)
    return sorted(etree.QName(e).localname for e in root.iter(f"{{{W_NS}}}commentRangeStart",
                                                              f"{{{W_NS}}}commentRangeEnd",
                                                              f"{{{W_NS}}}commentReference"))


@pytest.mark.parametrize("name", CASES)
def test_a_decision_keeps_every_comment_and_undo_restores_the_tree(tmp_path, name):
    body, decision, anchor_text = CASES[name]
    document = ReviewDocument.open(commented_docx(tmp_path, body, comments_part(comment(0, "Note"))))
    root = document.package.xml(document.package.main_document)
    before = etree.tostring(root)
    journal = document.decide(document.changes, decision)
    assert _marks(document) == ["commentRangeEnd", "commentRangeStart", "commentReference"]
    comments = read_comments(document)
    assert comments.get("0").anchor.text == anchor_text
    assert comments.warnings == []
    out = tmp_path / "out.docx"
    document.package.save(out)
    again = read_comments(ReviewDocument.open(out))
    assert again.get("0").anchor.text == anchor_text and again.warnings == []
    document.undo(journal)
    assert etree.tostring(root) == before


def test_a_collapsed_anchor_sits_where_the_deleted_text_was(tmp_path):
    body = p(r("Keep "), dele(start(0), dr("old"), end(0), ref(0)), r(" end"))
    document = ReviewDocument.open(commented_docx(tmp_path, body, comments_part(comment(0, "Note"))))
    document.decide(document.changes, Decision.ACCEPT)
    paragraph = document.package.xml(document.package.main_document).find(f".//{{{W_NS}}}p")
    names = [etree.QName(c).localname for c in paragraph]
    assert names == ["r", "commentRangeStart", "commentRangeEnd", "r", "r"]
    assert paragraph[3].find(f"{{{W_NS}}}commentReference") is not None
