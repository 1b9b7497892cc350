"""Lists in a comparison: a paragraph made into a list item, taken out of a list, or moved to another level.

List ids (w:numId) are numbered afresh by every writer, so two files are compared by what a list looks like
instead: the number format and label pattern of the paragraph's level, and the level. When such a
difference is reported (as part of a w:pPrChange, see formatdiff.py), rejecting it must give the base's list
back in the draft's package, so the old properties name a list of the draft that looks like the base's.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.opc.package import Package
from redliner.core.oxml.ns import w
from redliner.core.oxml.numbering import LEVELS, ListNumbering
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_VAL

W_NUMPR, W_NUMID, W_ILVL = w("numPr"), w("numId"), w("ilvl")


@dataclass(frozen=True)
class ListPlace:
    """How a paragraph is listed: its level and what that level looks like."""

    level: int
    number_format: str  # decimal, upperLetter, bullet...
    label: str  # the level's pattern, as "%1." or "%1.%2"


class ListLooks:
    """The lists of one package, compared by their looks."""

    def __init__(self, numbering: ListNumbering):
        self.numbering = numbering

    @classmethod
    def of(cls, package: Package) -> ListLooks:
        main = package.main_document
        numbering = package.related(main, RT.NUMBERING)
        styles = package.related(main, RT.STYLES)
        sheet = StyleSheet.from_xml(package.xml(styles[0]) if styles else None)
        return cls(ListNumbering.from_xml(package.xml(numbering[0]) if numbering else None, sheet))

    def place(self, paragraph) -> ListPlace | None:
        found = self.numbering.numbering_of(paragraph)
        if found is None:
            return None
        num_id, level = found
        looks = self.numbering.level(num_id, level)
        return ListPlace(level, looks.format, looks.text) if looks is not None else None

    def list_like(self, place: ListPlace, prefer: str | None) -> str | None:
        """The numId of one of this package's lists whose level looks like `place` (`prefer` first)."""
        candidates = ([prefer] if prefer else []) + sorted(self.numbering.instances, key=_number)
        for num_id in candidates:
            looks = self.numbering.level(num_id, place.level)
            if looks is not None and (looks.format, looks.text) == (place.number_format, place.label):
                return num_id
        return None


def _number(num_id: str) -> int:
    return int(num_id) if num_id.isdigit() else 1 << 30


def old_numbering(base, draft, base_lists: ListLooks, draft_lists: ListLooks):
    """The w:numPr the old properties need so that rejecting gives the base's list back, or None (no
    numbering of its own: not listed, listed by its style, or no list of the draft looks like the base's)."""
    place = base_lists.place(base)
    base_props = base.find(w("pPr"))
    direct = base_props.find(W_NUMPR) if base_props is not None else None
    if place is None or direct is None:
        return None
    own = draft_lists.numbering.numbering_of(draft)
    num_id = draft_lists.list_like(place, own[0] if own else None)
    if num_id is None:
        return None
    numbering = copy.deepcopy(direct)
    for child in list(numbering):
        numbering.remove(child)
    numbering.append(numbering.makeelement(W_ILVL, {W_VAL: str(min(place.level, LEVELS - 1))}))
    numbering.append(numbering.makeelement(W_NUMID, {W_VAL: num_id}))
    return numbering
