"""Comment anchors in one story part: where each range starts and ends, its text, and which changes it covers.

One filtered walk of the part (paragraphs, text nodes and comment marks, in document order) numbers what it
passes; a change covers a comment when the change's text lies in the comment's range, or (for a collapsed
anchor) when nothing visible lies between them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from redliner.core.comments.model import Anchor
from redliner.core.comments.names import W_ID, W_RANGE_END, W_RANGE_START, W_REFERENCE
from redliner.core.oxml.wordml import (
    MC_FALLBACK,
    W_BR,
    W_CR,
    W_DELTEXT,
    W_P,
    W_PPR,
    W_R,
    W_T,
    W_TAB,
    W_TABS,
    W_TC,
    W_TR,
    W_TYPE,
    enclosing,
)

TEXT_TAGS = (W_T, W_DELTEXT, W_TAB, W_BR, W_CR)
_MARKS = (W_RANGE_START, W_RANGE_END, W_REFERENCE)


@dataclass(eq=False, slots=True)
class Mark:
    position: int
    paragraph: int  # number of the paragraph holding it (the next one for a mark between paragraphs)


@dataclass(eq=False)
class StoryAnchors:
    part: str
    part_name: str
    positions: dict = field(default_factory=dict)  # text node or paragraph -> position in the walk
    text_positions: list[int] = field(default_factory=list)
    paragraph_positions: list[int] = field(default_factory=list)
    paragraph_numbers: dict = field(default_factory=dict)
    starts: dict[str, Mark] = field(default_factory=dict)
    ends: dict[str, Mark] = field(default_factory=dict)
    references: dict[str, Mark] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)

    def ids(self) -> set[str]:
        return set(self.starts) | set(self.ends) | set(self.references)

    def anchor(self, comment_id: str, warnings: list[str]) -> tuple[Anchor, int, int]:
        """The anchor of a comment this part marks, and its (start, end) positions."""
        start, end, reference = (self.starts.get(comment_id), self.ends.get(comment_id),
                                 self.references.get(comment_id))
        if start is not None and end is None:
            warnings.append(f"{self.part_name}: comment {comment_id}'s range has no end; anchored at its start")
            end = start
        if start is None and end is not None:
            warnings.append(f"{self.part_name}: comment {comment_id}'s range has no start; anchored at its end")
            start = end
        if start is None:
            start = end = reference
        text = "".join(self.texts.get(comment_id, [])) if end is not start else ""
        return (Anchor(self.part, self.part_name, start.paragraph, text, comment_id in self.starts),
                start.position, end.position)

    def span(self, elements: list) -> tuple[int, int] | None:
        """(first, last) position of the text of these elements (a change's pieces), or of the place they sit."""
        found = [self.positions[n] for e in elements for n in e.iter(*TEXT_TAGS) if n in self.positions]
        if found:
            return min(found), max(found)
        first = elements[0]
        if enclosing(first, W_PPR) is not None:  # a paragraph mark or property: the paragraph's end
            paragraph = enclosing(first, W_P)
            inside = [self.positions[n] for n in paragraph.iter(*TEXT_TAGS) if n in self.positions]
            last = max(inside) if inside else self.positions.get(paragraph)
            return None if last is None else (last, last)
        for tag in (W_R, W_TC, W_TR, W_P):
            container = enclosing(first, tag)
            if container is not None:
                found = [self.positions[n] for n in container.iter(*TEXT_TAGS) if n in self.positions]
                if found:
                    return min(found), max(found)
        return None

    def covers(self, start: int, end: int, span: tuple[int, int]) -> bool:
        first, last = span
        if first < end and last > start:
            return True
        texts = self.text_positions
        inside = bisect_right(texts, start) < len(texts) and texts[bisect_right(texts, start)] < end
        if inside:
            return False  # a range with text: only what overlaps it
        before = texts[bisect_left(texts, start) - 1] if bisect_left(texts, start) else None
        after = texts[bisect_right(texts, end)] if bisect_right(texts, end) < len(texts) else None
        return (last == before and not self._paragraph_between(last, start)) or (
            first == after and not self._paragraph_between(end, first))

    def _paragraph_between(self, low: int, high: int) -> bool:
        index = bisect_right(self.paragraph_positions, low)
        return index < len(self.paragraph_positions) and self.paragraph_positions[index] < high


def scan_story(root, part: str, part_name: str) -> StoryAnchors:
    story = StoryAnchors(part, part_name)
    open_ranges: dict[str, list[str]] = {}
    skipped: set = set()  # a text box's VML copy repeats its DrawingML copy's text
    count = -1
    for position, node in enumerate(root.iter(W_P, *TEXT_TAGS, *_MARKS, MC_FALLBACK)):
        tag = node.tag
        if tag == MC_FALLBACK:
            skipped.update(node.iter(W_P, *TEXT_TAGS, *_MARKS))
        elif skipped and node in skipped:
            continue
        elif tag == W_P:
            count += 1
            story.paragraph_numbers[node] = count
            story.positions[node] = position
            story.paragraph_positions.append(position)
            for parts in open_ranges.values():
                if parts:
                    parts.append("\n")
        elif tag in _MARKS:
            comment_id = node.get(W_ID, "")
            paragraph = enclosing(node, W_P)
            mark = Mark(position, story.paragraph_numbers[paragraph] if paragraph is not None else count + 1)
            if tag == W_RANGE_START:
                story.starts.setdefault(comment_id, mark)
                open_ranges[comment_id] = story.texts.setdefault(comment_id, [])
            elif tag == W_RANGE_END:
                story.ends.setdefault(comment_id, mark)
                open_ranges.pop(comment_id, None)
            else:
                story.references.setdefault(comment_id, mark)
        else:
            text = _character(node)
            if text is None:
                continue
            story.positions[node] = position
            story.text_positions.append(position)
            for parts in open_ranges.values():
                parts.append(text)
    return story


def _character(node) -> str | None:
    tag = node.tag
    if tag == W_TAB:
        return None if node.getparent().tag == W_TABS else "\t"
    if tag == W_BR:
        return None if node.get(W_TYPE) == "page" else "\n"
    if tag == W_CR:
        return "\n"
    return node.text or ""
