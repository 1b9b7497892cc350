"""Comparing two stories block by block, writing the differences into the draft as native revisions.

Containers (body, table cell, note, header, text box) hold blocks: paragraphs and tables (block-level
content controls are looked through). Blocks are aligned first; a paragraph paired with a changed one is
diffed word by word, a table paired with a table row by row and cell by cell. A draft block with no partner
is marked inserted; a base block with no partner is copied into the draft, marked deleted.

The base tree is consumed: its runs are split at diff boundaries and each base block is dropped once it has
been compared, which frees memory on large documents. The draft tree is changed in place.
"""

from __future__ import annotations

from collections.abc import Callable

from redliner.core.comparison.align import Step, align, word_bag, word_similarity
from redliner.core.comparison.formatdiff import report_format_changes, report_paragraph_change
from redliner.core.comparison.revmarks import REVISION_WRAPPERS, W_DEL, W_INS, Marks, copy_block
from redliner.core.comparison.worddiff import DELETE, EQUAL, INSERT, Edit, diff_words, new_differ
from redliner.core.oxml.ns import w
from redliner.core.oxml.runmap import (
    DELETED_WRAPPERS,
    INSERTED_WRAPPERS,
    OBJECT,
    OBJECT_TAGS,
    ORIGINAL,
    VISIBLE,
    joined_spans,
    joined_split_at,
    joined_text,
    mark_inserted,
    run_spans,
    split_at,
    view_text,
)
from redliner.core.oxml.wordml import W_P, W_TBL, W_TC, W_TR
from redliner.core.review.textboxes import text_boxes

W_HYPERLINK = w("hyperlink")
_LOOKED_THROUGH = {w("sdt"): w("sdtContent"), w("customXml"): None}
# What a proposal's seam can explain: the spaces around it. Punctuation next to a proposal is the draft's own
# (a "." the diff lumped into the insertion with the proposal is still a "." the draft added).
_SEAM_ONLY = set(" \t\u00a0")


def joined_blocks(container) -> list[list]:
    """The draft's blocks as the ORIGINAL view sees them: a paragraph split off by a tracked paragraph-mark
    insertion is joined with the paragraphs that follow it, up to one whose mark is its own."""
    groups: list[list] = []
    current: list = []
    for block in blocks(container):
        if block.tag != W_P:
            if current:
                groups.append(current)
                current = []
            groups.append([block])
            continue
        current.append(block)
        if not mark_inserted(block):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def blocks(container) -> list:
    """Paragraphs and tables of a container, in order, looking through block-level content controls."""
    found = []
    for child in container:
        if child.tag in (W_P, W_TBL):
            found.append(child)
        elif child.tag in _LOOKED_THROUGH:
            inner_tag = _LOOKED_THROUGH[child.tag]
            inner = child.find(inner_tag) if inner_tag else child
            if inner is not None:
                found.extend(blocks(inner))
    return found


