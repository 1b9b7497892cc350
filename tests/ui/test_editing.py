"""Edit mode as a person uses it (issue 12): click into the text, type, delete, press Enter, paste, format,
undo and redo, with pauses longer than the view's timers between keys, in a shown window."""

from __future__ import annotations

from lxml import etree
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from redliner.core import ChangeKind, Decision, ReviewDocument, write_clean, write_marked_up
from redliner.core.oxml.ns import w
from redliner.ui.change_model import TEXT
from redliner.ui.document_view import SETTLE_MS
from redliner.ui.render import ViewMode
from tests.docx_factory import ins, p, r

from .conftest import EDITOR, PaintSpy, open_and_wait

KEY = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
PAUSE = 3 * SETTLE_MS
ME = EDITOR


def body_xml(window) -> bytes:
    review = window.review
    return etree.tostring(review.package.xml(review.package.main_document))


def click_after(qtbot, window, text: str) -> None:
    """Click just after the first `text` shown in the document, as a person puts the caret there."""
    view = window.view
    found = view.document().find(text)
    assert not found.isNull(), f"{text!r} is not shown"
    cursor = view.textCursor()
    cursor.setPosition(found.selectionEnd())
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NONE, QPoint(rect.left() + 1, rect.center().y()))
    qtbot.wait(PAUSE)
    assert view.textCursor().position() == found.selectionEnd()


def select(qtbot, window, text: str) -> None:
    """Put the caret after `text`, then Shift+Left over it, as a person selects with the keyboard."""
    click_after(qtbot, window, text)
    for _ in text:
        qtbot.keyClick(window.view, KEY.Key_Left, SHIFT)
    qtbot.wait(PAUSE)
    assert window.view.textCursor().selectedText() == text


