"""Property tests of comparison and combination: random base documents of words and pictures (and lists,
paragraph looks, tables, tracked changes of the draft's own, italic proposals), randomly edited into a draft
or a reviewer's copy.

Whatever the edits, accepting every change gives the draft (or the copy) and rejecting every change gives
the base: the same words and the same number of pictures in each paragraph, and the same looks or list
levels where those are what was varied.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree

from redliner.core import Decision, ReviewDocument, parse_rules, write_clean, write_marked_up
from redliner.core.comparison.combine import combine
from redliner.core.comparison.compare import compare
from redliner.core.opc.package import Package
from redliner.core.opc.parts import relationships_of
from redliner.core.oxml.ns import R_NS
from tests.core.comparison.test_compare import numbering_part
from tests.core.comparison.test_textboxes import boxes, decided, outer, text_box
from tests.core.review.test_properties import SETTINGS
from tests.docx_factory import REL_TYPE, W, make_docx, p, r
from tests.pictures import image_part, picture_run

WORDS = ["staff", "shall", "review", "the", "plan", "each", "year", "draft"]
PICTURE = "PICTURE"
TOKENS = st.sampled_from([*WORDS, PICTURE])
PARAGRAPH = st.lists(TOKENS, min_size=1, max_size=8)
EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20), TOKENS), max_size=4)
DOCUMENT = st.lists(PARAGRAPH, min_size=1, max_size=5)
PICTURES = [image_part("rId7", (200, 0, 0))]


# -- documents and what they read as ---------------------------------------------------------------------


def edited(paragraph: list[str], edits: list[tuple[int, int, str]]) -> list[str]:
    """Apply (kind, position, token) edits: 0 deletes, 1 inserts, 2 replaces."""
    tokens = list(paragraph)
    for kind, position, token in edits:
        at = position % (len(tokens) + 1)
        if kind == 0 and at < len(tokens):
            del tokens[at]
        elif kind == 1:
            tokens.insert(at, token)
        elif at < len(tokens):
            tokens[at] = token
    return tokens or ["plan"]


@st.composite
def versions(draw):
    base = draw(DOCUMENT)
    draft = []
    for paragraph in base:
        action = draw(st.sampled_from(["keep", "edit", "edit", "drop"]))
        if action != "drop":
            draft.append(edited(paragraph, draw(EDITS)) if action == "edit" else list(paragraph))
        if draw(st.booleans()) and draw(st.booleans()):
            draft.append(draw(PARAGRAPH))
    return base, draft or [["plan"]]


def runs(tokens: list[str]) -> list[str]:
    return [picture_run("rId7", n + 1) if t == PICTURE else r(f"{t} ") for n, t in enumerate(tokens)]


def body(paragraphs: list[list[str]]) -> str:
    return "".join(p(*runs(tokens)) for tokens in paragraphs)


def reading(paragraphs: list[list[str]]) -> list[tuple[str, int]]:
    return [(" ".join(t for t in tokens if t != PICTURE), tokens.count(PICTURE)) for tokens in paragraphs]


def read_back(path, extra: Callable | None = None) -> list[tuple]:
    """(words, pictures[, extra(paragraph)]) of each paragraph with either."""
    found = []
    for paragraph in Package.open(path).xml("word/document.xml").iter(f"{{{W}}}p"):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())
        pictures = sum(1 for _ in paragraph.iter(f"{{{W}}}drawing"))
        if text or pictures:
            found.append((text, pictures) if extra is None else (text, pictures, extra(paragraph)))
    return found


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def files(where: Path, base_xml: str, other_xml: str, other: str = "draft.docx", stories=PICTURES,
          other_stories=None) -> tuple[Path, Path]:
    return (make_docx(where, base_xml, "base.docx", stories=stories),
            make_docx(where, other_xml, other, stories=stories if other_stories is None else other_stories))


def outcomes(document, where: Path, extra: Callable | None = None) -> tuple[list, list]:
    """What accepting and rejecting every change give."""
    accepted, rejected = where / "accepted.docx", where / "rejected.docx"
    write_clean(document, accepted, Decision.ACCEPT)
    write_clean(document, rejected, Decision.REJECT)
    return read_back(accepted, extra), read_back(rejected, extra)


# -- words and pictures ----------------------------------------------------------------------------------


def combined(base: Path, copy: Path):
    return combine(base, [copy], authors=["Kim"])


# Each tool turns BASE and another version into one document whose changes lead from the one to the other.
TOOLS = pytest.mark.parametrize("tool", [compare, combined], ids=["compare", "combine"])


@TOOLS
@SETTINGS
@given(pair=versions())
def test_accepting_everything_gives_the_other_version_and_rejecting_it_the_base(tool, pair):
    base_tokens, other_tokens = pair
    with folder() as where:
        base, other = files(where, body(base_tokens), body(other_tokens))
        assert outcomes(tool(base, other), where) == (reading(other_tokens), reading(base_tokens))


# -- paragraph looks and lists, with --formatting --------------------------------------------------------


LOOKS = st.sampled_from(["", '<w:pStyle w:val="Heading1"/>', '<w:jc w:val="center"/>',
                         '<w:pStyle w:val="Heading1"/><w:jc w:val="right"/>'])


def looks_of(paragraph) -> tuple:
    style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
    align = paragraph.find(f"{{{W}}}pPr/{{{W}}}jc")
    return (style is not None and style.get(f"{{{W}}}val") == "Heading1",
            align.get(f"{{{W}}}val") if align is not None else None)


def looks_key(looks: str) -> tuple:
    return ("Heading1" in looks, "center" if "center" in looks else "right" if "right" in looks else None)


def with_extra(paragraphs: list[tuple[list[str], object]], key: Callable = lambda extra: extra) -> list[tuple]:
    return [(text, pictures, key(extra)) for (text, pictures), (_, extra) in
            zip(reading([tokens for tokens, _ in paragraphs]), paragraphs, strict=True)]


@SETTINGS
@given(pair=versions(), data=st.data())
def test_with_formatting_paragraph_looks_accept_to_the_draft_and_reject_to_the_base(pair, data):
    base_paragraphs, draft_paragraphs = ([(tokens, data.draw(LOOKS)) for tokens in side] for side in pair)

    def xml(paragraphs) -> str:
        return "".join(p(*runs(tokens), ppr=looks) for tokens, looks in paragraphs)
    with folder() as where:
        base, draft = files(where, xml(base_paragraphs), xml(draft_paragraphs))
        assert outcomes(compare(base, draft, report_formatting=True), where, looks_of) == (
            with_extra(draft_paragraphs, looks_key), with_extra(base_paragraphs, looks_key))


LIST_PLACES = st.sampled_from([None, 0, 1])


def listed(paragraphs: list[tuple[list[str], int | None]], num_id: int) -> str:
    def props(level):
        return "" if level is None else f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return "".join(p(*runs(tokens), ppr=props(level)) for tokens, level in paragraphs)


def list_level(paragraph) -> int | None:
    """The paragraph's list level; every list it names must be the draft's (numId 7)."""
    num_id = paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
    assert num_id is None or num_id.get(f"{{{W}}}val") == "7", "a list the saved file does not define"
    level = paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}ilvl")
    return int(level.get(f"{{{W}}}val")) if level is not None else None


@SETTINGS
@given(pair=versions(), data=st.data())
def test_with_formatting_list_levels_accept_to_the_draft_and_reject_to_the_base(pair, data):
    base_paragraphs, draft_paragraphs = ([(tokens, data.draw(LIST_PLACES)) for tokens in side] for side in pair)
    with folder() as where:
        base, draft = files(where, listed(base_paragraphs, 3), listed(draft_paragraphs, 7),
                            stories=[*PICTURES, numbering_part(3)], other_stories=[*PICTURES, numbering_part(7)])
        assert outcomes(compare(base, draft, report_formatting=True), where, list_level) == (
            with_extra(draft_paragraphs), with_extra(base_paragraphs))


# -- tables ----------------------------------------------------------------------------------------------


ROW = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), min_size=2, max_size=2)  # two cells


@st.composite
def table_versions(draw):
    """A paragraph, a two-column table, a paragraph; the draft edits cells and drops or adds rows."""
    rows = draw(st.lists(ROW, min_size=1, max_size=4))
    draft_rows = []
    for row in rows:
        action = draw(st.sampled_from(["keep", "edit", "drop"]))
        if action == "keep":
            draft_rows.append(row)
        elif action == "edit":
            draft_rows.append([edited(cell, draw(EDITS)) for cell in row])
        if draw(st.booleans()) and draw(st.booleans()):
            draft_rows.append(draw(ROW))
    return rows, draft_rows or [[["plan"], ["year"]]]


def table_body(rows: list[list[list[str]]]) -> str:
    cells = ("".join(f"<w:tc>{p(*runs(cell))}</w:tc>" for cell in row) for row in rows)
    return p(r("Before.")) + "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>" + p(r("After."))


def table_reading(rows) -> list[tuple[str, int]]:
    return [("Before.", 0), *reading([cell for row in rows for cell in row]), ("After.", 0)]


@TOOLS
@SETTINGS
@given(pair=table_versions())
def test_tables_accept_to_the_other_version_and_reject_to_the_base(tool, pair):
    base_rows, other_rows = pair
    with folder() as where:
        base, other = files(where, table_body(base_rows), table_body(other_rows))
        assert outcomes(tool(base, other), where) == (table_reading(other_rows), table_reading(base_rows))


# -- text boxes ------------------------------------------------------------------------------------------


def words_only(paragraphs: list[list[str]]) -> list[list[str]]:
    return [[t for t in tokens if t != PICTURE] or ["plan"] for tokens in paragraphs]


def boxed_body(paragraphs: list[list[str]]) -> str:
    """A paragraph holding a text box (DrawingML and VML copies) with these paragraphs, then one after it."""
    return p(r("Before. "), text_box(*(p(*runs(tokens)) for tokens in paragraphs))) + p(r("After."))


@TOOLS
@SETTINGS
@given(pair=versions())
def test_text_in_a_text_box_accepts_to_the_other_version_and_rejects_to_the_base_in_both_copies(tool, pair):
    base_tokens, other_tokens = (words_only(side) for side in pair)
    with folder() as where:
        base, other = files(where, boxed_body(base_tokens), boxed_body(other_tokens))
        document = tool(base, other)
        assert decided(document, where, Decision.ACCEPT) == (outer(other), boxes(other))
        assert decided(document, where, Decision.REJECT) == (outer(base), boxes(base))


# -- two reviewers -----------------------------------------------------------------------------------------


@st.composite
def two_reviewers(draw):
    """Each base paragraph is left alone, edited by one of two reviewers, or dropped by one of them."""
    base = draw(st.lists(PARAGRAPH, min_size=2, max_size=5))
    copies, merged = ([], []), []
    for paragraph in base:
        who, action = draw(st.sampled_from([0, 1])), draw(st.sampled_from(["keep", "edit", "edit", "drop"]))
        result = edited(paragraph, draw(EDITS)) if action == "edit" else paragraph
        # An edit that makes the paragraph read like another base paragraph is ambiguous (which one did the
        # reviewer edit, which one did they add?): both readings are right, the expected text only one of them.
        assume(result == paragraph or result not in base)
        for reviewer in (0, 1):
            if reviewer != who or action == "keep":
                copies[reviewer].append(paragraph)
            elif action == "edit":
                copies[reviewer].append(result)
        if action != "drop":
            merged.append(result)
    return base, copies, merged


@SETTINGS
@given(case=two_reviewers())
def test_two_reviewers_editing_different_paragraphs_combine_into_both_edits(case):
    base_tokens, (first, second), merged = case
    assume(first and second and merged)  # a copy with no paragraph left is no document
    # Two equal base paragraphs make "which one did the reviewer drop?" a guess, and guesses may conflict.
    assume(len({tuple(tokens) for tokens in base_tokens}) == len(base_tokens))
    with folder() as where:
        base, kim = files(where, body(base_tokens), body(first), "kim.docx")
        lee = make_docx(where, body(second), "lee.docx", stories=PICTURES)
        document = combine(base, [kim, lee], authors=["Kim", "Lee"])
        assert not any(c.conflicts_with for c in document.changes)
        assert outcomes(document, where) == (reading(merged), reading(base_tokens))


# -- tracked changes of the draft's own, and italic proposals -------------------------------------------------


@st.composite
def tracked_paragraph(draw, original: list[str], author: str = "Bea", first_id: int = 900, odds: int = 5):
    """A paragraph's XML with tracked changes by `author` on top of `original` (some tokens deleted, some
    inserted), and its tokens once they are accepted (None when none are left)."""
    attrs = f'w:author="{author}" w:date="2024-01-01T00:00:00Z"'
    xml, accepted = [], []
    for index, token in enumerate(original):
        if draw(st.integers(0, odds - 1)) == 0:
            new = draw(TOKENS)
            xml.append(f'<w:ins w:id="{first_id + 2 * index}" {attrs}>{runs([new])[0]}</w:ins>')
            accepted.append(new)
        if draw(st.integers(0, odds - 1)) == 0:
            deleted = runs([token])[0].replace("<w:t", "<w:delText").replace("</w:t>", "</w:delText>")
            xml.append(f'<w:del w:id="{first_id + 1 + 2 * index}" {attrs}>{deleted}</w:del>')
        else:
            xml.append(runs([token])[0])
            accepted.append(token)
    return "".join(xml), accepted or None


def tracked_draft(data, originals: list[list[str]], **options) -> list[tuple[str, list[str]]]:
    paragraphs = [data.draw(tracked_paragraph(original, **options)) for original in originals]
    assume(all(accepted for _, accepted in paragraphs))  # a paragraph whose every word was deleted reads empty
    return paragraphs


def xml_of(paragraphs: list[tuple[str, list[str]]]) -> str:
    return "".join(p(xml) for xml, _ in paragraphs)


def accepted_tokens(paragraphs: list[tuple[str, list[str]]]) -> list[list[str]]:
    return [tokens for _, tokens in paragraphs]


@SETTINGS
@given(pair=versions(), data=st.data())
def test_a_draft_with_tracked_changes_of_its_own_compares_on_top_of_them(pair, data):
    base_tokens, originals = pair
    drafted = tracked_draft(data, originals)
    with folder() as where:
        base, draft = files(where, body(base_tokens), xml_of(drafted))
        assert outcomes(compare(base, draft), where) == (reading(accepted_tokens(drafted)), reading(base_tokens))


@SETTINGS
@given(base_tokens=DOCUMENT, data=st.data())
def test_a_reviewers_copy_with_tracked_changes_combines_to_its_changes(base_tokens, data):
    copied = tracked_draft(data, base_tokens, author="Kim", first_id=700, odds=4)
    with folder() as where:
        base, copy = files(where, body(base_tokens), xml_of(copied), "kim.docx")
        document = combine(base, [copy])
        expected = (reading(accepted_tokens(copied)), reading(base_tokens))
        assert outcomes(document, where) == expected
        saved = where / "combined.docx"
        document.package.save(saved)
        assert outcomes(ReviewDocument.open(saved), where) == expected  # and read back from its file


@SETTINGS
@given(pair=versions(), data=st.data())
def test_deciding_a_comparisons_changes_then_undoing_gives_the_same_tree(pair, data):
    base_tokens, originals = pair
    drafted = tracked_draft(data, originals)
    with folder() as where:
        document = compare(*files(where, body(base_tokens), xml_of(drafted)))
        root = document.package.xml("word/document.xml")
        before = etree.tostring(root, method="c14n")
        chosen = [c for c in document.changes if data.draw(st.booleans())]
        document.undo(document.decide(chosen, data.draw(st.sampled_from([Decision.ACCEPT, Decision.REJECT]))))
        assert etree.tostring(root, method="c14n") == before
        assert all(not c.is_decided for c in document.changes)


@SETTINGS
@given(pair=versions(), data=st.data())
def test_a_comparison_partly_decided_and_saved_keeps_both_outcomes_of_the_rest(pair, data):
    base_tokens, originals = pair
    drafted = tracked_draft(data, originals)
    with folder() as where:
        document = compare(*files(where, body(base_tokens), xml_of(drafted)))
        chosen = [c for c in document.changes if data.draw(st.booleans())]
        document.decide(chosen, data.draw(st.sampled_from([Decision.ACCEPT, Decision.REJECT])))
        marked = where / "marked.docx"
        write_marked_up(document, marked)
        here = outcomes(document, where)
        assert outcomes(ReviewDocument.open(marked), where) == here


@st.composite
def proposed_paragraph(draw, original: list[str]):
    """A paragraph's XML with proposals in italics added to `original`, and all of its words."""
    xml, words = [], []
    for token in original:
        if token != PICTURE and draw(st.integers(0, 3)) == 0:
            proposal = draw(st.sampled_from(WORDS))
            xml.append(r(f"{proposal} ", "<w:i/>"))
            words.append(proposal)
        xml.append(runs([token])[0])
        words.append(token)
    return "".join(xml), words