class BlockDiff:
    """One comparison of a base story with a draft story; `marker_run(run)` says a run is a marker proposal."""

    def __init__(self, marks: Marks, marker_run: Callable[[object], bool] | None = None,
                 report_formatting: bool = False):
        self.marks = marks
        self.marker_run = marker_run
        self.report_formatting = report_formatting
        self.lists = None  # (base, draft) listdiff.ListLooks, when formatting is reported (see compare.py)
        self.differ = new_differ()
        self._bags: dict = {}

    # -- keys --------------------------------------------------------------------------------------

    def text(self, block, view: str) -> str:
        """A block's text for aligning and pairing. The draft's (ORIGINAL) leaves out marker proposals: they are
        additions by definition, so a draft paragraph matches the base paragraph it reads like without them."""
        skip = self.marker_run if view == ORIGINAL else None
        if block.tag == W_P:
            return view_text(block, view, skip) + "".join("\x00" + t for t in self._box_texts(block, view))
        return "\x1f".join(view_text(p, view, skip) for p in block.iter(W_P))

    def _box_texts(self, paragraph, view: str) -> list[str]:
        return [self.text(block, view) for box in text_boxes(paragraph) for block in blocks(box)]

    def group_text(self, group: list, view: str) -> str:
        return "".join(self.text(block, view) for block in group)

    def key(self, block, view: str) -> int:
        """A hash of the block's kind and text: equal keys mean unchanged blocks (texts are not kept, to
        keep memory at the size of the two trees)."""
        return hash((block.tag, self.text(block, view)))

    def group_key(self, group: list) -> int:
        return hash((group[0].tag, self.group_text(group, ORIGINAL)))

    def bag(self, group: list, view: str):
        found = self._bags.get((group[0], view))
        if found is None:
            found = self._bags[(group[0], view)] = word_bag(self.group_text(group, view))
        return found

    def similarity(self, base_block, draft_group: list) -> float:
        if base_block.tag != draft_group[0].tag:
            return -1.0
        return word_similarity(self.bag([base_block], VISIBLE), self.bag(draft_group, ORIGINAL))

    def forget(self) -> None:
        """Drop the cached word bags of a finished story (they keep its elements alive)."""
        self._bags.clear()

    # -- containers ----------------------------------------------------------------------------------

    def container(self, base, draft) -> None:
        old, new = blocks(base), joined_blocks(draft)
        steps = align([self.key(b, VISIBLE) for b in old], [self.group_key(g) for g in new],
                      lambda i, j: self.similarity(old[i], new[j]), after_region=self.forget)
        self._apply(steps, old, new, draft, self.block_pair)

    def _apply(self, steps: list[Step], old: list, new: list[list], draft_parent, pair) -> None:
        """Carry out aligned steps; `new` holds draft blocks as groups (see joined_blocks)."""
        waiting: list = []  # base blocks deleted, placed before the next draft block
        last = None
        for step in steps:
            if step.op == "delete":
                waiting.append(step.old)
                continue
            target = new[step.new]
            for index in waiting:
                target[0].addprevious(self.deleted_copy(old[index]))
                _release(old, index)
            waiting = []
            if step.op == "pair" or (step.op == "equal" and self.report_formatting):
                pair(old[step.old], target)
            elif step.op == "insert":
                for block in target:
                    self.marks.mark_block(block, W_INS, self.marker_run)
            if step.old is not None:
                _release(old, step.old)
            last = target[-1]
        for index in waiting:
            copied = self.deleted_copy(old[index])
            _release(old, index)
            if last is not None:
                last.addnext(copied)
            else:
                _append_block(draft_parent, copied)
            last = copied

    def deleted_copy(self, base_block):
        copied = copy_block(base_block, self.marks.bring)
        self.marks.mark_block(copied, W_DEL)
        return copied

    def block_pair(self, base_block, draft_group: list) -> None:
        if base_block.tag == W_P:
            self.paragraph(base_block, draft_group)
        else:
            self.table(base_block, draft_group[0])

    # -- tables ----------------------------------------------------------------------------------------

    def table(self, base, draft) -> None:
        old, new = base.findall(W_TR), [[row] for row in draft.findall(W_TR)]
        steps = align([self.key(r, VISIBLE) for r in old], [self.group_key(g) for g in new],
                      lambda i, j: self._row_similarity(old[i], new[j]), after_region=self.forget)
        self._apply(steps, old, new, draft, self.row_pair)

    def _row_similarity(self, base_row, draft_group: list) -> float:
        if len(base_row.findall(W_TC)) != len(draft_group[0].findall(W_TC)):
            return -1.0
        return self.similarity(base_row, draft_group)

    def row_pair(self, base_row, draft_group: list) -> None:
        draft_row = draft_group[0]
        for base_cell, draft_cell in zip(base_row.findall(W_TC), draft_row.findall(W_TC), strict=True):
            self.container(base_cell, draft_cell)

    # -- paragraphs ------------------------------------------------------------------------------------

    def paragraph(self, base, draft: list) -> None:
        """A base paragraph and the draft paragraphs that were one paragraph before the draft's own
        tracked changes (usually just one)."""
        old, new = view_text(base, VISIBLE), joined_text(draft, ORIGINAL)
        # found first: deleted base words put in the draft may bring a copy of a base text box along
        base_boxes = text_boxes(base, DELETED_WRAPPERS)
        draft_boxes = [box for p in draft for box in text_boxes(p, INSERTED_WRAPPERS)]
        marked = self._marked_ranges(draft) if self.marker_run is not None else []
        if old != new or marked:
            edits = diff_words(old, new, differ=self.differ, unmatched=marked)
        else:
            edits = [Edit(EQUAL, 0, len(old), 0, len(new))]
        if self.report_formatting and len(draft) == 1:  # first: it reads the draft before revisions are added
            report_format_changes(base, draft[0], edits, self.marks, self.marker_run)
            report_paragraph_change(base, draft[0], self.marks, self.lists)
        if any(e.op != EQUAL for e in edits):
            self.words(base, draft, edits)
        if len(base_boxes) == len(draft_boxes):
            for base_box, draft_box in zip(base_boxes, draft_boxes, strict=True):
                self.container(base_box, draft_box)

    def _marked_ranges(self, draft) -> list[tuple[int, int]]:
        """Characters of marker proposals: the diff must not match them with base text, so that the base
        words a proposal replaced come out as deletions and rejecting everything gives the base back."""
        return [(s.start, s.end) for s in joined_spans(draft, ORIGINAL)
                if s.width and not s.tracked and self.marker_run(s.run)]

    def words(self, base, draft, edits) -> None:
        inserts = [e for e in edits if e.op == INSERT]
        deletes = [e for e in edits if e.op == DELETE]
        joined_split_at(draft, [e.new_start for e in inserts + deletes] + [e.new_end for e in inserts], ORIGINAL)
        split_at(base, [e.old_start for e in deletes] + [e.old_end for e in deletes], VISIBLE)
        draft_spans = joined_spans(draft, ORIGINAL)
        base_spans = run_spans(base, VISIBLE)
        for edit in inserts:
            self._insert(draft_spans, edit.new_start, edit.new_end)
        for edit in deletes:
            runs = [s.run for s in base_spans
                    if s.width and s.tracked != "del" and edit.old_start <= s.start and s.end <= edit.old_end]
            wrapper = self.marks.deleted_runs(runs)
            if wrapper is not None:
                _place(wrapper, draft, draft_spans, edit.new_start, self.marks)

    def _insert(self, spans, start: int, end: int) -> None:
        inside = [s for s in spans if s.width and s.tracked != "ins" and start <= s.start and s.end <= end]
        runs = [s.run for s in inside if not s.tracked]
        if self.marker_run is not None:
            marked = [r for r in runs if self.marker_run(r)]
            runs = [r for r in runs if r not in marked]
            if marked and all(set(_run_text(r)) <= _SEAM_ONLY for r in runs):
                return  # the marker proposal explains this insertion; the rest is its seam
        self.marks.wrap_runs(self._with_deletions(inside, runs), W_INS)

    def _with_deletions(self, inside: list, runs: list) -> list:
        """The runs to wrap, and the draft's own deletions among them, in document order.

        Text the draft deleted with tracking is in its original text; when the comparison finds that text
        inserted, its w:del goes inside the comparison's w:ins (inserted, then deleted, as Word nests them):
        rejecting everything then takes it away. Only the deleted runs inside the insertion are wrapped: a
        w:del reaching further is split.
        """
        wanted = set(runs)
        found: list = []
        deleted: dict = {}  # w:del -> its runs inside the insertion
        for span in inside:
            if not span.tracked and span.run in wanted:
                found.append(span.run)
            elif span.tracked == "del":
                wrapper = _outside_revisions(span.run)
                if wrapper not in deleted:
                    deleted[wrapper] = []
                    found.append(wrapper)
                deleted[wrapper].append(span.run)
        return [self.marks.isolate(item, deleted[item]) if item in deleted else item for item in found]


