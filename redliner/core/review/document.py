"""A document under review: its package, the changes found in it, and decisions on them."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.errors import UnknownChangeError
from redliner.core.opc.package import Package
from redliner.core.oxml.ns import CP_NS, DC_NS, DCTERMS_NS
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.text import document_paragraphs
from redliner.core.review.conflicts import decide_with_conflicts, link_conflicts, needs_conflict_rules
from redliner.core.review.journal import Journal
from redliner.core.review.markers import MarkerRule
from redliner.core.review.model import STATUS_AFTER, Change, ChangeSource, Decision, Status
from redliner.core.review.not_proposals import mark_remembered
from redliner.core.review.story import MarkerOrigin, read_story

# Parts that hold reviewable text, in the order a reviewer meets them.
STORY_RELATIONSHIPS = (("header", RT.HEADER), ("footer", RT.FOOTER), ("footnotes", RT.FOOTNOTES),
                       ("endnotes", RT.ENDNOTES))


class ReviewDocument:
    def __init__(self, package: Package, markers: list[MarkerRule] | None = None, drafter: str | None = None):
        # The changes come first so that they are freed first: the XML trees they point into then go last, in
        # one piece, instead of the change list's large blocks being freed among the trees' small ones (which
        # makes glibc merge all of those on the spot: ~30 ms at 500 pages).
        self.changes: list[Change] = []
        self._by_id: dict[str, Change] = {}
        self.package = package
        self.markers = list(markers or [])
        self.named_drafter = (drafter or "").strip()  # who wrote the marker proposals, as the reviewer named them
        self.styles = StyleSheet.from_xml(self.related_xml(RT.STYLES))
        self.warnings: list[str] = []
        self.origin = None  # an origin.Origin when compared or combined from files rather than opened from one
        self._find_changes()

    @classmethod
    def open(cls, path, markers: list[MarkerRule] | None = None, drafter: str | None = None) -> ReviewDocument:
        return cls(Package.open(path), markers, drafter)

    @property
    def path(self) -> Path:
        return self.package.path

    # -- reading -------------------------------------------------------------------------------

    def stories(self) -> list[tuple[str, str]]:
        """(label, part name) of every part with reviewable text: body first."""
        main = self.package.main_document
        found = [("body", main)]
        for label, reltype in STORY_RELATIONSHIPS:
            found.extend((label, name) for name in self.package.related(main, reltype))
        return found

    def related_xml(self, reltype: str):
        """Root of the main document's related part of this type (styles, settings...), None when it has none."""
        names = self.package.related(self.package.main_document, reltype)
        return self.package.xml(names[0]) if names else None

    def _find_changes(self) -> None:
        with collector_paused():
            self._scan_stories()

    def _scan_stories(self) -> None:
        origin = MarkerOrigin(self.drafter, self.modified_date()) if self.markers else None
        changes: list[Change] = []
        for label, name in self.stories():  # in reading order, and so are the changes of each
            scan = read_story(self.package.xml(name), label, name, self.styles, self.markers, origin)
            self.warnings.extend(scan.warnings)
            changes.extend(scan.changes)
        if self.markers:
            mark_remembered(self.package, changes)  # spans a saved review called "not a proposal"
        self.renumber(changes)
        link_conflicts(self)  # overlapping edits of combined reviewers' copies (conflicts.py)

    def renumber(self, changes: list[Change]) -> None:
        """Replace the list of changes (regrouped), ids renumbered 1..n in this order."""
        self.changes, self._by_id = list(changes), {}
        for number, change in enumerate(changes, start=1):
            change.id = str(number)
            self._by_id[change.id] = change

    def core_property(self, namespace: str, local: str) -> str:
        return self.package.core_property(namespace, local)

    def last_modified_by(self) -> str:
        return self.core_property(CP_NS, "lastModifiedBy") or self.core_property(DC_NS, "creator")

    def modified_date(self) -> str:
        return self.core_property(DCTERMS_NS, "modified")

    @property
    def drafter(self) -> str:
        """Whom marker proposals are attributed to: the name the reviewer gave, else the draft's last author."""
        return self.named_drafter or self.last_modified_by() or "Unknown"

    def name_drafter(self, name: str | None) -> None:
        """The reviewer says who wrote the marker proposals ('' or None: the draft's last author)."""
        self.named_drafter = (name or "").strip()
        for change in self.changes:
            if change.source == ChangeSource.MARKER:
                change.author = self.drafter

    # -- looking up ----------------------------------------------------------------------------

    def change(self, change_id: str) -> Change:
        try:
            return self._by_id[str(change_id)]
        except KeyError:
            raise UnknownChangeError(f"no change with id {change_id} in {self.path.name}") from None

    def index_changes(self, added: Iterable[Change] = (), removed: Iterable[Change] = ()) -> None:
        """Keep the id lookup in step with `changes` when an edit re-read some paragraphs (editing/refresh.py):
        the caller has put the added changes into the list and taken the removed ones out."""
        for change in removed:
            if self._by_id.get(change.id) is change:
                del self._by_id[change.id]
        for change in added:
            self._by_id[change.id] = change

    def select(self, ids: Iterable[str] = (), authors: Iterable[str] = (), kinds: Iterable[str] = (),
               statuses: Iterable[Status] = ()) -> list[Change]:
        """Changes matching every filter given (an empty filter matches all)."""
        wanted_ids = {str(i) for i in ids}
        for change_id in wanted_ids:
            self.change(change_id)
        authors, kinds, statuses = set(authors), {str(k) for k in kinds}, set(statuses)
        return [
            c for c in self.changes
            if (not wanted_ids or c.id in wanted_ids)
            and (not authors or c.author in authors)
            and (not kinds or c.kind.value in kinds)
            and (not statuses or c.status in statuses)
        ]

    def pending(self) -> list[Change]:
        return [c for c in self.changes if not c.is_decided]

    # -- deciding ------------------------------------------------------------------------------

    def decide(self, changes: Iterable[Change | str], decision: Decision) -> Journal:
        """Apply one decision to several changes as one undoable step; already decided ones are skipped."""
        targets = [c if isinstance(c, Change) else self.change(c) for c in changes]
        targets = [c for c in targets if not c.is_decided]
        if decision == Decision.NOT_A_PROPOSAL:  # only a marker span can be plain emphasis; a revision is a change
            targets = [c for c in targets if c.source == ChangeSource.MARKER]
        if needs_conflict_rules(targets):
            return decide_with_conflicts(self, targets, decision)
        journal = Journal()
        if decision in (Decision.ACCEPT, Decision.REJECT):
            pieces = [(piece, c) for c in targets for piece in c.pieces]
            pieces.sort(key=lambda item: item[0].stage)  # content first, then marks/rows/cells
            for piece, _ in pieces:
                (piece.accept if decision == Decision.ACCEPT else piece.reject)(journal)
                journal.parts.add(piece.part_name)
        for change in targets:
            _set_status(change, STATUS_AFTER[decision], journal)
        for name in journal.parts:
            self.package.mark_dirty(name)
        return journal

    def undo(self, journal: Journal) -> None:
        journal.undo()

    # -- text ------------------------------------------------------------------------------------

    def body_text(self) -> str:
        return paragraphs_text(self.package.xml(self.package.main_document))


@contextmanager
def collector_paused():
    """Scanning builds tens of thousands of objects that all stay alive: collecting meanwhile is wasted work."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _set_status(change: Change, status: Status, journal: Journal) -> None:
    old = change.status
    change.status = status
    journal.record(lambda: setattr(change, "status", old))


def paragraphs_text(root) -> str:
    return "\n".join(document_paragraphs(root))
