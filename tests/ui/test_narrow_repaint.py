"""The view repaints only what an edit moved (ui/narrow_repaint.py), and what is on screen after each edit is
what a full repaint draws: typed keys, a line that wraps, a deleted word, Enter, a join, a paste, undo and redo,
a decision. The text below an edit that changed its height is moved, not painted again."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from redliner.ui import narrow_repaint
from redliner.ui.document_view import SETTLE_MS
from redliner.ui.docwriter import CHUNK
from tests.docx_factory import ins, p, r
from tests.ui.conftest import PaintSpy
from tests.ui.test_editing import CTRL, KEY, PAUSE, SHIFT, click_after, press, type_keys

LONG = ("Officers shall document every community contact in the daily activity log before the end of the shift "
        "and shall note the location and the outcome of each contact in plain words")
# Past the view's first CHUNK paragraphs, inside one of its chunk frames, where Qt asks for a repaint of everything.
FILLER = "".join(p(r(f"Section {n} of the general orders applies.")) for n in range(CHUNK + 6))
BODY = (FILLER + p(r("Purpose of this procedure.")) + p(r(LONG)) + p(r("Supervisors review the log weekly."))
        + p(r("Training is given "), ins(r("twice"), author="Alex Rivera"), r(" a year.")) + FILLER)


@pytest.fixture
def steady_caret():
    """No blinking caret: two looks at the screen a moment apart see the same pixels."""
    flash = QApplication.cursorFlashTime()
    QApplication.setCursorFlashTime(0)
    yield
    QApplication.setCursorFlashTime(flash)


def on_screen(window):
    """The view's pixels as the screen has them: the offscreen platform's backing store, not a fresh paint."""
    viewport = window.view.viewport()
    corner = viewport.mapTo(window, viewport.rect().topLeft())
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(window.winId(), corner.x(), corner.y(), viewport.width(), viewport.height()).toImage()


def scroll_to(qtbot, window, text: str) -> None:
    """Bring `text` into the middle of the view, as a reader scrolls there."""
    view = window.view
    found = view.document().find(text)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.cursorRect(found).top() - view.viewport().height() // 2)
    qtbot.wait(PAUSE)


def assert_screen_is_fresh(qtbot, window, what: str) -> None:
    shown = on_screen(window)
    window.view.viewport().repaint()
    qtbot.wait(10)
    assert shown == on_screen(window), f"stale pixels left on screen after {what}"


def open_at(qtbot, editing, text: str):
    """The draft open in Edit mode in a 700 x 500 window, scrolled to `text`, the caret after it."""
    window, open_body = editing
    open_body(BODY)
    window.resize(700, 500)
    qtbot.wait(PAUSE)
    scroll_to(qtbot, window, text)
    click_after(qtbot, window, text)
    return window


def test_what_each_edit_leaves_on_screen_is_what_a_full_repaint_draws(qtbot, editing, steady_caret):
    window = open_at(qtbot, editing, "daily activity")
    assert window.view.narrow_repaint.active
    type_keys(qtbot, window, "X")
    assert_screen_is_fresh(qtbot, window, "a typed key")
    type_keys(qtbot, window, " and in the station's records system as well")  # the paragraph wraps once more
    assert_screen_is_fresh(qtbot, window, "typing that wrapped a line")
    press(qtbot, window, KEY.Key_Backspace, CTRL)
    assert_screen_is_fresh(qtbot, window, "Ctrl+Backspace")
    press(qtbot, window, KEY.Key_Return)
    assert_screen_is_fresh(qtbot, window, "Enter")
    press(qtbot, window, KEY.Key_Backspace)
    assert_screen_is_fresh(qtbot, window, "a join")
    QApplication.clipboard().setText("Two lines\npasted here")
    press(qtbot, window, KEY.Key_V, CTRL)
    assert_screen_is_fresh(qtbot, window, "a paste of two lines")
    click_after(qtbot, window, "Supervisors")  # below the edits: undo moves the text around the caret
    for _ in range(5):
        press(qtbot, window, KEY.Key_Z, CTRL)
        assert_screen_is_fresh(qtbot, window, "undo")
    for _ in range(2):
        press(qtbot, window, KEY.Key_Y, CTRL)
        assert_screen_is_fresh(qtbot, window, "redo")
    click_after(qtbot, window, "twice")
    press(qtbot, window, KEY.Key_A, CTRL | SHIFT)  # Accept
    assert_screen_is_fresh(qtbot, window, "accepting a change")


def test_a_key_typed_in_a_paragraph_repaints_that_paragraph_not_the_view(qtbot, editing):
    window = open_at(qtbot, editing, "weekly")
    view = window.view
    top = view.cursorRect().top()
    bottom = view.viewport().height()
    spy = PaintSpy(view.viewport())
    qtbot.keyClick(view, KEY.Key_X)
    qtbot.wait(SETTLE_MS // 3)  # the key's own paint; the current change is shaded at the pause
    assert spy.regions, "the typed key was not painted"
    assert all(region.top() >= top - 2 and region.bottom() < top + 40 for region in spy.regions)  # a line or two
    qtbot.wait(PAUSE)
    spy.regions.clear()
    qtbot.keyClick(view, KEY.Key_Return)  # the text below is moved down, not painted again
    qtbot.wait(SETTLE_MS // 3)
    assert spy.regions
    assert all(region.top() >= top - 2 and region.bottom() < top + 60 for region in spy.regions)
    assert bottom > top + 200  # there was text below to move


def test_where_qt_is_wired_otherwise_the_view_keeps_qts_own_repaints(qtbot, editing, steady_caret, monkeypatch):
    """A Qt whose text edit has no such private control (another version): nothing is taken over, edits show
    as Qt paints them (from the edit's frame to the bottom of the window, at each key)."""
    monkeypatch.setattr(narrow_repaint, "TEXT_CONTROL", "NoSuchControl")
    window = open_at(qtbot, editing, "weekly")
    assert not window.view.narrow_repaint.active
    spy = PaintSpy(window.view.viewport())
    qtbot.keyClick(window.view, KEY.Key_X)
    qtbot.wait(SETTLE_MS // 3)
    bottom = window.view.viewport().height() - 1
    assert any(region.bottom() >= bottom and region.height() > 100 for region in spy.regions)  # Qt's own
    press(qtbot, window, KEY.Key_Return)
    assert_screen_is_fresh(qtbot, window, "typing and Enter")
    assert "weeklyx" in window.view.document().toPlainText().replace("\u2029", "\n")
