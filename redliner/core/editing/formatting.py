"""Bold, italic and underline on a range, as tracked format changes (w:rPrChange keeping the old w:rPr).

The range's runs are cut at its ends; if every run already has the property it is switched off, else on.
A run that has a w:rPrChange keeps it (it holds the formatting before all changes); the author's own pending
insertion takes the new formatting without one (rejecting the insertion removes it anyway), as in Word. A
run turned back to its old formatting by its author loses the w:rPrChange: nothing is left to review.
"""

from __future__ import annotations

import copy

from redliner.core.editing.context import EditContext, EditRefused, Outcome, read, revision_context
from redliner.core.editing.deleting import _runs_in
from redliner.core.editing.inserting import schema_index
from redliner.core.editing.textmap import ParagraphText
from redliner.core.editing.treeops import RPR_REVISIONS, cut_run
from redliner.core.oxml.ns import w
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_RPR, W_VAL, element_key, on_off

TOGGLES = {"b": (w("b"), w("bCs")), "i": (w("i"), w("iCs")), "u": (w("u"),)}
W_RPRCHANGE, W_RSTYLE, W_AUTHOR = w("rPrChange"), w("rStyle"), w("author")


def toggle_format(context: EditContext, chain: list, start: int, end: int, prop: str) -> Outcome:
    tags = TOGGLES.get(prop)
    if tags is None:
        raise EditRefused(f"unknown format {prop!r}; use b, i or u")
    runs = []
    for index, paragraph in enumerate(chain):
        first = start if index == 0 else 0
        last = end if index == len(chain) - 1 else None
        runs.extend(_cut_range(context, paragraph, first, last))
    if runs:
        turn_on = not all(is_on(run, tags[0], context.styles) for run in runs)
        for run in runs:
            _set(context, run, tags, turn_on)
    last_paragraph = chain[-1]
    return Outcome(list(chain), [], (last_paragraph, end), (chain[0], start))


def _cut_range(context: EditContext, paragraph, start: int, end: int | None) -> list:
    """The runs of the live (not deleted) text in [start, end), cut out of their neighbours."""
    shown = read(paragraph)
    end = len(shown) if end is None else end
    if not 0 <= start <= end <= len(shown):
        raise EditRefused("that range is not in the paragraph")
    atoms = [a for a in shown.atoms(start, end) if not a.deleted]
    for atom in atoms:
        if atom.refusal or atom.run is None:
            raise EditRefused(atom.refusal or "cannot format an equation")
    if not atoms:
        return []
    cut_run(atoms[-1].element, atoms[-1].index + 1, context.journal)
    cut_run(atoms[0].element, atoms[0].index, context.journal)
    return [run for run in _runs_in(ParagraphText(paragraph), start, end) if revision_context(run)[1] is None]


def is_on(run, tag: str, styles: StyleSheet) -> bool:
    properties = run.find(W_RPR)
    direct = properties.find(tag) if properties is not None else None
    if direct is None and properties is not None and properties.find(W_RSTYLE) is not None:
        direct = styles.style_property(properties.find(W_RSTYLE).get(W_VAL, ""), tag)
    if direct is None:
        return False
    if tag == w("u"):
        return direct.get(W_VAL, "single") != "none"
    return on_off(direct)


def _set(context: EditContext, run, tags: tuple, turn_on: bool) -> None:
    journal = context.journal
    properties = run.find(W_RPR)
    if properties is None:
        properties = run.makeelement(W_RPR, {})
        journal.insert(run, 0, properties)
    change = properties.find(W_RPRCHANGE)
    if change is None and not context.owns_insertion(revision_context(run)[0]):
        change = context.new_revision(W_RPRCHANGE, properties)
        old = properties.makeelement(W_RPR, {})
        old.extend(copy.deepcopy(c) for c in properties if c.tag not in RPR_REVISIONS)
        change.append(old)
        journal.insert(properties, len(properties), change)
    for tag in tags:
        for found in properties.findall(tag):
            journal.remove(found)
    if turn_on:
        for tag in tags:
            value = {W_VAL: "single"} if tag == w("u") else {}
            journal.insert(properties, schema_index(properties, tag), properties.makeelement(tag, value))
    elif is_on(run, tags[0], context.styles):  # the character style sets it: switched off explicitly
        value = {W_VAL: "none" if tags[0] == w("u") else "0"}
        journal.insert(properties, schema_index(properties, tags[0]), properties.makeelement(tags[0], value))
    if change is not None and change.get(W_AUTHOR) == context.author and _unchanged(properties, change):
        journal.remove(change)


def _unchanged(properties, change) -> bool:
    now = [element_key(c) for c in properties if c.tag not in RPR_REVISIONS]
    old = [element_key(c) for c in (change[0] if len(change) else ())]
    return now == old
