"""Who made an edit and when, and the w:id of each revision element it writes (unique in the document)."""

from __future__ import annotations

from datetime import UTC, datetime
from weakref import WeakKeyDictionary

from redliner.core.oxml.ns import W_NS, w
from redliner.core.review.document import ReviewDocument

_COUNTERS: WeakKeyDictionary = WeakKeyDictionary()


class RevisionIds:
    """The next free w:id of a document: found once (one XPath over its stories), then counted up."""

    def __init__(self, review: ReviewDocument):
        highest = 0
        for _, name in review.stories():
            for value in review.package.xml(name).xpath("//@w:id", namespaces={"w": W_NS}):
                if value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
        self.next = highest + 1

    def take(self) -> str:
        value = self.next
        self.next += 1
        return str(value)


def revision_ids(review: ReviewDocument) -> RevisionIds:
    counter = _COUNTERS.get(review)
    if counter is None:
        counter = _COUNTERS[review] = RevisionIds(review)
    return counter


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Stamp:
    """The author, date and ids of one edit's revisions."""

    def __init__(self, ids: RevisionIds, author: str, date: str):
        self.ids, self.author, self.date = ids, author, date
        self.first_id = ids.next

    def new_id(self) -> str:
        return self.ids.take()

    def attrs(self) -> dict:
        attrs = {w("id"): self.new_id(), w("author"): self.author}
        if self.date:
            attrs[w("date")] = self.date
        return attrs