@SETTINGS
@given(pair=versions(), data=st.data())
def test_proposals_in_italics_stay_proposals_and_everything_rejects_to_the_base(pair, data):
    base_tokens, originals = pair
    proposed = [data.draw(proposed_paragraph(original)) for original in originals]
    with folder() as where:
        base, draft = files(where, body(base_tokens), xml_of(proposed))
        assert outcomes(compare(base, draft, markers=parse_rules("italic")), where) == (
            reading(accepted_tokens(proposed)), reading(base_tokens))


# -- hyperlinks ------------------------------------------------------------------------------------------------


LINK = "LINK"
LINK_TYPE = REL_TYPE + "hyperlink"
LINK_TOKENS = st.sampled_from([*WORDS, LINK])


def linked_runs(tokens: list[str]) -> list[str]:
    return [f'<w:hyperlink xmlns:r="{R_NS}" r:id="rIdLink">{r("website ")}</w:hyperlink>' if t == LINK
            else r(f"{t} ") for t in tokens]


def linked_reading(paragraphs: list[list[str]]) -> list[tuple]:
    return [(" ".join("website" if t == LINK else t for t in tokens), 0, 0) for tokens in paragraphs]


@SETTINGS
@given(base_tokens=st.lists(st.lists(LINK_TOKENS, min_size=1, max_size=6), min_size=1, max_size=4),
       data=st.data())
