"""DecisionHistory: a new decision on a decided change gives the tree that deciding it that way first gives."""

from __future__ import annotations

import itertools

import pytest
from lxml import etree

from redliner.core import Decision, ReviewDocument
from redliner.core.review.history import DecisionHistory, history_for
from tests.docx_factory import dele, dr, ins, make_docx, p, r

ACCEPT, REJECT, ASIDE = Decision.ACCEPT, Decision.REJECT, Decision.SKIP

# Changes side by side, so that one decision's seam repair touches the text beside the next change.
BODY = (p(r("The "), dele(dr("old "), rid=1), ins(r("new "), rid=2), r("plan"), ins(r(" here"), rid=3), r("."))
        + p(r("Staff "), dele(dr("will"), rid=4), r(" "), ins(r("shall"), rid=5), r(" train"),
            dele(dr(" often"), rid=6), r(".")))


@pytest.fixture
def path(tmp_path):
    return make_docx(tmp_path, BODY)


def xml(document: ReviewDocument) -> bytes:
    return etree.tostring(document.package.xml(document.package.main_document))


def decided(path, batches) -> ReviewDocument:
    """A fresh document with these batches decided in this order."""
    document = ReviewDocument.open(path)
    for ids, decision in batches:
        document.decide(ids, decision)
    return document


def test_one_history_per_document(path):
    document = ReviewDocument.open(path)
    assert history_for(document) is history_for(document)
    assert history_for(ReviewDocument.open(path)) is not history_for(document)


@pytest.mark.parametrize(("target", "first", "then"), [
    (target, first, then)
    for target in "12345" for first, then in itertools.permutations((ACCEPT, REJECT, ASIDE), 2)])
def test_a_new_decision_is_as_if_made_first(path, target, first, then):
    document = ReviewDocument.open(path)
    assert len(document.changes) == 5  # "old" -> "new" is one replacement
    history = DecisionHistory(document)
    before_all = xml(document)
    history.apply([target], first)
    others = [c.id for c in document.changes if c.id != target]
    for change_id, decision in zip(others, itertools.cycle((REJECT, ACCEPT)), strict=False):
        history.apply([change_id], decision)
    history.apply(others + [target], ACCEPT)  # a bulk step that skipped the decided ones
    as_first_made = xml(document)
    statuses = {c.id: c.status for c in document.changes}

    position, originals = history.revise(target, then)
    assert document.change(target).status.value == {ACCEPT: "accepted", REJECT: "rejected", ASIDE: "skipped"}[then]
    later = history.batches()[position + 1:]
    assert later and all(target not in ids for ids, _ in later)  # made again without it
    # The same tree as replaying the history's batches on the file as opened (what a crash restore does).
    assert xml(document) == xml(decided(path, history.batches()))

    revised = xml(document)
    history.restore(position, originals)
    assert xml(document) == as_first_made and {c.id: c.status for c in document.changes} == statuses
    history.revise(target, then, position)
    assert xml(document) == revised == xml(decided(path, history.batches()))
    while history.applied:
        history.take_back()
    assert xml(document) == before_all and {c.status.value for c in document.changes} == {"pending"}


@pytest.mark.parametrize(("target", "first"), [(t, d) for t in "12345" for d in (ACCEPT, REJECT, ASIDE)])
def test_a_reset_is_as_if_the_change_was_never_decided(path, target, first):
    document = ReviewDocument.open(path)
    history = DecisionHistory(document)
    history.apply([target], first)
    others = [c.id for c in document.changes if c.id != target]
    for change_id, decision in zip(others, itertools.cycle((REJECT, ACCEPT)), strict=False):
        history.apply([change_id], decision)
    history.apply(others + [target], ACCEPT)  # a bulk step naming it too (it decides a skipped one)
    as_made, statuses = xml(document), {c.id: c.status for c in document.changes}

    position, originals = history.reset(target)
    assert position == 0 and document.change(target).status.value == "pending"
    assert all(target not in ids for ids, _ in history.batches())
    assert {c.id: c.status for c in document.changes if c.id != target} == {
        i: s for i, s in statuses.items() if i != target}  # the later decisions stay made
    reset = xml(document)
    assert reset == xml(decided(path, history.batches()))  # what a crash restore replays

    history.restore(position, originals)
    assert xml(document) == as_made and {c.id: c.status for c in document.changes} == statuses
    history.reset(target, position)  # redo
    assert xml(document) == reset


def test_a_reset_needs_a_decision_that_named_the_change(path):
    history = DecisionHistory(ReviewDocument.open(path))
    history.apply(["1"], ACCEPT)
    assert history.first_naming("1") == 0 and history.first_naming("2") is None
    with pytest.raises(ValueError, match="no decision named change 2"):
        history.reset("2")
    assert history.batches() == [(["1"], ACCEPT)]
