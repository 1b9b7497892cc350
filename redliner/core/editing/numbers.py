"""Paragraph numbers of a part (Location.paragraph: document order, tables and text boxes included), kept up to
date through edits without counting the part again.

Numbering a 500-page part takes about 30 ms, too long for a keystroke: it is done once, and an edit that
replaces a run of paragraphs by another (Enter, a join) is noted as a shift of the numbers after it.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from redliner.core.oxml.wordml import W_P
from redliner.core.review.document import ReviewDocument

_NUMBERS: WeakKeyDictionary = WeakKeyDictionary()
_STORIES: WeakKeyDictionary = WeakKeyDictionary()
_REBUILD_AFTER = 64  # shifts noted before counting again


class ParagraphNumbers:
    def __init__(self, root):
        self.root = root
        self._build()

    def _build(self) -> None:
        self._order = list(self.root.iter(W_P))
        self._base = {p: n for n, p in enumerate(self._order)}
        self._shifts: list[tuple[int, int]] = []  # (first number shifted, by how much), oldest first
        self._placed: dict = {}  # paragraph -> (number, shifts noted when it was placed)

    def number(self, paragraph) -> int | None:
        placed = self._placed.get(paragraph)
        if placed is not None:
            number, since = placed
        else:
            number, since = self._base.get(paragraph), 0
            if number is None:
                return None
        for first, delta in self._shifts[since:]:
            if number >= first:
                number += delta
        return number

    def paragraph(self, number: int):
        """The paragraph at a number (for replaying a recorded edit: counts the part again when stale)."""
        if self._shifts or self._placed:
            self._build()
        return self._order[number] if 0 <= number < len(self._order) else None

    def replace(self, first: int, before: list, after: list) -> None:
        """Paragraphs numbered first.. (`before`, in order) are now `after` (in order)."""
        if any(p.find(f".//{W_P}") is not None for p in after):
            self._build()  # a text box moved with its paragraph: its own paragraphs are numbered too
            return
        for paragraph in before:
            self._placed.pop(paragraph, None)
            self._base.pop(paragraph, None)
        if len(after) != len(before):
            self._shifts.append((first + len(before), len(after) - len(before)))
        for number, paragraph in enumerate(after, start=first):
            self._placed[paragraph] = (number, len(self._shifts))
        if len(self._shifts) > _REBUILD_AFTER:
            self._build()


def paragraph_numbers(review: ReviewDocument, root) -> ParagraphNumbers:
    by_root = _NUMBERS.get(review)
    if by_root is None:
        by_root = _NUMBERS[review] = {}
    numbers = by_root.get(root)
    if numbers is None:
        numbers = by_root[root] = ParagraphNumbers(root)
    return numbers


def story_ranks(review: ReviewDocument) -> dict[str, tuple[int, str]]:
    """Part name -> (reading rank, label) of every story part (looked up once: relationships are slow to read)."""
    ranks = _STORIES.get(review)
    if ranks is None:
        ranks = _STORIES[review] = {name: (rank, label) for rank, (label, name) in enumerate(review.stories())}
    return ranks
