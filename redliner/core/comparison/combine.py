"""Combine reviewers' copies: one document holding every reviewer's changes to a base, each attributed.

    document = combine(base_path, [rivera_path, lee_path], authors=[None, "Jordan Lee"])
    document.package.save(out_path)

The result is a copy of BASE. Each copy is aligned with the base as it was before the copy's own tracked
changes (its ORIGINAL view), so a clean edited copy and a copy carrying tracked changes are read alike:
differences of the ORIGINAL view from the base are the reviewer's untracked edits (author: `--as`, else
the copy's last-modified-by, else its file name); the copy's tracked insertions and deletions are taken
as they are, placed by base offsets (author: `--as`, else the tracked author). See merge.py for how edits
of several reviewers meet, and conflicts.py for how overlapping ones are linked.
"""

from __future__ import annotations

import copy
from functools import partial
from pathlib import Path

from redliner.core.comparison.align import align, word_bag, word_similarity
from redliner.core.comparison.blockdiff import blocks, joined_blocks
from redliner.core.comparison.compare import last_modified_by, last_modified_date, max_revision_id, story_pairs
from redliner.core.comparison.importer import PartImporter
from redliner.core.comparison.merge import AUTHOR, DATE, ParagraphMerger, TextEdit, add_author
from redliner.core.comparison.revmarks import REVISION_WRAPPERS, W_DEL, W_INS, Marks, copy_block
from redliner.core.comparison.worddiff import EQUAL, diff_words
from redliner.core.opc.package import Package
from redliner.core.oxml.ns import w
from redliner.core.oxml.runmap import (
    DELETED_WRAPPERS,
    INSERTED_WRAPPERS,
    ORIGINAL,
    joined_spans,
    joined_split_at,
    joined_text,
    view_text,
)
from redliner.core.oxml.wordml import W_P, W_PPR, W_RPR, W_TC, W_TR
from redliner.core.review.document import ReviewDocument
from redliner.core.review.origin import COMBINE, Origin
from redliner.core.review.textboxes import mirror_fallbacks, text_boxes

W_RPRCHANGE = w("rPrChange")

_MARK = f"{W_PPR}/{W_RPR}"


def combine(base_path, copy_paths, authors: list[str | None] | None = None, date: str | None = None
            ) -> ReviewDocument:
    """A ReviewDocument over a copy of BASE with every copy's changes as tracked changes.

    `authors[i]`, when given, names the reviewer of copy i for all of that copy's changes.
    Nothing is written to disk: save with `document.package.save(path)`. A copy's tracked changes keep their
    own dates; its untracked edits are dated when the copy was last saved (its dcterms:modified), else now,
    or `date` (to rebuild a combination exactly: see origin.py).
    """
    host = Package.open(base_path)
    marks = Marks("Unknown", max_revision_id(host) + 1, date)
    merger = ParagraphMerger(marks)
    fingerprints = [host.fingerprint.sha256]
    for index, path in enumerate(copy_paths):
        copy = Package.open(path)
        fingerprints.append(copy.fingerprint.sha256)
        override = authors[index] if authors and index < len(authors) else None
        reviewer = Reviewer(marks, merger, override or last_modified_by(copy) or Path(path).stem, override,
                            last_modified_date(copy))
        importer = PartImporter(copy, host)  # a reviewer's inserted pictures and links keep their parts
        for host_part, copy_part, host_root, copy_root in story_pairs(host, copy):
            marks.bring = partial(importer.bring, source_part=copy_part, target_part=host_part)
            reviewer.container(host_root, copy_root)
            mirror_fallbacks(host_root, marks)  # text boxes' VML copies read as their marked-up choice
            host.mark_dirty(host_part)
    marks.bring = None
    document = ReviewDocument(host)
    document.origin = Origin(COMBINE, [str(Path(p).absolute()) for p in [base_path, *copy_paths]], fingerprints,
                             {"authors": list(authors) if authors else None}, marks.date)
    return document


def _mark_revision(element):
    marks = element.find(_MARK) if element.tag == W_P else element.find(w("trPr"))
    if marks is None:
        return None
    return next((c for c in marks if c.tag in REVISION_WRAPPERS), None)


