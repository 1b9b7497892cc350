"""A paragraph as characters: which run holds which character, and splitting runs at character offsets.

Two views of a paragraph's text:
- VISIBLE: what a reader sees (deleted text left out), as `text.paragraph_text` reads it;
- ORIGINAL: the text before the paragraph's own tracked changes (insertions left out, deleted text in), so
  that a comparison of a base with a draft that already carries tracked changes keeps those changes on top.
Characters are those of w:t (w:delText in ORIGINAL) and w:tab, and one OBJECT character (U+FFFC) for each
picture, embedded object or drawing-with-fallback, so that one added or removed is a difference like a word;
everything else is zero-width. Text inside nested paragraphs (text boxes) belongs to those paragraphs, not
to this one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from redliner.core.oxml.ns import XML_SPACE, w
from redliner.core.oxml.wordml import W_DELTEXT, W_P, W_R, W_RPR, W_T, W_TAB

VISIBLE, ORIGINAL = "visible", "original"
INSERTED_WRAPPERS = frozenset(w(n) for n in ("ins", "moveTo"))
DELETED_WRAPPERS = frozenset(w(n) for n in ("del", "moveFrom"))
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
OBJECT = "\ufffc"
# Run content shown as one OBJECT character. A drawing with a fallback counts once: as its mc:AlternateContent.
OBJECT_TAGS = frozenset((w("drawing"), w("pict"), w("object"), MC_ALTERNATE))
_NOT_TEXT = frozenset(w(n) for n in ("pPr", "rPrChange", "pPrChange")) | {MC_ALTERNATE}
_LEAF_TAGS = (W_T, W_DELTEXT, W_TAB, *OBJECT_TAGS)


@dataclass(eq=False)
class RunSpan:
    """A run and the characters [start, end) it holds in a view; tracked is 'ins', 'del' or ''."""

    run: object
    start: int
    end: int
    tracked: str

    @property
    def width(self) -> int:
        return self.end - self.start


def _status(node, paragraph) -> str | None:
    """'ins', 'del' or '' for a text node of this paragraph; None when it is not this paragraph's text."""
    tracked = ""
    current = node.getparent()
    while current is not None and current is not paragraph:
        tag = current.tag
        if tag == W_P or tag in _NOT_TEXT:
            return None
        if tag in INSERTED_WRAPPERS:
            tracked = tracked or "ins"
        elif tag in DELETED_WRAPPERS:
            tracked = tracked or "del"
        current = current.getparent()
    return tracked


def leaves(paragraph, view: str = VISIBLE) -> list[tuple[object, str]]:
    """(text node, tracked status) in document order for the characters of the view."""
    found = []
    for node in paragraph.iter(*_LEAF_TAGS):
        status = _status(node, paragraph)
        if status is None or _skipped(node, status, view):
            continue
        found.append((node, status))
    return found


def _skipped(node, status: str, view: str) -> bool:
    if node.tag == W_TAB and node.getparent().tag != W_R:
        return True  # a tab stop, not a tab character
    if view == VISIBLE:
        return status == "del" or node.tag == W_DELTEXT
    return status == "ins" or (node.tag == W_DELTEXT and status != "del")


def leaf_text(node) -> str:
    tag = node.tag
    if tag in (W_T, W_DELTEXT):
        return node.text or ""
    return "\t" if tag == W_TAB else OBJECT


def view_text(paragraph, view: str = VISIBLE, skip_run=None) -> str:
    """The paragraph's text in a view; `skip_run(run)` leaves out the text of some runs (marker proposals)."""
    if skip_run is None:
        return "".join(leaf_text(node) for node, _ in leaves(paragraph, view))
    return "".join(leaf_text(node) for node, status in leaves(paragraph, view)
                   if status or not skip_run(node.getparent()))


def run_spans(paragraph, view: str = VISIBLE) -> list[RunSpan]:
    """Every run of the paragraph (nested text-box runs excluded) with the characters it holds."""
    widths: dict[object, int] = {}
    for node, _ in leaves(paragraph, view):
        run = node.getparent()
        widths[run] = widths.get(run, 0) + len(leaf_text(node))
    spans = []
    position = 0
    for run in paragraph.iter(W_R):
        status = _status(run, paragraph)
        if status is None:
            continue
        width = widths.get(run, 0)
        spans.append(RunSpan(run, position, position + width, status))
        position += width
    return spans


def split_at(paragraph, positions, view: str = VISIBLE) -> None:
    """Split runs so that every position given falls on a run boundary."""
    wanted = sorted(set(positions))
    if not wanted:
        return
    offset = 0
    targets = []
    for node, _ in leaves(paragraph, view):
        width = len(leaf_text(node))
        targets.extend((node, p - offset) for p in wanted if offset <= p < offset + width)
        offset += width
    for node, at in reversed(targets):  # right to left, so earlier nodes keep their offsets
        _split_leaf(node, at)


def _split_leaf(node, at: int) -> None:
    """Make a run boundary `at` characters into this text node (0 = just before it)."""
    run = node.getparent()
    if at > 0:
        text = node.text or ""
        rest = node.makeelement(node.tag, {})
        rest.text = text[at:]
        _set_text(node, text[:at])
        _set_text(rest, rest.text)
        node.addnext(rest)
        node = rest
    if _has_content_before(node, run):
        _split_run_before(run, node)


def _has_content_before(node, run) -> bool:
    previous = node.getprevious()
    while previous is not None:
        if previous.tag != W_RPR:
            return True
        previous = previous.getprevious()
    return False


def _split_run_before(run, child) -> None:
    """Move child and everything after it into a new run (same properties) right after run."""
    tail = run.makeelement(run.tag, dict(run.attrib))
    props = run.find(W_RPR)
    if props is not None:
        tail.append(copy.deepcopy(props))
    moving = []
    node = child
    while node is not None:
        moving.append(node)
        node = node.getnext()
    for node in moving:
        tail.append(node)
    run.addnext(tail)


def _set_text(node, text: str) -> None:
    node.text = text
    if text != text.strip():
        node.set(XML_SPACE, "preserve")



# -- paragraphs joined in the ORIGINAL view ------------------------------------------------------------------
# A paragraph whose mark is a tracked insertion was split off the next one: before that change they were one
# paragraph, so the ORIGINAL view reads them as one, offsets running on from one into the next.


def mark_inserted(paragraph) -> bool:
    props = paragraph.find(f"{w('pPr')}/{W_RPR}")
    return props is not None and any(child.tag in INSERTED_WRAPPERS for child in props)


def joined_text(paragraphs: list, view: str = ORIGINAL) -> str:
    return "".join(view_text(p, view) for p in paragraphs)


def joined_spans(paragraphs: list, view: str = ORIGINAL) -> list[RunSpan]:
    spans: list[RunSpan] = []
    shift = 0
    for paragraph in paragraphs:
        local = run_spans(paragraph, view)
        spans.extend(RunSpan(s.run, s.start + shift, s.end + shift, s.tracked) for s in local)
        shift += sum(s.width for s in local)
    return spans


def joined_split_at(paragraphs: list, positions, view: str = ORIGINAL) -> None:
    shift = 0
    for paragraph in paragraphs:
        length = len(view_text(paragraph, view))
        split_at(paragraph, [p - shift for p in positions if shift < p < shift + length], view)
        shift += length
