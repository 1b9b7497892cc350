"""The document as it would read with every open change accepted (or rejected), for a moment.

A preview applies the decisions to the live tree in a journal, exactly as ReviewDocument.decide() would, and
undoes them when the `with` block ends. Unlike decide() it leaves the changes' statuses and the package's
dirty marks alone, so nothing outside the block can tell it happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from redliner.core.oxml.wordml import W_R, W_TC, W_TR, enclosing
from redliner.core.review.journal import Journal
from redliner.core.review.model import OPEN_STATUSES, Change, Decision

_RUN_CONTAINERS = {"content": None, "row": W_TR, "cell": W_TC}


def open_changes(changes: Iterable[Change]) -> list[Change]:
    """Changes a clean copy would still resolve: pending and skipped ones (as write_clean does)."""
    return [c for c in changes if c.status in OPEN_STATUSES]


def apply_to_tree(changes: Iterable[Change], decision: Decision) -> Journal:
    """Accept or reject the changes' pieces in the tree (content first, then marks, rows and cells)."""
    if decision not in (Decision.ACCEPT, Decision.REJECT):
        raise ValueError("a preview accepts or rejects")
    journal = Journal()
    pieces = sorted((piece for change in changes for piece in change.pieces), key=lambda piece: piece.stage)
    for piece in pieces:
        (piece.accept if decision == Decision.ACCEPT else piece.reject)(journal)
    return journal


@contextmanager
def previewed(changes: Iterable[Change], decision: Decision) -> Iterator[None]:
    journal = apply_to_tree(changes, decision)
    try:
        yield
    finally:
        journal.undo()


def runs_of(change: Change) -> list:
    """The w:r elements that carry a change's text (before any decision), to find that text afterwards."""
    runs = []
    for piece in change.pieces:
        if hasattr(piece, "runs"):
            runs.extend(piece.runs)
            continue
        kind = piece.handler.kind
        if kind == "format":
            run = enclosing(piece.element, W_R)
            runs.extend([run] if run is not None else [])
        elif kind in _RUN_CONTAINERS:
            tag = _RUN_CONTAINERS[kind]
            holder = piece.element if tag is None else enclosing(piece.element, tag)
            runs.extend(holder.iter(W_R) if holder is not None else [])
    return runs
