"""Where a view block's characters come from: block offsets <-> offsets in the engine's paragraph text.

The view shows a paragraph as one block: a list label, the runs' text (a picture as "[image]", a note
reference as its running number) and "¶" marks for paragraph-mark changes. The engine's editing layer counts a
paragraph differently (ParagraphText: one character per text character, one per picture, tab, break or note
reference). The map is made by writing the paragraph again the way the view wrote it, without a document,
noting where each run's text starts; a run's children are then measured the same way the writer measures them.
It is made only for the paragraph being edited, when a key is pressed: a render keeps no map.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from redliner.core.editing.textmap import ParagraphText

from .docwriter import _FIXED_TEXT, _NOTE_REFERENCES, _TEXT_TAGS, W_ID, W_SYM, DocumentWriter, _symbol


@dataclass
class RunPlace:
    start: int  # block offset of the run's first character
    end: int
    run: object  # the w:r


@dataclass(frozen=True)
class Segment:
    """One run child the view shows: where in the block, and where in the engine's paragraph text."""

    block_start: int
    block_width: int
    start: int  # engine offset
    width: int  # engine characters: a text node's length, else 1
    is_text: bool


@dataclass
class BlockMap:
    """One paragraph's block: its segments in order, and the engine's text of it."""

    paragraph: object
    text: ParagraphText
    segments: list[Segment] = field(default_factory=list)
    length: int = 0  # characters in the block
    text_start: int = 0  # block offset after the list label, where an empty paragraph's caret goes

    def to_paragraph(self, offset: int) -> int:
        """The engine's offset for a block offset: the label counts as the paragraph's start, a "¶" mark after
        the text as its end, a place inside a picture's "[image]" as the picture's start."""
        if not self.segments or offset <= self.segments[0].block_start:
            return 0
        index = bisect.bisect_right([s.block_start for s in self.segments], offset) - 1
        segment = self.segments[index]
        within = offset - segment.block_start
        if within >= segment.block_width:
            return segment.start + segment.width
        return segment.start + (within if segment.is_text else 0)

    def to_block(self, offset: int) -> int:
        """The block offset showing an engine offset (a segment's end when the offset is past its text)."""
        if not self.segments:
            return self.text_start
        index = bisect.bisect_right([s.start for s in self.segments], offset) - 1
        if index < 0:
            return self.segments[0].block_start
        segment = self.segments[index]
        within = offset - segment.start
        if within >= segment.width:
            return segment.block_start + segment.block_width
        return segment.block_start + (within if segment.is_text else 0)


def segments_of(places: list[RunPlace], text: ParagraphText, note_marks: dict) -> list[Segment]:
    found = []
    for place in places:
        block = place.start
        for child, width in _shown_children(place.run, note_marks):
            try:
                start = text.offset_of(child, 0)
            except (KeyError, ValueError):
                start = None
            if start is not None:
                is_text = child.tag in _TEXT_TAGS
                found.append(Segment(block, width, start, width if is_text else 1, is_text))
            block += width
    return found


def _shown_children(run, note_marks: dict) -> list[tuple[object, int]]:
    """(child, characters the view shows for it) for each child of a run that shows something, measured as
    DocumentWriter._run measures them."""
    found = []
    for child in run:
        tag = child.tag
        if tag in _TEXT_TAGS:
            width = len(child.text or "")
        elif tag in _FIXED_TEXT:
            width = len(_FIXED_TEXT[tag])
        elif tag in _NOTE_REFERENCES:
            width = len(note_marks.get(child, child.get(W_ID, "*")) or "")
        elif tag == W_SYM:
            width = len(_symbol(child))
        else:
            continue
        if width:
            found.append((child, width))
    return found


class _Recorder(DocumentWriter):
    """The view's writer with no document: counts the characters it would insert, and notes each run's."""

    def __init__(self, painter, styles, owners, layout):
        super().__init__(None, painter, styles, owners, layout)
        self.offset = 0
        self.places: list[RunPlace] = []

    def _run(self, run, mark) -> None:
        self._flush()
        start = self.offset
        super()._run(run, mark)
        self._flush()
        if self.offset > start:
            self.places.append(RunPlace(start, self.offset, run))

    def _flush(self) -> None:
        self.offset += sum(len(text) for text in self._pending)
        self._pending.clear()

    def _comment_mark(self, mark) -> None:
        self._flush()  # where comments sit is the render's business, not the map's


def block_map(rendered, review, block: int | None) -> BlockMap | None:
    """The map of the rendered block with key `block` (spans.BlockIndex), None when the block shows no
    paragraph (a table's trailing block)."""
    from .formats import Painter

    layout = rendered._layout
    entry = layout.paragraphs.get(block) if block is not None else None
    if entry is None:
        return None
    paragraph, label, _, heading = entry
    recorder = _Recorder(Painter(rendered.colours), review.styles, layout.owners, layout)
    recorder.write_content(paragraph, block, 0, label, heading)
    recorder._flush()
    text = ParagraphText(paragraph)
    label_width = len(label) + 1 if label.strip() else 0  # written as label + "\t"
    return BlockMap(paragraph, text, segments_of(recorder.places, text, layout.note_marks), recorder.offset,
                    label_width)
