"""Property tests: random documents with random tracked changes, checked against an independent reading.

The generator builds bodies of paragraphs and tables whose runs carry w:ins, w:del, replacements, rPrChange,
hyperlinks and inline content controls around them, inserted/deleted paragraph marks and inserted/deleted
rows. The checks: accept-all and reject-all agree with a tiny accept/reject text reader written here (not the
engine's), the marked-up copy reads back as the same changes, decide + undo restores the exact tree, and
random damage to a valid document.xml either opens or is refused with a RedlinerError - never a crash.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from redliner.core import Decision, RedlinerError, ReviewDocument, write_clean, write_marked_up
from tests.bad_inputs import docx_with
from tests.docx_factory import W, document_xml

# Hypothesis imports its patch writer only when a property fails, and that import warns (libcst pulls in the
# deprecated mypy_extensions.TypedDict); with filterwarnings=error the failure would surface as an
# INTERNALERROR instead of a falsifying example. Importing it here, warnings silenced, keeps reports readable.
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401

# REDLINER_PROPERTY_EXAMPLES=1000 for a deeper run than CI's (about 40 s in all at the default).
EXAMPLES = int(os.environ.get("REDLINER_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = ["alpha ", "beta ", "gamma ", "delta ", "eps ", "zeta "]
AUTHORS = ["Alex", "Bea"]


def q(local: str) -> str:
    return f"{{{W}}}{local}"


# -- generating documents ------------------------------------------------------------------------------


class Ids:
    def __init__(self):
        self.next = 100

    def attrs(self, author: str) -> str:
        self.next += 1
        return f'w:id="{self.next}" w:author="{author}" w:date="2024-01-01T00:00:00Z"'


def run(text: str, deleted: bool = False) -> str:
    tag = "delText" if deleted else "t"
    return f'<w:r><w:{tag} xml:space="preserve">{text}</w:{tag}></w:r>'


@st.composite
def revision(draw, ids: Ids, allow_containers: bool = True) -> str:
    """One inline item: plain text, an insertion, a deletion, a replacement, a formatting change, or a
    hyperlink / content control around some of those."""
    kinds = ["plain", "ins", "del", "replace", "format"] + (["link", "control"] if allow_containers else [])
    kind = draw(st.sampled_from(kinds))
    word, author = draw(st.sampled_from(WORDS)), draw(st.sampled_from(AUTHORS))
    if kind == "plain":
        return run(word)
    if kind == "ins":
        return f"<w:ins {ids.attrs(author)}>{run(word)}</w:ins>"
    if kind == "del":
        return f"<w:del {ids.attrs(author)}>{run(word, deleted=True)}</w:del>"
    if kind == "replace":
        new = draw(st.sampled_from(WORDS))
        return f"<w:del {ids.attrs(author)}>{run(word, True)}</w:del><w:ins {ids.attrs(author)}>{run(new)}</w:ins>"
    if kind == "format":
        return (f'<w:r><w:rPr><w:b/><w:rPrChange {ids.attrs(author)}><w:rPr/></w:rPrChange></w:rPr>'
                f'<w:t xml:space="preserve">{word}</w:t></w:r>')
    inner = "".join(draw(st.lists(revision(ids, allow_containers=False), min_size=1, max_size=3)))
    if kind == "link":
        return f'<w:hyperlink w:anchor="target">{inner}</w:hyperlink>'
    return f"<w:sdt><w:sdtPr><w:alias w:val=\"field\"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


@st.composite
def paragraph(draw, ids: Ids) -> str:
    """Runs and revisions, maybe an inserted/deleted paragraph mark, maybe a paragraph-property change."""
    items = "".join(draw(st.lists(revision(ids), min_size=0, max_size=4)))
    mark = draw(st.sampled_from(["", "", "ins", "del"]))
    props = ""
    if draw(st.integers(0, 5)) == 0:
        props += '<w:jc w:val="center"/>'
    if mark:
        props += f"<w:rPr><w:{mark} {ids.attrs(draw(st.sampled_from(AUTHORS)))}/></w:rPr>"
    if props.startswith("<w:jc"):
        props += f'<w:pPrChange {ids.attrs(draw(st.sampled_from(AUTHORS)))}><w:pPr/></w:pPrChange>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{items}</w:p>"


@st.composite
def move(draw, ids: Ids) -> tuple[str, str]:
    """The two paragraphs of a move: where the text left (w:moveFrom) and where it went (w:moveTo)."""
    word, author = draw(st.sampled_from(WORDS)), draw(st.sampled_from(AUTHORS))
    ids.next += 1
    name = f"move{ids.next}"
    halves = []
    for side in ("moveFrom", "moveTo"):
        ids.next += 1
        range_id = ids.next
        marker = f'w:id="{range_id}" w:author="{author}" w:date="2024-01-01T00:00:00Z"'
        halves.append(f'<w:p>{run(draw(st.sampled_from(WORDS)))}<w:{side}RangeStart {marker} w:name="{name}"/>'
                      f'<w:{side} {ids.attrs(author)}>{run(word)}</w:{side}><w:{side}RangeEnd w:id="{range_id}"/>'
                      "</w:p>")
    return halves[0], halves[1]


@st.composite
def table(draw, ids: Ids) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        mark = draw(st.sampled_from(["", "ins", "del"]))
        trpr = f"<w:trPr><w:{mark} {ids.attrs(draw(st.sampled_from(AUTHORS)))}/></w:trPr>" if mark else ""
        cells = "".join(cell(draw, ids) for _ in range(draw(st.integers(1, 2))))
        rows.append(f"<w:tr>{trpr}{cells}</w:tr>")
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


def cell(draw, ids: Ids) -> str:
    mark = draw(st.sampled_from(["", "", "", "cellIns", "cellDel"]))
    tcpr = f"<w:tcPr><w:{mark} {ids.attrs(draw(st.sampled_from(AUTHORS)))}/></w:tcPr>" if mark else ""
    return f"<w:tc>{tcpr}{''.join(draw(st.lists(paragraph(ids), min_size=1, max_size=2)))}</w:tc>"


@st.composite
def body(draw) -> str:
    ids = Ids()
    blocks = draw(st.lists(st.one_of(paragraph(ids), paragraph(ids), table(ids)), min_size=1, max_size=6))
    for _ in range(draw(st.integers(0, 1))):
        source, destination = draw(move(ids))
        blocks.insert(draw(st.integers(0, len(blocks))), source)
        blocks.insert(draw(st.integers(0, len(blocks))), destination)
    return "".join(blocks) + "<w:p><w:r><w:t>end</w:t></w:r></w:p>"


def open_body(folder: Path, body_xml: str, name: str = "doc.docx") -> ReviewDocument:
    path = folder / name
    path.write_bytes(docx_with(document_xml(body_xml)))
    return ReviewDocument.open(path)


# -- an independent accept/reject reader ----------------------------------------------------------------

REMOVED_WHEN = {"accept": (q("del"), q("moveFrom")), "reject": (q("ins"), q("moveTo")), "plain": ()}


def read_paragraphs(root, mode: str) -> list[str]:
    """Paragraph texts after accepting ('accept') or rejecting ('reject') every revision, or as they are
    ('plain'). A removed paragraph mark joins its paragraph to the next one in the same container."""
    found: list[str] = []
    _read_block(root.find(q("body")), mode, found)
    return [text for text in found if text]


def _read_block(container, mode: str, found: list[str]) -> None:
    carried = ""
    for child in container:
        if child.tag == q("p"):
            text = carried + _paragraph_text(child, mode)
            following = child.getnext()
            if _mark_removed(child, mode) and following is not None and following.tag == q("p"):
                carried = text
                continue
            carried = ""
            found.append(text)
        elif child.tag == q("tbl"):
            for row in child.iter(q("tr")):
                if not _removed(row.find(q("trPr")), "ins", "del", mode):
                    for cell in row.findall(q("tc")):
                        if not _removed(cell.find(q("tcPr")), "cellIns", "cellDel", mode):
                            _read_block(cell, mode, found)


def _paragraph_text(paragraph, mode: str) -> str:
    text = []
    for node in paragraph.iter(q("t"), q("delText")):
        if node.tag == q("delText") and mode != "reject":
            continue
        if any(ancestor.tag in REMOVED_WHEN[mode] for ancestor in node.iterancestors()):
            continue
        text.append(node.text or "")
    return "".join(text)


def _mark_removed(paragraph, mode: str) -> bool:
    marks = paragraph.find(q("pPr") + "/" + q("rPr"))
    removed = {"accept": q("del"), "reject": q("ins")}.get(mode)
    return marks is not None and removed is not None and marks.find(removed) is not None


def _removed(props, inserted: str, deleted: str, mode: str) -> bool:
    """A row (trPr w:ins/w:del) or cell (tcPr w:cellIns/w:cellDel) that this outcome removes."""
    removed = {"accept": deleted, "reject": inserted}.get(mode)
    return props is not None and removed is not None and props.find(q(removed)) is not None


def document_root(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def live_root(document: ReviewDocument):
    return document.package.xml(document.package.main_document)


def summary(document: ReviewDocument) -> list[tuple]:
    return [(c.kind.value, c.author, c.inserted, c.deleted) for c in document.changes]


# -- the properties -------------------------------------------------------------------------------------


@SETTINGS
@given(body_xml=body())
def test_accept_all_and_reject_all_agree_with_an_independent_reading(tmp_path, body_xml):
    document = open_body(tmp_path, body_xml)
    original = live_root(document)
    expected = {mode: read_paragraphs(original, mode) for mode in ("accept", "reject")}
    for decision, mode in ((Decision.ACCEPT, "accept"), (Decision.REJECT, "reject")):
        out = tmp_path / f"{mode}.docx"
        write_clean(document, out, decision)
        saved = document_root(out)
        assert read_paragraphs(saved, "plain") == expected[mode], body_xml
        leftovers = [el.tag for el in saved.iter(*(q(n) for n in ("ins", "del", "moveFrom", "moveTo", "rPrChange",
                                                                  "pPrChange", "cellIns", "cellDel")))]
        assert leftovers == [], body_xml


@SETTINGS
@given(body_xml=body())
def test_marked_up_copy_reads_back_as_the_same_changes(tmp_path, body_xml):
    document = open_body(tmp_path, body_xml)
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    assert summary(ReviewDocument.open(out)) == summary(document)


@SETTINGS
@given(body_xml=body(), data=st.data())
def test_marked_up_copy_after_some_decisions_keeps_both_outcomes(tmp_path, body_xml, data):
    document = open_body(tmp_path, body_xml)
    chosen = data.draw(st.lists(st.sampled_from(document.changes), unique=True) if document.changes else st.just([]))
    document.decide(chosen, data.draw(st.sampled_from([Decision.ACCEPT, Decision.REJECT])))
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    reread = ReviewDocument.open(out)
    for decision in (Decision.ACCEPT, Decision.REJECT):
        write_clean(document, tmp_path / "live.docx", decision)
        write_clean(reread, tmp_path / "reread.docx", decision)
        assert (read_paragraphs(document_root(tmp_path / "reread.docx"), "plain")
                == read_paragraphs(document_root(tmp_path / "live.docx"), "plain")), body_xml


@SETTINGS
@given(body_xml=body(), data=st.data())
def test_decide_then_undo_restores_the_exact_tree(tmp_path, body_xml, data):
    document = open_body(tmp_path, body_xml)
    before = etree.tostring(live_root(document), method="c14n")
    statuses = [c.status for c in document.changes]
    journals = []
    for _ in range(data.draw(st.integers(1, 3))):
        if not document.changes:
            break
        chosen = data.draw(st.lists(st.sampled_from(document.changes), min_size=1, unique=True))
        journals.append(document.decide(chosen, data.draw(st.sampled_from(list(Decision)))))
    for journal in reversed(journals):
        document.undo(journal)
    assert etree.tostring(live_root(document), method="c14n") == before, body_xml
    assert [c.status for c in document.changes] == statuses


# -- damage never crashes the engine --------------------------------------------------------------------


@st.composite
def damaged(draw) -> bytes:
    """A valid generated document.xml with random elements deleted, duplicated or moved."""
    root = etree.fromstring(document_xml(draw(body())).encode())
    for _ in range(draw(st.integers(1, 4))):
        elements = [el for el in root.iter() if el is not root and el.getparent() is not None]
        if not elements:
            break
        target = draw(st.sampled_from(elements))
        action = draw(st.sampled_from(["delete", "duplicate", "hoist", "unwrap"]))
        parent = target.getparent()
        if action == "delete":
            parent.remove(target)
        elif action == "duplicate":
            target.addnext(copy.deepcopy(target))
        elif action == "hoist" and parent.getparent() is not None:
            parent.addprevious(target)  # an element moved out of its parent, e.g. a w:t into w:p
        elif action == "unwrap":
            for child in list(target):
                target.addprevious(child)
            parent.remove(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@settings(max_examples=EXAMPLES * 5 // 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=damaged())
def test_damaged_documents_open_or_are_refused_cleanly(tmp_path, document):
    path = tmp_path / "damaged.docx"
    path.write_bytes(docx_with(document))
    try:
        review = ReviewDocument.open(path)
    except RedlinerError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    before = etree.tostring(live_root(review), method="c14n")
    journal = review.decide(review.changes, Decision.ACCEPT)
    review.undo(journal)
    assert etree.tostring(live_root(review), method="c14n") == before
    write_clean(review, tmp_path / "accepted.docx", Decision.ACCEPT)
    write_clean(review, tmp_path / "rejected.docx", Decision.REJECT)
    write_marked_up(review, tmp_path / "marked.docx")
    assert ReviewDocument.open(tmp_path / "marked.docx").changes is not None


def test_damage_in_the_package_never_crashes_the_engine(tmp_path):
    """Byte-level damage (flips, truncation, insertions) of a valid package: opens or RedlinerError."""
    import random

    good = docx_with(document_xml(
        "<w:p><w:r><w:t>Hello </w:t></w:r><w:ins w:id=\"1\" w:author=\"A\" w:date=\"2024-01-01T00:00:00Z\">"
        "<w:r><w:t>world</w:t></w:r></w:ins></w:p>"))
    rng = random.Random(5)
    path = tmp_path / "damaged.docx"
    for _ in range(400):
        data = bytearray(good)
        action = rng.choice(["flip", "truncate", "insert"])
        if action == "flip":
            for _ in range(rng.randint(1, 6)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif action == "truncate":
            del data[rng.randrange(len(data)):]
        else:
            position = rng.randrange(len(data))
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
        path.write_bytes(bytes(data))
        try:
            ReviewDocument.open(path)
        except RedlinerError as exc:
            assert "\n" not in str(exc)


@pytest.mark.parametrize("mode", ["accept", "reject"])
def test_the_independent_reader_itself(mode):
    """The reader these properties trust, on a hand-checked case."""
    xml = document_xml(
        '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
        '<w:r><w:t>one </w:t></w:r><w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
        '<w:delText>gone</w:delText></w:r></w:del></w:p>'
        '<w:p><w:ins w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>two</w:t></w:r></w:ins></w:p>')
    root = etree.parse(io.BytesIO(xml.encode())).getroot()
    assert read_paragraphs(root, mode) == {"accept": ["one two"], "reject": ["one gone"]}[mode]


# -- engine bugs the damage property found (fixed in revisions.py) ---------------------------------------

TWO_FORMAT_CHANGES = ('<w:p><w:r><w:rPr><w:b/>'
                      '<w:rPrChange w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:rPr/></w:rPrChange>'
                      '<w:rPrChange w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:rPr/></w:rPrChange>'
                      '</w:rPr><w:t>bold</w:t></w:r></w:p>')
STRAY_PROPERTY_CHANGE = ('<w:p><w:pPrChange w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:pPr/></w:pPrChange>'
                         '<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>bold</w:t></w:r>'
                         '<w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>x</w:delText>'
                         '</w:r></w:del></w:p>')
STRAY_MARK = ('<w:pPr><w:rPr><w:{kind} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
              '<w:p><w:r><w:t>end</w:t></w:r></w:p>')


@pytest.mark.parametrize(("body_xml", "decision"), [
    (TWO_FORMAT_CHANGES, Decision.REJECT),  # was AttributeError in restored_properties
    (STRAY_PROPERTY_CHANGE, Decision.ACCEPT),  # a w:pPrChange directly in w:p emptied the paragraph on reject
    (STRAY_PROPERTY_CHANGE, Decision.REJECT),  # ...and then crashed in undo
    (STRAY_MARK.format(kind="ins"), Decision.REJECT),  # was AttributeError in next_content_sibling
    (STRAY_MARK.format(kind="del"), Decision.ACCEPT),
])
def test_damaged_revision_markup_is_decided_without_crashing(tmp_path, body_xml, decision):
    document = open_body(tmp_path, body_xml)
    before = etree.tostring(live_root(document), method="c14n")
    document.undo(document.decide(document.changes, decision))
    assert etree.tostring(live_root(document), method="c14n") == before
    write_clean(document, tmp_path / "out.docx", decision)
    expected = "boldx" if "delText>x" in body_xml and decision == Decision.REJECT else "bold"
    assert read_paragraphs(document_root(tmp_path / "out.docx"), "plain") == [expected if "bold" in body_xml
                                                                              else "end"]


# -- marker proposals (italic) become tracked changes that mean the same ----------------------------------


@st.composite
def marked_body(draw, links: bool = False) -> str:
    """Paragraphs of words, some italic; with `links`, some runs (italic or not) inside internal hyperlinks."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        runs = []
        for _ in range(draw(st.integers(1, 5))):
            word = draw(st.sampled_from(WORDS))
            italic = draw(st.booleans())
            run = f'<w:r>{"<w:rPr><w:i/></w:rPr>" if italic else ""}<w:t xml:space="preserve">{word}</w:t></w:r>'
            runs.append(f'<w:hyperlink w:anchor="a">{run}</w:hyperlink>' if links and draw(st.integers(0, 3)) == 0
                        else run)
        paragraphs.append(f"<w:p>{''.join(runs)}</w:p>")
    return "".join(paragraphs)


