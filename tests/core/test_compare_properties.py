"""Property tests of comparison and combination: random base documents with words and pictures, randomly
edited into a draft (or a reviewer's copy).

Whatever the edits, accepting every change of the comparison gives the draft and rejecting every change
gives the base: the same words and the same number of pictures in each paragraph.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from redliner.core import Decision, ReviewDocument, write_clean
from redliner.core.compare import compare
from redliner.core.package import Package
from tests.core.test_properties import SETTINGS
from tests.docx_factory import W, make_docx, p, r
from tests.pictures import image_part, picture_run

WORDS = ["staff", "shall", "review", "the", "plan", "each", "year", "draft"]
PICTURE = "PICTURE"
TOKENS = st.sampled_from([*WORDS, PICTURE])
PARAGRAPH = st.lists(TOKENS, min_size=1, max_size=8)


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


EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20), TOKENS), max_size=4)
DOCUMENT = st.lists(PARAGRAPH, min_size=1, max_size=5)


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


def body(paragraphs: list[list[str]]) -> str:
    return "".join(p(*runs(tokens)) for tokens in paragraphs)


def runs(tokens: list[str]) -> list[str]:
    return [picture_run("rId7", n + 1) if t == PICTURE else r(f"{t} ") for n, t in enumerate(tokens)]


def reading(paragraphs: list[list[str]]) -> list[tuple[str, int]]:
    return [(" ".join(t for t in tokens if t != PICTURE), tokens.count(PICTURE)) for tokens in paragraphs]


def read_back(path) -> list[tuple[str, int]]:
    root = Package.open(path).xml("word/document.xml")
    found = []
    for paragraph in root.iter(f"{{{W}}}p"):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())
        pictures = sum(1 for _ in paragraph.iter(f"{{{W}}}drawing"))
        if text or pictures:
            found.append((text, pictures))
    return found


@SETTINGS
@given(pair=versions())
def test_accepting_a_comparison_gives_the_draft_and_rejecting_it_the_base(pair):
    base_tokens, draft_tokens = pair
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        draft = make_docx(folder, body(draft_tokens), "draft.docx", stories=stories)
        document = compare(base, draft)
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(accepted) == reading(draft_tokens)
        assert read_back(rejected) == reading(base_tokens)


@SETTINGS
@given(pair=versions())
def test_combining_one_reviewers_copy_accepts_to_the_copy_and_rejects_to_the_base(pair):
    from redliner.core.combine import combine

    base_tokens, copy_tokens = pair
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        copy = make_docx(folder, body(copy_tokens), "kim.docx", stories=stories)
        document = combine(base, [copy], authors=["Kim"])
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(accepted) == reading(copy_tokens)
        assert read_back(rejected) == reading(base_tokens)


LOOKS = st.sampled_from(["", '<w:pStyle w:val="Heading1"/>', '<w:jc w:val="center"/>',
                         '<w:pStyle w:val="Heading1"/><w:jc w:val="right"/>'])


def styled_body(paragraphs: list[tuple[list[str], str]]) -> str:
    return "".join(p(*runs(tokens), ppr=looks) for tokens, looks in paragraphs)


def styled_reading(paragraphs: list[tuple[list[str], str]]) -> list[tuple]:
    return [(text, pictures, _looks_key(looks)) for (text, pictures), (_, looks) in
            zip(reading([tokens for tokens, _ in paragraphs]), paragraphs, strict=True)]


def _looks_key(looks: str) -> tuple:
    return ("Heading1" in looks, "center" if "center" in looks else "right" if "right" in looks else None)


def styled_read_back(path) -> list[tuple]:
    root = Package.open(path).xml("word/document.xml")
    found = []
    for paragraph in root.iter(f"{{{W}}}p"):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())
        pictures = sum(1 for _ in paragraph.iter(f"{{{W}}}drawing"))
        props = paragraph.find(f"{{{W}}}pPr")
        style = props.find(f"{{{W}}}pStyle") if props is not None else None
        align = props.find(f"{{{W}}}jc") if props is not None else None
        if text or pictures:
            found.append((text, pictures, (style is not None and style.get(f"{{{W}}}val") == "Heading1",
                                           align.get(f"{{{W}}}val") if align is not None else None)))
    return found


@SETTINGS
@given(pair=versions(), data=st.data())
def test_with_formatting_paragraph_looks_accept_to_the_draft_and_reject_to_the_base(pair, data):
    base_tokens, draft_tokens = pair
    base_paragraphs = [(tokens, data.draw(LOOKS)) for tokens in base_tokens]
    draft_paragraphs = [(tokens, data.draw(LOOKS)) for tokens in draft_tokens]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, styled_body(base_paragraphs), "base.docx", stories=stories)
        draft = make_docx(folder, styled_body(draft_paragraphs), "draft.docx", stories=stories)
        document = compare(base, draft, report_formatting=True)
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert styled_read_back(accepted) == styled_reading(draft_paragraphs)
        assert styled_read_back(rejected) == styled_reading(base_paragraphs)


LIST_PLACES = st.sampled_from([None, 0, 1])


def listed_body(paragraphs: list[tuple[list[str], int | None]], num_id: int) -> str:
    def props(level):
        return "" if level is None else f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return "".join(p(*runs(tokens), ppr=props(level)) for tokens, level in paragraphs)


def listed_read_back(path) -> list[tuple]:
    root = Package.open(path).xml("word/document.xml")
    found = []
    for paragraph in root.iter(f"{{{W}}}p"):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())
        pictures = sum(1 for _ in paragraph.iter(f"{{{W}}}drawing"))
        level = paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}ilvl")
        num_id = paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
        if num_id is not None:
            assert num_id.get(f"{{{W}}}val") == "7", "a list the saved file does not define"
        if text or pictures:
            found.append((text, pictures, int(level.get(f"{{{W}}}val")) if level is not None else None))
    return found


def listed_reading(paragraphs) -> list[tuple]:
    return [(text, pictures, level) for (text, pictures), (_, level) in
            zip(reading([tokens for tokens, _ in paragraphs]), paragraphs, strict=True)]


@SETTINGS
@given(pair=versions(), data=st.data())
def test_with_formatting_list_levels_accept_to_the_draft_and_reject_to_the_base(pair, data):
    from tests.core.test_compare import numbering_part

    base_tokens, draft_tokens = pair
    base_paragraphs = [(tokens, data.draw(LIST_PLACES)) for tokens in base_tokens]
    draft_paragraphs = [(tokens, data.draw(LIST_PLACES)) for tokens in draft_tokens]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        image = image_part("rId7", (200, 0, 0))
        base = make_docx(folder, listed_body(base_paragraphs, 3), "base.docx", stories=[image, numbering_part(3)])
        draft = make_docx(folder, listed_body(draft_paragraphs, 7), "draft.docx", stories=[image, numbering_part(7)])
        document = compare(base, draft, report_formatting=True)
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert listed_read_back(accepted) == listed_reading(draft_paragraphs)
        assert listed_read_back(rejected) == listed_reading(base_paragraphs)


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


@SETTINGS
@given(pair=table_versions())
def test_tables_accept_to_the_draft_and_reject_to_the_base(pair):
    base_rows, draft_rows = pair
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base = make_docx(folder, table_body(base_rows), "base.docx")
        draft = make_docx(folder, table_body(draft_rows), "draft.docx")
        document = compare(base, draft)
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(accepted) == table_reading(draft_rows)
        assert read_back(rejected) == table_reading(base_rows)


@st.composite
def two_reviewers(draw):
    """Each base paragraph is left alone, edited by one of two reviewers, or dropped by one of them."""
    base = draw(st.lists(PARAGRAPH, min_size=2, max_size=5))
    copies, merged = ([], []), []
    for paragraph in base:
        who, action = draw(st.sampled_from([0, 1])), draw(st.sampled_from(["keep", "edit", "edit", "drop"]))
        result = edited(paragraph, draw(EDITS)) if action == "edit" else paragraph
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
    from redliner.core.combine import combine

    base_tokens, (first, second), merged = case
    assume(first and second and merged)  # a copy with no paragraph left is no document
    # Two equal base paragraphs make "which one did the reviewer drop?" a guess, and guesses may conflict.
    assume(len({tuple(tokens) for tokens in base_tokens}) == len(base_tokens))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        copies = [make_docx(folder, body(tokens), f"{name}.docx", stories=stories)
                  for name, tokens in (("kim", first), ("lee", second))]
        document = combine(base, copies, authors=["Kim", "Lee"])
        assert not any(c.conflicts_with for c in document.changes)
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(rejected) == reading(base_tokens)
        assert read_back(accepted) == reading(merged)


TRACKED = 'w:author="Bea" w:date="2024-01-01T00:00:00Z"'


@st.composite
def tracked_draft(draw, original: list[str]):
    """The draft paragraph's XML, with tracked changes of its own on top of `original`, and its accepted
    tokens: some tokens deleted with tracking, some inserted with tracking."""
    xml, accepted = [], []
    for index, token in enumerate(original):
        if draw(st.integers(0, 4)) == 0:  # an insertion by Bea before this token
            new = draw(TOKENS)
            xml.append(f'<w:ins w:id="{900 + 2 * index}" {TRACKED}>{runs([new])[0]}</w:ins>')
            accepted.append(new)
        if draw(st.integers(0, 4)) == 0:  # this token deleted by Bea
            deleted = runs([token])[0].replace("<w:t", "<w:delText").replace("</w:t>", "</w:delText>")
            xml.append(f'<w:del w:id="{901 + 2 * index}" {TRACKED}>{deleted}</w:del>')
        else:
            xml.append(runs([token])[0])
            accepted.append(token)
    return "".join(xml), accepted or None


@SETTINGS
@given(pair=versions(), data=st.data())
def test_a_draft_with_tracked_changes_of_its_own_compares_on_top_of_them(pair, data):
    base_tokens, originals = pair
    drafts = [data.draw(tracked_draft(original)) for original in originals]
    assume(all(accepted for _, accepted in drafts))  # a paragraph whose every word was deleted reads as empty
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        draft = make_docx(folder, "".join(p(xml) for xml, _ in drafts), "draft.docx", stories=stories)
        document = compare(base, draft)
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(accepted) == reading([tokens for _, tokens in drafts])
        assert read_back(rejected) == reading(base_tokens)


@st.composite
def proposed_draft(draw, original: list[str]):
    """The draft paragraph's XML with proposals in italics added to `original`, and all of its words."""
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
    from redliner.core import parse_rules

    base_tokens, originals = pair
    drafts = [data.draw(proposed_draft(original)) for original in originals]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        draft = make_docx(folder, "".join(p(xml) for xml, _ in drafts), "draft.docx", stories=stories)
        document = compare(base, draft, markers=parse_rules("italic"))
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(accepted) == reading([words for _, words in drafts])
        assert read_back(rejected) == reading(base_tokens)


