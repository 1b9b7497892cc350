"""Where a change is: paragraph index within its part and the nearest heading before it."""

from __future__ import annotations

from bisect import bisect_right

from .model import Location
from .ns import W_NS
from .styles import StyleSheet
from .walk import Reader, walk
from .wordml import W_P, W_TBL, W_TC, W_TR, W_VAL, enclosing, inserted_text

_STYLE, _OUTLINE, _PPR = f"{{{W_NS}}}pStyle", f"{{{W_NS}}}outlineLvl", f"{{{W_NS}}}pPr"


class ParagraphIndex:
    """Number of every paragraph of a part and its headings, filled by the part's walk, looked up in O(1)."""

    def __init__(self, styles: StyleSheet, part: str, part_name: str, reader=None):
        self.part, self.part_name = part, part_name
        self.index: dict[object, int] = {}
        self._heading_styles = {sid for sid in styles.names if styles.heading_level(sid) is not None}
        self._levels: dict = {}  # heading candidates -> their direct outline level (0 when none)
        self._reader = reader  # a quicktext.QuickText of the part, for heading texts
        self._heading_at: list[int] = []
        self._heading_text: list[str] = []

    @classmethod
    def of(cls, root, styles: StyleSheet, part: str, part_name: str) -> ParagraphIndex:
        """The index of a part, walking it just for this."""
        index = cls(styles, part, part_name)
        walk(root, index.readers())
        return index.finish()

    def readers(self) -> Reader:
        return {W_P: self._paragraph, _STYLE: self._style, _OUTLINE: self._outline}

    def _paragraph(self, paragraph) -> None:
        self.index[paragraph] = len(self.index)

    def _style(self, prop) -> None:
        if prop.get(W_VAL) in self._heading_styles:  # most paragraphs: decided without touching their parents
            paragraph = _paragraph_of_property(prop)
            if paragraph is not None:
                self._levels.setdefault(paragraph, 0)

    def _outline(self, prop) -> None:  # a direct outline level overrides the style's
        paragraph = _paragraph_of_property(prop)
        if paragraph is not None:
            value = prop.get(W_VAL, "9")
            self._levels[paragraph] = int(value) if value.isdigit() else 9

    def finish(self) -> ParagraphIndex:
        """Headings: paragraphs with a heading style or a direct outline level below 9, in document order."""
        text = self._reader.inserted if self._reader else inserted_text
        for paragraph, level in self._levels.items():
            number = self.index.get(paragraph)
            if level < 9 and number is not None:
                self._heading_at.append(number)
                self._heading_text.append(" ".join(text(paragraph).split()))
        self._levels = {}
        return self

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


def _paragraph_of_property(prop):
    """The w:p whose own w:pPr holds prop (None for the old properties kept in a w:pPrChange, say)."""
    properties = prop.getparent()
    paragraph = properties.getparent() if properties is not None and properties.tag == _PPR else None
    return paragraph if paragraph is not None and paragraph.tag == W_P else None
