"""Conflicting edits of reviewers' copies: found from the revisions themselves, decided together.

How a conflict is written (see merge.py): base text deleted by several reviewers is one w:del whose author
lists them all ("Alex Rivera, Jordan Lee"); each reviewer's own deletions and insertions sit next to it. On
reading (a combined document in memory or the same file re-opened), a *cluster* is a chain of adjacent
tracked content pieces (w:ins/w:del next to each other) in which some author names several people. Each
reviewer's edit is the set of pieces naming them; reviewers with the same set made the same edit (one
change, attributed to all). Two edits sharing a piece overlap: they become one change each, with
`conflicts_with` naming the others, and pieces shared between them.

Deciding: accepting a change rejects those it conflicts with (their pieces not shared with it); rejecting
a change leaves pieces that another pending change still holds.
"""

from __future__ import annotations

from redliner.core.oxml.wordml import next_content_sibling
from redliner.core.review.journal import Journal
from redliner.core.review.model import STATUS_AFTER, Change, ChangeKind, ChangeSource, Decision, Status
from redliner.core.review.revisions import DELETE, INSERT

NAME_SEPARATOR = ", "


def names(author: str) -> list[str]:
    return [n for n in author.split(NAME_SEPARATOR) if n]


# -- finding -----------------------------------------------------------------------------------------------


def link_conflicts(document) -> None:
    """Regroup the changes of conflicting clusters into one change per reviewer's edit, linked."""
    if not any(NAME_SEPARATOR in change.author for change in document.changes):
        return  # no revision names several reviewers: nothing was combined here
    clusters = _clusters(document.changes)
    replaced: dict[int, list[Change]] = {}
    links: dict[int, list[Change]] = {}
    for cluster in clusters:
        edits = _edits(cluster)
        if not _overlapping(edits):
            continue
        owners = {id(p): c for c in document.changes for p in c.pieces if p in cluster}
        first_owner = next(iter(owners.values()))
        new = [_change(group_names, pieces, first_owner, cluster) for group_names, pieces in edits]
        links.update(_links(new, edits))
        replaced[id(first_owner)] = new
        for owner in set(owners.values()):
            owner.pieces = [p for p in owner.pieces if p not in cluster]
    if not replaced:
        return
    changes = []
    for change in document.changes:
        changes.extend(replaced.get(id(change), []))
        if change.pieces:
            changes.append(change)
    document.renumber(changes)
    for change in changes:
        change.conflicts_with = [other.id for other in links.get(id(change), [])]


def _content_pieces(changes: list[Change]) -> list:
    return [p for c in changes if c.source != ChangeSource.MARKER and c.kind != ChangeKind.MOVE
            for p in c.pieces if getattr(getattr(p, "handler", None), "kind", "") == "content"]


def _clusters(changes: list[Change]) -> list[list]:
    """Chains of adjacent content pieces in which some author names several people."""
    pieces = _content_pieces(changes)
    by_element = {p.element: p for p in pieces}
    following = {}
    for piece in pieces:
        successor = by_element.get(next_content_sibling(piece.element))
        if successor is not None:
            following[id(piece)] = successor
    heads = {id(p) for p in pieces} - {id(p) for p in following.values()}
    clusters = []
    for piece in pieces:
        if id(piece) not in heads:
            continue
        chain = [piece]
        while id(chain[-1]) in following and len(chain) <= len(pieces):
            chain.append(following[id(chain[-1])])
        if len(chain) > 1 and any(len(names(p.author)) > 1 for p in chain):
            clusters.append(chain)
    return clusters


def _edits(cluster: list) -> list[tuple[list[str], list]]:
    """(reviewers, pieces) of each distinct edit in a cluster, in order of first appearance."""
    order: list[str] = []
    for piece in cluster:
        order.extend(n for n in names(piece.author) if n not in order)
    grouped: dict[tuple, list[str]] = {}
    for name in order:
        key = tuple(id(p) for p in cluster if name in names(p.author))
        grouped.setdefault(key, []).append(name)
    by_id = {id(p): p for p in cluster}
    return [(reviewers, [by_id[i] for i in key]) for key, reviewers in grouped.items()]


def _overlapping(edits) -> bool:
    return any(_shares(a, b) for i, (_, a) in enumerate(edits) for _, b in edits[i + 1:])


