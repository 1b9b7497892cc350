"""Counts in words for messages, shared by the CLI and the app: "1 change", "3 changes", "0 copies"."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun in the right number; `nouns` for the irregular plural ("copy", "copies")."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
