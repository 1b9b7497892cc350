"""The first section as a printed page: paper, margins, default header and footer (PAGE fields left to fill)."""

from __future__ import annotations

import pytest

from redliner.core.opc.package import Package
from redliner.core.oxml.sections import A4_TWIPS, first_section_page
from tests.docx_factory import REL_TYPE, W, make_docx, p, r, story_part

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


def _story(kind: str, number: int, text: str) -> tuple[str, str, str]:
    """A header or footer part of its own name and relationship id (rId<kind><number>)."""
    name, xml, _ = story_part(kind, p(r(text)))
    name = name.replace("1.xml", f"{number}.xml")
    rel = f'<Relationship Id="rId{kind}{number}" Type="{REL_TYPE}{kind}" Target="{name[5:]}"/>'
    return name, xml, rel


def _settings(content: str) -> tuple[str, str, str]:
    xml = f'<w:settings xmlns:w="{W}">{content}</w:settings>'
    return "word/settings.xml", xml, f'<Relationship Id="rIdsettings" Type="{REL_TYPE}settings" Target="settings.xml"/>'


def _three_kinds(title_page: str = "<w:titlePg/>") -> str:
    """A section with a default, a first-page and an even-page header and footer (parts 1, 2, 3)."""
    references = "".join(f'<w:{kind}Reference w:type="{which}" r:id="rId{kind}{number}"/>'
                         for kind in ("header", "footer")
                         for number, which in ((1, "default"), (2, "first"), (3, "even")))
    return p(r("text"), ppr=f'<w:sectPr xmlns:r="{R_NS}">{references}{title_page}</w:sectPr>')


STORIES = [_story(kind, number, f"{kind} {which}") for kind in ("header", "footer")
           for number, which in ((1, "default"), (2, "first"), (3, "even"))]


def test_a_title_page_and_even_pages_have_headers_and_footers_of_their_own(tmp_path):
    page = _page(tmp_path, _three_kinds(), stories=[*STORIES, _settings("<w:evenAndOddHeaders/>")])
    assert page.margins_of(0) == ("header first", "footer first")
    assert page.margins_of(1) == page.margins_of(3) == ("header even", "footer even")  # pages 2 and 4
    assert page.margins_of(2) == page.margins_of(4) == ("header default", "footer default")
    assert (page.header, page.footer) == ("header default", "footer default")


@pytest.mark.parametrize(("title_page", "settings"), [
    ("", ""),  # neither switch: the first and even parts are not used
    ('<w:titlePg w:val="0"/>', '<w:evenAndOddHeaders w:val="false"/>'),  # both switched off
])
def test_without_the_switches_every_page_has_the_default_ones(tmp_path, title_page, settings):
    page = _page(tmp_path, _three_kinds(title_page), stories=[*STORIES, _settings(settings)])
    assert {page.margins_of(n) for n in range(4)} == {("header default", "footer default")}


def test_a_title_page_without_a_first_header_of_its_own_has_none(tmp_path):
    section = p(r("text"), ppr=f'<w:sectPr xmlns:r="{R_NS}"><w:headerReference w:type="default" '
                               f'r:id="rIdheader1"/><w:titlePg/></w:sectPr>')
    page = _page(tmp_path, section, stories=[_story("header", 1, "Running head")])
    assert page.margins_of(0) == ("", "")
    assert page.margins_of(1) == ("Running head", "")  # no even and odd headers: page 2 has the default
