"""Format-only differences: draft runs whose text matches the base but whose formatting does not get a
w:rPrChange holding the base's run properties (Word's "Formatted: ..." revision), and a paragraph whose
properties differ (its style, alignment, indents, spacing...) gets a w:pPrChange holding the base's.

Only text the word diff found equal is looked at; both paragraphs' runs are split so that each draft run
faces exactly one base run. List ids (w:numId) are not compared, since every writer numbers its lists
afresh; how a paragraph is listed is (listdiff.py).
"""

from __future__ import annotations

import copy

from redliner.core.comparison.listdiff import old_numbering
from redliner.core.comparison.revmarks import REVISION_WRAPPERS, Marks
from redliner.core.comparison.worddiff import EQUAL
from redliner.core.oxml.ns import w
from redliner.core.oxml.runmap import ORIGINAL, VISIBLE, run_spans, split_at
from redliner.core.oxml.wordml import W_RPR, element_key

W_RPRCHANGE = w("rPrChange")
_IGNORED = REVISION_WRAPPERS | {W_RPRCHANGE}


def report_format_changes(base, draft, edits, marks: Marks, skip_run=None) -> int:
    """Add w:rPrChange to draft runs formatted differently from the same base text; return how many."""
    equal = [e for e in edits if e.op == EQUAL and e.old_end > e.old_start]
    if not equal:
        return 0
    _align_runs(base, draft, equal)
    base_at = {s.start: s for s in run_spans(base, VISIBLE) if s.width and s.tracked != "del"}
    reported = 0
    for edit in equal:
        shift = edit.new_start - edit.old_start
        for span in run_spans(draft, ORIGINAL):
            if not span.width or span.tracked or not (edit.new_start <= span.start and span.end <= edit.new_end):
                continue
            partner = base_at.get(span.start - shift)
            if partner is None or partner.width != span.width or (skip_run and skip_run(span.run)):
                continue
            if properties_key(span.run) != properties_key(partner.run):
                add_format_change(span.run, partner.run, marks)
                reported += 1
    return reported


def _align_runs(base, draft, equal) -> None:
    base_spans, draft_spans = run_spans(base, VISIBLE), run_spans(draft, ORIGINAL)
    draft_cuts, base_cuts = [], []
    for edit in equal:
        shift = edit.new_start - edit.old_start
        draft_cuts += [s.start + shift for s in base_spans if edit.old_start <= s.start < edit.old_end]
        draft_cuts += [edit.new_start, edit.new_end]
        base_cuts += [s.start - shift for s in draft_spans if edit.new_start <= s.start < edit.new_end]
        base_cuts += [edit.old_start, edit.old_end]
    split_at(draft, draft_cuts, ORIGINAL)
    split_at(base, base_cuts, VISIBLE)


def properties_key(run) -> tuple:
    """Run properties as comparable data: revision marks and rsid attributes left out."""
    props = run.find(W_RPR)
    if props is None:
        return ()
    return tuple(sorted((child.tag, tuple(sorted((k, v) for k, v in child.attrib.items() if "rsid" not in k)))
                        for child in props if child.tag not in _IGNORED))


def add_format_change(run, base_run, marks: Marks) -> None:
    props = run.find(W_RPR)
    if props is None:
        props = run.makeelement(W_RPR, {})
        run.insert(0, props)
    for old in props.findall(W_RPRCHANGE):
        props.remove(old)
    change = marks.element(W_RPRCHANGE, props)
    old_props = change.makeelement(W_RPR, {})
    base_props = base_run.find(W_RPR)
    for child in base_props if base_props is not None else []:
        if child.tag not in _IGNORED:
            old_props.append(copy.deepcopy(child))
    change.append(old_props)
    props.append(change)


# -- paragraph properties ------------------------------------------------------------------------------

W_PPR, W_PPRCHANGE = w("pPr"), w("pPrChange")
# The mark's run properties and the section break are not paragraph formatting; numbering ids are per file.
_NOT_COMPARED = frozenset((W_RPR, W_PPRCHANGE, w("sectPr"), w("numPr")))


def report_paragraph_change(base, draft, marks: Marks, lists: tuple | None = None) -> bool:
    """Add a w:pPrChange to the draft paragraph when its properties differ from the base's; True if added.

    `lists` (the base's and the draft's listdiff.ListLooks) also compares how the paragraphs are listed.
    """
    base_place, draft_place = (lists[0].place(base), lists[1].place(draft)) if lists else (None, None)
    if paragraph_key(base) == paragraph_key(draft) and base_place == draft_place:
        return False
    props = draft.find(W_PPR)
    if props is None:
        props = draft.makeelement(W_PPR, {})
        draft.insert(0, props)
    if props.find(W_PPRCHANGE) is not None:
        return False  # the draft's own tracked change to these properties stays as it is
    change = marks.element(W_PPRCHANGE, props)
    old = change.makeelement(W_PPR, {})
    base_props = base.find(W_PPR)
    for child in base_props if base_props is not None else ():
        if child.tag not in _NOT_COMPARED:
            old.append(copy.deepcopy(child))
    if base_place != draft_place:  # rejecting gives the base's list back, as a list of the draft's
        numbering = old_numbering(base, draft, *lists)
    else:  # the list is not what changed: rejecting keeps the draft's
        numbering = props.find(w("numPr"))
        numbering = copy.deepcopy(numbering) if numbering is not None else None
    if numbering is not None:
        _insert_in_order(old, numbering)
    change.append(old)
    props.append(change)
    return True


def paragraph_key(paragraph) -> tuple:
    """A paragraph's compared properties as data (rsid attributes left out)."""
    props = paragraph.find(W_PPR)
    return () if props is None else tuple(element_key(child) for child in props if child.tag not in _NOT_COMPARED)


# Schema order of the w:pPr children that come before w:numPr (CT_PPrBase).
_BEFORE_NUMBERING = frozenset(w(n) for n in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                                              "widowControl"))


def _insert_in_order(props, numbering) -> None:
    index = sum(1 for child in props if child.tag in _BEFORE_NUMBERING)
    props.insert(index, numbering)
