"""Where a change is: paragraph index within its part and the nearest heading before it."""

from __future__ import annotations

from bisect import bisect_right

from redliner.core.oxml.ns import W_NS
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.walk import Reader
from redliner.core.oxml.wordml import W_P, W_TBL, W_TC, W_TR, W_VAL, enclosing, inserted_text
from redliner.core.review.model import Location

_STYLE, _OUTLINE, _PPR = f"{{{W_NS}}}pStyle", f"{{{W_NS}}}outlineLvl", f"{{{W_NS}}}pPr"


class ParagraphIndex:
    """Paragraph numbers of a part and its headings, counted during the part's walk, looked up in O(1).

    Only the paragraphs someone asks for are kept (those holding changes, and the headings): keeping a proxy
    for every paragraph of a 500-page part costs more than counting them. The readers that find changes
    note() their paragraphs as the walk goes; a paragraph asked for later, that no one noted, makes the
    index number every paragraph in one more walk.
    """

    def __init__(self, root, styles: StyleSheet, part: str, part_name: str, reader=None):
        self.part, self.part_name = part, part_name
        self.styles = styles  # for naming styles in what changes say (propdiff.py)
        self.count = 0  # paragraphs seen so far; all of them once the walk is over
        self._root = root
        self._numbers: dict[object, int] = {}
        self._wanted: set = set()  # noted before the walk reached them (a row's first paragraph, say)
        self._last = None  # the paragraph the walk is in (or last passed)
        self._complete = False
        self._heading_styles = {sid for sid in styles.names if styles.heading_level(sid) is not None}
        self._levels: dict = {}  # heading candidates -> their direct outline level (0 when none)
        self._reader = reader  # a quicktext.QuickText of the part, for heading texts
        self._heading_at: list[int] = []
        self._heading_text: list[str] = []

    def readers(self) -> Reader:
        return {W_P: self._paragraph, _STYLE: self._style, _OUTLINE: self._outline}

    def _paragraph(self, paragraph) -> None:
        if self._wanted and paragraph in self._wanted:
            self._numbers[paragraph] = self.count
        self._last = paragraph
        self.count += 1

    def note(self, paragraph) -> None:
        """Keep this paragraph's number (called during the walk, once the walk has entered it or before)."""
        if paragraph is self._last and paragraph is not None:
            self._numbers[paragraph] = self.count - 1
        elif paragraph is not None and paragraph not in self._numbers:
            self._wanted.add(paragraph)

    def _style(self, prop) -> None:
        if prop.get(W_VAL) in self._heading_styles:  # most paragraphs: decided without touching their parents
            paragraph = _paragraph_of_property(prop)
            if paragraph is not None:
                self.note(paragraph)
                self._levels.setdefault(paragraph, 0)

    def _outline(self, prop) -> None:  # a direct outline level overrides the style's
        paragraph = _paragraph_of_property(prop)
        if paragraph is not None:
            self.note(paragraph)
            value = prop.get(W_VAL, "9")
            self._levels[paragraph] = int(value) if value.isdigit() else 9

    def finish(self) -> ParagraphIndex:
        """Headings: paragraphs with a heading style or a direct outline level below 9, in document order."""
        text = self._reader.inserted if self._reader else inserted_text
        for paragraph, level in self._levels.items():
            number = self.number(paragraph)
            if level < 9 and number is not None:
                self._heading_at.append(number)
                self._heading_text.append(" ".join(text(paragraph).split()))
        self._levels, self._last, self._wanted = {}, None, set()
        return self

    def number(self, paragraph) -> int | None:
        """The paragraph's number in the part (None when it is not in the part)."""
        number = self._numbers.get(paragraph)
        if number is None and paragraph is not None and not self._complete:
            self._number_every_paragraph()
            number = self._numbers.get(paragraph)
        return number

    def _number_every_paragraph(self) -> None:
        self._numbers = {p: number for number, p in enumerate(self._root.iter(W_P))}
        self.count = len(self._numbers)
        self._complete = True

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
        number = self.number_at(element, paragraph)
        position = bisect_right(self._heading_at, number)  # heading_for(), inline: this runs once per change
        return Location(self.part, self.part_name, number, self._heading_text[position - 1] if position else "")

    def number_at(self, element, paragraph=None) -> int:
        """The paragraph number a change at `element` (in `paragraph`, when known) is listed at."""
        number = self._numbers.get(paragraph) if paragraph is not None else None
        if number is not None:
            return number
        if paragraph is None:
            paragraph = self.paragraph_of(element)
        number = self.number(paragraph) if paragraph is not None else self.count - 1  # after the last paragraph
        return max(number or 0, 0)


def _paragraph_of_property(prop):
    """The w:p whose own w:pPr holds prop (None for the old properties kept in a w:pPrChange, say)."""
    properties = prop.getparent()
    paragraph = properties.getparent() if properties is not None and properties.tag == _PPR else None
    return paragraph if paragraph is not None and paragraph.tag == W_P else None