def test_hyperlinks_come_and_go_with_their_words_and_never_dangle(base_tokens, data):
    """Whether a word stays linked is not compared (an equal word keeps the draft's link); what is: the words,
    and that every link of either outcome names a relationship its file defines."""
    edits = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20), LINK_TOKENS), max_size=3)
    draft_tokens = [edited(tokens, data.draw(edits)) for tokens in base_tokens]
    link = ("", "", f'<Relationship Id="rIdLink" Type="{LINK_TYPE}" Target="https://example.org/sop" '
                    'TargetMode="External"/>')
    with folder() as where:
        base, draft = files(where, "".join(p(*linked_runs(t)) for t in base_tokens),
                            "".join(p(*linked_runs(t)) for t in draft_tokens), stories=[link])
        document = compare(base, draft)
        for decision, expected in ((Decision.ACCEPT, draft_tokens), (Decision.REJECT, base_tokens)):
            out = where / f"{decision.value}.docx"
            write_clean(document, out, decision)
            package = Package.open(out)
            assert read_back(out, partial(dangling_links, relationships_of(package, package.main_document))) == (
                linked_reading(expected))


def dangling_links(defined: dict, paragraph) -> int:
    return sum(1 for link in paragraph.iter(f"{{{W}}}hyperlink") if link.get(f"{{{R_NS}}}id") not in defined)


