"""A long body is written in frames of CHUNK paragraphs (docwriter.write_body), so that a keystroke lays out one
frame, not every block after it. The frames must change nothing a reader sees or does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from redliner.core import Decision, ReviewDocument
from redliner.ui.docwriter import CHUNK
from redliner.ui.render import ViewMode, refresh_paragraphs, render
from tests.docx_factory import dele, dr, ins, make_docx, p, r

from .conftest import open_and_wait

PARAGRAPHS = 2 * CHUNK + 20


def long_body() -> str:
    body = []
    for n in range(PARAGRAPHS):
        if n % 50 == 7:
            body.append(p(r(f"Paragraph {n} "), ins(r("added"), rid=2 * n), dele(dr(" gone"), rid=2 * n + 1)))
        else:
            body.append(p(r(f"Paragraph {n} text.")))
    return "".join(body)


def test_every_paragraph_has_its_block_and_the_blocks_between_frames_are_empty_and_low(qapp, tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, long_body()))
    rendered = render(review, ViewMode.MARKUP)
    document = rendered.document
    document.setTextWidth(600)
    layout = rendered._layout
    assert len(layout.paragraphs) == PARAGRAPHS
    shown = [document.findBlockByNumber(b).text() for b in rendered.paragraph_blocks()]
    assert shown[0] == "Paragraph 0 text." and shown[-1] == f"Paragraph {PARAGRAPHS - 1} text."
    fillers = [b for b in range(document.blockCount()) if b not in rendered.paragraph_blocks()]
    assert len(fillers) == 3  # before the second and third chunk, and after the last
    for block in fillers:
        text_block = document.findBlockByNumber(block)
        assert text_block.text() == ""
        assert document.documentLayout().blockBoundingRect(text_block).height() <= 3
    last = review.changes[-1]  # in the second chunk, inside a frame
    assert last.location.paragraph > CHUNK
    start, end = rendered.spans[last.id]
    assert document.toPlainText()[start:end] == "added gone"  # the replacement, found where it is drawn


def test_a_decision_far_down_is_shown_in_its_frame(qapp, tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, long_body()))
    rendered = render(review, ViewMode.MARKUP)
    last = review.changes[-1]
    review.decide([last], Decision.ACCEPT)
    assert refresh_paragraphs(rendered, review, [last])
    block = rendered._layout.blocks[rendered._layout.key_of[last.pieces[0].paragraph]]
    assert block.text() == f"Paragraph {last.location.paragraph} added"


def test_arrow_keys_pass_the_empty_blocks_between_frames(qtbot, window, tmp_path):
    path = make_docx(tmp_path, long_body(), name="long.docx")
    open_and_wait(qtbot, window, path)
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.document().find(f"Paragraph {CHUNK - 1} text").selectionStart())
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.textCursor().block().text() == f"Paragraph {CHUNK} text."
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.textCursor().block().text() == f"Paragraph {CHUNK - 1} text."


def test_typing_and_enter_in_a_later_frame(qtbot, window, tmp_path):
    window.settings.preferences.reviewer_name = "Rita"
    path = make_docx(tmp_path, long_body(), name="long.docx")
    open_and_wait(qtbot, window, path)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    target = f"Paragraph {CHUNK + 10} text."
    cursor = view.textCursor()
    cursor.setPosition(view.document().find(target).selectionStart() + len(f"Paragraph {CHUNK + 10}"))
    view.setTextCursor(cursor)
    for key in (Qt.Key.Key_X, Qt.Key.Key_Return):
        qtbot.keyClick(view, key)
        qtbot.wait(300)
    blocks = [view.document().findBlockByNumber(b).text() for b in view.rendered.paragraph_blocks()]
    at = blocks.index(f"Paragraph {CHUNK + 10}x¶")
    assert blocks[at + 1] == " text." and blocks[at + 2] == f"Paragraph {CHUNK + 11} text."
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(300)
    again = [view.document().findBlockByNumber(b).text() for b in view.rendered.paragraph_blocks()]
    assert again == [view.document().findBlockByNumber(b).text() for b in render(
        window.review, ViewMode.MARKUP).paragraph_blocks()] or len(again) == PARAGRAPHS
    assert target in again


def test_unchunked_render_puts_every_block_in_the_root_frame_without_fillers(qapp, tmp_path):
    """render(chunked=False), for a copy laid out once (the meeting copy): no frames, no empty blocks between."""
    review = ReviewDocument.open(make_docx(tmp_path, long_body()))
    rendered = render(review, ViewMode.MARKUP, chunked=False)
    document = rendered.document
    assert document.rootFrame().childFrames() == []
    assert document.blockCount() == len(rendered._layout.paragraphs) == PARAGRAPHS
    last = review.changes[-1]
    start, end = rendered.spans[last.id]
    assert document.toPlainText()[start:end] == "added gone"