def _shares(first: list, second: list) -> bool:
    return bool({id(p) for p in first} & {id(p) for p in second})


def _links(changes: list[Change], edits) -> dict[int, list[Change]]:
    return {id(change): [other for other, (_, theirs) in zip(changes, edits, strict=True)
                         if other is not change and _shares(pieces, theirs)]
            for change, (_, pieces) in zip(changes, edits, strict=True)}


def _change(reviewers: list[str], pieces: list, owner: Change, cluster: list) -> Change:
    directions = {p.direction for p in pieces}
    kind = (ChangeKind.REPLACEMENT if directions == {INSERT, DELETE}
            else ChangeKind.INSERTION if directions == {INSERT} else ChangeKind.DELETION)
    inserted, deleted = _edit_texts(pieces, cluster)
    return Change(id="", kind=kind, source=owner.source, author=NAME_SEPARATOR.join(reviewers),
                  date=pieces[0].date, inserted=inserted, deleted=deleted, location=owner.location,
                  pieces=list(pieces))


def _edit_texts(pieces: list, cluster: list) -> tuple[str, str]:
    """(inserted, deleted) of one reviewer's edit, over the stretch of the cluster from its first piece to its
    last: base text that other reviewers deleted in between is kept by this edit, so it reads on both sides
    ("policing principles are -> oriented policing principles will be"), and their insertions on neither."""
    mine = {id(p) for p in pieces}
    places = [i for i, p in enumerate(cluster) if id(p) in mine]
    inserted, deleted = [], []
    for piece in cluster[places[0]:places[-1] + 1]:
        added, removed = piece.text()
        if id(piece) in mine:
            inserted.append(added)
            deleted.append(removed)
        elif piece.direction == DELETE:
            inserted.append(removed)
            deleted.append(removed)
    return "".join(inserted), "".join(deleted)


# -- deciding ---------------------------------------------------------------------------------------------


def needs_conflict_rules(targets: list[Change]) -> bool:
    return any(c.conflicts_with for c in targets)


def decide_with_conflicts(document, targets: list[Change], decision: Decision) -> Journal:
    """One undoable step; accepting rejects the conflicting changes, shared pieces decided once."""
    journal = Journal()
    accepted, rejected = _outcome(document, targets, decision)
    edits_text = decision in (Decision.ACCEPT, Decision.REJECT)
    if edits_text:
        actions = _piece_actions(document, accepted, rejected)
        actions.sort(key=lambda item: item[0].stage)
        for piece, accept in actions:
            (piece.accept if accept else piece.reject)(journal)
            journal.parts.add(piece.part_name)
    statuses = [(c, STATUS_AFTER[decision]) for c in (accepted if edits_text else targets)]
    statuses += [(c, Status.REJECTED) for c in rejected]
    for change, status in statuses:
        old = change.status
        change.status = status
        journal.record(lambda change=change, old=old: setattr(change, "status", old))
    for name in journal.parts:
        document.package.mark_dirty(name)
    return journal


def _outcome(document, targets: list[Change], decision: Decision) -> tuple[list[Change], list[Change]]:
    """(changes to accept, changes to reject)."""
    if decision == Decision.REJECT:
        return [], list(targets)
    if decision != Decision.ACCEPT:  # skipping decides nothing
        return [], []
    accepted: list[Change] = []
    rejected: list[Change] = []
    for change in targets:
        if change in rejected:
            continue
        accepted.append(change)
        for other_id in change.conflicts_with:
            other = document.change(other_id)
            if not other.is_decided and other not in accepted and other not in rejected:
                rejected.append(other)
    return accepted, rejected


def _piece_actions(document, accepted: list[Change], rejected: list[Change]) -> list[tuple]:
    deciding = {id(c) for c in accepted + rejected}
    held = {id(p) for c in document.changes if not c.is_decided and id(c) not in deciding for p in c.pieces}
    actions, done = [], set()
    for changes, accept in ((accepted, True), (rejected, False)):
        for change in changes:
            for piece in change.pieces:
                if id(piece) in done or (not accept and id(piece) in held):
                    continue
                done.add(id(piece))
                actions.append((piece, accept))
    return actions
