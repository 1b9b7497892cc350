"""Deleting, as Word does with Track Changes on.

Existing text is wrapped in a w:del of the author (its w:t become w:delText), joining the author's deletion
right beside it; the author's own pending insertion simply loses those characters (an insertion left empty
goes); someone else's insertion gets the w:del inside it (w:ins holding w:del, as Word writes it); text
already deleted stays as it is. With strike deletions the text is struck through instead of wrapped.
A paragraph mark is deleted by w:pPr/w:rPr/w:del; deleting one's own inserted mark undoes that split.
"""

from __future__ import annotations

from redliner.core.editing.context import (
    EditContext,
    EditRefused,
    Outcome,
    check_range,
    is_struck,
    read,
    revision_context,
)
from redliner.core.editing.inserting import schema_index
from redliner.core.editing.textmap import DELETION_TAGS, ParagraphText
from redliner.core.editing.treeops import cut_run
from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import IGNORABLE, W_PPR, W_RPR, next_paragraph, sibling_groups
from redliner.core.review.revisions import mark_deleted_text, merge_with_next

W_DEL, W_INS, W_AUTHOR = w("del"), w("ins"), w("author")
MARK_REVISIONS = (w("ins"), w("del"), w("moveFrom"), w("moveTo"))
NO_STRUCK_MARK = "a paragraph break cannot be struck through; turn off italic proposals to join paragraphs"


def paragraph_chain(first, last) -> list:
    """The paragraphs from first to last, each the next of the one before (only range markup between)."""
    chain = [first]
    while chain[-1] is not last:
        following = next_paragraph(chain[-1])
        if following is None or len(chain) > 100_000:
            raise EditRefused("the range crosses a table or does not end after its start")
        chain.append(following)
    return chain


def delete_span(context: EditContext, chain: list, start: int, end: int) -> Outcome:
    """Delete from offset start of chain[0] to offset end of chain[-1] (marks between included)."""
    texts = [read(paragraph) for paragraph in chain]
    check_range(texts[0], start, len(texts[0]))
    check_range(texts[-1], 0, end)
    if len(chain) == 1 and end < start:
        raise EditRefused("the range ends before it starts")
    tail = len(texts[-1]) - end  # characters after the range: untouched, so they place the caret
    for index, paragraph in enumerate(chain):
        delete_range(context, paragraph, start if index == 0 else 0, end if index == len(chain) - 1 else None)
    survivor: dict = {}
    for paragraph in chain[:-1]:
        if delete_mark(context, paragraph):
            survivor[paragraph] = next_paragraph_of(paragraph, chain)
    after = [p for p in chain if p not in survivor]
    first = chain[0]
    while first in survivor:
        first = survivor[first]
    last = chain[-1]
    return Outcome(after, [p for p in chain if p in survivor], (last, len(ParagraphText(last)) - tail), (first, start))


def next_paragraph_of(paragraph, chain: list):
    return chain[chain.index(paragraph) + 1]


def delete_range(context: EditContext, paragraph, start: int, end: int | None) -> None:
    """Delete characters [start, end) of one paragraph (end None: to its end)."""
    shown = read(paragraph)
    end = len(shown) if end is None else end
    check_range(shown, start, end)
    atoms = shown.atoms(start, end)
    live = [atom for atom in atoms if not atom.deleted and not _already_struck(context, atom)]
    for atom in live:
        if atom.refusal:
            raise EditRefused(atom.refusal)
    if not live:
        return
    journal = context.journal
    last, first = atoms[-1], atoms[0]
    if last.run is not None:
        cut_run(last.element, last.index + 1, journal)
    if first.run is not None:
        cut_run(first.element, first.index, journal)
    runs = _runs_in(ParagraphText(paragraph), start, end)
    gone = [run for run in runs if _is_live(context, run) and context.is_own_proposal(run)]
    marked = [run for run in runs if _is_live(context, run) and run not in gone]
    for run in gone:
        _remove_run(run, journal)
    if context.strike_deletions:
        for run in marked:
            _strike(run, journal)
    else:
        for group in sibling_groups(marked):
            _wrap_deleted(context, group)


def _already_struck(context: EditContext, atom) -> bool:
    return context.strike_deletions and atom.run is not None and is_struck(atom.run)


