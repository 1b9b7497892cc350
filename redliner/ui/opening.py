"""Opening a draft (off the GUI thread): the review to show, and a marker reading to offer when it fits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from redliner.core import ReviewDocument, parse_rules

from .settings import MARKER_NO, MARKER_YES


@dataclass
class OpenedDraft:
    path: Path
    review: ReviewDocument
    # The same package read with marker rules, offered by the marker bar; None when there is nothing to ask.
    marker_review: ReviewDocument | None = None
    marker_rules: str = ""


def open_draft(path, marker_rules: str, marker_answer: str) -> OpenedDraft:
    """Read `path`; when it has no tracked changes but text the marker rules match, prepare that reading too.

    The marker reading shares the package (no second unzip): reading changes does not modify the tree.
    A remembered "yes" applies the rules straight away; a remembered "no" never asks.
    """
    path = Path(path)
    plain = ReviewDocument.open(path)
    rules = parse_rules(marker_rules)
    if plain.changes or not rules or marker_answer == MARKER_NO:
        return OpenedDraft(path, plain)
    marked = ReviewDocument(plain.package, rules)
    if not marked.pending():  # none, or only spans a saved review called "not a proposal"
        return OpenedDraft(path, plain)
    if marker_answer == MARKER_YES:
        return OpenedDraft(path, marked, marker_rules=marker_rules)
    return OpenedDraft(path, plain, marked, marker_rules)


def describe_rules(marker_rules: str) -> str:
    """'italic' -> 'in italics'; used in the marker question."""
    words = {"italic": "in italics", "bold": "in bold", "underline": "underlined", "strike": "struck through"}
    parts = [words.get(p.strip().lower(), f"with {p.strip()}") for p in marker_rules.split(",") if p.strip()]
    return " or ".join(parts) or "with formatting"