def italic_reading(root, keep_italic: bool) -> list[str]:
    found = []
    for paragraph in root.iter(q("p")):
        text = "".join(t.text or "" for t in paragraph.iter(q("t"))
                       if keep_italic or t.getparent().find(f"{q('rPr')}/{q('i')}") is None)
        if text:
            found.append(text)
    return found


@SETTINGS
@given(body_xml=marked_body())
def test_italic_proposals_marked_up_mean_the_same_as_the_markers(tmp_path, body_xml):
    """Same outcomes from the markers and from their tracked form; the same words as an independent reading
    (spaces aside: rejecting a proposal also drops the space that joined it, by design)."""
    markers_and_tracked_form_agree(tmp_path, body_xml, same_changes=True)


@SETTINGS
@given(body_xml=marked_body(links=True))
def test_italic_proposals_in_links_mean_the_same_marked_up(tmp_path, body_xml):
    """Proposals inside links, the same outcomes; and no empty link is left behind by rejecting. (Not the
    same list of changes: a seam space in the link before a proposal becomes a tracked change of its own,
    as the two links' revisions are not siblings - see docs/STATUS.md.)"""
    written = markers_and_tracked_form_agree(tmp_path, body_xml, same_changes=False)
    for path in written:
        assert all(len(link) for link in document_root(path).iter(q("hyperlink"))), f"an empty link in {path.name}"


