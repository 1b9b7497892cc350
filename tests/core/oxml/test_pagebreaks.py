"""Where a paragraph begins a new page in print, from its properties and its style."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core.oxml.pagebreaks import may_begin_page, page_breaks
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import properties_of
from tests.docx_factory import W, p, r

PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def _paragraph(xml: str):
    return etree.fromstring(f'<w:body xmlns:w="{W}">{xml}</w:body>')[0]


def _styles(*styles: str) -> StyleSheet:
    return StyleSheet.from_xml(etree.fromstring(f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'))


CHAPTER = ('<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/>'
           '<w:pPr><w:pageBreakBefore/></w:pPr></w:style>')
APPENDIX = '<w:style w:type="paragraph" w:styleId="Appendix"><w:basedOn w:val="Chapter"/></w:style>'
NORMAL = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
          '<w:pPr><w:pageBreakBefore/></w:pPr></w:style>')


@pytest.mark.parametrize(("ppr", "styles", "expected"), [
    ("", (), False),
    ("<w:pageBreakBefore/>", (), True),
    ('<w:pageBreakBefore w:val="0"/>', (CHAPTER,), False),
    ('<w:pStyle w:val="Chapter"/>', (CHAPTER,), True),
    ('<w:pStyle w:val="Appendix"/>', (CHAPTER, APPENDIX), True),  # through basedOn
    ('<w:pStyle w:val="Chapter"/><w:pageBreakBefore w:val="false"/>', (CHAPTER,), False),  # its own wins
    ("", (NORMAL,), True),  # no w:pStyle: the default paragraph style's
])
def test_a_page_break_before_comes_from_the_paragraph_or_its_style(ppr, styles, expected):
    paragraph = _paragraph(p(r("text"), ppr=ppr))
    assert page_breaks(properties_of(paragraph), _styles(*styles)) == (expected, False)


@pytest.mark.parametrize(("section", "expected"), [
    ("<w:sectPr/>", True),  # a section break's type is "next page" unless it says otherwise
    ('<w:sectPr><w:type w:val="nextPage"/></w:sectPr>', True),
    ('<w:sectPr><w:type w:val="oddPage"/></w:sectPr>', True),
    ('<w:sectPr><w:type w:val="continuous"/></w:sectPr>', False),
    ("", False),
])
def test_a_section_that_ends_on_its_page(section, expected):
    assert page_breaks(properties_of(_paragraph(p(r("text"), ppr=section))), _styles()) == (False, expected)


def test_a_page_break_anywhere_in_the_text_may_begin_a_page():
    styles = _styles()
    assert may_begin_page(_paragraph(p(PAGE_BREAK, r("Appendix"))), styles)
    assert may_begin_page(_paragraph(p(r("Before "), PAGE_BREAK, r("after"))), styles)
    assert not may_begin_page(_paragraph(p(r("Line"), '<w:r><w:br/></w:r>', r("line"))), styles)
    assert may_begin_page(_paragraph(p(r("Chapter"), ppr='<w:pStyle w:val="Chapter"/>')), _styles(CHAPTER))
