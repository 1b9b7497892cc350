"""Rendering a review into a QTextDocument: views, change marks, spans, labels, tables, in-place refresh."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextTable

from redliner.core import Decision, ReviewDocument, Status, parse_rules
from redliner.core.oxml.numbering import ListNumbering, story_paragraphs
from redliner.core.oxml.text import paragraph_text
from redliner.ui.formats import NEUTRAL
from redliner.ui.render import ViewMode, highlight, refresh_paragraphs, render
from tests.core.review.test_tracked import CASES, MARK
from tests.docx_factory import dele, dr, ins, italic, make_docx, moved_paragraph, p, r

ALEX = QColor("#aa0000")


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def paragraphs(rendered) -> list[str]:
    document = rendered.document
    return [document.findBlockByNumber(b).text() for b in rendered.paragraph_blocks()]


def char_format(rendered, position: int):
    """Format of the character at position (a cursor reports the character before it)."""
    cursor = QTextCursor(rendered.document)
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def text_of(rendered, change_id: str) -> str:
    start, end = rendered.spans[change_id]
    return rendered.document.toPlainText()[start:end]


def expected_lines(path, decision: Decision | None, rules=None) -> list[str]:
    """What a reader of the document sees after the engine decided everything: labels, tab, text."""
    document = ReviewDocument.open(path, parse_rules(rules))
    if decision is not None:
        document.decide(document.pending(), decision)
    body = document.package.xml(document.package.main_document)
    labels = ListNumbering.from_document(document).labels(body)
    return [(labels[q] + "\t" if q in labels else "") + paragraph_text(q) for q in story_paragraphs(body)]


# -- views against the engine ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "body", "kinds", "accepted", "rejected"), CASES, ids=[c[0] for c in CASES])
def test_final_and_original_read_like_the_engine_deciding_everything(tmp_path, name, body, kinds, accepted,
                                                                     rejected):
    review = ReviewDocument.open(make_docx(tmp_path, body))
    assert "\n".join(paragraphs(render(review, ViewMode.FINAL))) == accepted
    assert "\n".join(paragraphs(render(review, ViewMode.ORIGINAL))) == rejected


@pytest.mark.parametrize(("name", "body", "kinds", "accepted", "rejected"), CASES, ids=[c[0] for c in CASES])
def test_views_leave_the_tree_and_statuses_untouched(tmp_path, name, body, kinds, accepted, rejected):
    from lxml import etree

    review = ReviewDocument.open(make_docx(tmp_path, body))
    root = review.package.xml(review.package.main_document)
    before = etree.tostring(root, method="c14n")
    for mode in ViewMode:
        render(review, mode)
    assert etree.tostring(root, method="c14n") == before
    assert all(c.status == Status.PENDING for c in review.changes)
    assert not review.package._dirty


@pytest.mark.corpus
@pytest.mark.parametrize(("sample", "rules"), [("sop-draft.pandoc.docx", "italic"),
                                                ("sop-review-two-authors.lo.docx", None)])
def test_samples_final_original_markup(samples, sample, rules):
    path = samples / sample
    review = ReviewDocument.open(path, parse_rules(rules))
    final, original = render(review, ViewMode.FINAL), render(review, ViewMode.ORIGINAL)
    assert paragraphs(final) == expected_lines(path, Decision.ACCEPT, rules)
    assert paragraphs(original) == expected_lines(path, Decision.REJECT, rules)
    markup = render(review, ViewMode.MARKUP).document.toPlainText()
    for change in review.changes:
        assert change.inserted in markup and change.deleted in markup
    assert len(final.spans) == len([c for c in review.changes if c.inserted])


@pytest.mark.corpus
def test_sample_list_labels_and_headings(samples):
    review = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))
    rendered = render(review, ViewMode.MARKUP)
    lines = paragraphs(rendered)
    assert "A.\tTraining" in lines and "B.\tPatrol Assignments" in lines and "C.\tReporting" in lines
    assert any(line.startswith("3.\tThe Training Division") for line in lines)
    heading = lines.index("010.00 Purpose")
    block = rendered.document.findBlockByNumber(rendered.paragraph_blocks()[heading])
    body = rendered.document.findBlockByNumber(rendered.paragraph_blocks()[heading + 1])
    assert char_format(rendered, block.position()).fontWeight() == QFont.Weight.Bold
    heading_size = char_format(rendered, block.position()).fontPointSize()
    assert heading_size > char_format(rendered, body.position()).fontPointSize()


# -- marks in the markup view ---------------------------------------------------------------------------


def test_insertions_underlined_deletions_struck_in_the_authors_colour(tmp_path):
    body = p(r("Keep "), ins(r("new"), rid=1), r(" and "), dele(dr("old"), rid=2), r(" end"))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP, {"Alex": ALEX})
    inserted, deleted = review.changes
    assert (text_of(rendered, inserted.id), text_of(rendered, deleted.id)) == ("new", "old")
    ins_format = char_format(rendered, rendered.spans[inserted.id][0])
    del_format = char_format(rendered, rendered.spans[deleted.id][0])
    assert ins_format.fontUnderline() and not ins_format.fontStrikeOut()
    assert del_format.fontStrikeOut() and not del_format.fontUnderline()
    assert ins_format.foreground().color() == ALEX == del_format.foreground().color()
    plain = char_format(rendered, 0)
    assert not plain.fontUnderline() and not plain.fontStrikeOut()
    assert rendered.document.toPlainText() == "Keep new and old end"


def test_authors_get_distinct_stable_colours_when_none_are_given(tmp_path):
    body = p(ins(r("one"), author="Ann", rid=1), r(" "), ins(r("two"), author="Bob", rid=3))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    first, second = render(review, ViewMode.MARKUP), render(review, ViewMode.MARKUP)
    colours = [char_format(first, first.spans[c.id][0]).foreground().color() for c in review.changes]
    assert colours[0] != colours[1]
    assert colours == [char_format(second, second.spans[c.id][0]).foreground().color() for c in review.changes]


def test_marker_spans_pending_skipped_not_a_proposal_and_in_final(tmp_path):
    body = p(r("The "), italic("proposed"), r(" plan and "), italic("another"), r(" one "), italic("more"), r("."))
    review = ReviewDocument.open(make_docx(tmp_path, body), parse_rules("italic"))
    first, second, third = review.changes
    review.decide([second], Decision.NOT_A_PROPOSAL)
    review.decide([third], Decision.SKIP)
    markup = render(review, ViewMode.MARKUP)
    pending = char_format(markup, markup.spans[first.id][0])
    emphasis = char_format(markup, markup.spans[second.id][0])
    skipped = char_format(markup, markup.spans[third.id][0])
    assert pending.fontUnderline() and pending.fontItalic()
    assert emphasis.fontItalic() and not emphasis.fontUnderline()  # the document's own italics, no mark
    assert skipped.fontUnderline() and skipped.foreground().color() == QColor(NEUTRAL)  # still a proposal, greyed
    assert pending.foreground().color() != QColor(NEUTRAL)
    final = render(review, ViewMode.FINAL)
    assert final.document.toPlainText() == "The proposed plan and another one more."
    assert not char_format(final, final.spans[first.id][0]).fontItalic()
    assert char_format(final, final.document.toPlainText().index("another")).fontItalic()  # emphasis: as is
    assert render(review, ViewMode.ORIGINAL).document.toPlainText() == "The plan and another one."


def test_paragraph_mark_and_property_changes_get_a_coloured_pilcrow(tmp_path):
    body = (p(r("one"), ppr=f"<w:rPr><w:del {MARK}/></w:rPr>") + p(r("two"))
            + p(r("x"), ppr=f'<w:jc w:val="center"/><w:pPrChange {MARK}><w:pPr/></w:pPrChange>'))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP, {"Alex": ALEX})
    mark, prop = review.changes
    assert paragraphs(rendered) == ["one¶", "two", "x¶"]
    assert text_of(rendered, mark.id) == "¶" and text_of(rendered, prop.id) == "¶"
    assert char_format(rendered, rendered.spans[mark.id][0]).fontStrikeOut()
    prop_format = char_format(rendered, rendered.spans[prop.id][0])
    assert prop_format.underlineStyle() == prop_format.UnderlineStyle.WaveUnderline
    assert prop_format.foreground().color() == ALEX


def test_format_change_gets_a_dotted_underline(tmp_path):
    run = f'<w:r><w:rPr><w:b/><w:rPrChange {MARK}><w:rPr/></w:rPrChange></w:rPr><w:t>bold</w:t></w:r>'
    review = ReviewDocument.open(make_docx(tmp_path, p(r("now "), run)))
    rendered = render(review, ViewMode.MARKUP)
    shown = char_format(rendered, rendered.spans[review.changes[0].id][0])
    assert shown.underlineStyle() == shown.UnderlineStyle.DotLine and shown.fontWeight() == QFont.Weight.Bold


def test_decided_changes_render_as_their_result(tmp_path):
    body = p(r("A "), ins(r("new "), rid=1), dele(dr("old "), author="Bea", rid=3), r("B"))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    review.decide([review.changes[0]], Decision.ACCEPT)
    rendered = render(review, ViewMode.MARKUP)
    assert rendered.document.toPlainText() == "A new old B"
    assert review.changes[0].id not in rendered.spans
    assert not char_format(rendered, 2).fontUnderline()


# -- content -----------------------------------------------------------------------------------------------


def test_headings_look_like_their_style_level(tmp_path):
    body = (p(r("Title"), ppr='<w:pStyle w:val="Heading1"/>')
            + p(r("Filed only"), ppr='<w:outlineLvl w:val="0"/>')  # navigation pane only: looks like body text
            + p(r("Body")))
    rendered = render(ReviewDocument.open(make_docx(tmp_path, body)), ViewMode.MARKUP)
    starts = [rendered.document.findBlockByNumber(b).position() for b in rendered.paragraph_blocks()]
    looks = [(char_format(rendered, s).fontPointSize(), char_format(rendered, s).fontWeight()) for s in starts]
    assert looks[0][0] > looks[2][0] and looks[0][1] == QFont.Weight.Bold
    assert looks[1] == looks[2]


def test_run_formatting_tabs_breaks_images_and_note_references(tmp_path):
    body = p(r("bold", "<w:b/>"), r("it", "<w:i/>"), r("under", '<w:u w:val="single"/>'),
             r("styled", '<w:rStyle w:val="Emphasis"/>'),
             "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t><w:drawing/></w:r>",
             '<w:r><w:footnoteReference w:id="1"/></w:r>')
    rendered = render(ReviewDocument.open(make_docx(tmp_path, body)), ViewMode.MARKUP)
    text = paragraphs(rendered)[0]
    assert text == "bolditunderstyled\ta\u2028b[image]1"
    assert char_format(rendered, 0).fontWeight() == QFont.Weight.Bold
    assert char_format(rendered, 4).fontItalic() and char_format(rendered, 4).fontWeight() != QFont.Weight.Bold
    assert char_format(rendered, 6).fontUnderline()
    assert char_format(rendered, text.index("styled")).fontItalic()
    assert char_format(rendered, len(text) - 1).verticalAlignment() == char_format(
        rendered, len(text) - 1).VerticalAlignment.AlignSuperScript


def test_tables_become_text_tables_cell_by_cell(tmp_path):
    def cell(text: str, span: int = 1) -> str:
        props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
        return f"<w:tc>{props}{p(r(text))}</w:tc>"

    table = (f"<w:tbl><w:tr>{cell('a')}{cell('b')}{cell('c')}</w:tr>"
             f"<w:tr>{cell('wide', 2)}{cell('d')}</w:tr></w:tbl>")
    rendered = render(ReviewDocument.open(make_docx(tmp_path, p(r("before")) + table + p(r("after")))),
                      ViewMode.MARKUP)
    tables = [f for f in rendered.document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1
    qt_table = tables[0]
    assert (qt_table.rows(), qt_table.columns()) == (2, 3)
    assert qt_table.cellAt(1, 0).columnSpan() == 2
    first = qt_table.cellAt(0, 1).firstCursorPosition().block().text()
    wide = qt_table.cellAt(1, 0).firstCursorPosition().block().text()
    assert (first, wide) == ("b", "wide")
    assert paragraphs(rendered) == ["before", "a", "b", "c", "wide", "d", "after"]


def test_vertically_merged_cells_are_one_cell_down_the_rows(tmp_path):
    def cell(text: str, merge: str | None = None) -> str:
        props = "" if merge is None else (f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge
                                          else "<w:tcPr><w:vMerge/></w:tcPr>")
        return f"<w:tc>{props}{p(r(text))}</w:tc>"

    table = (f"<w:tbl><w:tr>{cell('Role', 'restart')}{cell('reads')}</w:tr>"
             f"<w:tr>{cell('', '')}{cell('writes')}</w:tr>"
             f"<w:tr>{cell('more', 'continue')}{cell('signs')}</w:tr>"
             f"<w:tr>{cell('Clerk')}{cell('files')}</w:tr></w:tbl>")
    rendered = render(ReviewDocument.open(make_docx(tmp_path, table)), ViewMode.MARKUP)
    qt_table = next(f for f in rendered.document.rootFrame().childFrames() if isinstance(f, QTextTable))
    merged = qt_table.cellAt(0, 0)
    assert (merged.rowSpan(), qt_table.cellAt(2, 0).row(), qt_table.cellAt(3, 0).rowSpan()) == (3, 0, 1)
    texts = []
    block = merged.firstCursorPosition().block()
    while block.isValid() and block.position() <= merged.lastCursorPosition().position():
        texts.append(block.text())
        block = block.next()
    assert texts == ["Role", "", "more"]  # the merged cells' paragraphs in order, in one cell
    assert qt_table.cellAt(1, 1).firstCursorPosition().block().text() == "writes"


def test_inserted_row_is_underlined_in_markup(tmp_path):
    name, body, *_ = next(c for c in CASES if c[0] == "inserted row")
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP)
    assert text_of(rendered, review.changes[0].id) == "b"
    assert char_format(rendered, rendered.spans[review.changes[0].id][0]).fontUnderline()


# -- positions ----------------------------------------------------------------------------------------------


def test_change_at_maps_positions_back_and_highlight_covers_the_span(tmp_path):
    body = p(r("Keep "), ins(r("new"), rid=1), r(" mid "), dele(dr("old"), rid=2), r(" end")) + p(ins(r("next"), rid=5))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP)
    for change in review.changes:
        start, end = rendered.spans[change.id]
        assert {rendered.change_at(pos) for pos in range(start, end)} == {change.id}
        assert rendered.change_at(end) == change.id  # the cursor just after a change still selects it
    assert rendered.change_at(0) is None and rendered.change_at(rendered.spans["1"][1] + 2) is None
    selections = highlight(rendered, "2")
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in selections] == [rendered.spans["2"]]
    assert highlight(rendered, None) == [] and highlight(rendered, "99") == []


def test_a_move_has_two_stretches_and_its_span_is_the_first(tmp_path):
    body = moved_paragraph()
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP)
    assert rendered.spans.stretches("1") == [(0, 5), (11, 16)]  # "moved\nstay\nmoved"
    assert rendered.spans["1"] == (0, 5)
    assert rendered.change_at(12) == "1" and rendered.change_at(8) is None


# -- refresh after decisions ----------------------------------------------------------------------------------

REFRESH_BODY = (p(r("Head"), ppr='<w:pStyle w:val="Heading1"/>')
                + p(r("one "), ins(r("added"), rid=1), r(" and "), dele(dr("removed"), rid=3), r(" done"))
                + p(r("The "), italic("proposed"), r(" words."))
                + f"<w:tbl><w:tr><w:tc>{p(r('cell '), ins(r('in cell'), rid=7))}</w:tc></w:tr></w:tbl>"
                + p(r("last "), ins(r("tail"), author="Bea", rid=9)))


@pytest.mark.parametrize("mode", list(ViewMode))
@pytest.mark.parametrize("decision", list(Decision))
def test_refresh_after_each_decision_and_undo_matches_a_full_render(tmp_path, mode, decision):
    review = ReviewDocument.open(make_docx(tmp_path, REFRESH_BODY), parse_rules("italic"))
    rendered = render(review, mode)
    for change in review.changes:
        journal = review.decide([change], decision)
        assert refresh_paragraphs(rendered, review, [change.id]) is True
        fresh = render(review, mode)
        assert paragraphs(rendered) == paragraphs(fresh)
        assert dict(rendered.spans) == dict(fresh.spans)
        review.undo(journal)
        assert refresh_paragraphs(rendered, review, [change]) is True
        assert dict(rendered.spans) == dict(render(review, mode).spans)
        review.decide([change], decision)
        refresh_paragraphs(rendered, review, [change])
    assert paragraphs(rendered) == paragraphs(render(review, mode))


@pytest.mark.parametrize("mode", list(ViewMode))
def test_refresh_after_deciding_everything_at_once(tmp_path, mode):
    review = ReviewDocument.open(make_docx(tmp_path, REFRESH_BODY), parse_rules("italic"))
    rendered = render(review, mode)
    journal = review.decide(review.changes, Decision.REJECT)
    refresh_paragraphs(rendered, review, [c.id for c in review.changes])
    assert paragraphs(rendered) == paragraphs(render(review, mode))
    review.undo(journal)
    refresh_paragraphs(rendered, review, review.changes)
    assert paragraphs(rendered) == paragraphs(render(review, mode))
    assert dict(rendered.spans) == dict(render(review, mode).spans)


def test_refresh_keeps_later_spans_in_step(tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, REFRESH_BODY), parse_rules("italic"))
    rendered = render(review, ViewMode.MARKUP)
    last = review.changes[-1]
    before = rendered.spans[last.id]
    review.decide([review.changes[0]], Decision.REJECT)  # "added" goes: everything after moves back 5
    assert refresh_paragraphs(rendered, review, "1") is True  # one id (or Change) is fine too
    assert rendered.spans[last.id] == (before[0] - len("added"), before[1] - len("added"))
    assert text_of(rendered, last.id) == "tail"


def test_structural_decisions_fall_back_to_a_full_rewrite_of_the_same_document(tmp_path):
    body = p(r("one"), ppr=f"<w:rPr><w:del {MARK}/></w:rPr>") + p(r("two ")) + p(ins(r("three"), rid=4))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP)
    document = rendered.document
    mark = review.changes[0]
    review.decide([mark], Decision.ACCEPT)
    assert refresh_paragraphs(rendered, review, [mark.id]) is False
    assert rendered.document is document
    assert paragraphs(rendered) == ["onetwo ", "three"]
    assert text_of(rendered, review.changes[1].id) == "three"


def _corpus_files(corpus) -> list:
    return sorted((corpus / "word-revisions").glob("*.docx")) + sorted((corpus / "word-reviews").glob("*.docx"))


@pytest.mark.corpus
def test_views_match_rendering_the_engines_decisions_across_the_corpus(corpus):
    """FINAL (ORIGINAL) of a document reads like the same document with every change accepted (rejected)
    by the engine and then rendered: moves, paragraph marks, rows, cells, fields, notes."""
    checked = 0
    for path in _corpus_files(corpus):
        review = ReviewDocument.open(path)
        for mode, decision in ((ViewMode.FINAL, Decision.ACCEPT), (ViewMode.ORIGINAL, Decision.REJECT)):
            decided = ReviewDocument.open(path)
            decided.decide(decided.pending(), decision)
            assert paragraphs(render(review, mode)) == paragraphs(render(decided, ViewMode.MARKUP)), path.name
        checked += 1
    assert checked > 10


def test_paragraph_direction_is_explicit(tmp_path):
    """Word's w:bidi decides direction; an explicit one also spares Qt a text scan per block on relayout."""
    from PySide6.QtCore import Qt

    body = p(r("left")) + p(r("right"), ppr="<w:bidi/>")
    rendered = render(ReviewDocument.open(make_docx(tmp_path, body)), ViewMode.MARKUP)
    directions = [rendered.document.findBlockByNumber(b).blockFormat().layoutDirection()
                  for b in rendered.paragraph_blocks()]
    assert directions == [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]


