"""List labels from numbering.xml: formats, level text, counters, restarts, overrides, styles."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import ReviewDocument
from redliner.core.oxml.numbering import ListNumbering, format_number
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.text import paragraph_text
from tests.docx_factory import make_docx, p, r

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering_xml(*parts: str) -> etree._Element:
    return etree.fromstring(f'<w:numbering xmlns:w="{W}">{"".join(parts)}</w:numbering>')


def abstract(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def body(*paragraphs: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{"".join(paragraphs)}</w:body>')


def item(text: str, num_id: int | None = None, ilvl: int | None = None, style: str = "") -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None or ilvl is not None:
        inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
            f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
        props += f"<w:numPr>{inner}</w:numPr>"
    return f'<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def labels_by_text(numbering: ListNumbering, root) -> dict[str, str]:
    return {paragraph_text(p): label for p, label in numbering.labels(root).items()}


OUTLINE = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "%2."), lvl(2, "lowerRoman", "%3."))


def test_levels_count_and_deeper_levels_restart():
    numbering = ListNumbering.from_xml(numbering_xml(OUTLINE, num(5, 1)))
    root = body(item("one", 5, 0), item("one-a", 5, 1), item("one-a-i", 5, 2), item("one-a-ii", 5, 2),
                item("one-b", 5, 1), item("two", 5, 0), item("two-a", 5, 1), item("plain"))
    assert labels_by_text(numbering, root) == {
        "one": "1.", "one-a": "a.", "one-a-i": "i.", "one-a-ii": "ii.", "one-b": "b.", "two": "2.", "two-a": "a.",
    }


def test_multilevel_text_shows_the_higher_counters():
    legal = abstract(2, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"), lvl(2, "decimal", "%1.%2.%3"))
    numbering = ListNumbering.from_xml(numbering_xml(legal, num(1, 2)))
    root = body(item("a", 1, 0), item("b", 1, 1), item("c", 1, 2), item("d", 1, 1), item("e", 1, 0),
                item("f", 1, 1))
    assert list(labels_by_text(numbering, root).values()) == ["1.", "1.1", "1.1.1", "1.2", "2.", "2.1"]


def test_is_legal_shows_higher_levels_as_decimal():
    mixed = abstract(3, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"))
    numbering = ListNumbering.from_xml(numbering_xml(mixed, num(1, 3)))
    root = body(item("a", 1, 0), item("b", 1, 0), item("c", 1, 1))
    assert list(labels_by_text(numbering, root).values()) == ["I.", "II.", "2.1"]


def test_start_values_and_start_override_restart_a_shared_list():
    numbering = ListNumbering.from_xml(numbering_xml(
        abstract(1, lvl(0, "upperLetter", "%1.", start=3)),
        num(1, 1), num(2, 1), num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
    ))
    root = body(item("c", 1, 0), item("d", 1, 0), item("e", 2, 0), item("a", 3, 0), item("b", 3, 0))
    # numId 2 shares the abstract list with numId 1 and continues it; numId 3 restarts it at 1.
    assert labels_by_text(numbering, root) == {"c": "C.", "d": "D.", "e": "E.", "a": "A.", "b": "B."}


ALL_LEVELS_FROM_ONE = "".join(f'<w:lvlOverride w:ilvl="{n}"><w:startOverride w:val="1"/></w:lvlOverride>'
                             for n in range(9))


def test_a_start_override_restarts_only_the_levels_its_list_uses():
    # pandoc's nested lists: the outer list and a list four levels down share one abstractNum, each w:num
    # restarting every level. The inner list restarts only its own level, so the outer one goes on after it,
    # as Word and LibreOffice number it.
    decimal = abstract(1, *(lvl(n, "decimal", f"%{n + 1}.") for n in range(4)))
    letters = abstract(2, *(lvl(n, "lowerLetter", f"%{n + 1}.") for n in range(4)))
    numbering = ListNumbering.from_xml(numbering_xml(
        decimal, letters, num(1, 1, ALL_LEVELS_FROM_ONE), num(2, 2, ALL_LEVELS_FROM_ONE),
        num(6, 1, ALL_LEVELS_FROM_ONE), num(7, 2, ALL_LEVELS_FROM_ONE)))
    root = body(item("first", 1, 0), item("first-a", 2, 1), item("inner", 6, 3), item("inner-2", 6, 3),
                item("second", 1, 0), item("second-a", 7, 1), item("third", 1, 0))
    assert labels_by_text(numbering, root) == {
        "first": "1.", "first-a": "a.", "inner": "1.", "inner-2": "2.", "second": "2.", "second-a": "a.",
        "third": "3.",
    }


def test_a_start_override_applies_once_per_level_where_its_list_first_reaches_it():
    numbering = ListNumbering.from_xml(numbering_xml(
        OUTLINE, num(1, 1), num(2, 1, '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride>')))
    root = body(item("one", 1, 0), item("one-a", 1, 1), item("one-b", 1, 1), item("two", 2, 0),
                item("two-e", 2, 1), item("two-f", 2, 1), item("three", 2, 0), item("three-a", 2, 1))
    # numId 2 continues the outer count; its override starts level 1 at e the first time it is used there,
    # later runs of that level start from the level's own start.
    assert labels_by_text(numbering, root) == {
        "one": "1.", "one-a": "a.", "one-b": "b.", "two": "2.", "two-e": "e.", "two-f": "f.", "three": "3.",
        "three-a": "a.",
    }


def test_level_override_replaces_the_level_definition():
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "lowerRoman", "(%1)")}</w:lvlOverride>'
    numbering = ListNumbering.from_xml(numbering_xml(OUTLINE, num(1, 1, override)))
    assert list(labels_by_text(numbering, body(item("x", 1, 0), item("y", 1, 0))).values()) == ["(i)", "(ii)"]


def test_lvl_restart_zero_keeps_counting_across_higher_levels():
    keep = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%2)", extra='<w:lvlRestart w:val="0"/>'))
    numbering = ListNumbering.from_xml(numbering_xml(keep, num(1, 1)))
    root = body(item("a", 1, 0), item("b", 1, 1), item("c", 1, 0), item("d", 1, 1))
    assert list(labels_by_text(numbering, root).values()) == ["1.", "1)", "2.", "2)"]


def test_bullets_none_and_blank_labels():
    bullets = abstract(1, lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "o"), lvl(2, "none", ""),
                       lvl(3, "bullet", "\uf020"))
    numbering = ListNumbering.from_xml(numbering_xml(bullets, num(1, 1)))
    root = body(item("dot", 1, 0), item("circle", 1, 1), item("nothing", 1, 2), item("blank", 1, 3))
    assert labels_by_text(numbering, root) == {"dot": "•", "circle": "o"}


def test_num_id_zero_and_unknown_num_ids_are_not_numbered():
    numbering = ListNumbering.from_xml(numbering_xml(OUTLINE, num(1, 1)))
    assert labels_by_text(numbering, body(item("zero", 0, 0), item("unknown", 9, 0))) == {}


STYLES = etree.fromstring(f"""<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListNumber2"><w:name w:val="List Number 2"/><w:basedOn w:val="ListNumber"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>""")


