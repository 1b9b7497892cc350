"""Enter at the end of a paragraph whose style names a next style (a heading's w:next is Normal), as Word does
it with Track Changes on: the new paragraph is in that style, with a tracked property change that keeps the
original properties, so that accepting all gives the new paragraph its own style and rejecting all gives back
the original paragraph exactly."""

from __future__ import annotations

from lxml import etree

from redliner.core import ChangeKind, Decision, ReviewDocument, write_clean
from redliner.core.editing.refresh import refresh_changes
from redliner.core.oxml.wordml import W_P, W_PPR
from tests.core.editing.helpers import body_of, editor, find, paragraphs, xml
from tests.docx_factory import make_docx, p, r

STYLES = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
          '<w:next w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:next w:val="Quote"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:next w:val="Normal"/>'
          '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
HEADING = '<w:pStyle w:val="Heading2"/><w:keepNext/>'


def open_body(tmp_path, body: str) -> ReviewDocument:
    return ReviewDocument.open(make_docx(tmp_path, body, styles=STYLES))


def styles_of(path) -> list[str]:
    review = ReviewDocument.open(path)
    return [(found[0] if (found := find(paragraph, "w:pPr/w:pStyle/@w:val")) else "Normal")
            for paragraph in paragraphs(review)]


def test_enter_at_the_end_of_a_heading_starts_a_normal_paragraph_that_rejecting_takes_back(tmp_path):
    review = open_body(tmp_path, p(r("Purpose"), ppr=HEADING) + p(r("Body text.")))
    heading = paragraphs(review)[0]
    before = xml(body_of(review))
    edit = editor(review).split(heading, len("Purpose"))
    refresh_changes(review, edit)
    new = paragraphs(review)[1]
    assert find(new, "w:pPr/w:pStyle") == []  # Normal: the default style, named by no w:pStyle
    kept = find(new, "w:pPr/w:pPrChange/w:pPr")[0]
    assert find(kept, "w:pStyle/@w:val") == ["Heading2"] and find(kept, "w:keepNext")
    assert {c.kind for c in review.changes} == {ChangeKind.PARAGRAPH_MARK, ChangeKind.PROPERTY}
    restyled = next(c for c in review.changes if c.kind == ChangeKind.PROPERTY)
    assert "style Normal, not keep with next" in restyled.detail  # Word: "Formatted: Normal"
    assert all(c.author == "Pat" for c in review.changes)
    saved = tmp_path / "edited.docx"
    review.package.save(saved)
    accepted, rejected = tmp_path / "accepted.docx", tmp_path / "rejected.docx"
    write_clean(ReviewDocument.open(saved), accepted, Decision.ACCEPT)
    write_clean(ReviewDocument.open(saved), rejected, Decision.REJECT)
    assert styles_of(accepted) == ["Heading2", "Normal", "Normal"]
    assert styles_of(rejected) == ["Heading2", "Normal"]
    rejected_heading = paragraphs(ReviewDocument.open(rejected))[0]
    assert find(rejected_heading, "w:pPr/w:keepNext") and find(rejected_heading, "w:r/w:t/text()") == ["Purpose"]
    edit.journal.undo()
    assert xml(body_of(review)) == before


def test_enter_inside_a_heading_in_a_style_that_follows_itself_or_in_a_list_item_keeps_the_style(tmp_path):
    """Inside a heading, Enter splits it into two headings; a list item's Enter is the next item, whatever
    its style names as next (by its style's numbering or its own)."""
    numbered = '<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    review = open_body(tmp_path, p(r("Purpose of it"), ppr=HEADING) + p(r("Said"), ppr='<w:pStyle w:val="Quote"/>')
                       + p(r("Step"), ppr='<w:pStyle w:val="ListNumber"/>') + p(r("Scope"), ppr=numbered))
    heading, quote, step, scope = paragraphs(review)
    write = editor(review)
    for paragraph, offset in ((heading, len("Purpose")), (quote, len("Said")), (step, len("Step")),
                              (scope, len("Scope"))):
        refresh_changes(review, write.split(paragraph, offset))
    styles = [find(paragraph, "w:pPr/w:pStyle/@w:val") for paragraph in body_of(review).iter(W_P)]
    assert styles == [["Heading2"]] * 2 + [["Quote"]] * 2 + [["ListNumber"]] * 2 + [["Heading2"]] * 2
    assert find(body_of(review), ".//w:pPrChange") == []
    assert [c.kind for c in review.changes] == [ChangeKind.PARAGRAPH_MARK] * 4


def test_the_new_paragraphs_properties_are_in_schema_order(tmp_path):
    review = open_body(tmp_path, p(r("Purpose"), ppr=HEADING))
    refresh_changes(review, editor(review).split(paragraphs(review)[0], len("Purpose")))
    new = paragraphs(review)[1]
    order = [etree.QName(child).localname for child in new.find(W_PPR)]
    assert order == sorted(order, key=["pStyle", "rPr", "sectPr", "pPrChange"].index)
