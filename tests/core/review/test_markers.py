"""Marker rules: italic (and other) proposals, seam repair on reject, not a proposal, conversion to w:ins."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import ChangeSource, Decision, ReviewDocument, Status, parse_rules, write_marked_up
from tests.docx_factory import make_docx, p, r

ITALIC = parse_rules("italic")


def _open(tmp_path, body, rules="italic"):
    return ReviewDocument.open(make_docx(tmp_path, body), parse_rules(rules))


def _italic(text):
    return r(text, "<w:i/><w:iCs/>")


@pytest.mark.parametrize(
    ("body", "accepted", "rejected"),
    [
        (p(r("community "), _italic("oriented"), r(" policing")), "community oriented policing", "community policing"),
        (p(r("community"), r(" "), _italic("oriented"), r(" "), r("policing")),
         "community oriented policing", "community policing"),
        (p(r("with individuals, "), _italic("community groups"), r(", and")),
         "with individuals, community groups, and", "with individuals, and"),
        (p(_italic("Will be"), r(" incorporated")), "Will be incorporated", "incorporated"),
        (p(r("practices "), _italic("as determined by the plan.")), "practices as determined by the plan.",
         "practices"),
        (p(r("at least "), _italic("eight"), r(" hours")), "at least eight hours", "at least hours"),
        (p(r("(see "), _italic("annex"), r(")")), "(see annex)", "(see)"),
        (p(r("one "), _italic("two "), _italic("three"), r(" four")), "one two three four", "one four"),
    ],
    ids=["inline", "pandoc-spaces", "before-comma", "paragraph-start", "paragraph-end", "middle", "parens",
         "across-runs"],
)
def test_accept_keeps_text_reject_repairs_seam(tmp_path, body, accepted, rejected):
    document = _open(tmp_path, body)
    assert len(document.changes) == 1
    journal = document.decide(document.changes, Decision.ACCEPT)
    assert document.body_text() == accepted
    root = document.package.xml(document.package.main_document)
    assert not root.findall(".//{*}i")  # the marker formatting is gone
    document.undo(journal)
    document.decide(document.changes, Decision.REJECT)
    assert document.body_text() == rejected


def test_markers_are_off_unless_asked(tmp_path):
    body = p(r("a "), _italic("b"))
    assert ReviewDocument.open(make_docx(tmp_path, body)).changes == []
    assert len(_open(tmp_path, body).changes) == 1


def test_character_style_italic_counts_and_is_overridden_on_accept(tmp_path):
    body = p(r("plain "), r("styled", '<w:rStyle w:val="Proposal"/>'))
    document = _open(tmp_path, body)
    assert [c.inserted for c in document.changes] == ["styled"]
    document.decide(document.changes, Decision.ACCEPT)
    root = document.package.xml(document.package.main_document)
    off = root.findall(".//{*}rPr/{*}i")
    assert len(off) == 1 and off[0].get(f"{{{root.nsmap['w']}}}val") == "0"


def test_italic_off_is_not_a_marker(tmp_path):
    assert _open(tmp_path, p(r("x", '<w:i w:val="0"/>'))).changes == []


@pytest.mark.parametrize(
    ("rules", "rpr", "found"),
    [("underline", '<w:u w:val="single"/>', "insertion"), ("underline", '<w:u w:val="none"/>', None),
     ("color:FF0000", '<w:color w:val="FF0000"/>', "insertion"), ("color:FF0000", '<w:color w:val="00FF00"/>', None),
     ("highlight", '<w:highlight w:val="yellow"/>', "insertion"),
     ("highlight:green", '<w:highlight w:val="yellow"/>', None),
     ("strike", "<w:strike/>", "deletion"), ("italic,strike", "<w:dstrike/>", "deletion")],
)
def test_other_rules(tmp_path, rules, rpr, found):
    document = _open(tmp_path, p(r("base "), r("marked", rpr)), rules)
    assert [c.kind.value for c in document.changes] == ([found] if found else [])


def test_strike_marker_accept_removes_reject_keeps(tmp_path):
    body = p(r("at least "), r("four", "<w:strike/>"), r(" hours"))
    document = _open(tmp_path, body, "strike")
    journal = document.decide(document.changes, Decision.ACCEPT)
    assert document.body_text() == "at least hours"
    document.undo(journal)
    document.decide(document.changes, Decision.REJECT)
    assert document.body_text() == "at least four hours"


def test_unknown_rule_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown marker rule 'sparkly'"):
        parse_rules("italic,sparkly")


def test_not_a_proposal_leaves_text_and_formatting(tmp_path):
    document = _open(tmp_path, p(r("Signed, "), _italic("Jamaal E. Smith")))
    root = document.package.xml(document.package.main_document)
    before = etree.tostring(root, method="c14n")
    document.decide(document.changes, Decision.NOT_A_PROPOSAL)
    assert document.changes[0].status == Status.NOT_A_PROPOSAL
    assert etree.tostring(root, method="c14n") == before


def test_marked_up_copy_turns_pending_markers_into_tracked_insertions(tmp_path):
    body = p(r("community "), _italic("oriented"), r(" policing ")) + p(_italic("Signature"))
    document = ReviewDocument.open(make_docx(tmp_path, body), ITALIC, drafter="Rita Reviewer")
    proposal, signature = document.changes
    document.decide([signature], Decision.NOT_A_PROPOSAL)
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    again = ReviewDocument.open(out, ITALIC)
    tracked = [c for c in again.changes if c.source == ChangeSource.TRACKED]
    assert [(c.kind.value, c.inserted, c.author) for c in tracked] == [("insertion", "oriented ", "Rita Reviewer")]
    assert [c.inserted for c in again.changes if c.source == ChangeSource.MARKER] == ["Signature"]
    assert proposal.status == Status.PENDING  # writing did not decide anything in the live review


def test_marked_up_author_defaults_to_last_modified_by(tmp_path):
    document = _open(tmp_path, p(r("a "), _italic("b")))
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    assert ReviewDocument.open(out).changes[0].author == "Pat Reviewer"


def test_tracked_and_marker_changes_in_one_paragraph_are_listed_as_they_read(tmp_path):
    from tests.docx_factory import ins

    body = p(_italic("first"), r(" then "), ins(r("second")), r(" and "), _italic("third"))
    document = _open(tmp_path, body)
    assert [(c.id, c.inserted, c.source.value) for c in document.changes] == [
        ("1", "first", "marker"), ("2", "second", "tracked"), ("3", "third", "marker")]


@pytest.mark.parametrize(
    ("body", "spans"),
    [
        (p(_italic("one "), '<w:bookmarkStart w:id="1" w:name="b"/>', "<w:r><w:tab/></w:r>", _italic("span")),
         ["one span"]),
        (p(_italic("into "), f'<w:hyperlink w:anchor="a">{_italic("a link")}</w:hyperlink>', r(" plain")),
         ["into a link"]),
        (p(_italic("two"), r(" "), _italic("words")), ["two", "words"]),
        (p(_italic("off "), r("x", '<w:i w:val="0"/>'), _italic(" on")), ["off ", " on"]),
    ],
    ids=["bookmark-and-tab-between", "into-a-hyperlink", "plain-space-between", "italic-off-between"],
)
def test_what_joins_and_what_splits_a_span(tmp_path, body, spans):
    assert [c.inserted for c in _open(tmp_path, body).changes] == spans