@st.composite
def tracked_copy(draw, base: list[str]):
    """A reviewer's copy of a base paragraph with tracked changes: (XML, the words once accepted)."""
    xml, accepted = [], []
    for index, token in enumerate(base):
        if draw(st.integers(0, 3)) == 0:
            new = draw(TOKENS)
            xml.append(f'<w:ins w:id="{700 + 2 * index}" w:author="Kim" w:date="2024-02-02T00:00:00Z">'
                       f"{runs([new])[0]}</w:ins>")
            accepted.append(new)
        if draw(st.integers(0, 3)) == 0:
            deleted = runs([token])[0].replace("<w:t", "<w:delText").replace("</w:t>", "</w:delText>")
            xml.append(f'<w:del w:id="{701 + 2 * index}" w:author="Kim" w:date="2024-02-02T00:00:00Z">'
                       f"{deleted}</w:del>")
        else:
            xml.append(runs([token])[0])
            accepted.append(token)
    return "".join(xml), accepted


@SETTINGS
@given(base_tokens=DOCUMENT, data=st.data())
def test_a_reviewers_copy_with_tracked_changes_combines_to_its_changes(base_tokens, data):
    from redliner.core.combine import combine

    copies = [data.draw(tracked_copy(tokens)) for tokens in base_tokens]
    assume(all(accepted for _, accepted in copies))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        copy = make_docx(folder, "".join(p(xml) for xml, _ in copies), "kim.docx", stories=stories)
        document = combine(base, [copy])
        saved = folder / "combined.docx"
        document.package.save(saved)
        for source in (document, saved):
            accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
            write_clean(source if source is document else ReviewDocument.open(saved), accepted, Decision.ACCEPT)
            write_clean(source if source is document else ReviewDocument.open(saved), rejected, Decision.REJECT)
            assert read_back(accepted) == reading([tokens for _, tokens in copies])
            assert read_back(rejected) == reading(base_tokens)


