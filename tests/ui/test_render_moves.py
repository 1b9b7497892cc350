"""Moved text looks unlike inserted and deleted text (Word draws moves with double lines): its lines are dashed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCharFormat

from redliner.core import ReviewDocument
from redliner.ui.render import ViewMode, render
from tests.docx_factory import dele, dr, ins, make_docx, moved_paragraph, p, r

from .test_render import char_format

ALEX = QColor("#aa0000")
Underline = QTextCharFormat.UnderlineStyle


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def lines(fmt: QTextCharFormat) -> tuple:
    return fmt.underlineStyle(), fmt.fontStrikeOut(), fmt.foreground().color().name()


def test_moved_text_has_dashed_lines_where_inserted_and_deleted_text_has_solid_ones(tmp_path):
    body = moved_paragraph() + p(ins(r("new"), rid=7), r(" "), dele(dr("old"), rid=8))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP, {"Alex": ALEX})
    move, inserted, deleted = review.changes
    (moved_from, _), (moved_to, _) = rendered.spans.stretches(move.id)
    shown = {name: lines(char_format(rendered, position)) for name, position in (
        ("moved from", moved_from), ("moved to", moved_to), ("inserted", rendered.spans[inserted.id][0]),
        ("deleted", rendered.spans[deleted.id][0]))}
    colour = ALEX.name()  # the author's colour, as for every change: the lines tell a move apart
    assert shown == {"moved from": (Underline.DashUnderline, True, colour),
                     "moved to": (Underline.DashUnderline, False, colour),
                     "inserted": (Underline.SingleUnderline, False, colour),
                     "deleted": (Underline.NoUnderline, True, colour)}
    assert char_format(rendered, moved_to).underlineColor() == ALEX