def markers_and_tracked_form_agree(tmp_path, body_xml: str, same_changes: bool) -> list[Path]:
    """Check one marked body both ways; return the clean copies written (of the last decision)."""
    from redliner.core import parse_rules

    path = tmp_path / "marked-source.docx"
    path.write_bytes(docx_with(document_xml(body_xml)))
    document = ReviewDocument.open(path, parse_rules("italic"))
    original = live_root(document)
    write_marked_up(document, tmp_path / "tracked.docx")
    tracked = ReviewDocument.open(tmp_path / "tracked.docx")
    if same_changes:
        assert [c.inserted.strip() for c in tracked.changes] == [c.inserted.strip() for c in document.changes]
    from_markers, from_tracked = tmp_path / "from-markers.docx", tmp_path / "from-tracked.docx"
    for decision, keep in ((Decision.ACCEPT, True), (Decision.REJECT, False)):
        write_clean(document, from_markers, decision)
        write_clean(tracked, from_tracked, decision)
        markers_text = read_paragraphs(document_root(from_markers), "plain")
        assert read_paragraphs(document_root(from_tracked), "plain") == markers_text
        words = [" ".join(text.split()) for text in italic_reading(original, keep)]
        assert [" ".join(text.split()) for text in markers_text] == [w for w in words if w]
    return [from_markers, from_tracked]


@pytest.mark.parametrize(("body_xml", "inserted"), [
    ('<w:tbl><w:tr><w:trPr><w:ins w:id="1" w:author="Bea" w:date="2024-01-01T00:00:00Z"/></w:trPr><w:tc><w:p>'
     '<w:ins w:id="2" w:author="Bea" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new row</w:t></w:r></w:ins>'
     '</w:p></w:tc></w:tr></w:tbl><w:p/>', "new row"),
    ('<w:tbl><w:tr><w:tc><w:tcPr><w:cellIns w:id="1" w:author="Bea" w:date="2024-01-01T00:00:00Z"/></w:tcPr><w:p>'
     '<w:ins w:id="2" w:author="Bea" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new cell</w:t></w:r></w:ins>'
     '</w:p></w:tc></w:tr></w:tbl><w:p/>', "new cell"),
])
def test_a_row_or_cell_change_reads_its_text_once(tmp_path, body_xml, inserted):
    """Was 'new rownew row': the row's text plus the text of the insertion it absorbed."""
    [change] = open_body(tmp_path, body_xml).changes
    assert change.inserted == inserted

