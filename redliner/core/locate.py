"""Where a change is: paragraph index within its part and the nearest heading before it."""

from __future__ import annotations

from bisect import bisect_right

from .model import Location
from .ns import W_NS
from .styles import StyleSheet
from .wordml import W_P, W_TBL, W_TC, W_TR, W_VAL, enclosing, inserted_text

_STYLE, _OUTLINE, _PPR = f"{{{W_NS}}}pStyle", f"{{{W_NS}}}outlineLvl", f"{{{W_NS}}}pPr"


class ParagraphIndex:
    """Index of every paragraph of a part and its headings, built in two C-speed passes, looked up in O(1)."""

    def __init__(self, root, styles: StyleSheet, part: str, part_name: str):
        self.part, self.part_name = part, part_name
        self.index: dict[object, int] = {p: number for number, p in enumerate(root.iter(W_P))}
        self._heading_at: list[int] = []
        self._heading_text: list[str] = []
        for paragraph in _heading_paragraphs(root, styles):
            number = self.index.get(paragraph)
            if number is not None:
                self._heading_at.append(number)
                self._heading_text.append(" ".join(inserted_text(paragraph).split()))

    def heading_for(self, number: int) -> str:
        """Text of the last heading at or before paragraph `number` ('' when none)."""
        position = bisect_right(self._heading_at, number)
        return self._heading_text[position - 1] if position else ""

    def paragraph_of(self, element):
        paragraph = enclosing(element, W_P)
        if paragraph is not None:
            return paragraph
        node = element
        for tag in (W_TC, W_TR, W_TBL):
            container = enclosing(element, tag)
            if container is not None:
                node = container
                break
        first = next(node.iter(W_P), None)
        if first is not None:
            return first
        following = node.getnext()
        while following is not None and following.tag != W_P:
            following = following.getnext()
        return following

    def locate(self, element, paragraph=None) -> Location:
        if paragraph is None:
            paragraph = self.paragraph_of(element)
        number = self.index.get(paragraph, len(self.index) - 1 if paragraph is None else 0)
        return Location(self.part, self.part_name, max(number, 0), self.heading_for(number))


def _heading_paragraphs(root, styles: StyleSheet) -> list:
    """Paragraphs that are headings by style or by a direct outline level (below 9), in document order."""
    heading_styles = {sid for sid in styles.names if styles.heading_level(sid) is not None}
    found: dict = {}  # paragraph -> its direct outline level (0 when it has none)
    for prop in root.iter(_STYLE, _OUTLINE):
        if prop.tag == _STYLE and prop.get(W_VAL) not in heading_styles:
            continue  # most paragraphs: decided without touching their parents
        properties = prop.getparent()
        paragraph = properties.getparent() if properties is not None and properties.tag == _PPR else None
        if paragraph is None or paragraph.tag != W_P:
            continue  # old properties inside a pPrChange, say
        level = found.setdefault(paragraph, 0)
        if prop.tag == _OUTLINE:
            value = prop.get(W_VAL, "9")
            found[paragraph] = int(value) if value.isdigit() else 9
        else:
            found[paragraph] = level
    return [paragraph for paragraph, level in found.items() if level < 9]