def test_numbering_through_paragraph_styles_and_based_on():
    sheet = StyleSheet.from_xml(STYLES)
    assert sheet.style_numbering("ListNumber2") == ("1", 1)
    numbering = ListNumbering.from_xml(numbering_xml(OUTLINE, num(1, 1)), sheet)
    root = body(item("first", style="ListNumber"), item("sub", style="ListNumber2"),
                item("direct level wins", ilvl=2, style="ListNumber"), item("second", style="ListNumber"),
                item("switched off", 0, style="ListNumber"))
    assert labels_by_text(numbering, root) == {"first": "1.", "sub": "a.", "direct level wins": "i.", "second": "2."}


def test_levels_linked_to_heading_styles():
    headings = abstract(1, lvl(0, "decimal", "%1", extra='<w:pStyle w:val="Heading1"/>'),
                        lvl(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Heading2"/>'))
    sheet = StyleSheet.from_xml(STYLES)
    numbering = ListNumbering.from_xml(numbering_xml(headings, num(4, 1)), sheet)
    root = body(item("Scope", 4, style="Heading1"), item("Terms", 4, style="Heading2"),
                item("Method", 4, style="Heading1"))
    assert labels_by_text(numbering, root) == {"Scope": "1", "Terms": "1.1", "Method": "2"}


def test_tables_and_content_controls_are_counted_in_reading_order():
    numbering = ListNumbering.from_xml(numbering_xml(OUTLINE, num(1, 1)))
    cell = f"<w:tc>{item('in cell', 1, 0)}</w:tc>"
    root = body(item("before", 1, 0), f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>",
                f"<w:sdt><w:sdtContent>{item('in control', 1, 0)}</w:sdtContent></w:sdt>")
    assert list(labels_by_text(numbering, root).values()) == ["1.", "2.", "3."]


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (1, "decimal", "1"), (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"), (1999, "lowerRoman", "mcmxcix"),
    (2, "lowerLetter", "b"), (27, "lowerLetter", "aa"), (53, "upperLetter", "AAA"), (3, "decimalZero", "03"),
    (12, "ordinal", "12th"), (22, "ordinal", "22nd"), (5, "chineseCounting", "5"),
])
def test_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_a_document_without_numbering_has_no_labels(tmp_path):
    doc = ReviewDocument.open(make_docx(tmp_path, p(r("just text"))))
    numbering = ListNumbering.from_document(doc)
    assert numbering.labels(doc.package.xml(doc.package.main_document)) == {}


@pytest.mark.corpus
def test_pandoc_sop_draft_letters_and_numbers(samples):
    doc = ReviewDocument.open(samples / "sop-draft.pandoc.docx")
    root = doc.package.xml(doc.package.main_document)
    found = [(label, paragraph_text(p)[:20]) for p, label in ListNumbering.from_document(doc).labels(root).items()]
    # Definitions A-C; procedures restart at A with 1-3, 1-2, 1-2 under each letter (each a new w:num with
    # startOverride). The definitions' body paragraphs carry pandoc's blank bullet and show no label.
    assert found == [
        ("A.", "Community Oriented P"), ("B.", "Problem Solving"), ("C.", "Community Partnershi"),
        ("A.", "Training"), ("1.", "All sworn members sh"), ("2.", "In-service training "),
        ("3.", "The Training Divisio"), ("B.", "Patrol Assignments"), ("1.", "District commanders "),
        ("2.", "Officers shall atten"), ("C.", "Reporting"), ("1.", "Each district shall "),
        ("2.", "The report shall lis"),
    ]


@pytest.mark.corpus
def test_pandoc_recap_outer_list_goes_on_after_its_nested_lists(samples):
    doc = ReviewDocument.open(samples / "recap.pandoc.docx")
    root = doc.package.xml(doc.package.main_document)
    found = {paragraph_text(p)[:20]: label for p, label in ListNumbering.from_document(doc).labels(root).items()}
    # recap.md numbers them 1-3; the fourth-level item between them shares the outer list's abstractNum.
    assert [found["Revised Community Or"], found["Next Steps"], found["Reconvene October 19"]] == ["1.", "2.", "3."]
    assert found["Community oriented p"] == "1."


def test_numbering_and_preview_do_not_import_qt():
    import subprocess
    import sys

    code = ("import sys, redliner.core.oxml.numbering, redliner.core.review.preview; "
            "assert 'PySide6' not in sys.modules, 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
