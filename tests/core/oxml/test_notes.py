"""notes.py: footnote and endnote references show Word's running numbers, not their ids."""

from __future__ import annotations

from lxml import etree

from redliner.core.oxml.notes import NoteMarks
from tests.docx_factory import W, document_xml, p, r


def marks_of(body: str, settings: str | None = None) -> list[str]:
    root = etree.fromstring(document_xml(body).encode())
    settings_root = etree.fromstring(f'<w:settings xmlns:w="{W}">{settings}</w:settings>') if settings else None
    found = NoteMarks.from_settings(settings_root).marks(root)
    return [found[reference] for reference in root.iter(*(f"{{{W}}}{n}Reference" for n in ("footnote", "endnote")))]


def footnote(note_id: int, custom: bool = False) -> str:
    extra = ' w:customMarkFollows="1"' if custom else ""
    return f'<w:r><w:footnoteReference w:id="{note_id}"{extra}/></w:r>'


def endnote(note_id: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{note_id}"/></w:r>'


def test_footnotes_count_in_document_order_whatever_their_ids():
    assert marks_of(p(r("a"), footnote(7)) + p(footnote(2), r("b"), footnote(12))) == ["1", "2", "3"]


def test_endnotes_count_on_their_own_in_roman_numerals():
    assert marks_of(p(footnote(3), endnote(9), footnote(4), endnote(2))) == ["1", "i", "2", "ii"]


def test_a_custom_mark_shows_no_number_and_takes_none():
    assert marks_of(p(footnote(3), footnote(4, custom=True), r("*"), footnote(5))) == ["1", "", "2"]


def test_the_settings_give_the_format_and_first_number():
    settings = '<w:footnotePr><w:numFmt w:val="upperLetter"/><w:numStart w:val="3"/></w:footnotePr>'
    assert marks_of(p(footnote(1), footnote(2)), settings) == ["C", "D"]
