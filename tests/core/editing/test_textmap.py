"""The paragraph text as the Markup view shows it: what counts, what does not, and what cannot be edited."""

from __future__ import annotations

import pytest

from redliner.core.editing.textmap import IN_EQUATION, IN_FIELD, IN_LOCKED_CONTROL, IN_PICTURE, OBJECT, ParagraphText
from tests.core.editing.helpers import find, open_body, paragraphs
from tests.docx_factory import dele, dr, ins, p, r

MATH = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def text_of(tmp_path, body: str, index: int = 0) -> ParagraphText:
    return ParagraphText(paragraphs(open_body(tmp_path, body))[index])


def test_inserted_and_deleted_text_both_count_inside_every_wrapper(tmp_path):
    body = p(r("a"), ins(r("bc"), author="Bea"), dele(dr("de")), '<w:hyperlink w:anchor="x">', r("f"), "</w:hyperlink>",
             '<w:smartTag w:uri="u" w:element="e">', r("g"), "</w:smartTag>",
             '<w:fldSimple w:instr="PAGE">', r("7"), "</w:fldSimple>",
             "<w:sdt><w:sdtPr/><w:sdtContent>", r("h"), "</w:sdtContent></w:sdt>")
    shown = text_of(tmp_path, body)
    assert shown.text == "abcdefg7h"
    assert len(shown) == 9
    assert shown.at(1).inserted_by == "Bea" and not shown.at(1).deleted
    assert shown.at(3).deleted and shown.at(3).inserted_by is None
    assert shown.at(7).refusal == IN_FIELD
    assert shown.at(8).editable


def test_each_visible_thing_in_a_run_counts_one_and_a_field_code_none(tmp_path):
    body = p('<w:r><w:t>a</w:t><w:tab/><w:br/><w:cr/><w:noBreakHyphen/><w:sym w:font="Symbol" w:char="F020"/>'
             '<w:footnoteReference w:id="1"/><w:drawing/><w:softHyphen/></w:r>',
             '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>',
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r>',
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("z"))
    shown = text_of(tmp_path, body)
    assert shown.text == f"a\t\u2028\u2028\u2011{OBJECT}{OBJECT}{OBJECT}12z"
    assert [shown.at(i).refusal for i in (8, 9, 10)] == [IN_FIELD, IN_FIELD, ""]


def test_an_equation_counts_one_and_refuses(tmp_path):
    body = p(r("x"), f'<m:oMath {MATH}><m:r><m:t>a+b</m:t></m:r></m:oMath>', r("y"))
    shown = text_of(tmp_path, body)
    assert shown.text == f"x{OBJECT}y"
    assert shown.at(1).refusal == IN_EQUATION


def test_a_locked_content_control_refuses_and_an_unlocked_one_does_not(tmp_path):
    body = p('<w:sdt><w:sdtPr><w:lock w:val="sdtContentLocked"/></w:sdtPr><w:sdtContent>', r("lock"),
             '</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w:lock w:val="unlocked"/></w:sdtPr><w:sdtContent>', r("open"),
             "</w:sdtContent></w:sdt>")
    shown = text_of(tmp_path, body)
    assert shown.at(0).refusal == IN_LOCKED_CONTROL
    assert shown.at(4).editable


def test_a_text_box_paragraph_refuses_and_counts_once_in_its_own_paragraph(tmp_path):
    box = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           + p(r("inner")) + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    review = open_body(tmp_path, p(r("out"), box))
    outer, inner = paragraphs(review)
    assert ParagraphText(outer).text == f"out{OBJECT}"
    assert ParagraphText(inner).refusal == IN_PICTURE


def test_offset_of_finds_a_character_and_at_describes_it(tmp_path):
    review = open_body(tmp_path, p(r("ab"), ins(r("cd"), author="Bea")))
    paragraph = paragraphs(review)[0]
    shown = ParagraphText(paragraph)
    node = find(paragraph, ".//w:ins//w:t")[0]
    assert shown.offset_of(node, 1) == 3
    atom = shown.at(3)
    assert (atom.char, atom.element, atom.index, atom.inserted, atom.deleted) == ("d", node, 1, True, False)
    with pytest.raises(IndexError):
        shown.at(4)
