"""Writing native revisions for a comparison: w:ins / w:del around runs, paragraph-mark and row revisions,
and clean copies of base content that can live in another package.

Every revision element made here is recorded in a `Marks` object, so that the caller can tell its own
revisions from those the draft already had.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from itertools import count

from redliner.core.oxml.ns import R_NS, w
from redliner.core.oxml.runmap import DELETED_WRAPPERS, INSERTED_WRAPPERS, OBJECT_TAGS
from redliner.core.oxml.wordml import W_DELTEXT, W_P, W_PPR, W_R, W_RPR, W_T, W_TR, sibling_groups

W_INS, W_DEL, W_TRPR, W_HYPERLINK = w("ins"), w("del"), w("trPr"), w("hyperlink")
REVISION_WRAPPERS = INSERTED_WRAPPERS | DELETED_WRAPPERS
_PPR_TAIL = frozenset(w(n) for n in ("sectPr", "pPrChange"))
_TRPR_TAIL = frozenset((w("trPrChange"),))
# What a copied run may keep: text and the characters that behave like text.
_RUN_KEEPS = frozenset(w(n) for n in ("rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "sym"))
# Markup in base content that would dangle or clash in the draft's package.
_DROPPED_IN_COPIES = frozenset(w(n) for n in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference",
    "footnoteReference", "endnoteReference", "permStart", "permEnd", "proofErr", "drawing", "pict", "object",
    "sectPr", "pPrChange", "rPrChange", "trPrChange", "tcPrChange", "tblPrChange", "del", "moveFrom",
    "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd", "cellIns", "cellDel",
    "lastRenderedPageBreak",
))
_UNWRAPPED_IN_COPIES = frozenset(w(n) for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins",
                                                "moveTo", "sdtContent"))
_W14_IDS = ("{http://schemas.microsoft.com/office/word/2010/wordml}paraId",
            "{http://schemas.microsoft.com/office/word/2010/wordml}textId")


class Marks:
    """Makes revision elements with fresh ids, one author and date, and remembers each one made."""

    def __init__(self, author: str, first_id: int, date: str | None = None):
        self.author = author
        self.date = date or datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = count(first_id)
        self.made: set = set()
        # bring(element): makes a copy from the other package refer to this one's parts (importer.py); set
        # per story by the caller. Without it, copies keep their text only.
        self.bring = None

    def next_id(self) -> str:
        return str(next(self._ids))

    def element(self, tag: str, maker, author: str | None = None, date: str | None = None):
        attrs = {w("id"): self.next_id(), w("author"): author or self.author, w("date"): date or self.date}
        made = maker.makeelement(tag, attrs)
        self.made.add(made)
        return made

    # -- runs --------------------------------------------------------------------------------------

    def wrap_runs(self, runs: list, tag: str, author: str | None = None, date: str | None = None) -> list:
        """Wrap runs in w:ins (or w:del), one wrapper per stretch of adjacent siblings; return the wrappers."""
        wrappers = []
        for group in sibling_groups(runs):
            wrapper = self.element(tag, group[0], author, date)
            wrappers.append(wrapper)
            group[0].addprevious(wrapper)
            for run in group:
                wrapper.append(run)
            if tag == W_DEL:
                to_deleted_text(wrapper)
        return wrappers

    def isolate(self, wrapper, runs: list):
        """The part of a revision wrapper holding just these runs (consecutive children of it): the wrapper
        itself, or a new one (same author and date, a fresh id) split off with them."""
        children = list(wrapper)
        if any(run.getparent() is not wrapper for run in runs):
            return wrapper  # runs nested deeper (in a hyperlink, say): the whole wrapper
        first, last = children.index(runs[0]), children.index(runs[-1])
        if first == 0 and last == len(children) - 1:
            return wrapper
        middle = self.split_off(wrapper, children[first:last + 1])
        wrapper.addnext(middle)
        if last < len(children) - 1:
            middle.addnext(self.split_off(wrapper, children[last + 1:]))
        return middle

    def split_off(self, wrapper, children: list):
        """A new revision wrapper like `wrapper` (same author and date, a fresh id) holding these children of
        it; the caller puts it in place."""
        made = wrapper.makeelement(wrapper.tag, dict(wrapper.attrib))
        made.set(w("id"), self.next_id())
        if wrapper in self.made:  # a part of one of ours is ours too (its change stays a comparison's)
            self.made.add(made)
        for child in children:
            made.append(child)
        return made

    def copied_runs(self, runs: list, tag: str, author: str | None = None, date: str | None = None):
        """A w:ins (or w:del) holding copies of runs from another tree, or None for no runs."""
        if not runs:
            return None
        wrapper = self.element(tag, runs[0], author, date)
        for run in runs:
            wrapper.append(copy_run(run, self.bring))
        if tag == W_DEL:
            to_deleted_text(wrapper)
        return wrapper

    def deleted_runs(self, runs: list):
        """A w:del holding copies of base runs, their text turned into w:delText."""
        return self.copied_runs(runs, W_DEL)

    # -- paragraph marks and rows ----------------------------------------------------------------------

    def mark_paragraph(self, paragraph, tag: str, author: str | None = None, date: str | None = None):
        """Flag a paragraph's mark as inserted (or deleted), unless it already carries a revision; return
        the revision element of the mark."""
        props = paragraph.find(W_PPR)
        if props is None:
            props = paragraph.makeelement(W_PPR, {})
            paragraph.insert(0, props)
        mark_props = props.find(W_RPR)
        if mark_props is None:
            mark_props = props.makeelement(W_RPR, {})
            _insert_before_tail(props, mark_props, _PPR_TAIL)
        existing = next((c for c in mark_props if c.tag in REVISION_WRAPPERS), None)
        if existing is not None:
            return existing
        made = self.element(tag, mark_props, author, date)
        mark_props.insert(0, made)
        return made

    def mark_row(self, row, tag: str, author: str | None = None, date: str | None = None):
        props = row.find(W_TRPR)
        if props is None:
            props = row.makeelement(W_TRPR, {})
            exceptions = row.find(w("tblPrEx"))
            row.insert(0 if exceptions is None else 1, props)
        existing = next((c for c in props if c.tag in (W_INS, W_DEL)), None)
        if existing is not None:
            return existing
        made = self.element(tag, props, author, date)
        _insert_before_tail(props, made, _TRPR_TAIL)
        return made

    def mark_block(self, block, tag: str, skip_run=None, author: str | None = None, date: str | None = None
                   ) -> None:
        """A whole paragraph or table inserted (or deleted): every run, every paragraph mark, every row."""
        paragraphs = [block] if block.tag == W_P else list(block.iter(W_P))
        for paragraph in paragraphs:
            runs = [r for r in own_content(paragraph) if not (skip_run and r.tag == W_R and skip_run(r))]
            self.wrap_runs(runs, tag, author, date)
            if block.tag == W_P or not _last_in_cell(paragraph):
                self.mark_paragraph(paragraph, tag, author, date)
        for row in block.iter(W_TR):
            self.mark_row(row, tag, author, date)


def _insert_before_tail(parent, child, tail_tags) -> None:
    for index, existing in enumerate(parent):
        if existing.tag in tail_tags:
            parent.insert(index, child)
            return
    parent.append(child)


def _last_in_cell(paragraph) -> bool:
    parent = paragraph.getparent()
    return parent is not None and parent.tag == w("tc") and paragraph.getnext() is None


def own_runs(paragraph) -> list:
    """Runs of this paragraph outside revisions (nested text-box paragraphs excluded)."""
    return [node for node in own_content(paragraph) if node.tag == W_R]


def own_content(paragraph) -> list:
    """Runs of this paragraph outside revisions, and its outermost deletions, in document order (nested
    text-box paragraphs excluded). Marking a whole paragraph inserted wraps both: text the draft itself
    deleted was still inserted first, so rejecting the insertion must take it away too."""
    found = []
    for element in paragraph.iter(W_R, *DELETED_WRAPPERS):
        node = element.getparent()
        while node is not paragraph and node.tag != W_P and node.tag not in REVISION_WRAPPERS:
            node = node.getparent()
        if node is paragraph:
            found.append(element)
    return found


def to_deleted_text(element) -> None:
    for node in list(element.iter(W_T, w("instrText"))):
        node.tag = W_DELTEXT if node.tag == W_T else w("delInstrText")


# -- copies of base content ------------------------------------------------------------------------------


def copy_run(run, bring=None):
    """A copy of a run from another package: text-like content, and pictures and objects when `bring` can
    make them refer to this package's parts; no fields, notes or comments."""
    copied = copy.deepcopy(run)
    keeps = _RUN_KEEPS | OBJECT_TAGS if bring is not None else _RUN_KEEPS
    for child in list(copied):
        if child.tag not in keeps:
            copied.remove(child)
    props = copied.find(W_RPR)
    if props is not None:
        for child in list(props):
            if child.tag in REVISION_WRAPPERS or child.tag == w("rPrChange"):
                props.remove(child)
    if bring is not None:
        bring(copied)
    return copied


