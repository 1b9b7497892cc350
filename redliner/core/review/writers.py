"""Writing a reviewed document: a clean copy, or a marked-up copy with native tracked changes.

Both work on the live tree: they apply what the copy needs in a journal, write the package, then undo the
journal, so the review in progress is left exactly as it was.
"""

from __future__ import annotations

from functools import partial
from itertools import count

from redliner.core.oxml.ns import w
from redliner.core.review.comment_marks import strip_comments
from redliner.core.review.document import ReviewDocument
from redliner.core.review.model import OPEN_STATUSES, ChangeSource, Decision, Status
from redliner.core.review.not_proposals import remember


def write_clean(document: ReviewDocument, path, undecided: Decision = Decision.ACCEPT, *,
                overwrite_input: bool = False, keep_comments: bool = False) -> None:
    """Every change resolved: decided ones as decided, the rest (pending or skipped) by `undecided`; no
    revision left. Comments are removed (anchors and parts: a clean copy is the text to publish) unless
    `keep_comments`.

    Marker spans that are not proposals keep their formatting, and the copy remembers them (not_proposals.py).
    """
    if undecided not in (Decision.ACCEPT, Decision.REJECT):
        raise ValueError("undecided changes must be accepted or rejected in a clean copy")
    open_changes = [c for c in document.changes if c.status in OPEN_STATUSES]
    saved_status = {c.id: c.status for c in open_changes}
    for change in open_changes:
        change.status = Status.PENDING
    journal = document.decide(open_changes, undecided)
    remember(document, journal)
    if not keep_comments:
        strip_comments(document.package, [name for _, name in document.stories()], journal)
    try:
        document.package.save(path, overwrite_input=overwrite_input)
    finally:
        journal.undo()
        for change in open_changes:
            change.status = saved_status[change.id]


def write_marked_up(document: ReviewDocument, path, *, overwrite_input: bool = False) -> None:
    """Decided changes applied; open (pending or skipped) tracked changes kept; open marker changes become
    w:ins/w:del; marker spans that are not proposals stay as they are, remembered (not_proposals.py).

    A marker proposal is its drafter's: its revision carries the author and date the review shows for it
    (the draft's last author or the name the reviewer gave, and the draft's date), not the reviewer's
    name and the time of saving.
    """
    from redliner.core.review.journal import Journal

    journal = Journal()
    ids = count(_max_id(document) + 1)
    for change in document.changes:
        if change.source == ChangeSource.MARKER and change.status in OPEN_STATUSES:
            attrs = partial(revision_attributes, ids, change.author, change.date)
            for piece in change.pieces:
                piece.to_tracked(journal, attrs)
                document.package.mark_dirty(piece.part_name)
    remember(document, journal)
    try:
        document.package.save(path, overwrite_input=overwrite_input)
    finally:
        journal.undo()


def revision_attributes(ids, author: str, date: str) -> dict:
    """w:id (the next of `ids`), w:author and w:date of a revision; no w:date (it is optional) when the
    review shows none."""
    attrs = {w("id"): str(next(ids)), w("author"): author}
    if date:
        attrs[w("date")] = date
    return attrs


def _max_id(document: ReviewDocument) -> int:
    highest = 0
    attribute = w("id")
    for _, name in document.stories():
        for element in document.package.xml(name).iter():
            value = element.get(attribute)
            if value is not None and value.lstrip("-").isdigit():
                highest = max(highest, int(value))
    return highest