@pytest.mark.corpus
@pytest.mark.parametrize("mode", list(ViewMode))
def test_refresh_change_by_change_across_the_corpus_matches_a_full_render(corpus, mode):
    checked = 0
    for path in _corpus_files(corpus) + sorted((corpus / "word-compare").glob("*.docx")):
        review = ReviewDocument.open(path)
        rendered = render(review, mode)
        for number, change in enumerate(review.changes):
            review.decide([change], Decision.REJECT if number % 2 else Decision.ACCEPT)
            refresh_paragraphs(rendered, review, [change.id])
        fresh = render(review, mode)
        assert paragraphs(rendered) == paragraphs(fresh), path.name
        assert dict(rendered.spans) == dict(fresh.spans), path.name
        checked += bool(review.changes)
    assert checked > 10


def test_a_refresh_touching_very_many_paragraphs_rewrites_everything_once(tmp_path, monkeypatch):
    import redliner.ui.render as render_module

    monkeypatch.setattr(render_module, "REWRITE_ALL_ABOVE", 1)
    review = ReviewDocument.open(make_docx(tmp_path, REFRESH_BODY), parse_rules("italic"))
    rendered = render(review, ViewMode.MARKUP)
    document = rendered.document
    review.decide(review.changes, Decision.ACCEPT)
    assert refresh_paragraphs(rendered, review, review.changes) is False
    assert rendered.document is document
    assert paragraphs(rendered) == paragraphs(render(review, ViewMode.MARKUP))