# -- several reviewers editing the same words --------------------------------------------------------------


REVIEWERS = ["Kim", "Lee", "Max"]


@st.composite
def reviewers_copies(draw):
    """A base, and two or three reviewers' copies editing the same paragraphs: each copy clean (edited words)
    or tracked (w:ins/w:del on the base words). Returns (base, [(copy xml, copy tokens)])."""
    base = draw(st.lists(PARAGRAPH, min_size=1, max_size=3))
    copies = []
    for index in range(draw(st.integers(2, 3))):
        if draw(st.booleans()):
            tokens = [edited(paragraph, draw(EDITS)) for paragraph in base]
            copies.append((body(tokens), tokens))
        else:
            tracked = [draw(tracked_paragraph(paragraph, author="Tracked", first_id=500 + 100 * index, odds=3))
                       for paragraph in base]
            assume(all(accepted for _, accepted in tracked))
            copies.append((xml_of(tracked), accepted_tokens(tracked)))
    return base, copies


def one_reviewers_outcome(document, reviewer: str) -> None:
    """Accept every change the reviewer made (conflicting ones are rejected with it), reject all the others."""
    for change in list(document.changes):
        if reviewer in change.author.split(", ") and not change.is_decided:
            document.decide([change], Decision.ACCEPT)
    document.decide([c for c in document.changes if not c.is_decided], Decision.REJECT)


