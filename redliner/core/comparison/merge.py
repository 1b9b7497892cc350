"""Merging one reviewer's edits of a paragraph into the host copy of the base.

The host is a copy of the base that collects every reviewer's changes as tracked revisions. Its ORIGINAL
view (insertions left out, deletions in) stays the base text whatever was merged before, so each reviewer's
edits are placed by base character offsets:
- a deletion wraps the host's runs in a w:del; text another reviewer already deleted is shared: its w:del is
  cut to the shared stretch and names both reviewers ("Alex Rivera, Jordan Lee");
- an insertion adds copies of the reviewer's runs in a w:ins after the deleted stretch;
- an edit identical to one already merged (same base range, same new text) only adds the reviewer's name.
Overlapping, different edits thus share a deletion; conflicts.py finds them (in memory and on re-reading).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from redliner.core.comparison.revmarks import REVISION_WRAPPERS, W_DEL, W_INS, Marks
from redliner.core.oxml.ns import w
from redliner.core.oxml.runmap import (
    DELETED_WRAPPERS,
    OBJECT_TAGS,
    ORIGINAL,
    RunSpan,
    joined_spans,
    joined_split_at,
    leaf_text,
)
from redliner.core.oxml.wordml import W_P, W_PPR, W_RPR

AUTHOR, DATE = w("author"), w("date")
NAME_SEPARATOR = ", "
INSERTED_LEAVES = (w("t"), w("tab"), *OBJECT_TAGS)


@dataclass
class TextEdit:
    """Replace base characters [start, end) by copies of `runs` (either may be empty), by `author`, made at
    `date` (None: the time of combining)."""

    start: int
    end: int
    runs: list
    author: str
    date: str | None = None

    @property
    def inserted(self) -> str:
        """What the runs read as, pictures and objects included: two edits are the same only if it is."""
        return "".join(leaf_text(node) for run in self.runs for node in run.iter(*INSERTED_LEAVES))


@dataclass
class MergedEdit:
    deleted: list = field(default_factory=list)  # w:del wrappers holding the base range
    inserted: object = None  # the w:ins wrapper


def merge_names(first: str, second: str) -> str:
    names = first.split(NAME_SEPARATOR)
    names += [n for n in second.split(NAME_SEPARATOR) if n not in names]
    return NAME_SEPARATOR.join(names)


def add_author(element, author: str) -> None:
    element.set(AUTHOR, merge_names(element.get(AUTHOR, ""), author))


class ParagraphMerger:
    """Merges edits into host paragraphs; remembers merged edits to recognise identical ones."""

    def __init__(self, marks: Marks):
        self.marks = marks
        self._merged: dict[tuple, MergedEdit] = {}

    def merge(self, paragraphs: list, edits: list[TextEdit]) -> None:
        """Merge edits into a host paragraph (or the paragraphs a tracked split made of it)."""
        if not edits:
            return
        joined_split_at(paragraphs, [e.start for e in edits] + [e.end for e in edits], ORIGINAL)
        spans = joined_spans(paragraphs, ORIGINAL)
        for edit in edits:
            key = (paragraphs[-1], edit.start, edit.end, edit.inserted)
            known = self._merged.get(key)
            if known is not None:
                for element in known.deleted + ([known.inserted] if known.inserted is not None else []):
                    add_author(element, edit.author)
                continue
            merged = MergedEdit(self._delete(spans, edit))
            merged.inserted = self._insert(paragraphs[-1], spans, edit)
            self._merged[key] = merged

    def split(self, paragraphs: list, offset: int, author: str, date: str | None = None) -> list:
        """A reviewer's tracked paragraph split at a base offset: the text before it moves into a new
        paragraph whose mark is inserted. Returns the host paragraphs now making up the base paragraph."""
        key = (paragraphs[-1], "split", offset)
        if key in self._merged:
            add_author(self._merged[key].inserted, author)
            return paragraphs
        joined_split_at(paragraphs, [offset], ORIGINAL)
        following = next((s.run for s in joined_spans(paragraphs, ORIGINAL) if s.width and s.start >= offset), None)
        node = _outside_revisions(following) if following is not None else None
        paragraph = node.getparent() if node is not None else paragraphs[-1]
        if paragraph not in paragraphs:
            return paragraphs  # the split falls inside a hyperlink or field: left unsplit
        before = paragraph.makeelement(W_P, {})
        props = paragraph.find(W_PPR)
        if props is not None:
            before.append(_mark_free_copy(props))
        for child in [c for c in paragraph if c.tag != W_PPR]:
            if child is node:
                break
            before.append(child)
        paragraph.addprevious(before)
        self._merged[key] = MergedEdit(inserted=self.marks.mark_paragraph(before, W_INS, author, date))
        index = paragraphs.index(paragraph)
        return paragraphs[:index] + [before] + paragraphs[index:]

    def _delete(self, spans: list[RunSpan], edit: TextEdit) -> list:
        if edit.start == edit.end:
            return []
        inside = [s.run for s in spans if s.width and edit.start <= s.start and s.end <= edit.end]
        plain = [r for r in inside if r.getparent().tag not in DELETED_WRAPPERS]
        wrappers = self.marks.wrap_runs(plain, W_DEL, edit.author, edit.date)
        shared = {}
        for run in inside:
            if run.getparent().tag in DELETED_WRAPPERS and run.getparent() not in wrappers:
                shared.setdefault(run.getparent(), []).append(run)
        for wrapper, runs in shared.items():
            piece = self._cut(wrapper, runs)
            add_author(piece, edit.author)
            wrappers.append(piece)
        return wrappers

    def _cut(self, wrapper, runs: list):
        """Split a w:del so that exactly `runs` (adjacent children) sit in one wrapper; return it."""
        children = list(wrapper)
        first, last = children.index(runs[0]), children.index(runs[-1])
        if first:
            self._rewrap(wrapper, children[:first], before=True)
        if last + 1 < len(children):
            self._rewrap(wrapper, children[last + 1:], before=False)
        return wrapper

    def _rewrap(self, wrapper, children: list, before: bool) -> None:
        twin = self.marks.element(wrapper.tag, wrapper, wrapper.get(AUTHOR))
        twin.set(w("date"), wrapper.get(w("date"), self.marks.date))
        (wrapper.addprevious if before else wrapper.addnext)(twin)
        for child in children:
            twin.append(child)
        for merged in self._merged.values():  # the edit that made the wrapper now holds both halves
            if wrapper in merged.deleted:
                merged.deleted.append(twin)

    def _insert(self, paragraph, spans: list[RunSpan], edit: TextEdit):
        wrapper = self.marks.copied_runs(edit.runs, W_INS, edit.author, edit.date)
        if wrapper is None:
            return None
        following = next((s.run for s in spans if s.width and s.start >= edit.end), None)
        if following is not None:
            self._opening_before(following).addprevious(wrapper)
        else:
            paragraph.append(wrapper)
        return wrapper

    def _opening_before(self, run):
        """The outermost node that starts at `run`, outside any revision: another reviewer's deletion that
        runs on across this place is split here, so that the insertion sits where it was made, not before the
        whole deletion (where accepting it would put the words in the wrong place)."""
        node = run
        while node.getparent() is not None and node.getparent().tag in REVISION_WRAPPERS:
            wrapper = node.getparent()
            index = wrapper.index(node)
            if index:
                self._rewrap(wrapper, list(wrapper)[:index], before=True)
            node = wrapper
        return node


def _mark_free_copy(props):
    """Paragraph properties for the first half of a split: no section break, no mark revision."""
    copied = copy.deepcopy(props)
    for child in list(copied):
        if child.tag in (w("sectPr"), w("pPrChange")):
            copied.remove(child)
    mark = copied.find(W_RPR)
    for child in list(mark) if mark is not None else []:
        if child.tag in REVISION_WRAPPERS:
            mark.remove(child)
    return copied


def _outside_revisions(node):
    while node.getparent() is not None and node.getparent().tag in REVISION_WRAPPERS:
        node = node.getparent()
    return node

