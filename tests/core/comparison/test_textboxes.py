"""Text boxes in compare and combine: edits inside them are tracked, in both the DrawingML copy (mc:Choice)
and the VML copy (mc:Fallback) Word keeps of each, which read alike after any decision."""

from __future__ import annotations

import pytest
from lxml import etree

from redliner.core import ChangeKind, Decision, ReviewDocument, write_clean
from redliner.core.comparison.combine import combine
from redliner.core.comparison.compare import compare
from redliner.core.opc.package import Package
from redliner.core.oxml.text import paragraph_text
from tests.docx_factory import dele, dr, ins, make_docx, p, r

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_NS = (f'xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="urn:schemas-microsoft-com:vml" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def text_box(*blocks: str, fallback: tuple[str, ...] | None = None) -> str:
    """A run holding a text box as Word writes it: DrawingML in mc:Choice, a VML copy in mc:Fallback (the same
    blocks unless `fallback` says otherwise)."""
    content = "".join(blocks)
    old = content if fallback is None else "".join(fallback)
    return (f'<w:r><mc:AlternateContent {_NS}><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
            f'uri="{WPS}"><wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:shape><v:textbox><w:txbxContent>{old}</w:txbxContent></v:textbox></v:shape></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>')


def table(*cells: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr><w:tc>{cell}</w:tc></w:tr>" for cell in cells) + "</w:tbl>"


def boxes(path) -> list[tuple[list[str], list[str]]]:
    """(choice paragraphs, fallback paragraphs) of each text box, in document order."""
    root = Package.open(path).xml("word/document.xml")
    found = []
    for alternate in root.iter(f"{{{MC}}}AlternateContent"):
        copies = [alternate.find(f"{{{MC}}}{side}") for side in ("Choice", "Fallback")]
        found.append(tuple([paragraph_text(q) for q in side.iter(f"{{{W}}}p")] for side in copies))
    return found


def outer(path) -> list[str]:
    """Text of every paragraph outside the text boxes."""
    root = Package.open(path).xml("word/document.xml")
    return [paragraph_text(q) for q in root.iter(f"{{{W}}}p")
            if next(q.iterancestors(f"{{{W}}}txbxContent"), None) is None]


def decided(document, tmp_path, decision: Decision):
    out = tmp_path / f"{decision.value}.docx"
    write_clean(document, out, decision)
    return outer(out), boxes(out)


def both_ways(document, tmp_path, base, other) -> None:
    """Accepting everything gives the other version, rejecting it the base: outside and inside every box, in
    both copies of each box."""
    assert decided(document, tmp_path, Decision.ACCEPT) == (outer(other), boxes(other))
    assert decided(document, tmp_path, Decision.REJECT) == (outer(base), boxes(base))


def combined(base, copy):
    return combine(base, [copy], authors=["Kim"])


TOOLS = pytest.mark.parametrize("tool", [compare, combined], ids=["compare", "combine"])

BODY_BOX = (p(r("Before the box. "), text_box(p(r("Officers shall attend one meeting.")))),
            p(r("Before the box. "), text_box(p(r("Officers shall attend two meetings.")))))
CELL_BOX = (table(p(r("Cell text "), text_box(p(r("A note in the cell.")), p(r("Second line."))))),
            table(p(r("Cell text "), text_box(p(r("A short note in the cell.")), p(r("Second line, longer."))))))
BOX_TABLE = (p(text_box(p(r("Heading of the box")), table(p(r("2020-41")), p(r("September 28"))))),
             p(text_box(p(r("Heading of the box")), table(p(r("2020-42")), p(r("September 28"))))))
CASES = {"body": BODY_BOX, "cell": CELL_BOX, "table-in-box": BOX_TABLE}


@TOOLS
@pytest.mark.parametrize("case", list(CASES))
def test_edits_in_a_text_box_accept_to_the_other_version_and_reject_to_the_base(tmp_path, tool, case):
    base_xml, other_xml = CASES[case]
    base, other = make_docx(tmp_path, base_xml, "base.docx"), make_docx(tmp_path, other_xml, "other.docx")
    document = tool(base, other)
    assert document.changes, "the edit inside the text box is reported"
    both_ways(document, tmp_path, base, other)


@TOOLS
def test_a_text_box_edit_is_one_change_though_both_copies_carry_it(tmp_path, tool):
    base, other = make_docx(tmp_path, BODY_BOX[0], "base.docx"), make_docx(tmp_path, BODY_BOX[1], "other.docx")
    out = tmp_path / "marked.docx"
    tool(base, other).package.save(out)
    reopened = ReviewDocument.open(out)
    assert [(c.kind, c.text) for c in reopened.changes] == [(ChangeKind.REPLACEMENT, "one meeting → two meetings")]
    root = reopened.package.xml("word/document.xml")
    fallback = root.find(f".//{{{MC}}}Fallback")
    assert len(list(fallback.iter(f"{{{W}}}ins"))) == len(list(fallback.iter(f"{{{W}}}del"))) == 1
    ids = [e.get(f"{{{W}}}id") for e in root.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert len(ids) == len(set(ids)) == 4, "the VML copy's revisions have ids of their own"


def test_deciding_a_text_box_change_decides_its_vml_copy_too(tmp_path):
    base, other = make_docx(tmp_path, BODY_BOX[0], "base.docx"), make_docx(tmp_path, BODY_BOX[1], "other.docx")
    out = tmp_path / "marked.docx"
    compare(base, other).package.save(out)
    document = ReviewDocument.open(out)
    document.decide(document.changes, Decision.REJECT)
    kept = tmp_path / "kept.docx"
    document.package.save(kept)
    assert boxes(kept) == boxes(base)


def test_a_words_own_tracked_changes_in_both_copies_of_a_box_are_one_change(tmp_path):
    """As Word writes them: the same revisions in the DrawingML and the VML copy."""
    edit = p(r("Officers shall attend "), dele(dr("one meeting"), author="Bea", rid=5),
             ins(r("two meetings"), author="Bea", rid=6), r("."))
    path = make_docx(tmp_path, p(r("Before. "), text_box(edit)))
    document = ReviewDocument.open(path)
    assert [(c.author, c.text) for c in document.changes] == [("Bea", "one meeting → two meetings")]
    accepted = decided(document, tmp_path, Decision.ACCEPT)[1]
    rejected = decided(document, tmp_path, Decision.REJECT)[1]
    assert accepted == [(["Officers shall attend two meetings."],) * 2]
    assert rejected == [(["Officers shall attend one meeting."],) * 2]


def test_a_vml_copy_that_differs_from_its_choice_is_rewritten_from_the_compared_choice(tmp_path):
    """The draft's VML copy may be stale; after the comparison it reads as the marked-up DrawingML copy."""
    base = make_docx(tmp_path, p(text_box(p(r("Attend one meeting.")))), "base.docx")
    draft = make_docx(tmp_path, p(text_box(p(r("Attend two meetings.")), fallback=(p(r("Stale text.")),))),
                      "draft.docx")
    document = compare(base, draft)
    accepted = decided(document, tmp_path, Decision.ACCEPT)[1]
    assert accepted == [(["Attend two meetings."],) * 2]
    assert decided(document, tmp_path, Decision.REJECT)[1] == boxes(base)


def test_an_unchanged_text_box_is_left_as_it_was(tmp_path):
    body = p(r("One. "), text_box(p(r("Same in both.")), fallback=(p(r("Old VML text.")),)))
    base, draft = make_docx(tmp_path, body, "base.docx"), make_docx(tmp_path, body + p(r("Added.")), "draft.docx")
    root = compare(base, draft).package.xml("word/document.xml")
    fallback = root.find(f".//{{{MC}}}Fallback")
    assert "Old VML text." in etree.tostring(fallback, encoding="unicode")


@TOOLS
@pytest.mark.parametrize("case", ["removed", "added"])
def test_a_text_box_removed_or_added_with_its_run_comes_back_once_or_goes(tmp_path, tool, case):
    """The deleted copy of a base text box placed in the draft paragraph is not a draft box to compare
    with the base's (its text came back twice on rejecting)."""
    with_box = p(r("A B "), text_box(p(r("old box"))), r("C."))
    base_xml, other_xml = (with_box, p(r("A B C."))) if case == "removed" else (p(r("A B C.")), with_box)
    base, other = make_docx(tmp_path, base_xml, "base.docx"), make_docx(tmp_path, other_xml, "other.docx")
    both_ways(tool(base, other), tmp_path, base, other)


@TOOLS
def test_a_paragraph_with_a_text_box_inserted_whole_reads_the_box_text_once(tmp_path, tool):
    base = make_docx(tmp_path, p(r("A.")), "base.docx")
    other = make_docx(tmp_path, p(r("A.")) + p(r("B "), text_box(p(r("in the box")))), "other.docx")
    assert [c.text for c in tool(base, other).changes] == ["+ B in the box"]
