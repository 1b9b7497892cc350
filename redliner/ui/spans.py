"""Where a render put things: each paragraph's block, and each change's ranges as offsets within blocks.

Keeping offsets per block (not absolute positions) is what makes an in-place refresh cheap: rewriting one
paragraph moves nothing else, and absolute positions are read from Qt's blocks when asked. Blocks are known
by a key that Qt keeps for a block's whole life (QTextBlock.fragmentIndex: a block added or taken out before
it, as Enter does, renumbers every block after it but changes no key), so an edit re-indexes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlock, QTextDocument

from .docwriter import Owners


@dataclass
class BlockIndex:
    """Where paragraphs and changes landed, per block key (see the module's note)."""

    blocks: dict = field(default_factory=dict)  # block key -> QTextBlock (a handle that follows the block)
    key_of: dict = field(default_factory=dict)  # w:p -> block key
    paragraphs: dict = field(default_factory=dict)  # block key -> (w:p, label, level, heading)
    ranges: dict = field(default_factory=dict)  # block key -> [(start, end, change id)] offsets in block
    keys_of_change: dict = field(default_factory=dict)  # change id -> {block keys}
    homes: dict = field(default_factory=dict)  # change id -> {w:p} its pieces sat in when rendered
    residents: dict = field(default_factory=dict)  # w:p -> {change ids} homed in it
    order: dict = field(default_factory=dict)  # change id -> place in review.changes
    unsafe: set = field(default_factory=set)  # paragraphs a preview merges: rewrite them only with the rest
    owners: Owners = field(default_factory=Owners)  # markup view: every change's elements, whatever its status
    note_marks: dict = field(default_factory=dict)  # footnote/endnote reference -> its running number
    comment_marks: dict = field(default_factory=dict)  # block key -> [(offset, comment id, start/end/reference)]

    def paragraph_block(self, paragraph, block: QTextBlock, label: str, level, heading) -> int:
        """A paragraph written in `block`; returns the block's key."""
        key = block.fragmentIndex()
        self.blocks[key] = block
        self.key_of[paragraph] = key
        self.paragraphs[key] = (paragraph, label, level, heading)
        return key

    def forget_paragraph(self, paragraph) -> int | None:
        """A paragraph whose block is being taken out: everything about the block dropped; its key."""
        key = self.key_of.pop(paragraph, None)
        if key is not None:
            self.clear_block(key)
            self.paragraphs.pop(key, None)
            self.blocks.pop(key, None)
        return key

    def add_range(self, key: int, start: int, end: int, change_id: str) -> None:
        ranges = self.ranges.setdefault(key, [])
        if ranges and ranges[-1][2] == change_id and ranges[-1][1] == start:
            ranges[-1] = (ranges[-1][0], end, change_id)
        else:
            ranges.append((start, end, change_id))
        self.keys_of_change.setdefault(change_id, set()).add(key)

    def add_comment_mark(self, key: int, offset: int, comment_id: str, kind: str) -> None:
        self.comment_marks.setdefault(key, []).append((offset, comment_id, kind))

    def clear_block(self, key: int) -> None:
        self.comment_marks.pop(key, None)
        for _, _, change_id in self.ranges.pop(key, ()):
            keys = self.keys_of_change.get(change_id)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self.keys_of_change[change_id]

    # -- reading -------------------------------------------------------------------------------------

    def key_at(self, block: QTextBlock) -> int | None:
        """The key of a block of the document that shows a paragraph, else None."""
        key = block.fragmentIndex() if block.isValid() else None
        return key if key in self.paragraphs else None

    def number(self, key: int) -> int:
        return self.blocks[key].blockNumber()

    def position(self, key: int) -> int:
        return self.blocks[key].position()

    def in_order(self, keys) -> list[int]:
        """Keys in the order of their blocks in the document."""
        return sorted(keys, key=lambda key: self.blocks[key].position())

    def block_numbers(self, keys) -> list[int]:
        return sorted(self.blocks[key].blockNumber() for key in keys)


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
        return iter(list(self._layout.keys_of_change))

    def __len__(self) -> int:
        return len(self._layout.keys_of_change)

    def __contains__(self, change_id) -> bool:
        return change_id in self._layout.keys_of_change

    def stretches(self, change_id: str) -> list[tuple[int, int]]:
        """Every stretch of the change's text, in document order; touching ones (or one block apart) joined."""
        absolute = []
        layout = self._layout
        for key in layout.keys_of_change.get(change_id, ()):
            base = layout.position(key)
            ranges = layout.ranges.get(key, ())
            absolute.extend((base + s, base + e) for s, e, cid in ranges if cid == change_id)
        joined: list[tuple[int, int]] = []
        for start, end in sorted(absolute):
            if joined and start - joined[-1][1] <= 1:
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
            else:
                joined.append((start, end))
        return joined


