"""Where a render put things: each paragraph's block, and each change's ranges as offsets within blocks.

Keeping offsets per block (not absolute positions) is what makes an in-place refresh cheap: rewriting one
paragraph never changes another block's number, and absolute positions are read from Qt's blocks when asked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from PySide6.QtGui import QTextDocument

from .docwriter import Owners


@dataclass
class BlockIndex:
    """Where paragraphs and changes landed: per block, so that rewriting one block moves nothing else."""

    block_of: dict = field(default_factory=dict)  # w:p -> block number
    paragraphs: dict = field(default_factory=dict)  # block number -> (w:p, label, level, heading)
    ranges: dict = field(default_factory=dict)  # block number -> [(start, end, change id)] offsets in block
    blocks_of_change: dict = field(default_factory=dict)  # change id -> {block numbers}
    homes: dict = field(default_factory=dict)  # change id -> {w:p} its pieces sat in when rendered
    residents: dict = field(default_factory=dict)  # w:p -> {change ids} homed in it
    order: dict = field(default_factory=dict)  # change id -> place in review.changes
    unsafe: set = field(default_factory=set)  # paragraphs a preview merges: rewrite them only with the rest
    owners: Owners = field(default_factory=Owners)  # markup view: every change's elements, whatever its status
    note_marks: dict = field(default_factory=dict)  # footnote/endnote reference -> its running number
    comment_marks: dict = field(default_factory=dict)  # block number -> [(offset, comment id, start/end/reference)]

    def paragraph_block(self, paragraph, block: int, label: str, level, heading) -> None:
        self.block_of[paragraph] = block
        self.paragraphs[block] = (paragraph, label, level, heading)

    def add_range(self, block: int, start: int, end: int, change_id: str) -> None:
        ranges = self.ranges.setdefault(block, [])
        if ranges and ranges[-1][2] == change_id and ranges[-1][1] == start:
            ranges[-1] = (ranges[-1][0], end, change_id)
        else:
            ranges.append((start, end, change_id))
        self.blocks_of_change.setdefault(change_id, set()).add(block)

    def shift_blocks(self, first: int, by: int) -> None:
        """Blocks from `first` on moved by `by` (a block was added or taken out before them). Inline
        expressions, and only the changes with a block that moved: this runs on every Enter."""
        self.block_of = {p: b + by if b >= first else b for p, b in self.block_of.items()}
        self.paragraphs = {b + by if b >= first else b: entry for b, entry in self.paragraphs.items()}
        self.ranges = {b + by if b >= first else b: ranges for b, ranges in self.ranges.items()}
        self.comment_marks = {b + by if b >= first else b: marks for b, marks in self.comment_marks.items()}
        for change_id, blocks in self.blocks_of_change.items():
            if blocks and max(blocks) >= first:
                self.blocks_of_change[change_id] = {b + by if b >= first else b for b in blocks}

    def add_comment_mark(self, block: int, offset: int, comment_id: str, kind: str) -> None:
        self.comment_marks.setdefault(block, []).append((offset, comment_id, kind))

    def clear_block(self, block: int) -> None:
        self.comment_marks.pop(block, None)
        for _, _, change_id in self.ranges.pop(block, ()):
            blocks = self.blocks_of_change.get(change_id)
            if blocks is not None:
                blocks.discard(block)
                if not blocks:
                    del self.blocks_of_change[change_id]


class SpanMap(Mapping):
    """change id -> (start, end) in the document: the change's first stretch of text (a move's first half).

    Positions are computed from block positions when asked, so they are right after any in-place refresh.
    """

    def __init__(self, document: QTextDocument, layout: BlockIndex):
        self._document = document
        self._layout = layout

    def __getitem__(self, change_id: str) -> tuple[int, int]:
        stretches = self.stretches(change_id)
        if not stretches:
            raise KeyError(change_id)
        return stretches[0]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._layout.blocks_of_change))

    def __len__(self) -> int:
        return len(self._layout.blocks_of_change)

    def __contains__(self, change_id) -> bool:
        return change_id in self._layout.blocks_of_change

    def stretches(self, change_id: str) -> list[tuple[int, int]]:
        """Every stretch of the change's text, in document order; touching ones (or one block apart) joined."""
        absolute = []
        for block in sorted(self._layout.blocks_of_change.get(change_id, ())):
            base = self._document.findBlockByNumber(block).position()
            ranges = self._layout.ranges.get(block, ())
            absolute.extend((base + s, base + e) for s, e, cid in ranges if cid == change_id)
        joined: list[tuple[int, int]] = []
        for start, end in sorted(absolute):
            if joined and start - joined[-1][1] <= 1:
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
            else:
                joined.append((start, end))
        return joined