@SETTINGS
@given(case=reviewers_copies(), data=st.data())
def test_accepting_one_reviewers_changes_and_rejecting_the_rest_gives_that_reviewers_copy(case, data):
    base_tokens, copies = case
    chosen = data.draw(st.integers(0, len(copies) - 1))
    with folder() as where:
        base = make_docx(where, body(base_tokens), "base.docx", stories=PICTURES)
        paths = [make_docx(where, xml, f"copy{i}.docx", stories=PICTURES) for i, (xml, _) in enumerate(copies)]
        document = combine(base, paths, authors=REVIEWERS[:len(copies)])
        one_reviewers_outcome(document, REVIEWERS[chosen])
        out = where / "decided.docx"
        write_clean(document, out, Decision.ACCEPT)  # nothing is pending any more: the decided text
        assert read_back(out) == reading(copies[chosen][1])


# -- a marked-up comparison with proposals, read by a reader that knows only w:ins and w:del -------------------


PUNCTUATION = (",", ".", ";")
PROSE = st.sampled_from(["staff", "shall", "plan", "groups", "year", *PUNCTUATION])
PROSE_EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20), PROSE), max_size=4)


def prose(tokens: list[tuple[str, bool]]) -> str:
    """Runs of words separated by plain one-space runs, punctuation against the word before; (word, italic)."""
    xml = []
    for index, (token, proposed) in enumerate(tokens):
        if index and token not in PUNCTUATION:
            xml.append(r(" "))
        xml.append(r(token, "<w:i/>" if proposed else ""))
    return p(*xml)


