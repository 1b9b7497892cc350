"""Removing proposed words without leaving a scar: no double spaces, no space before punctuation,
no space at a paragraph's start or end, no doubled comma.

Edits are kept minimal (the space before the seam is kept, the one after it removed) so that the marked-up
writer can put exactly the removed characters into the revision.
"""

from __future__ import annotations

from redliner.core.oxml.wordml import W_P, W_T, enclosing
from redliner.core.review.journal import Journal
from redliner.core.review.revisions import remove_content

NO_SPACE_BEFORE = frozenset(",.;:)?!]”’")
NO_SPACE_AFTER = frozenset("([“‘")
DOUBLED = frozenset(",;:")


def remove_runs_repairing_seam(runs: list, journal: Journal) -> None:
    paragraph = enclosing(runs[0], W_P)
    texts = list(paragraph.iter(W_T)) if paragraph is not None else []
    removed = set()
    for run in runs:
        removed.update(run.iter(W_T))
    positions = [i for i, t in enumerate(texts) if t in removed]
    for run in runs:
        remove_content(run, journal)  # a link left empty goes too
    if not positions:
        return
    left = texts[: positions[0]]
    right = [t for t in texts[positions[-1] + 1 :] if t not in removed]
    removed_text = "".join(t.text or "" for t in texts if t in removed)
    repair_seam(left, right, journal, inner_space=removed_text != removed_text.strip())


def repair_seam(left: list, right: list, journal: Journal, inner_space: bool = False) -> None:
    left_char, left_spaces = _edge(reversed(left), at_end=True)
    right_char, right_spaces = _edge(right, at_end=False)
    if left_char and left_char == right_char and right_char in DOUBLED:
        _drop_first_char(right, journal)  # "individuals, [community groups], and" -> one comma
        right_char, right_spaces = _edge(right, at_end=False)
    spaced = bool(left_spaces or right_spaces or inner_space)
    wants_space = bool(spaced and left_char and right_char and right_char not in NO_SPACE_BEFORE
                       and left_char not in NO_SPACE_AFTER)
    if wants_space and left_spaces:
        _trim(reversed(left), left_spaces - 1, journal, at_end=True)
        _trim(right, right_spaces, journal, at_end=False)
    elif wants_space and right_spaces:
        _trim(right, right_spaces - 1, journal, at_end=False)
    elif wants_space:
        anchor = next(t for t in reversed(left) if t.text)
        journal.set_text(anchor, anchor.text + " ")
    else:
        _trim(reversed(left), left_spaces, journal, at_end=True)
        _trim(right, right_spaces, journal, at_end=False)


def _edge(nodes, at_end: bool) -> tuple[str, int]:
    """(nearest non-space character, number of spaces before reaching it) walking away from the seam."""
    spaces = 0
    for node in nodes:
        text = node.text or ""
        stripped = text.rstrip(" ") if at_end else text.lstrip(" ")
        spaces += len(text) - len(stripped)
        if stripped:
            return (stripped[-1] if at_end else stripped[0]), spaces
    return "", spaces


def _trim(nodes, count: int, journal: Journal, at_end: bool) -> None:
    """Remove `count` spaces at the seam, nearest to it first."""
    for node in nodes:
        if count <= 0:
            return
        text = node.text or ""
        stripped = text.rstrip(" ") if at_end else text.lstrip(" ")
        take = min(count, len(text) - len(stripped))
        if take:
            journal.set_text(node, text[: len(text) - take] if at_end else text[take:])
            count -= take
        if stripped:
            return


def _drop_first_char(nodes: list, journal: Journal) -> None:
    for node in nodes:
        text = node.text or ""
        if text.strip(" "):
            index = len(text) - len(text.lstrip(" "))
            journal.set_text(node, text[:index] + text[index + 1 :])
            return