def _inserted(element) -> bool:
    mark = _mark_revision(element)
    return mark is not None and mark.tag in INSERTED_WRAPPERS


def host_blocks(container) -> list[list]:
    """The host's blocks as the base had them: paragraphs a reviewer inserted or split off are grouped
    with the base paragraph they precede (their ORIGINAL text is empty or part of it); tables all of whose
    rows a reviewer inserted are left out."""
    found = []
    for group in joined_blocks(container):
        if group[0].tag == W_P and all(_inserted(p) for p in group):
            continue  # paragraphs inserted at the end of a story
        rows = group[0].findall(W_TR) if group[0].tag != W_P else []
        if rows and all(_inserted(r) for r in rows):
            continue
        found.append(group)
    return found


def _has_revisions(group: list) -> bool:
    return any(next(block.iter(*REVISION_WRAPPERS, W_RPRCHANGE), None) is not None for block in group)


class Reviewer:
    """Merges one copy into the host, story by story. Blocks are handled as groups (see joined_blocks):
    usually one paragraph or table, several paragraphs where a tracked paragraph split happened."""

    def __init__(self, marks: Marks, merger: ParagraphMerger, author: str, override: str | None,
                 saved: str | None = None):
        self.marks, self.merger = marks, merger
        self.author, self.override = author, override
        self.saved = saved  # when the copy was last saved: the date of its untracked edits
        self._bags: dict = {}

    def author_of(self, revision) -> str:
        return self.override or (revision.get(AUTHOR) if revision is not None else "") or self.author

    def date_of(self, revision) -> str | None:
        """A tracked change keeps the date its reviewer made it; an untracked edit, the copy's save date."""
        return (revision.get(DATE) if revision is not None else None) or self.saved

    # -- keys and similarity -----------------------------------------------------------------------

    def _text(self, group: list) -> str:
        if group[0].tag == W_P:  # with its text boxes' text: an edit in a box makes a paragraph differ
            inner = [block for paragraph in group for box in text_boxes(paragraph) for block in blocks(box)]
            return joined_text(group, ORIGINAL) + "".join("\x00" + self._text([block]) for block in inner)
        return "\x1f".join(view_text(p, ORIGINAL) for p in group[0].iter(W_P))

    def host_key(self, group: list) -> int:
        return hash((group[0].tag, self._text(group)))

    def copy_key(self, group: list):
        """Paragraphs are keyed by their text before the reviewer's tracked changes, like the host's: a revised
        one is then matched with the base paragraph it revises even among look-alikes (its changes are taken
        when the match is made, see _merge_blocks). A revised table or row never matches by key."""
        if group[0].tag != W_P and _has_revisions(group):
            return f"revised:{id(group[0])}"
        return hash((group[0].tag, self._text(group)))

    def similarity(self, host: list, copy: list) -> float:
        if host[0].tag != copy[0].tag:
            return -1.0
        if host[0].tag == W_TR and len(host[0].findall(W_TC)) != len(copy[0].findall(W_TC)):
            return -1.0
        return word_similarity(self._bag(host), self._bag(copy))

    def _bag(self, group: list):
        found = self._bags.get(group[0])
        if found is None:
            found = self._bags[group[0]] = word_bag(self._text(group))
        return found

    def _forget(self) -> None:
        self._bags.clear()

    # -- blocks ------------------------------------------------------------------------------------------

    def container(self, host, copy) -> None:
        self._merge_blocks(host_blocks(host), joined_blocks(copy), host, self.pair)

    def _merge_blocks(self, old: list[list], new: list[list], host_parent, pair) -> None:
        steps = align([self.host_key(g) for g in old], [self.copy_key(g) for g in new],
                      lambda i, j: self.similarity(old[i], new[j]), after_region=self._forget)
        waiting: list = []  # copy blocks inserted, placed before the next host block
        last = None
        for step in steps:
            if step.op == "insert":
                waiting.extend(new[step.new])
                continue
            target = old[step.old]
            for block in waiting:
                target[0].addprevious(self.inserted_copy(block))
            waiting = []
            if step.op == "pair" or (step.op == "equal" and _has_revisions(new[step.new])):
                pair(target, new[step.new])  # an equal paragraph with tracked changes: take them
            elif step.op == "delete":
                for block in target:
                    self.delete_block(block)
            last = target[-1]
        for block in waiting:
            copied = self.inserted_copy(block)
            if last is not None:
                last.addnext(copied)
            elif len(host_parent) and host_parent[-1].tag == w("sectPr"):
                host_parent[-1].addprevious(copied)
            else:
                host_parent.append(copied)
            last = copied

    def inserted_copy(self, block):
        revision = _mark_revision(block) if _inserted(block) else None
        copied = copy_block(block, self.marks.bring)
        self.marks.mark_block(copied, W_INS, author=self.author_of(revision), date=self.date_of(revision))
        return copied

    def delete_block(self, block) -> None:
        if block.tag == W_P and _inserted(block):
            return  # another reviewer's paragraph: not base text
        for paragraph in [block] if block.tag == W_P else list(block.iter(W_P)):
            self.merger.merge([paragraph], [TextEdit(0, len(view_text(paragraph, ORIGINAL)), [], self.author,
                                                     self.saved)])
            if block.tag == W_P:
                self._mark_deleted(paragraph, self.author, self.saved)
        for row in [block] if block.tag == W_TR else block.iter(W_TR):
            revision = self.marks.mark_row(row, W_DEL, self.author, self.saved)
            if revision is not None and revision.tag == W_DEL:
                add_author(revision, self.author)  # a row another reviewer deleted too is deleted by both

    def pair(self, host: list, copy: list) -> None:
        if host[0].tag == W_P:
            self.paragraph(host, copy)
        else:
            rows = [[r] for r in host_rows(host[0])]
            self._merge_blocks(rows, [[r] for r in copy[0].findall(W_TR)], host[0], self.row_pair)

    def row_pair(self, host: list, copy: list) -> None:
        for host_cell, copy_cell in zip(host[0].findall(W_TC), copy[0].findall(W_TC), strict=True):
            self.container(host_cell, copy_cell)

    # -- paragraphs ----------------------------------------------------------------------------------------

    def paragraph(self, host: list, copy: list) -> None:
        old, new = joined_text(host, ORIGINAL), joined_text(copy, ORIGINAL)
        boxes = [[box for p in side for box in text_boxes(p, INSERTED_WRAPPERS)] for side in (host, copy)]
        edits = diff_words(old, new) if old != new else []
        joined_split_at(copy, [p for e in edits if e.op != EQUAL for p in (e.new_start, e.new_end)], ORIGINAL)
        spans = joined_spans(copy, ORIGINAL)
        position = _position_map(edits)
        merged = self._untracked(edits, spans) + self._tracked(spans, position)
        merged.sort(key=lambda e: (e.start, e.end))
        self.merger.merge(host, merged)
        self._formatting(host, spans, position)
        offset = 0
        for paragraph in copy[:-1]:  # the copy's tracked paragraph splits
            offset += len(view_text(paragraph, ORIGINAL))
            mark = _mark_revision(paragraph)
            host = self.merger.split(host, position(offset), self.author_of(mark), self.date_of(mark))
        mark = _mark_revision(copy[-1])
        if mark is not None and mark.tag in DELETED_WRAPPERS:
            self._mark_deleted(host[-1], self.author_of(mark), self.date_of(mark))
        self._text_boxes(*boxes)

    def _text_boxes(self, host_boxes: list, copy_boxes: list) -> None:
        """Each text box of the copy's paragraph (as it was before its tracked changes) merged into the host's
        box at the same place (found before merging: the merge may bring copies of the reviewer's boxes)."""
        if len(host_boxes) == len(copy_boxes):
            for host_box, copy_box in zip(host_boxes, copy_boxes, strict=True):
                self.container(host_box, copy_box)

    def _mark_deleted(self, paragraph, author: str, date: str | None) -> None:
        revision = self.marks.mark_paragraph(paragraph, W_DEL, author, date)
        if revision is not None and revision.tag == W_DEL:
            add_author(revision, author)

    def _untracked(self, edits, spans) -> list[TextEdit]:
        """Differences between the copy's ORIGINAL view and the base, each stretch one edit."""
        found = []
        for start, end, new_start, new_end in _changed_stretches(edits):
            runs = [s.run for s in spans if s.width and not s.tracked and new_start <= s.start and s.end <= new_end]
            found.append(TextEdit(start, end, runs, self.override or self.author, self.saved))
        return found

    def _tracked(self, spans, position) -> list[TextEdit]:
        """The copy's own w:del and w:ins, in base offsets; a deletion followed by an insertion of the same
        author at its end is one replacement."""
        found: list[TextEdit] = []
        for span in spans:
            wrapper = _revision_of(span.run)
            if wrapper is None or (span.tracked == "del" and not span.width):
                continue
            author = self.author_of(wrapper)
            last = found[-1] if found else None
            if span.tracked == "del":
                start, end = position(span.start), position(span.end)
                if last is not None and not last.runs and last.author == author and last.end == start:
                    last.end = end
                else:
                    found.append(TextEdit(start, end, [], author, self.date_of(wrapper)))
            else:
                at = position(span.start)
                if last is not None and last.author == author and last.end == at:
                    last.runs.append(span.run)
                else:
                    found.append(TextEdit(at, at, [span.run], author, self.date_of(wrapper)))
        return found


    def _formatting(self, host: list, spans, position) -> None:
        """The copy's tracked formatting (w:rPrChange) on text it kept: the host's run takes the copy's
        properties, the record of the old ones included."""
        for span in spans:
            props = span.run.find(W_RPR)
            change = props.find(W_RPRCHANGE) if props is not None else None
            if change is None or span.tracked or not span.width:
                continue
            start, end = position(span.start), position(span.end)
            if end - start == span.width:
                self._format_host(host, start, end, props, self.author_of(change))

    def _format_host(self, host: list, start: int, end: int, props, author: str) -> None:
        joined_split_at(host, [start, end], ORIGINAL)
        for span in joined_spans(host, ORIGINAL):
            if not span.width or span.tracked or not (start <= span.start and span.end <= end):
                continue
            current = span.run.find(W_RPR)
            if current is not None and current.find(W_RPRCHANGE) is not None:
                add_author(current.find(W_RPRCHANGE), author)  # formatted by another reviewer too
                continue
            replacement = copy.deepcopy(props)
            change = replacement.find(W_RPRCHANGE)
            change.set(AUTHOR, author)
            change.set(w("id"), self.marks.next_id())
            self.marks.made.add(change)
            if current is not None:
                span.run.replace(current, replacement)
            else:
                span.run.insert(0, replacement)


