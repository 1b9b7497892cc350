"""Aligning two sequences of blocks (paragraphs, tables, rows) before diffing inside them.

Blocks are hashed by their text and the two key sequences diffed with diff-match-patch (one character per
distinct key, no timeout). Between two runs of equal blocks lies a region of deleted and inserted blocks;
inside it, blocks similar enough are paired (a changed paragraph) by an order-preserving alignment that
maximises total similarity, and the rest are deleted or inserted whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .worddiff import DELETE, EQUAL, INSERT, TokenCodec, diff_sequences, tokenize

PAIRING_LIMIT = 250_000  # cells of the similarity table; bigger regions are paired by position
PAIR_THRESHOLD = 0.5


@dataclass(frozen=True)
class Step:
    op: str  # "equal", "pair", "delete", "insert"
    old: int | None
    new: int | None


def align(old_keys: list[str], new_keys: list[str], similarity: Callable[[int, int], float],
          threshold: float = PAIR_THRESHOLD) -> list[Step]:
    """Steps turning the old sequence into the new one, in document order."""
    codec = TokenCodec()
    stretches = diff_sequences(codec.encode(old_keys), codec.encode(new_keys), cleanup=False)
    steps: list[Step] = []
    old = new = 0
    deleted: list[int] = []
    inserted: list[int] = []
    for op, length in stretches:
        if op == EQUAL:
            steps.extend(pair_region(deleted, inserted, similarity, threshold))
            deleted, inserted = [], []
            steps.extend(Step("equal", old + i, new + i) for i in range(length))
            old, new = old + length, new + length
        elif op == DELETE:
            deleted.extend(range(old, old + length))
            old += length
        elif op == INSERT:
            inserted.extend(range(new, new + length))
            new += length
    steps.extend(pair_region(deleted, inserted, similarity, threshold))
    return steps


def pair_region(deleted: list[int], inserted: list[int], similarity, threshold: float) -> list[Step]:
    if not deleted or not inserted:
        return [Step("delete", i, None) for i in deleted] + [Step("insert", None, j) for j in inserted]
    if len(deleted) == len(inserted) == 1:
        threshold = 0.0  # one block changed in place: diff inside it, however much it changed
    if len(deleted) * len(inserted) > PAIRING_LIMIT:
        pairs = _pairs_by_position(deleted, inserted, similarity, threshold)
    else:
        pairs = _best_pairs(deleted, inserted, similarity, threshold)
    return _steps(deleted, inserted, pairs)


def _pairs_by_position(deleted, inserted, similarity, threshold) -> list[tuple[int, int]]:
    return [(a, b) for a, b in zip(deleted, inserted, strict=False) if similarity(a, b) >= threshold]


def _best_pairs(deleted, inserted, similarity, threshold) -> list[tuple[int, int]]:
    """Order-preserving pairs maximising the summed similarity (pairs below the threshold not allowed)."""
    rows, cols = len(deleted), len(inserted)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    sims = [[similarity(a, b) for b in inserted] for a in deleted]
    for i in range(1, rows + 1):
        row, above = score[i], score[i - 1]
        for j in range(1, cols + 1):
            best = max(above[j], row[j - 1])
            sim = sims[i - 1][j - 1]
            if sim >= threshold and above[j - 1] + sim + 1 > best:
                best = above[j - 1] + sim + 1  # +1: pairing beats leaving both unpaired
            row[j] = best
    pairs = []
    i, j = rows, cols
    while i and j:
        sim = sims[i - 1][j - 1]
        if sim >= threshold and score[i][j] == score[i - 1][j - 1] + sim + 1:
            pairs.append((deleted[i - 1], inserted[j - 1]))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return list(reversed(pairs))


def _steps(deleted, inserted, pairs) -> list[Step]:
    steps: list[Step] = []
    d = i = 0
    for a, b in pairs + [(None, None)]:
        while d < len(deleted) and deleted[d] != a:
            steps.append(Step("delete", deleted[d], None))
            d += 1
        while i < len(inserted) and inserted[i] != b:
            steps.append(Step("insert", None, inserted[i]))
            i += 1
        if a is not None:
            steps.append(Step("pair", a, b))
            d, i = d + 1, i + 1
    return steps


def word_similarity(old: Counter, new: Counter) -> float:
    """Dice coefficient of two bags of words: 1 for the same words, 0 for none in common."""
    total = sum(old.values()) + sum(new.values())
    if not total:
        return 1.0
    return 2 * sum((old & new).values()) / total


def word_bag(text: str) -> Counter:
    return Counter(t for t in tokenize(text) if not t.isspace())
