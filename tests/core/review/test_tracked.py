"""Tracked changes on tiny documents: what is found, and what accept/reject/undo leave behind."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import ChangeKind, Decision, ReviewDocument
from tests.docx_factory import W, dele, dr, ins, make_docx, moved_paragraph, p, r

TC = '<w:tc><w:tcPr>{mark}</w:tcPr><w:p>{runs}</w:p></w:tc>'
MARK = 'w:id="9" w:author="Alex" w:date="2024-01-01T00:00:00Z"'

# (name, body, kinds found, text after accept-all, text after reject-all)
CASES = [
    ("insertion", p(r("A "), ins(r("new ")), r("B")), ["insertion"], "A new B", "A B"),
    ("deletion", p(r("A "), dele(dr("old ")), r("B")), ["deletion"], "A B", "A old B"),
    ("replacement", p(r("the "), dele(dr("philosophy")), ins(r("determined plan")), r(" of")),
     ["replacement"], "the determined plan of", "the philosophy of"),
    ("two authors are two changes", p(dele(dr("x"), author="A"), ins(r("y"), author="B")),
     ["deletion", "insertion"], "y", "x"),
    ("in a hyperlink", p(f'<w:hyperlink w:anchor="a">{ins(r("linked"))}</w:hyperlink>', r(" text")),
     ["insertion"], "linked text", " text"),
    ("in a content control", p(f"<w:sdt><w:sdtContent>{dele(dr('gone'))}</w:sdtContent></w:sdt>", r("kept")),
     ["deletion"], "kept", "gonekept"),
    ("in a smart tag", p(f'<w:smartTag w:element="place">{ins(r("Rome"))}</w:smartTag>'),
     ["insertion"], "Rome", ""),
    ("inserted paragraph mark", p(r("one"), ppr=f"<w:rPr><w:ins {MARK}/></w:rPr>") + p(r("two")),
     ["paragraph-mark"], "one\ntwo", "onetwo"),
    ("deleted paragraph mark", p(r("one"), ppr=f"<w:rPr><w:del {MARK}/></w:rPr>") + p(r("two")),
     ["paragraph-mark"], "onetwo", "one\ntwo"),
    ("whole inserted paragraph", p(r("keep")) + p(ins(r("added")), ppr=f"<w:rPr><w:ins {MARK}/></w:rPr>")
     + p(r("end")), ["insertion"], "keep\nadded\nend", "keep\nend"),
    ("format change", p(f'<w:r><w:rPr><w:b/><w:rPrChange {MARK}><w:rPr/></w:rPrChange></w:rPr><w:t>bold</w:t></w:r>'),
     ["format"], "bold", "bold"),
    ("paragraph property change",
     p(r("x"), ppr=f'<w:jc w:val="center"/><w:pPrChange {MARK}><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange>'),
     ["property"], "x", "x"),
    ("inserted row", f'<w:tbl><w:tr>{TC.format(mark="", runs=r("a"))}</w:tr>'
     f'<w:tr><w:trPr><w:ins {MARK}/></w:trPr>{TC.format(mark="", runs=ins(r("b")))}</w:tr></w:tbl>',
     ["row"], "a\nb", "a"),
    ("deleted row", f'<w:tbl><w:tr>{TC.format(mark="", runs=r("a"))}</w:tr>'
     f'<w:tr><w:trPr><w:del {MARK}/></w:trPr>{TC.format(mark="", runs=dele(dr("b")))}</w:tr></w:tbl>',
     ["row"], "a", "a\nb"),
    ("inserted cell", f'<w:tbl><w:tr>{TC.format(mark="", runs=r("a"))}'
     f'{TC.format(mark=f"<w:cellIns {MARK}/>", runs=r("b"))}</w:tr></w:tbl>', ["cell"], "a\nb", "a"),
    ("deleted field code", p(dele('<w:r><w:delInstrText> DATE </w:delInstrText></w:r>', dr("today"))),
     ["deletion"], "", "today"),
    ("nested insertion then deletion",
     p(ins(r("kept "), dele(dr("struck"), author="Bea", rid=5))), ["insertion", "deletion"], "kept ", ""),
]


def _decided_text(path, decision: Decision) -> str:
    document = ReviewDocument.open(path)
    document.decide(document.changes, decision)
    return document.body_text()


@pytest.mark.parametrize(("name", "body", "kinds", "accepted", "rejected"), CASES, ids=[c[0] for c in CASES])
def test_found_accepted_rejected(tmp_path, name, body, kinds, accepted, rejected):
    path = make_docx(tmp_path, body)
    document = ReviewDocument.open(path)
    assert [c.kind.value for c in document.changes] == kinds
    assert _decided_text(path, Decision.ACCEPT) == accepted
    assert _decided_text(path, Decision.REJECT) == rejected


@pytest.mark.parametrize(("name", "body", "kinds", "accepted", "rejected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("decision", [Decision.ACCEPT, Decision.REJECT])
def test_undo_restores_the_exact_tree(tmp_path, name, body, kinds, accepted, rejected, decision):
    document = ReviewDocument.open(make_docx(tmp_path, body))
    root = document.package.xml(document.package.main_document)
    before = etree.tostring(root, method="c14n")
    statuses = [c.status for c in document.changes]
    journal = document.decide(document.changes, decision)
    assert etree.tostring(root, method="c14n") != before
    document.undo(journal)
    assert etree.tostring(root, method="c14n") == before
    assert [c.status for c in document.changes] == statuses


def test_change_fields(tmp_path):
    body = p(r("Purpose"), ppr='<w:pStyle w:val="Heading1"/>') + p(r("the "), dele(dr("old")), ins(r("new")))
    change = ReviewDocument.open(make_docx(tmp_path, body)).changes[0]
    assert (change.id, change.kind, change.author, change.date) == ("1", ChangeKind.REPLACEMENT, "Alex",
                                                                     "2024-01-01T00:00:00Z")
    assert (change.inserted, change.deleted, change.text) == ("new", "old", "old → new")
    assert (change.paragraph, change.location.heading, change.source.value) == (1, "Purpose", "tracked")


def test_move_is_one_change(tmp_path):
    body = moved_paragraph()
    path = make_docx(tmp_path, body)
    document = ReviewDocument.open(path)
    assert [c.kind for c in document.changes] == [ChangeKind.MOVE]
    assert _decided_text(path, Decision.ACCEPT) == "\nstay\nmoved"
    assert _decided_text(path, Decision.REJECT) == "moved\nstay\n"
    document.decide(document.changes, Decision.ACCEPT)
    xml = etree.tostring(document.package.xml(document.package.main_document))
    assert b"RangeStart" not in xml and b"RangeEnd" not in xml


def test_unknown_revision_is_a_warning_not_a_loss(tmp_path):
    body = p(r("x"), '<w:customXmlMoveFromRangeStart w:id="7" w:author="A" w:date="2024-01-01T00:00:00Z"/>')
    document = ReviewDocument.open(make_docx(tmp_path, body))
    assert document.changes == []
    assert any("customXmlMoveFromRangeStart" in warning for warning in document.warnings)


def test_one_decision_touches_only_its_change(tmp_path):
    body = p(ins(r("one"), rid=1), r(" mid "), ins(r("two"), rid=3))
    document = ReviewDocument.open(make_docx(tmp_path, body))
    first, second = document.changes
    document.decide([first], Decision.REJECT)
    assert document.body_text() == " mid two"
    assert (first.status.value, second.status.value) == ("rejected", "pending")
    assert document.decide([first], Decision.ACCEPT).parts == set()  # already decided: skipped


def test_a_hyphen_replaced_by_a_space_reads_clearly(tmp_path):
    body = p(r("problem"), dele(dr("-")), ins(r(" ")), r("solving"))
    change = ReviewDocument.open(make_docx(tmp_path, body)).changes[0]
    assert (change.kind, change.text) == (ChangeKind.REPLACEMENT, "- → (space)")


def test_rejecting_all_of_an_inserted_hyperlinks_text_takes_the_emptied_link_away_and_undo_brings_it_back(tmp_path):
    link = f'<w:hyperlink w:anchor="scope">{ins(r("see scope"), rid=4)}</w:hyperlink>'
    document = ReviewDocument.open(make_docx(tmp_path, p(r("Read "), link, r("."))))
    root = document.package.xml("word/document.xml")
    before = etree.tostring(root, method="c14n")
    journal = document.decide(document.changes, Decision.REJECT)
    assert root.find(f".//{{{W}}}hyperlink") is None
    document.undo(journal)
    assert etree.tostring(root, method="c14n") == before