def host_rows(table) -> list:
    return [r for r in table.findall(W_TR) if not _inserted(r)]


def _revision_of(run):
    node = run.getparent()
    while node is not None and node.tag != W_P:
        if node.tag in REVISION_WRAPPERS:
            return node
        node = node.getparent()
    return None


def _changed_stretches(edits) -> list[tuple[int, int, int, int]]:
    """(old start, old end, new start, new end) of each run of non-equal edits."""
    stretches = []
    current = None
    for edit in edits:
        if edit.op == EQUAL:
            current = None
            continue
        if current is None:
            current = [edit.old_start, edit.old_end, edit.new_start, edit.new_end]
            stretches.append(current)
        else:
            current[1], current[3] = edit.old_end, edit.new_end
    return [tuple(s) for s in stretches]


def _position_map(edits):
    """Copy ORIGINAL offset -> host offset, through the equal stretches of a diff (identity without one)."""
    equal = [(e.new_start, e.new_end, e.old_start) for e in edits if e.op == EQUAL]
    changed = [(e.new_start, e.new_end, e.old_start, e.old_end) for e in edits if e.op != EQUAL]

    def position(offset: int) -> int:
        if not edits:
            return offset
        for new_start, new_end, old_start in equal:
            if new_start <= offset <= new_end:
                return old_start + offset - new_start
        for new_start, new_end, old_start, old_end in changed:
            if new_start <= offset <= new_end:
                return old_end if offset == new_end else old_start
        return offset

    return position