def prose_text(tokens: list[str]) -> str:
    return "".join(t if not i or t in PUNCTUATION else f" {t}" for i, t in enumerate(tokens))


def sentence(tokens: list[str]) -> list[str]:
    """Tokens as prose has them: punctuation only after a word (never first, never doubled)."""
    kept: list[str] = []
    for token in tokens:
        if token not in PUNCTUATION or (kept and kept[-1] not in PUNCTUATION):
            kept.append(token)
    return kept or ["plan"]


@st.composite
def proposed_prose(draw):
    """A base, and a draft that edits it silently (deletions, replacements) and proposes words in italics."""
    base = [sentence(p) for p in draw(st.lists(st.lists(PROSE, min_size=1, max_size=7), min_size=1, max_size=3))]
    draft = []
    for paragraph in base:
        silent = sentence(edited(paragraph, draw(PROSE_EDITS)))
        tokens = []
        for token in silent:
            if draw(st.integers(0, 2)) == 0:
                tokens.extend((word, True) for word in draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))
            tokens.append((token, False))
        if draw(st.booleans()):
            tokens.append((draw(st.sampled_from(WORDS)), True))  # a proposal that ends the paragraph
        draft.append(tokens)
    return base, draft


def plain_reading(path, mode: str) -> list[str]:
    """The paragraphs' text as a reader that knows only w:ins, w:del and paragraph-mark revisions sees them
    with every change accepted ("accept") or rejected ("reject")."""
    dropped, kept_deleted = (f"{{{W}}}del", False) if mode == "accept" else (f"{{{W}}}ins", True)
    found, carry = [], ""
    for paragraph in Package.open(path).xml("word/document.xml").iter(f"{{{W}}}p"):
        text = carry
        for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}delText"):
            inside = {a.tag for a in node.iterancestors()}
            if dropped not in inside and (node.tag.endswith("}t") or kept_deleted):
                text += node.text or ""
        mark = paragraph.find(f"{{{W}}}pPr/{{{W}}}rPr/{dropped}")
        carry = text if mark is not None else ""
        if mark is None and text.strip():
            found.append(" ".join(text.split()))
    return found + ([" ".join(carry.split())] if carry.strip() else [])


@SETTINGS
@given(case=proposed_prose())
def test_a_marked_up_comparison_with_proposals_accepts_to_the_draft_and_rejects_to_the_base(case):
    base_tokens, draft_tokens = case
    with folder() as where:
        base = make_docx(where, "".join(prose([(t, False) for t in tokens]) for tokens in base_tokens), "b.docx")
        draft = make_docx(where, "".join(prose(tokens) for tokens in draft_tokens), "d.docx")
        marked = where / "marked.docx"
        write_marked_up(compare(base, draft, markers=parse_rules("italic")), marked)
        assert plain_reading(marked, "accept") == [prose_text([t for t, _ in tokens]) for tokens in draft_tokens]
        assert plain_reading(marked, "reject") == [prose_text(tokens) for tokens in base_tokens]
