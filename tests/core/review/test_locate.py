"""locate.py: paragraph numbers counted during the walk agree with document order, whoever asks and when."""

from __future__ import annotations

from lxml import etree

from redliner.core import ReviewDocument
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.walk import walk
from redliner.core.oxml.wordml import W_P
from redliner.core.review.locate import ParagraphIndex
from tests.docx_factory import W, document_xml, ins, make_docx, p, r

HEADING = '<w:pStyle w:val="Heading1"/>'
STYLES = etree.fromstring(f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1">'
                          '<w:name w:val="heading 1"/></w:style></w:styles>')


def index_of(body: str) -> tuple[ParagraphIndex, list]:
    root = etree.fromstring(document_xml(body).encode())
    index = ParagraphIndex(root, StyleSheet.from_xml(STYLES), "body", "word/document.xml")
    walk(root, index.readers())
    return index.finish(), list(root.iter(W_P))


def test_a_paragraph_no_one_noted_is_numbered_in_document_order():
    index, paragraphs = index_of(p(r("a")) + f"<w:tbl><w:tr><w:tc>{p(r('b'))}{p(r('c'))}</w:tc></w:tr></w:tbl>"
                                 + p(r("d")))
    assert [index.number(paragraph) for paragraph in paragraphs] == [0, 1, 2, 3]
    assert index.count == 4


def test_headings_are_found_and_numbered():
    index, _ = index_of(p(r("intro")) + p(r("Scope"), ppr=HEADING) + p(r("text")))
    assert [index.heading_for(n) for n in range(3)] == ["", "Scope", "Scope"]


def test_a_direct_outline_level_of_9_makes_a_heading_style_body_text():
    index, _ = index_of(p(r("Not a heading"), ppr=HEADING + '<w:outlineLvl w:val="9"/>') + p(r("text")))
    assert index.heading_for(1) == ""


def test_a_text_box_paragraph_counts_where_it_sits(tmp_path):
    """Nested paragraphs come right after the paragraph holding them, as root.iter(w:p) gives them."""
    box = (f"<w:r><w:pict><v:shape xmlns:v='urn:schemas-microsoft-com:vml'><v:textbox><w:txbxContent>"
           f"{p(r('in the box'))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    body = p(r("before"), box, ins(r("after the box")), ppr=HEADING) + p(ins(r("next"), rid=3))
    path = make_docx(tmp_path, body)
    changes = ReviewDocument.open(path).changes
    assert [(c.inserted, c.location.paragraph) for c in changes] == [("after the box", 0), ("next", 2)]


def test_an_inserted_row_is_located_at_its_first_paragraph(tmp_path):
    row = (f'<w:tr><w:trPr><w:ins w:id="5" w:author="Alex" w:date="2024-01-01T00:00:00Z"/></w:trPr>'
           f"<w:tc>{p(r('new cell'))}</w:tc></w:tr>")
    body = p(r("Scope"), ppr=HEADING) + p(r("text")) + f"<w:tbl><w:tr><w:tc>{p(r('old'))}</w:tc></w:tr>{row}</w:tbl>"
    change = ReviewDocument.open(make_docx(tmp_path, body)).changes[0]
    assert (change.kind.value, change.location.paragraph, change.location.heading) == ("row", 3, "Scope")
