"""propdiff.py: a formatting or paragraph-property change says what it changed."""

from __future__ import annotations

from lxml import etree

from redliner.core import ReviewDocument
from redliner.core.oxml.styles import StyleSheet
from redliner.core.review.propdiff import property_change_words
from tests.docx_factory import W, make_docx, p, r

STYLES = StyleSheet.from_xml(etree.fromstring(
    f'<w:styles xmlns:w="{W}"><w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>'))


def words(now: str, old: str, tag: str = "rPr") -> str:
    props = etree.fromstring(f'<w:{tag} xmlns:w="{W}">{now}<w:{tag}Change w:id="1"><w:{tag}>{old}</w:{tag}>'
                             f"</w:{tag}Change></w:{tag}>")
    return property_change_words(props[-1], STYLES)


def test_toggles_say_on_or_off():
    assert words("<w:b/><w:i w:val='0'/>", "<w:i/>") == "bold, not italic"
    assert words("<w:b/><w:bCs/>", "") == "bold"  # the complex-script twin is not named twice


def test_styles_are_named_as_word_shows_them_and_alignment_says_where():
    assert words("<w:pStyle w:val='Heading2'/><w:jc w:val='center'/>", "", "pPr") == "style Heading 2, aligned center"


def test_values_and_removals():
    assert words("<w:color w:val='FF0000'/><w:sz w:val='28'/>", "<w:sz w:val='24'/><w:u w:val='single'/>") == (
        "colour, size, no underline")


def test_unchanged_properties_and_rsids_say_nothing():
    assert words("<w:b/><w:rFonts w:ascii='Arial' w:rsidR='00AB'/>", "<w:b/><w:rFonts w:ascii='Arial'/>") == ""


def test_many_changes_are_cut_short():
    assert words("<w:b/><w:i/><w:caps/><w:strike/><w:smallCaps/><w:vanish/>", "") == (
        "bold, all caps, italic, small caps, more")


def test_a_tracked_formatting_change_lists_what_it_changed(tmp_path):
    run = ('<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Bea" w:date="2024-01-01T00:00:00Z"><w:rPr/>'
           "</w:rPrChange></w:rPr><w:t>Bold now</w:t></w:r>")
    changes = ReviewDocument.open(make_docx(tmp_path, p(run) + p(r("plain")))).changes
    assert [c.text for c in changes] == ["formatting (bold) changed: Bold now"]


def test_table_and_cell_properties_are_named():
    assert words("<w:tcW w:w='2000' w:type='dxa'/><w:gridSpan w:val='2'/>", "<w:tcW w:w='1000' w:type='dxa'/>",
                 "tcPr") == "column span, width"


def test_a_section_change_in_a_word_file_lists_what_it_changed(corpus):
    changes = ReviewDocument.open(corpus / "word-revisions" / "RP027-Change-Section.docx").changes
    assert [c.text for c in changes] == ["section properties (columns, grid, margins, page size) changed"]
