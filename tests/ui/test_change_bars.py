"""Bars in the document view's margin mark paragraphs with pending formatting, property or paragraph-mark changes."""

from __future__ import annotations

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
