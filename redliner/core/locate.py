"""Where a change is: paragraph index within its part and the nearest heading before it."""

from __future__ import annotations

from .model import Location
from .ns import w
from .styles import StyleSheet
from .wordml import W_P, W_PPR, W_TBL, W_TC, W_TR, W_VAL, enclosing, inserted_text

_STYLE_TAG = w("pStyle")
_OUTLINE_TAG = w("outlineLvl")


class ParagraphIndex:
    """One pass over a part's paragraphs: index and heading of each, looked up in O(1)."""

    def __init__(self, root, styles: StyleSheet, part: str, part_name: str):
        self.part, self.part_name = part, part_name
        self.index: dict[object, int] = {}
        self.headings: list[str] = []
        heading = ""
        for number, paragraph in enumerate(root.iter(W_P)):
            if _is_heading(paragraph, styles):
                heading = " ".join(inserted_text(paragraph).split())
            self.index[paragraph] = number
            self.headings.append(heading)

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

    def locate(self, element) -> Location:
        paragraph = self.paragraph_of(element)
        number = self.index.get(paragraph, len(self.headings) - 1 if paragraph is None else 0)
        heading = self.headings[number] if 0 <= number < len(self.headings) else ""
        return Location(self.part, self.part_name, max(number, 0), heading)


def _is_heading(paragraph, styles: StyleSheet) -> bool:
    properties = paragraph[0] if len(paragraph) and paragraph[0].tag == W_PPR else None
    if properties is None:
        return False
    outline = properties.find(_OUTLINE_TAG)
    if outline is not None:
        return outline.get(W_VAL, "9") < "9"
    style = properties.find(_STYLE_TAG)
    return style is not None and styles.heading_level(style.get(W_VAL, "")) is not None
