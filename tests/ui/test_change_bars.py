"""Bars in the document view's margin mark paragraphs with pending formatting, property or paragraph-mark changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from redliner.core import Decision
from tests.docx_factory import ins, make_docx, p, r

from .conftest import open_and_wait

MARK = 'w:id="9" w:author="Alex" w:date="2024-01-01T00:00:00Z"'
BODY = (p(r("Centred now"), ppr=f'<w:jc w:val="center"/><w:pPrChange {MARK}><w:pPr/></w:pPrChange>')
        + p(ins(r("only inserted text here"), rid=2))
        + p('<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Bea" w:date="2024-01-01T00:00:00Z"><w:rPr/>'
            '</w:rPrChange></w:rPr><w:t>Bold now</w:t></w:r>'))


def test_bars_mark_format_and_property_changes_until_decided(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, make_docx(tmp_path, BODY))
    window.resize(900, 600)
    qtbot.wait(10)
    bars = window.view.change_bars.bars()
    assert len(bars) == 2  # the centred paragraph and the bold one; the inserted text needs no bar
    colours = window.view.rendered.colours
    assert {colour.name() for _, colour in bars} == {QColor(colours["Alex"]).name(), QColor(colours["Bea"]).name()}
    first, second = sorted(bars, key=lambda bar: bar[0].top())
    assert first[0].top() < second[0].top() and first[0].height() > 0
    property_change = next(c for c in window.review.changes if c.kind.value == "property")
    window.decide([property_change.id], Decision.ACCEPT)
    assert [colour.name() for _, colour in window.view.change_bars.bars()] == [QColor(colours["Bea"]).name()]
    window.undo_stack.undo()
    assert len(window.view.change_bars.bars()) == 2


def test_bars_follow_the_view_when_it_scrolls(qtbot, window, tmp_path):
    filler = "".join(p(r(f"Plain paragraph {n}.")) for n in range(120))
    body = filler + p(r("Centred now"), ppr=f'<w:jc w:val="center"/><w:pPrChange {MARK}><w:pPr/></w:pPrChange>')
    open_and_wait(qtbot, window, make_docx(tmp_path, body + filler))
    window.resize(900, 400)
    qtbot.wait(10)
    bar = window.view.verticalScrollBar()
    bar.setValue(0)
    assert window.view.change_bars.bars() == []  # the changed paragraph is far below
    window.view.show_change(window.review.changes[0].id)  # scrolls to it
    assert bar.value() > 0
    bars = window.view.change_bars.bars()
    assert len(bars) == 1 and 0 <= bars[0][0].top() < window.view.viewport().height()
    bar.setValue(0)
    assert window.view.change_bars.bars() == []


def test_a_draft_without_barred_changes_never_asks_where_the_view_is(qtbot, window, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, make_docx(tmp_path, p(ins(r("only inserted text"), rid=2))))
    asked = []
    monkeypatch.setattr(type(window.view), "cursorForPosition", lambda view, point: asked.append(point))
    assert window.view.change_bars.bars() == [] and asked == []


def _as_if_found_anew(view, bars) -> bool:
    """The bars kept up to date edit by edit are those a fresh look at the whole review finds."""
    view.change_bars._by_block = None
    fresh = view.change_bars.bars()
    return sorted((b.top(), c.name()) for b, c in bars) == sorted((b.top(), c.name()) for b, c in fresh)


def _bar_beside(window, text: str, bars) -> bool:
    view = window.view
    block = view.document().find(text).block()
    rect = view.document().documentLayout().blockBoundingRect(block)
    top = rect.top() - view.verticalScrollBar().value()
    return any(abs(bar.top() - top) < 0.5 and abs(bar.height() - rect.height()) < 0.5 for bar, _ in bars)


def _edit_mode_on(qtbot, window, tmp_path, body):
    open_and_wait(qtbot, window, make_docx(tmp_path, body))
    window.resize(900, 600)
    window.action_set.edit_mode.trigger()
    return window.view


def _press_after(qtbot, view, text: str, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """The caret after `text`, then a key, with pauses longer than the view's timers."""
    cursor = view.textCursor()
    cursor.setPosition(view.document().find(text).selectionEnd())
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.wait(300)
    qtbot.keyClick(view, key, modifiers)
    qtbot.wait(300)


def test_bars_stay_beside_their_paragraphs_when_enter_adds_one_above_and_undo_takes_it_out(qtbot, window,
                                                                                          tmp_path):
    """Blocks are known by keys that survive a block added above them: the bold paragraph's bar must move
    down with it after Enter, and back after undo."""
    view = _edit_mode_on(qtbot, window, tmp_path, BODY)
    _press_after(qtbot, view, "only inserted", Qt.Key.Key_Return)
    bars = view.change_bars.bars()
    assert len(bars) == 3  # the new paragraph mark's bar too
    assert _bar_beside(window, "Bold now", bars) and _bar_beside(window, "Centred now", bars)
    assert _as_if_found_anew(view, bars)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    bars = view.change_bars.bars()
    assert len(bars) == 2 and _bar_beside(window, "Bold now", bars)
    assert _as_if_found_anew(view, bars)


def test_a_format_change_split_off_by_enter_has_its_bar_beside_its_new_paragraph(qtbot, window, tmp_path):
    body = p(r("Start text "), '<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Bea" '
             'w:date="2024-01-01T00:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t>Bold part</w:t></w:r>', r(" end."))
    view = _edit_mode_on(qtbot, window, tmp_path, body)
    assert len(view.change_bars.bars()) == 1
    _press_after(qtbot, view, "Start text", Qt.Key.Key_Return)
    bars = view.change_bars.bars()
    bea = QColor(view.rendered.colours["Bea"]).name()
    assert len(bars) == 2  # the new paragraph mark's, and Bea's beside the paragraph her bold text went to
    assert _bar_beside(window, "Bold part", [(rect, c) for rect, c in bars if c.name() == bea])
    assert not _bar_beside(window, "Start text", [(rect, c) for rect, c in bars if c.name() == bea])
    assert _as_if_found_anew(view, bars)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    bars = view.change_bars.bars()
    assert len(bars) == 1 and _bar_beside(window, "Bold part", bars) and _as_if_found_anew(view, bars)