def type_keys(qtbot, window, text: str) -> None:
    for character in text:
        qtbot.keyClicks(window.view, character)
        qtbot.wait(PAUSE // 3)
    qtbot.wait(PAUSE)


def press(qtbot, window, key, modifiers=NONE) -> None:
    qtbot.keyClick(window.view, key, modifiers)
    qtbot.wait(PAUSE)


def view_text(window) -> str:
    return window.view.document().toPlainText()


def accepted_text(review: ReviewDocument, tmp_path, name: str) -> str:
    out = tmp_path / name
    write_clean(review, out)
    return ReviewDocument.open(out).body_text()


def mine(window):
    return [c for c in window.review.changes if c.author == ME]


# -- the mode ------------------------------------------------------------------------------------------


def test_ctrl_e_turns_edit_mode_on_and_off_shows_it_and_remembers_it(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    assert window.editing.active and window.editing.indicator.isVisible()
    assert ME in window.editing.indicator.text()
    assert window.settings.preferences.edit_mode
    press(qtbot, window, KEY.Key_E, CTRL)
    assert not window.editing.active and not window.editing.indicator.isVisible()
    assert not window.settings.preferences.edit_mode


def test_in_edit_mode_review_letters_type_and_ctrl_shift_a_still_accepts(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan "), ins(r("really "), author="Alex"), r("is good.")))
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, " ARSNP")
    assert "The plan ARSNP really is good." in view_text(window).replace("\u2029", " ")
    alex = next(c for c in window.review.changes if c.author == "Alex")
    assert alex.status.value == "pending"
    window.go_to(alex.id)
    press(qtbot, window, KEY.Key_A, CTRL | SHIFT)
    assert alex.status.value == "accepted"


def test_typing_in_final_view_is_refused_with_a_message(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    window.set_mode(ViewMode.FINAL)
    qtbot.wait(PAUSE)
    before = body_xml(window)
    click_after(qtbot, window, "plan")
    type_keys(qtbot, window, "x")
    assert body_xml(window) == before
    assert "read-only" in window.statusBar().currentMessage()


# -- typing --------------------------------------------------------------------------------------------


def test_typed_text_is_an_insertion_by_the_reviewer_that_grows_as_one_types(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, " really")
    inserted = mine(window)
    assert len(inserted) == 1 and inserted[0].kind == ChangeKind.INSERTION
    assert inserted[0].inserted == " really"
    assert "The plan really is good." in view_text(window)
    assert window.changes.model.rowCount() == 1
    assert window.current == inserted[0].id  # the list follows the caret
    ins_elements = window.review.package.xml(window.review.package.main_document).findall(f".//{w('ins')}")
    assert [e.get(w("author")) for e in ins_elements] == [ME]


def test_backspace_marks_existing_text_deleted_and_removes_own_typing(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    click_after(qtbot, window, "The plan")
    press(qtbot, window, KEY.Key_Backspace)
    press(qtbot, window, KEY.Key_Backspace)
    deleted = mine(window)
    assert len(deleted) == 1 and deleted[0].kind == ChangeKind.DELETION and deleted[0].deleted == "an"
    assert "The plan is good." in view_text(window)  # still shown, struck through
    click_after(qtbot, window, "good")
    type_keys(qtbot, window, "ish")
    press(qtbot, window, KEY.Key_Backspace)
    texts = sorted(c.inserted for c in mine(window) if c.inserted)
    assert texts == ["is"]


def test_deleting_someone_elses_insertion_nests_a_deletion_in_it(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan "), ins(r("really "), author="Alex"), r("is good.")))
    select(qtbot, window, "really")
    press(qtbot, window, KEY.Key_Delete)
    root = window.review.package.xml(window.review.package.main_document)
    nested = root.findall(f".//{w('ins')}/{w('del')}")
    assert len(nested) == 1 and nested[0].get(w("author")) == ME
    assert any(c.author == ME and c.deleted == "really" for c in window.review.changes)


def test_select_and_type_is_one_replacement(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    select(qtbot, window, "good")
    type_keys(qtbot, window, "sound")
    changes = mine(window)
    assert len(changes) == 1 and changes[0].kind == ChangeKind.REPLACEMENT
    assert (changes[0].deleted, changes[0].inserted) == ("good", "sound")


def test_enter_splits_a_paragraph_and_backspace_at_its_start_joins_it_again(qtbot, editing, tmp_path):
    window, open_body = editing
    open_body(p(r("First part. Second part.")) + p(r("Next.")))
    blocks = window.view.document().blockCount()
    click_after(qtbot, window, "First part.")
    press(qtbot, window, KEY.Key_Return)
    assert window.view.document().blockCount() == blocks + 1
    marks = mine(window)
    assert [c.kind for c in marks] == [ChangeKind.PARAGRAPH_MARK]
    assert accepted_text(window.review, tmp_path, "a.docx").split("\n")[:2] == ["First part.", " Second part."]
    click_after(qtbot, window, "Next")
    press(qtbot, window, KEY.Key_Home)
    press(qtbot, window, KEY.Key_Backspace)
    joined = [c for c in mine(window) if c.kind == ChangeKind.PARAGRAPH_MARK]
    assert len(joined) == 2


def test_paste_of_two_lines_makes_an_inserted_paragraph(qtbot, editing, tmp_path):
    window, open_body = editing
    open_body(p(r("Start. End.")))
    QGuiApplication.clipboard().setText("one\ntwo ")
    click_after(qtbot, window, "Start. ")
    press(qtbot, window, KEY.Key_V, CTRL)
    assert accepted_text(window.review, tmp_path, "a.docx").split("\n") == ["Start. one", "two End."]
    assert all(c.author == ME for c in window.review.changes)


def test_ctrl_b_on_a_selection_is_a_format_change_that_rejecting_undoes(qtbot, editing, tmp_path):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    select(qtbot, window, "plan")
    press(qtbot, window, KEY.Key_B, CTRL)
    changes = mine(window)
    assert [c.kind for c in changes] == [ChangeKind.FORMAT]
    root = window.review.package.xml(window.review.package.main_document)
    assert root.find(f".//{w('rPrChange')}") is not None
    window.review.decide(changes, Decision.REJECT)
    assert root.find(f".//{w('b')}") is None


def test_cut_copies_and_marks_the_selection_deleted(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    select(qtbot, window, "good")
    press(qtbot, window, KEY.Key_X, CTRL)
    assert QGuiApplication.clipboard().text() == "good"
    assert [c.deleted for c in mine(window)] == ["good"]


# -- undo and redo --------------------------------------------------------------------------------------


def test_undo_restores_the_exact_xml_and_redo_makes_the_edit_again(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")) + p(r("Next.")))
    original = body_xml(window)
    click_after(qtbot, window, "plan")
    type_keys(qtbot, window, "s")
    press(qtbot, window, KEY.Key_Return)
    select(qtbot, window, "good")
    press(qtbot, window, KEY.Key_Delete)
    select(qtbot, window, "Next")
    press(qtbot, window, KEY.Key_B, CTRL)
    edited = body_xml(window)
    assert window.undo_stack.count() == 4
    for _ in range(4):
        press(qtbot, window, KEY.Key_Z, CTRL)
    assert body_xml(window) == original
    assert not mine(window) and window.changes.model.rowCount() == 0
    for _ in range(4):
        press(qtbot, window, KEY.Key_Y, CTRL)
    assert body_xml(window) == edited
    assert len(mine(window)) == 4


def test_typing_is_undone_word_by_word(qtbot, editing):
    window, open_body = editing
    open_body(p(r("Plan.")))
    click_after(qtbot, window, "Plan.")
    type_keys(qtbot, window, " hello world")
    assert window.undo_stack.count() == 2
    press(qtbot, window, KEY.Key_Z, CTRL)
    assert [c.inserted for c in mine(window)] == [" hello "]


def test_edits_and_decisions_interleave_on_one_stack(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan "), ins(r("really "), author="Alex"), r("is good.")))
    original = body_xml(window)
    alex = next(c for c in window.review.changes if c.author == "Alex")
    window.go_to(alex.id)
    press(qtbot, window, KEY.Key_A, CTRL | SHIFT)
    click_after(qtbot, window, "good")
    type_keys(qtbot, window, "!")
    for _ in range(2):
        press(qtbot, window, KEY.Key_Z, CTRL)
    assert body_xml(window) == original
    assert window.review.change(alex.id).status.value == "pending"


# -- saving --------------------------------------------------------------------------------------------


def test_saved_edits_reopen_as_the_same_changes(qtbot, editing, tmp_path):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, " now")
    select(qtbot, window, "good")
    type_keys(qtbot, window, "sound")
    out = tmp_path / "marked.docx"
    write_marked_up(window.review, out)
    reopened = ReviewDocument.open(out)
    assert [(c.kind, c.author, c.inserted, c.deleted) for c in reopened.changes] == [
        (c.kind, c.author, c.inserted, c.deleted) for c in window.review.changes]


def pandoc_plain(path, mode: str) -> str:
    import pypandoc

    return " ".join(pypandoc.convert_file(str(path), "plain", format="docx",
                                          extra_args=[f"--track-changes={mode}"]).split())


def test_ctrl_s_saves_edits_that_pandoc_reads_as_the_reviewers_changes(qtbot, editing, tmp_path, monkeypatch):
    import pypandoc
    from PySide6.QtWidgets import QFileDialog

    window, open_body = editing
    path = open_body(p(r("The plan is good.")) + p(r("Second line here.")))
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, " now")
    select(qtbot, window, "good")
    type_keys(qtbot, window, "sound")
    click_after(qtbot, window, "Second")
    press(qtbot, window, KEY.Key_Return)
    target = tmp_path / "saved.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    press(qtbot, window, KEY.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert pandoc_plain(target, "accept") == "The plan now is sound. Second line here."
    assert pandoc_plain(target, "reject") == "The plan is good. Second line here."
    assert pandoc_plain(path, "accept") == "The plan is good. Second line here."  # the draft is untouched
    marked = pypandoc.convert_file(str(target), "html", format="docx", extra_args=["--track-changes=all"])
    assert marked.count('class="insertion"') >= 2 and marked.count('class="deletion"') >= 1
    assert f'data-author="{ME}"' in marked
    reopened = ReviewDocument.open(target)
    assert {c.author for c in reopened.changes} == {ME}
    assert len(reopened.changes) == len(window.review.changes)


def test_propose_in_italics_writes_italic_text_not_a_tracked_insertion(qtbot, editing):
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    window.action_set.italic_proposals.trigger()
    qtbot.wait(PAUSE)
    assert window.settings.preferences.propose_in_italics and "italics" in window.editing.indicator.text()
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, " now")
    root = window.review.package.xml(window.review.package.main_document)
    assert root.find(f".//{w('ins')}") is None
    italic_runs = [run for run in root.iter(w("r")) if run.find(f"{w('rPr')}/{w('i')}") is not None]
    assert "".join(t.text for run in italic_runs for t in run.iter(w("t"))) == " now"


LOCKED = ('<w:sdt><w:sdtPr><w:lock w:val="contentLocked"/></w:sdtPr><w:sdtContent><w:r><w:t>Locked words</w:t>'
          '</w:r></w:sdtContent></w:sdt>')


def test_typing_in_a_locked_content_control_is_refused_with_a_message(qtbot, editing):
    window, open_body = editing
    open_body(p(r("Open text. "), LOCKED, r(" More.")))
    before = body_xml(window)
    click_after(qtbot, window, "Locked")
    type_keys(qtbot, window, "x")
    press(qtbot, window, KEY.Key_Backspace)
    assert body_xml(window) == before and window.undo_stack.count() == 0
    assert "locked" in window.statusBar().currentMessage()


def test_typing_on_a_picture_goes_before_it(qtbot, editing):
    window, open_body = editing
    open_body(p(r("Look "), "<w:r><w:drawing/></w:r>", r(" here.")))
    click_after(qtbot, window, "[ima")
    type_keys(qtbot, window, "x")
    assert "Look x[image] here." in view_text(window)


def test_edits_in_a_read_only_review_are_made_and_saved_under_a_new_name(qtbot, window, draft, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from redliner.ui import dialogs

    from .test_locking import asking, held_by_word

    held_by_word(draft)
    original = draft.read_bytes()
    asking(monkeypatch, True)
    window.settings.preferences.marker_answer = "no"
    window.settings.preferences.reviewer_name = ME
    open_and_wait(qtbot, window, draft)
    assert window.locks.read_only
    press(qtbot, window, KEY.Key_E, CTRL)
    click_after(qtbot, window, "Purpose")
    type_keys(qtbot, window, " today")
    assert mine(window)
    target = draft.with_name("edited.docx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    monkeypatch.setattr(dialogs, "show_error", lambda *args: None)
    press(qtbot, window, KEY.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert draft.read_bytes() == original
    assert [c.inserted for c in ReviewDocument.open(target).changes if c.author == ME] == [" today"]


def block_texts(window) -> list[str]:
    document = window.view.document()
    return [document.findBlockByNumber(n).text() for n in range(document.blockCount())]


def test_enter_in_a_numbered_list_numbers_the_new_item_and_those_after_it(qtbot, window, draft):
    window.settings.preferences.reviewer_name = ME
    window.settings.preferences.marker_answer = "no"
    open_and_wait(qtbot, window, draft)
    press(qtbot, window, KEY.Key_E, CTRL)
    before = block_texts(window)
    item = next(t for t in before if "field training" in t)
    following = before[before.index(item) + 1]
    assert item.startswith("1.\t") and following.startswith("2.\t")
    click_after(qtbot, window, "field training.")
    press(qtbot, window, KEY.Key_Return)
    caret = window.view.textCursor()
    assert caret.block().text().startswith("2.\t") and caret.positionInBlock() == 3  # after its new number
    type_keys(qtbot, window, "New")
    after = block_texts(window)
    at = next(n for n, text in enumerate(after) if text.startswith(item))
    assert after[at] == item + "¶"  # the inserted paragraph mark, shown as a change
    assert after[at + 1] == "2.\tNew" and after[at + 2] == "3." + following[2:]
    assert len(after) == len(before) + 1
    press(qtbot, window, KEY.Key_Z, CTRL)
    press(qtbot, window, KEY.Key_Z, CTRL)
    assert block_texts(window) == before


def test_typing_in_a_heading_and_in_a_table_cell(qtbot, editing, tmp_path):
    window, open_body = editing
    heading = p(r("Purpose"), ppr='<w:pStyle w:val="Heading1"/>')
    table = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Issued</w:t></w:r></w:p></w:tc>"
             "<w:tc><w:p><w:r><w:t>Annually</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    open_body(heading + table + p(r("End.")))
    click_after(qtbot, window, "Purpose")
    type_keys(qtbot, window, " and scope")
    click_after(qtbot, window, "Annually")
    type_keys(qtbot, window, " or sooner")
    assert sorted(c.inserted for c in mine(window)) == [" and scope", " or sooner"]
    assert accepted_text(window.review, tmp_path, "a.docx").split("\n")[:3] == [
        "Purpose and scope", "Issued", "Annually or sooner"]
    assert "Annually or sooner" in view_text(window) and "Purpose and scope" in view_text(window)


def test_undoing_the_current_changes_typing_at_the_pause_leaves_the_list_and_caret_in_place(qtbot, editing):
    """The change the caret was on goes away at the pause (its rows are taken out): the list must not chase
    its neighbours' rows (it used to select row after row until Python's recursion limit) nor move the caret."""
    window, open_body = editing
    others = "".join(p(r(f"Line {n} "), ins(r(f"added {n}. "), author="Alex"), r("end.")) for n in range(8))
    open_body(others + p(r("The plan is good.")) + others)
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, "Y")
    assert window.current == mine(window)[0].id
    press(qtbot, window, KEY.Key_Return)
    press(qtbot, window, KEY.Key_Z, CTRL)
    press(qtbot, window, KEY.Key_Z, CTRL)
    assert mine(window) == []
    assert window.changes.model.rowCount() == 16
    assert window.view.textCursor().position() == window.view.document().find("The plan").selectionEnd()
    assert "The planY" not in view_text(window) and "The plan is good." in view_text(window)
    current = window.changes.current_id()
    assert current is None or current == window.current


def paragraph_texts(rendered) -> list[str]:
    return [rendered.document.findBlockByNumber(n).text() for n in rendered.paragraph_blocks()]


def test_enter_at_the_top_of_a_long_list_renumbers_in_steps_that_let_keys_through(qtbot, window, tmp_path):
    """Hundreds of items after the new one need new numbers: those on screen get them at the pause, the rest
    in short steps, between which the typist's keys are handled; in the end the text is what a fresh render
    shows, and undo brings back the numbers as they were."""
    from benchmarks.generate import generate
    from redliner.ui.render import render

    draft = generate(tmp_path / "long.docx", 60, "italic").path
    window.settings.preferences.reviewer_name = ME
    window.settings.preferences.marker_answer = "no"
    open_and_wait(qtbot, window, draft)
    press(qtbot, window, KEY.Key_E, CTRL)
    before = block_texts(window)
    first_item = next(t for t in before if t.startswith("1.\t"))
    click_after(qtbot, window, first_item.split("\t", 1)[1][:30])
    qtbot.keyClick(window.view, KEY.Key_End)
    qtbot.keyClick(window.view, KEY.Key_Return)
    window.view.settle()  # what the settle timer does at the pause
    renumbering = window.view.renumbering
    assert renumbering.pending > 0  # the rest waits for the next steps
    shown = window.view.cursorForPosition(window.view.viewport().rect().center()).block()
    at = window.view.rendered.paragraph_blocks().index(shown.blockNumber())
    assert shown.text() == paragraph_texts(render(window.review, ViewMode.MARKUP))[at]  # on screen: done
    qtbot.keyClicks(window.view, "Z")  # a key between the steps is handled like any other
    assert any(c.inserted == "Z" for c in mine(window))
    layout = window.view.rendered._layout
    last = layout.blocks[renumbering._queue[-1][0]]  # the last item waiting for its number
    at = window.view.rendered.paragraph_blocks().index(last.blockNumber())
    renumbered = paragraph_texts(render(window.review, ViewMode.MARKUP))[at]
    assert last.text() != renumbered
    top = window.view.document().documentLayout().blockBoundingRect(last).top()
    window.view.verticalScrollBar().setValue(int(top))  # the reader drags the scroll bar there: it goes first
    waiting = renumbering.pending
    renumbering.step()
    assert 0 < renumbering.pending < waiting and last.text() == renumbered
    qtbot.waitUntil(lambda: renumbering.pending == 0, timeout=20000)
    qtbot.wait(PAUSE)
    assert paragraph_texts(window.view.rendered) == paragraph_texts(render(window.review, ViewMode.MARKUP))
    press(qtbot, window, KEY.Key_Z, CTRL)
    press(qtbot, window, KEY.Key_Z, CTRL)
    qtbot.waitUntil(lambda: renumbering.pending == 0, timeout=20000)
    assert block_texts(window) == before


def test_the_change_being_typed_is_shaded_and_described_when_the_typist_pauses(qtbot, editing):
    """On the key only the text is redrawn (the shading and the detail pane cost a keystroke's budget);
    at the pause the current change is shaded over all its text and the detail pane describes it."""
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    click_after(qtbot, window, "The plan")
    qtbot.wait(PAUSE)
    for character in " really":
        qtbot.keyClicks(window.view, character)
    shaded_on_the_key = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.view.extraSelections()]
    qtbot.wait(PAUSE)
    typed = mine(window)[0]
    assert window.current == typed.id
    span = window.view.rendered.spans[typed.id]
    shaded = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.view.extraSelections()]
    assert shaded == [span] and shaded != shaded_on_the_key
    assert "really" in window.detail.toPlainText()


def test_the_row_of_the_change_being_typed_is_repainted_when_the_typist_pauses(qtbot, editing):
    """A keystroke that rewrites a listed change (one's own insertion growing) leaves the list alone: repainting
    a row reads all its columns through Python. At the pause the row shows the change as typed."""
    window, open_body = editing
    open_body(p(r("The plan is good.")))
    click_after(qtbot, window, "The plan")
    type_keys(qtbot, window, " re")
    table = window.changes.table
    row = next(i for i in range(table.model().rowCount()) if "re" in table.model().index(i, TEXT).data())
    spy = PaintSpy(table.viewport())
    for character in "ally":
        qtbot.keyClicks(window.view, character)
        qtbot.wait(SETTLE_MS // 4)  # shorter than the pause: the typist goes on
    assert spy.regions == []
    assert table.model().index(row, TEXT).data().endswith("really")  # the row reads the change as it is now
    qtbot.wait(PAUSE)
    assert any(region.intersects(table.visualRect(table.model().index(row, TEXT))) for region in spy.regions)