def copy_block(block, bring=None):
    """A copy of a base paragraph or table that can be inserted in another package.

    Pictures, objects and hyperlinks are kept when `bring` makes them refer to this package's parts, and
    dropped (hyperlinks keep their text) without it. Other references into the base package (bookmarks,
    comments, notes) are dropped; content controls and simple fields keep their text; text the base had
    deleted stays out.
    """
    copied = copy.deepcopy(block)
    dropped = _DROPPED_IN_COPIES - OBJECT_TAGS if bring is not None else _DROPPED_IN_COPIES
    for node in list(copied.iter()):
        if node.tag in dropped and node.getparent() is not None and not _is_mark(node):
            node.getparent().remove(node)
    unwrapped = _UNWRAPPED_IN_COPIES - {W_HYPERLINK} if bring is not None else _UNWRAPPED_IN_COPIES
    for tag in unwrapped:
        for node in list(copied.iter(tag)):
            if not _is_mark(node):
                _unwrap(node)
    for node in list(copied.iter(w("sdt"))):
        _drop_children(node, w("sdtPr"), w("sdtEndPr"))
        _unwrap(node)
    for node in copied.iter():
        for name in [n for n in node.attrib if n in _W14_IDS or (bring is None and n.startswith(f"{{{R_NS}}}"))]:
            del node.attrib[name]
    if bring is not None:
        bring(copied)
    for props in copied.iter(W_PPR):
        mark_props = props.find(W_RPR)
        for child in list(mark_props) if mark_props is not None else []:
            if child.tag in REVISION_WRAPPERS:
                mark_props.remove(child)
    for props in copied.iter(W_TRPR):
        for child in list(props):
            if child.tag in (W_INS, W_DEL):
                props.remove(child)
    return copied


def _is_mark(node) -> bool:
    """A revision flag on a paragraph mark or row (handled separately), not a content wrapper."""
    parent = node.getparent()
    return parent is not None and parent.tag in (W_RPR, W_TRPR)


def _unwrap(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    for child in list(node):
        node.addprevious(child)
    parent.remove(node)


def _drop_children(node, *tags) -> None:
    for child in list(node):
        if child.tag in tags:
            node.remove(child)
