"""What the engine reports: changes, their kinds, sources and review status."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from redliner.core.review.invisible import looks_alike, name_all, name_in_place, only_invisible


class ChangeKind(StrEnum):
    INSERTION = "insertion"
    DELETION = "deletion"
    REPLACEMENT = "replacement"
    MOVE = "move"
    FORMAT = "format"
    PARAGRAPH_MARK = "paragraph-mark"
    ROW = "row"
    CELL = "cell"
    PROPERTY = "property"


class ChangeSource(StrEnum):
    TRACKED = "tracked"
    MARKER = "marker"
    COMPARE = "compare"


class Status(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SKIPPED = "skipped"  # left undecided for later: still a change, saved as one
    NOT_A_PROPOSAL = "not a proposal"  # a marker span that is real emphasis: kept as it is, out of the review


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    SKIP = "skip"
    NOT_A_PROPOSAL = "not a proposal"  # for marker changes only


STATUS_AFTER = {
    Decision.ACCEPT: Status.ACCEPTED, Decision.REJECT: Status.REJECTED, Decision.SKIP: Status.SKIPPED,
    Decision.NOT_A_PROPOSAL: Status.NOT_A_PROPOSAL,
}
# What a clean copy must still resolve and a marked-up copy writes as a change.
OPEN_STATUSES = frozenset((Status.PENDING, Status.SKIPPED))


@dataclass(eq=False, slots=True)
class Location:
    part: str  # "body", "header", "footer", "footnotes", "endnotes"
    part_name: str  # zip entry, e.g. word/document.xml
    paragraph: int  # index of the paragraph in its part, document order, tables included
    heading: str  # text of the nearest heading before it ('' when none)


@dataclass(eq=False, slots=True)
class Change:
    """One reviewable change: one or more revision pieces decided together."""

    id: str
    kind: ChangeKind
    source: ChangeSource
    author: str
    date: str
    inserted: str
    deleted: str
    location: Location
    pieces: list = field(default_factory=list)
    status: Status = Status.PENDING
    detail: str = ""  # e.g. the property that changed
    conflicts_with: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """One human-readable line: 'philosophy → determined plan'."""
        return describe(self)

    @property
    def paragraph(self) -> int:
        return self.location.paragraph

    @property
    def is_decided(self) -> bool:
        """Out of the review: accepted, rejected, or (a marker span) not a proposal."""
        return self.status not in OPEN_STATUSES

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "author": self.author,
            "date": self.date,
            "source": self.source.value,
            "status": self.status.value,
            "part": self.location.part,
            "paragraph": self.location.paragraph,
            "heading": self.location.heading,
            "inserted": self.inserted,
            "deleted": self.deleted,
            "text": self.text,
            "conflicts_with": list(self.conflicts_with),
        }


def _squash(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters; text that is only spaces, breaks and the like names them:
    '(space)', '(no-break space)', '(2 tabs)'."""
    if only_invisible(text):
        return name_all(text)
    if text and not text.strip():
        return "(space)"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(change: Change) -> str:
    kind = change.kind
    # The common cases first: a change list of thousands asks this of every change.
    if kind is ChangeKind.INSERTION and not change.deleted:
        return f"+ {_squash(change.inserted) or _invisible(change)}"
    if kind is ChangeKind.DELETION and not change.inserted:
        return f"− {_squash(change.deleted) or _invisible(change)}"
    if looks_alike(change.inserted, change.deleted):  # a space for a no-break space: say which is which
        ins, dele = _squash(name_in_place(change.inserted)), _squash(name_in_place(change.deleted))
    else:
        ins, dele = _squash(change.inserted), _squash(change.deleted)
    if kind in (ChangeKind.REPLACEMENT,) or (ins and dele and kind != ChangeKind.MOVE):
        return f"{dele or _invisible(change)} → {ins or _invisible(change)}"
    if kind == ChangeKind.MOVE:
        return f"moved: {ins or dele}"
    if kind in (ChangeKind.FORMAT, ChangeKind.PROPERTY):
        return f"{change.detail or 'properties'} changed: {ins or dele}".rstrip(": ")
    if kind == ChangeKind.PARAGRAPH_MARK:
        return f"paragraph mark {'inserted' if change.detail == 'inserted' else 'deleted'}"
    if kind in (ChangeKind.ROW, ChangeKind.CELL):
        return f"{kind.value} {change.detail}: {ins or dele}".rstrip(": ")
    if change.inserted or kind == ChangeKind.INSERTION:
        return f"+ {ins or _invisible(change)}"
    if change.deleted or kind == ChangeKind.DELETION:
        return f"− {dele or _invisible(change)}"
    return kind.value


def _invisible(change: Change) -> str:
    return f"({change.detail})" if change.detail else "(no visible text)"
