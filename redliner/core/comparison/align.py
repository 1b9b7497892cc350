"""Aligning two sequences of blocks (paragraphs, tables, rows) before diffing inside them.

Blocks are keyed by their text and the two key sequences aligned by a patience diff, with diff-match-patch
(one character per distinct key, no timeout) for stretches without unique keys. Between two runs of equal
blocks lies a region of deleted and inserted blocks;
inside it, blocks similar enough are paired (a changed paragraph) by an order-preserving alignment that
maximises total similarity, and the rest are deleted or inserted whole.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from sys import intern

from redliner.core.comparison.worddiff import DELETE, EQUAL, INSERT, TokenCodec, diff_sequences, tokenize

PAIRING_LIMIT = 250_000  # cells of the similarity table; bigger regions are paired by position
PAIR_THRESHOLD = 0.5


@dataclass(frozen=True)
class Step:
    op: str  # "equal", "pair", "delete", "insert"
    old: int | None
    new: int | None


def align(old_keys: list, new_keys: list, similarity: Callable[[int, int], float],
          threshold: float = PAIR_THRESHOLD, after_region: Callable[[], None] | None = None) -> list[Step]:
    """Steps turning the old sequence into the new one, in document order.

    `after_region` is called once the blocks of a changed region are paired (to drop what the similarity
    function cached for them)."""
    steps: list[Step] = []
    old = new = 0
    for i, j in matching_blocks(old_keys, new_keys) + [(len(old_keys), len(new_keys))]:
        if i > old and j > new:
            steps.extend(pair_region(list(range(old, i)), list(range(new, j)), similarity, threshold))
            if after_region is not None:
                after_region()
        else:
            steps.extend(pair_region(list(range(old, i)), list(range(new, j)), similarity, threshold))
        if i < len(old_keys):
            steps.append(Step("equal", i, j))
        old, new = i + 1, j + 1
    return steps


def matching_blocks(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """(old index, new index) of the blocks left unchanged, increasing in both.

    Patience diff: keys found once in each version anchor the alignment (longest increasing run of their
    positions), and the stretches between anchors are matched the same way, down to stretches with no
    unique key, which diff-match-patch (no timeout) aligns. A Myers diff over 20,000 paragraphs with
    thousands of changes is quadratic in pure Python; anchoring keeps each diff small.
    """
    matches: list[tuple[int, int]] = []
    _match(old, new, 0, len(old), 0, len(new), matches, 0)
    return matches


def _match(old, new, o0: int, o1: int, n0: int, n1: int, out: list, depth: int) -> None:
    while o0 < o1 and n0 < n1 and old[o0] == new[n0]:
        out.append((o0, n0))
        o0, n0 = o0 + 1, n0 + 1
    suffix = []
    while o1 > o0 and n1 > n0 and old[o1 - 1] == new[n1 - 1]:
        o1, n1 = o1 - 1, n1 - 1
        suffix.append((o1, n1))
    if o0 < o1 and n0 < n1:
        anchors = _unique_anchors(old, new, o0, o1, n0, n1) if depth < 64 else []
        if anchors:
            for i, j in anchors:
                _match(old, new, o0, i, n0, j, out, depth + 1)
                out.append((i, j))
                o0, n0 = i + 1, j + 1
            _match(old, new, o0, o1, n0, n1, out, depth + 1)
        else:
            _diff_match(old, new, o0, o1, n0, n1, out)
    out.extend(reversed(suffix))


def _unique_anchors(old, new, o0: int, o1: int, n0: int, n1: int) -> list[tuple[int, int]]:
    """Pairs of keys occurring once in each stretch, longest run increasing in both (patience sorting)."""
    old_count = Counter(old[o0:o1])
    new_at: dict[str, int] = {}
    new_count = Counter(new[n0:n1])
    for j in range(n0, n1):
        if new_count[new[j]] == 1 and old_count[new[j]] == 1:
            new_at[new[j]] = j
    candidates = [(i, new_at[old[i]]) for i in range(o0, o1) if old[i] in new_at]
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    tails: list[int] = []  # new index ending the best run of each length
    tail_at: list[int] = []  # which pair ends it
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[length], tail_at[length] = j, index
        back.append(tail_at[length - 1] if length else -1)
    run = []
    index = tail_at[-1] if tail_at else -1
    while index >= 0:
        run.append(pairs[index])
        index = back[index]
    return list(reversed(run))


def _diff_match(old, new, o0: int, o1: int, n0: int, n1: int, out: list) -> None:
    codec = TokenCodec()
    stretches = diff_sequences(codec.encode(old[o0:o1]), codec.encode(new[n0:n1]), cleanup=False)
    for op, length in stretches:
        if op == EQUAL:
            out.extend((o0 + k, n0 + k) for k in range(length))
        if op != INSERT:
            o0 += length
        if op != DELETE:
            n0 += length


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
    """Words of a text with their counts; interned, as thousands of bags share a small vocabulary."""
    return Counter(intern(t) for t in tokenize(text) if not t.isspace())