def _runs_in(shown: ParagraphText, start: int, end: int) -> list:
    runs: dict = {}
    for segment in shown.segments:
        if segment.start >= end:
            break
        if segment.start + segment.width > start and segment.run is not None:
            runs.setdefault(segment.run, None)
    return list(runs)


def _is_live(context: EditContext, run) -> bool:
    if revision_context(run)[1] is not None:
        return False
    return not (context.strike_deletions and is_struck(run))


def _remove_run(run, journal) -> None:
    parent = run.getparent()
    journal.remove(run)
    while parent is not None and parent.tag in (W_INS, w("moveTo")) and len(parent) == 0:
        grand = parent.getparent()
        journal.remove(parent)
        parent = grand


def _wrap_deleted(context: EditContext, runs: list) -> None:
    """Wrap sibling runs in a w:del of the author, joining the author's deletion right before or after."""
    journal = context.journal
    before, after = _content_neighbour(runs[0], previous=True), _content_neighbour(runs[-1], previous=False)
    if _own_deletion(context, before):
        for run in runs:
            journal.move(run, before, None)
    elif _own_deletion(context, after):
        for index, run in enumerate(runs):
            journal.move(run, after, index)
    else:
        wrapper = context.new_revision(W_DEL, runs[0])
        journal.add_before(runs[0], wrapper)
        for run in runs:
            journal.move(run, wrapper, None)
    for run in runs:
        mark_deleted_text(run, journal)


def _content_neighbour(node, previous: bool):
    sibling = node.getprevious() if previous else node.getnext()
    while sibling is not None and (not isinstance(sibling.tag, str) or sibling.tag in IGNORABLE):
        sibling = sibling.getprevious() if previous else sibling.getnext()
    return sibling


def _own_deletion(context: EditContext, node) -> bool:
    return node is not None and node.tag == W_DEL and node.get(W_AUTHOR) == context.author


def _strike(run, journal) -> None:
    properties = run.find(W_RPR)
    if properties is None:
        properties = run.makeelement(W_RPR, {})
        journal.insert(run, 0, properties)
    for old in properties.findall(w("strike")):
        journal.remove(old)
    journal.insert(properties, schema_index(properties, w("strike")), properties.makeelement(w("strike"), {}))


# -- paragraph marks ---------------------------------------------------------------------------------------


def mark_revision(paragraph, tags=MARK_REVISIONS):
    """The revision elements of a paragraph's mark (w:pPr/w:rPr/w:ins...), in order."""
    properties = paragraph.find(W_PPR)
    mark = properties.find(W_RPR) if properties is not None else None
    return [child for child in mark if child.tag in tags] if mark is not None else []


def delete_mark(context: EditContext, paragraph) -> bool:
    """Delete the paragraph's mark; True when that removed the paragraph (its own inserted mark: the split
    undone, its content now at the start of the next paragraph)."""
    revisions = mark_revision(paragraph)
    if any(r.tag in DELETION_TAGS for r in revisions):
        return False  # deleted already
    inserted = [r for r in revisions if r.tag == W_INS]
    if inserted and context.owns_insertion(inserted[0]) and next_paragraph(paragraph) is not None:
        context.journal.remove(inserted[0])
        merge_with_next(paragraph, context.journal)
        return True
    if context.strike_deletions:
        raise EditRefused(NO_STRUCK_MARK)
    mark = mark_properties(paragraph, context.journal)
    index = mark.index(inserted[-1]) + 1 if inserted else 0
    context.journal.insert(mark, index, context.new_revision(W_DEL, paragraph))
    return False


def mark_properties(paragraph, journal):
    """The paragraph's w:pPr/w:rPr, made (in the journal) when missing."""
    properties = paragraph.find(W_PPR)
    if properties is None:
        properties = paragraph.makeelement(W_PPR, {})
        journal.insert(paragraph, 0, properties)
    mark = properties.find(W_RPR)
    if mark is None:
        mark = properties.makeelement(W_RPR, {})
        later = [i for i, c in enumerate(properties) if c.tag in (w("sectPr"), w("pPrChange"))]
        journal.insert(properties, later[0] if later else len(properties), mark)
    return mark
