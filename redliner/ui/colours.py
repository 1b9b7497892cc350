"""A colour per author: told apart by people with the common colour-vision deficiencies, and stable.

The palette is Okabe and Ito's ("Color Universal Design", 2002) without its black (the text's own colour) and
yellow (unreadable on white): its colours stay apart under protanopia, deuteranopia and tritanopia. An
author's colour is picked by a hash of the name (crc32: the same in every session and on every machine);
within one review, an author whose colour another author already has takes the next free one, so that up to
len(PALETTE) authors never share a colour.
"""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor

# Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue (the last two light on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def author_colour(author: str, overrides: dict[str, str] | None = None) -> QColor:
    """The colour chosen in settings, else the palette's colour for the name's hash."""
    chosen = _chosen(author, overrides)
    return chosen if chosen is not None else QColor(PALETTE[_slot(author)])


def author_colours(authors, overrides: dict[str, str] | None = None) -> dict[str, QColor]:
    """One colour per author of a review: chosen ones as set, the others distinct while the palette lasts."""
    authors = sorted(set(authors))  # the same set of authors gets the same colours, whatever their order
    colours = {a: c for a in authors if (c := _chosen(a, overrides)) is not None}
    taken = {c.name().upper() for c in colours.values()}
    for author in (a for a in authors if a not in colours):
        free = [n for n in range(len(PALETTE)) if PALETTE[n] not in taken]
        slot = _slot(author)
        if free:  # the hashed slot, else the first free one after it
            slot = min(free, key=lambda n: (n - slot) % len(PALETTE))
        colours[author] = QColor(PALETTE[slot])
        taken.add(PALETTE[slot])
    return colours


def add_author(colours: dict[str, QColor], author: str, overrides: dict[str, str] | None = None) -> QColor:
    """A colour for an author who joins a review (the reviewer's first edit), not taken from those shown
    already: their colours stay as drawn."""
    if author in colours:
        return colours[author]
    chosen = _chosen(author, overrides)
    if chosen is None:
        taken = {c.name().upper() for c in colours.values()}
        free = [n for n in range(len(PALETTE)) if PALETTE[n] not in taken]
        slot = _slot(author)
        if free:
            slot = min(free, key=lambda n: (n - slot) % len(PALETTE))
        chosen = QColor(PALETTE[slot])
    colours[author] = chosen
    return chosen


def _chosen(author: str, overrides: dict[str, str] | None) -> QColor | None:
    chosen = (overrides or {}).get(author)
    return QColor(chosen) if chosen and QColor.isValidColorName(chosen) else None


def _slot(author: str) -> int:
    return zlib.crc32(author.encode("utf-8")) % len(PALETTE)