def _run_text(run) -> str:
    """The run's text, a picture or object counting as OBJECT (never mistaken for a seam's spaces)."""
    return "".join(OBJECT if node.tag in OBJECT_TAGS else node.text or "" for node in run.iter(w("t"), *OBJECT_TAGS))


def _place(wrapper, paragraphs: list, spans, position: int, marks: Marks) -> None:
    """Put a w:del at a character position of the draft paragraph(s), outside any revision wrapper (one the
    position falls inside is split there)."""
    following = next((s.run for s in spans if s.width and s.start >= position), None)
    if following is not None:
        _split_before(following, marks).addprevious(wrapper)
        return
    preceding = next((s.run for s in reversed(spans) if s.width), None)
    if preceding is not None:
        _outside_revisions(preceding).addnext(wrapper)
    else:
        paragraphs[-1].append(wrapper)


def _split_before(node, marks: Marks):
    """The element to insert before so as to land just before `node`, outside every revision wrapper: each
    wrapper around `node` that holds content before it is split in two there (the second part a new
    wrapper, same author and date, a fresh id)."""
    target = node
    while target.getparent() is not None:
        wrapper = target.getparent()
        if wrapper.tag == W_HYPERLINK and target is wrapper[0]:
            target = wrapper  # base text before a link is not part of it
        elif wrapper.tag not in REVISION_WRAPPERS:
            break
        elif target is not wrapper[0]:
            rest = list(wrapper)[wrapper.index(target):]
            split = marks.split_off(wrapper, rest)
            wrapper.addnext(split)
            target = split
        else:
            target = wrapper
    return target


def _outside_revisions(node):
    while node.getparent() is not None and node.getparent().tag in REVISION_WRAPPERS:
        node = node.getparent()
    return node


def _release(base_blocks: list, index: int) -> None:
    """Drop a base block once compared: on a 500-page base this frees most of its tree early."""
    block = base_blocks[index]
    base_blocks[index] = None
    if block is not None and block.getparent() is not None:
        block.getparent().remove(block)


def _append_block(container, block) -> None:
    last = container[-1] if len(container) else None
    if last is not None and last.tag == w("sectPr"):
        last.addprevious(block)
    else:
        container.append(block)

