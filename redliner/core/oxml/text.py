"""Plain text of a part as a reader sees it (deleted text excluded), one line per paragraph."""

from __future__ import annotations

from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_P, W_T, W_TAB

_SKIP = frozenset(w(n) for n in ("pPr", "del", "moveFrom", "delText", "delInstrText", "instrText", "rPrChange",
                                  "pPrChange"))


def paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(W_T, W_TAB):
        if _deleted(node, paragraph):
            continue
        parts.append("\t" if node.tag == W_TAB else node.text or "")
    return "".join(parts)


def _deleted(node, paragraph) -> bool:
    current = node.getparent()
    while current is not None and current is not paragraph:
        if current.tag in _SKIP or current.tag == W_P:
            return True  # deleted text, or a text box's paragraph nested inside this one
        current = current.getparent()
    return False


def document_paragraphs(root) -> list[str]:
    """Text of every top-level story paragraph (tables included, nested text boxes skipped)."""
    return [paragraph_text(p) for p in root.iter(W_P) if _not_nested(p)]


def _not_nested(paragraph) -> bool:
    parent = paragraph.getparent()
    while parent is not None:
        if parent.tag == W_P:
            return False
        parent = parent.getparent()
    return True
