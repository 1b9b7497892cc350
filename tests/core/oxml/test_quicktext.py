"""Text read at C speed (quicktext.py) must equal text read node by node, wherever the reader takes it."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import ReviewDocument, parse_rules
from redliner.core.oxml import quicktext as quicktext_module
from redliner.core.oxml.quicktext import QuickText, looks_indented
from redliner.core.oxml.walk import walk
from tests.conftest import CORPUS
from tests.docx_factory import W, dele, dr, ins, make_docx, p, r

ALL_DOCX = sorted(CORPUS.rglob("*.docx")) if CORPUS.is_dir() else []
ATTRS = 'w:author="Alex" w:date="2024-01-01T00:00:00Z"'


def seen(path, markers=None) -> list[tuple]:
    document = ReviewDocument.open(path, markers)
    return [(c.kind.value, c.inserted, c.deleted, c.location.paragraph, c.location.heading, c.detail)
            for c in document.changes]


def seen_exactly(path, monkeypatch, markers=None) -> list[tuple]:
    """The same reading with every text taken node by node (as if every part were indented)."""
    with monkeypatch.context() as patch:
        patch.setattr(quicktext_module, "looks_indented", lambda root: True)
        return seen(path, markers)


HAZARDS = {
    "tab": p(ins(r("a"), "<w:r><w:tab/></w:r>", r("b"))),
    "break": p(ins(r("a"), "<w:r><w:br/></w:r>", r("b"))),
    "page break": p(ins(r("a"), '<w:r><w:br w:type="page"/></w:r>', r("b"))),
    "field code": p(ins('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("7"),
                        '<w:r><w:fldChar w:fldCharType="end"/></w:r>')),
    "deleted field code": p(dele('<w:r><w:delInstrText xml:space="preserve"> PAGE </w:delInstrText></w:r>',
                                 dr("7"))),
    "insertion later deleted": p(ins(r("kept "), f'<w:del w:id="9" {ATTRS}>{dr("gone")}</w:del>', r(" end"))),
    "deletion in a hyperlink in an insertion": p(ins(f'<w:hyperlink>{dele(dr("x"), rid=5)}</w:hyperlink>',
                                                     r("y"))),
    "tab stop in a heading": p(r("Scope"), ppr='<w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" '
                                               'w:pos="720"/></w:tabs>') + p(ins(r("new"))),
    "deletion in a heading": p(r("Old "), dele(dr("Title")), r(" Here"), ppr='<w:pStyle w:val="Heading1"/>')
                             + p(ins(r("new"))),
    "tab in a heading": p(r("1."), "<w:r><w:tab/></w:r>", r("Scope"), ppr='<w:pStyle w:val="Heading1"/>')
                        + p(ins(r("new"))),
    "equation": p(ins(r("x "), f'<m:oMath xmlns:m="{quicktext_module.MATH_NS}"><m:r><m:t>y=2</m:t></m:r>'
                               "</m:oMath>")),
}


@pytest.mark.parametrize("body", HAZARDS.values(), ids=HAZARDS.keys())
def test_hazards_read_as_node_by_node(tmp_path, monkeypatch, body):
    path = make_docx(tmp_path, body)
    assert seen(path) == seen_exactly(path, monkeypatch)


def test_a_tab_inside_an_insertion_is_in_its_text(tmp_path):
    path = make_docx(tmp_path, HAZARDS["tab"])
    assert [c.inserted for c in ReviewDocument.open(path).changes] == ["a\tb"]


def test_a_deletion_inside_an_insertion_is_not_inserted_text(tmp_path):
    path = make_docx(tmp_path, HAZARDS["insertion later deleted"])
    assert "gone" not in "".join(c.inserted for c in ReviewDocument.open(path).changes)


def test_a_heading_with_a_deletion_reads_without_it(tmp_path):
    path = make_docx(tmp_path, HAZARDS["deletion in a heading"])
    change = next(c for c in ReviewDocument.open(path).changes if c.inserted == "new")
    assert change.location.heading == "Old Here"


def test_marker_spans_read_alike(tmp_path, monkeypatch):
    body = p(r("We "), r("now ", "<w:i/>"), "<w:r><w:rPr><w:i/></w:rPr><w:tab/></w:r>", r("review", "<w:i/>"),
             r(" drafts."))
    path = make_docx(tmp_path, body)
    assert seen(path, parse_rules("italic")) == seen_exactly(path, monkeypatch, parse_rules("italic"))


def test_an_indented_part_is_read_node_by_node():
    indented = etree.fromstring(f'<w:document xmlns:w="{W}">\n  <w:body>\n    <w:p>\n      <w:r>\n'
                                "        <w:t>a</w:t>\n      </w:r>\n    </w:p>\n  </w:body>\n</w:document>")
    compact = etree.fromstring(f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t xml:space="preserve"> a '
                               "</w:t></w:r></w:p></w:body></w:document>")
    assert looks_indented(indented)
    assert not looks_indented(compact)
    reader = QuickText(indented)
    walk(indented, reader.readers())
    assert reader.inserted(indented.find(f".//{{{W}}}r")) == "a"  # not the indentation around it


def test_an_indented_document_lists_the_same_changes(tmp_path, monkeypatch):
    body = p(r("Keep "), ins(r("new"), "<w:r><w:tab/></w:r>", r("words")), dele(dr("old")))
    compact = make_docx(tmp_path, body, name="compact.docx")
    pretty = make_docx(tmp_path, body.replace("><", ">\n  <"), name="pretty.docx")
    assert seen(pretty) == seen(compact) == seen_exactly(compact, monkeypatch)


@pytest.mark.parametrize("path", ALL_DOCX, ids=[p.name for p in ALL_DOCX])
def test_corpus_reads_alike(corpus, monkeypatch, path):
    markers = parse_rules("italic")
    assert seen(path, markers) == seen_exactly(path, monkeypatch, markers)