def test_rendering_leaves_garbage_collection_as_it_found_it(tmp_path):
    import gc

    review = ReviewDocument.open(make_docx(tmp_path, REFRESH_BODY))
    render(review, ViewMode.MARKUP)
    assert gc.isenabled()
    gc.disable()
    try:
        render(review, ViewMode.MARKUP)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_list_items_hang_their_label(samples):
    review = ReviewDocument.open(samples / "sop-draft.pandoc.docx")
    rendered = render(review, ViewMode.MARKUP)
    block = rendered.document.begin()
    while block.isValid() and not block.text().startswith("1.\t"):
        block = block.next()
    fmt = block.blockFormat()
    assert block.isValid() and fmt.textIndent() < 0 and fmt.leftMargin() == -fmt.textIndent()
    assert [tab.position for tab in fmt.tabPositions()] == [fmt.leftMargin()]


def test_an_items_continuation_paragraph_lines_up_with_its_text(samples):
    review = ReviewDocument.open(samples / "sop-draft.pandoc.docx")
    document = render(review, ViewMode.MARKUP).document
    block = document.begin()
    while block.isValid() and not block.text().startswith("Problem solving is the process"):
        block = block.next()
    labelled = block.previous().blockFormat()  # "B.\tProblem Solving"
    fmt = block.blockFormat()
    assert block.isValid() and block.previous().text().startswith("B.\t")
    assert fmt.textIndent() == 0 and fmt.leftMargin() == labelled.leftMargin() and fmt.indent() == labelled.indent()


