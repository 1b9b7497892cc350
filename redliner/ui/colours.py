"""A stable colour per author: the same name gets the same colour in every session and on every machine."""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor

# Distinguishable on white, dark enough for text (Okabe-Ito-like, plus a few).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56127A", "#B8002E", "#006D77",
           "#7A5195", "#3F6E00")


def author_colour(author: str, overrides: dict[str, str] | None = None) -> QColor:
    """The colour chosen in settings, else one picked by a hash of the name (crc32: stable across runs)."""
    chosen = (overrides or {}).get(author)
    if chosen and QColor.isValidColorName(chosen):
        return QColor(chosen)
    return QColor(PALETTE[zlib.crc32(author.encode("utf-8")) % len(PALETTE)])


def author_colours(authors, overrides: dict[str, str] | None = None) -> dict[str, QColor]:
    return {author: author_colour(author, overrides) for author in authors}