@SETTINGS
@given(pair=table_versions())
def test_a_reviewers_table_edits_combine_to_the_copy_and_reject_to_the_base(pair):
    from redliner.core.combine import combine

    base_rows, copy_rows = pair
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base = make_docx(folder, table_body(base_rows), "base.docx")
        copy = make_docx(folder, table_body(copy_rows), "kim.docx")
        document = combine(base, [copy], authors=["Kim"])
        accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
        write_clean(document, accepted, Decision.ACCEPT)
        write_clean(document, rejected, Decision.REJECT)
        assert read_back(accepted) == table_reading(copy_rows)
        assert read_back(rejected) == table_reading(base_rows)


@SETTINGS
@given(pair=versions(), data=st.data())
def test_deciding_a_comparisons_changes_then_undoing_gives_the_same_tree(pair, data):
    from lxml import etree

    base_tokens, originals = pair
    drafts = [data.draw(tracked_draft(original)) for original in originals]
    assume(all(accepted for _, accepted in drafts))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        draft = make_docx(folder, "".join(p(xml) for xml, _ in drafts), "draft.docx", stories=stories)
        document = compare(base, draft)
        root = document.package.xml("word/document.xml")
        before = etree.tostring(root, method="c14n")
        chosen = [c for c in document.changes if data.draw(st.booleans())]
        decision = data.draw(st.sampled_from([Decision.ACCEPT, Decision.REJECT]))
        journal = document.decide(chosen, decision)
        document.undo(journal)
        assert etree.tostring(root, method="c14n") == before
        assert all(not c.is_decided for c in document.changes)


@SETTINGS
@given(pair=versions(), data=st.data())
def test_a_comparison_partly_decided_and_saved_keeps_both_outcomes_of_the_rest(pair, data):
    from redliner.core import write_marked_up

    base_tokens, originals = pair
    drafts = [data.draw(tracked_draft(original)) for original in originals]
    assume(all(accepted for _, accepted in drafts))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        stories = [image_part("rId7", (200, 0, 0))]
        base = make_docx(folder, body(base_tokens), "base.docx", stories=stories)
        draft = make_docx(folder, "".join(p(xml) for xml, _ in drafts), "draft.docx", stories=stories)
        document = compare(base, draft)
        chosen = [c for c in document.changes if data.draw(st.booleans())]
        document.decide(chosen, data.draw(st.sampled_from([Decision.ACCEPT, Decision.REJECT])))
        marked = folder / "marked.docx"
        write_marked_up(document, marked)
        for decision in (Decision.ACCEPT, Decision.REJECT):
            here, there = folder / f"here-{decision.value}.docx", folder / f"there-{decision.value}.docx"
            write_clean(document, here, decision)
            write_clean(ReviewDocument.open(marked), there, decision)
            assert read_back(there) == read_back(here)