def test_note_references_show_running_numbers_not_ids(tmp_path):
    body = (p(r("First"), '<w:r><w:footnoteReference w:id="8"/></w:r>')
            + p(r("Second"), '<w:r><w:footnoteReference w:id="3"/></w:r>', '<w:r><w:endnoteReference w:id="5"/></w:r>')
            + p(r("Own mark"), '<w:r><w:footnoteReference w:id="4" w:customMarkFollows="1"/></w:r>', r("†")))
    document = ReviewDocument.open(make_docx(tmp_path, body))
    for mode in (ViewMode.MARKUP, ViewMode.FINAL):
        assert paragraphs(render(document, mode)) == ["First1", "Second2i", "Own mark†"]


SHIFTED_STYLES = ('<w:style w:type="character" w:styleId="Ordinal"><w:name w:val="Ordinal"/>'
                  '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
                  '<w:style w:type="character" w:styleId="OrdinalBold"><w:name w:val="Ordinal Bold"/>'
                  '<w:basedOn w:val="Ordinal"/><w:rPr><w:b/></w:rPr></w:style>')


@pytest.mark.parametrize("mode", list(ViewMode))
def test_superscript_and_subscript_runs_are_raised_and_lowered(tmp_path, mode):
    body = p(r("19"), r("th", '<w:vertAlign w:val="superscript"/>'),
             r(" H"), r("2", '<w:vertAlign w:val="subscript"/>'), r("O "),
             r("1", '<w:rStyle w:val="OrdinalBold"/>'), r("st", '<w:rStyle w:val="Ordinal"/>'),
             r(" flat", '<w:rStyle w:val="Ordinal"/><w:vertAlign w:val="baseline"/>'),
             ins(r("nd", '<w:vertAlign w:val="superscript"/>')))
    rendered = render(ReviewDocument.open(make_docx(tmp_path, body, styles=SHIFTED_STYLES)), mode)
    text = paragraphs(rendered)[0]
    assert text == ("19th H2O 1st flatnd" if mode != ViewMode.ORIGINAL else "19th H2O 1st flat")
    align = QTextCharFormat.VerticalAlignment

    def alignment(fragment: str):
        return char_format(rendered, text.index(fragment)).verticalAlignment()

    assert alignment("19") == align.AlignNormal and alignment("th") == align.AlignSuperScript
    assert alignment("2") == align.AlignSubScript and alignment("O ") == align.AlignNormal
    assert alignment("1st") == align.AlignSuperScript  # from the style its style is based on
    assert char_format(rendered, text.index("1st")).fontWeight() == QFont.Weight.Bold
    assert alignment("st") == align.AlignSuperScript and alignment("flat") == align.AlignNormal
    if mode != ViewMode.ORIGINAL:
        assert alignment("nd") == align.AlignSuperScript


@pytest.mark.corpus
def test_recap_numbers_its_outer_list_on_and_raises_the_ordinal(samples):
    rendered = render(ReviewDocument.open(samples / "recap.pandoc.docx"), ViewMode.MARKUP)
    lines = paragraphs(rendered)
    assert "2.\tNext Steps" in lines
    reconvene = next(line for line in lines if "Reconvene" in line)
    assert reconvene.startswith("3.\tReconvene October 19th, 1pm")
    block = rendered.document.findBlockByNumber(rendered.paragraph_blocks()[lines.index(reconvene)])
    ordinal = block.position() + reconvene.index("th,")
    assert char_format(rendered, ordinal).verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript
    assert char_format(rendered, ordinal - 1).verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignNormal
