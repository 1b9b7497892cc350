"""The first section as a printed page: paper, margins, default header and footer (PAGE fields left to fill)."""

from __future__ import annotations

import pytest

from redliner.core.opc.package import Package
from redliner.core.oxml.sections import A4_TWIPS, first_section_page
from tests.docx_factory import make_docx, p, r, story_part

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LETTER = '<w:pgSz w:w="12240" w:h="15840"/>'
MARGINS = '<w:pgMar w:top="1080" w:right="1800" w:bottom="720" w:left="1440" w:header="360" w:footer="540"/>'


def _page(tmp_path, body, stories=()):
    package = Package.open(make_docx(tmp_path, body, stories=list(stories)))
    return first_section_page(package, package.main_document)


def test_no_section_properties_mean_a4_with_inch_margins(tmp_path):
    page = _page(tmp_path, p(r("text")))
    assert (page.width, page.height) == A4_TWIPS
    assert page.margins_pt == (72.0, 72.0, 72.0, 72.0)
    assert (page.header, page.footer) == ("", "")


def test_the_first_section_ends_at_the_paragraph_that_holds_its_properties(tmp_path):
    first = p(r("one"), ppr=f"<w:sectPr>{LETTER}{MARGINS}</w:sectPr>")
    page = _page(tmp_path, first + p(r("two")))  # the body's own (empty) w:sectPr is the second section
    assert page.size_pt == (612.0, 792.0)
    assert page.margins_pt == (72.0, 54.0, 90.0, 36.0)
    assert (page.header_distance, page.footer_distance) == (360, 540)


def test_a_property_change_record_is_not_the_section(tmp_path):
    old = f"<w:pPrChange w:id='1' w:author='A'><w:pPr><w:sectPr>{LETTER}</w:sectPr></w:pPr></w:pPrChange>"
    assert _page(tmp_path, p(r("one"), ppr=old)).size_pt == (A4_TWIPS[0] / 20, A4_TWIPS[1] / 20)


@pytest.mark.parametrize("field", [
    '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
])
def test_default_header_and_footer_text_with_page_fields_left_to_fill(tmp_path, field):
    header = story_part("header", p(r("SOP 12 "), r("Draft")))
    footer = story_part("footer", p(r("Page "), field, r(" of the draft")))
    section = (f'<w:sectPr xmlns:r="{R_NS}"><w:headerReference w:type="even" r:id="rIdfooter"/>'
               f'<w:headerReference w:type="default" r:id="rIdheader"/>'
               f'<w:footerReference w:type="default" r:id="rIdfooter"/></w:sectPr>')
    page = _page(tmp_path, p(r("text"), ppr=section), stories=[header, footer])
    assert page.header == "SOP 12 Draft"
    assert page.footer == "Page {PAGE} of the draft"
