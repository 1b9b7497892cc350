"""The decision log: who accepted, rejected, skipped or reset which change, and when; kept in the .docx.

Every decision made in a review (the app's, or `redliner accept|reject` with a filter) is an entry; so is
every undo (an entry naming the entry it takes back), so the log says what happened, not only what stands.
It travels with the document as a custom XML item (opc/custom_xml.py: Word and LibreOffice keep those
through their own saves):

    <log xmlns="urn:redliner:decision-log:1">
      <entry n="1" action="accept" by="Kim Lee" at="2026-12-02T10:15:00Z">
        <change id="3" status="accepted" source="tracked" kind="replacement" author="Alex"
                date="2024-01-01T00:00:00Z" part="word/document.xml" paragraph="0" revision="2">
          <inserted>new</inserted><deleted>old</deleted><text>old → new</text></change>
      </entry>
      <entry n="2" action="undo" undoes="1" by="Kim Lee" at="2026-12-02T10:15:04Z">(the same changes)</entry>
    </log>

Actions: accept, reject, skip, not a proposal (Decision values), reset (back to pending) and undo. A change is
recognised after reopening by its revision (part, w:id, author, date) or, for marked text, by its part,
paragraph and text; when that fails (Word renumbers w:ids when it saves; a skipped proposal becomes a tracked
change in the marked-up copy) by part, author, date and text, when only one logged change fits (or one in
the same paragraph). The list id ("3") is kept for people only: it changes when the document does.

Use:

    log = log_for(document)                              # read from the document's package once
    entry = log.record(Decision.ACCEPT, changes, "Kim")  # after document.decide(changes, ...)
    log.undo(entry, "Kim")                               # after undoing it (or log.undo_last("Kim"))
    log.latest_for(change)                               # the entry in force: .who, .when; None if pending
    log.in_force()                                       # (LoggedChange, Entry) of every decision in force
    save_marked_up(document, path)                       # writes the log into the copy
    save_clean(document, path, Decision.ACCEPT)          # leaves it out (keep_log=True keeps it)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from weakref import WeakKeyDictionary

from lxml import etree

from redliner.core.opc.custom_xml import add_item, items_in, remove_item, replace_item
from redliner.core.opc.package import Package
from redliner.core.oxml.ns import w
from redliner.core.review.document import ReviewDocument
from redliner.core.review.journal import Journal
from redliner.core.review.model import Change, ChangeSource, Decision, Status
from redliner.core.review.writers import write_clean, write_marked_up

LOG_NS = "urn:redliner:decision-log:1"
RESET, UNDO = "reset", "undo"
ACTIONS = frozenset({*(d.value for d in Decision), RESET, UNDO})
_LOG, _ENTRY, _CHANGE = f"{{{LOG_NS}}}log", f"{{{LOG_NS}}}entry", f"{{{LOG_NS}}}change"
_TEXTS = ("inserted", "deleted", "text")


def now() -> str:
    """This moment, ISO 8601 in UTC to the second, as Word dates revisions: 2026-12-02T10:15:00Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class LoggedChange:
    """A change as an entry names it: enough to recognise it after reopening, and to show it to people."""

    id: str  # the list id then (for people: it may differ after reopening)
    status: str  # the change's status after the entry's action
    source: str
    kind: str
    author: str
    date: str
    part: str
    paragraph: int
    revision: str  # w:id of its first revision element ('' for marked text)
    inserted: str = ""
    deleted: str = ""
    text: str = ""

    @classmethod
    def of(cls, change: Change, text: str | None = None) -> LoggedChange:
        return cls(change.id, change.status.value, change.source.value, change.kind.value, change.author,
                   change.date, change.location.part_name, change.location.paragraph, _revision_id(change),
                   change.inserted, change.deleted, change.text if text is None else text)

    @property
    def identity(self) -> tuple:
        if self.revision:
            return ("revision", self.part, self.revision, self.author, self.date)
        return ("span", self.part, self.paragraph, self.inserted, self.deleted)

    @property
    def content(self) -> tuple:
        """Spaces collapsed: a proposal written as a tracked change takes the space beside it along."""
        return (self.part, self.author, self.date, " ".join(self.inserted.split()), " ".join(self.deleted.split()))


@dataclass(frozen=True)
class Entry:
    number: int  # 1, 2, ... in the order made; an undo names the entry it takes back by it
    action: str  # a Decision value, "reset" or "undo"
    who: str
    when: str  # ISO 8601, UTC
    changes: tuple[LoggedChange, ...] = ()
    undoes: int | None = None

    def to_dict(self) -> dict:
        """As JSON holds it (an autosave's)."""
        return {"number": self.number, "action": self.action, "who": self.who, "when": self.when,
                "changes": [c.__dict__.copy() for c in self.changes], "undoes": self.undoes}

    @classmethod
    def from_dict(cls, data: dict) -> Entry:
        return cls(**{**data, "changes": tuple(LoggedChange(**c) for c in data.get("changes", ()))})

    @property
    def decided_by(self) -> str:
        return self.who

    @property
    def decided_at(self) -> str:
        return self.when


@dataclass
class DecisionLog:
    entries: list[Entry] = field(default_factory=list)
    item: str | None = None  # the custom XML part it was read from (rewritten in place when saving)
    read_count: int = 0  # entries the file held: the rest were made in this session
    _in_force: dict | None = field(default=None, repr=False, compare=False)

    # -- reading -------------------------------------------------------------------------------------

    @classmethod
    def read(cls, source: ReviewDocument | Package) -> DecisionLog:
        """The log a document's package holds (an empty one when it holds none)."""
        package = source.package if isinstance(source, ReviewDocument) else source
        items = items_in(package, LOG_NS)
        if not items:
            return cls()
        entries = [entry for element in package.xml(items[0]).iter(_ENTRY)
                   if (entry := _entry_from(element)) is not None]
        return cls(entries, items[0], len(entries))

    # -- recording -----------------------------------------------------------------------------------

    def record(self, action: Decision | str, changes: Iterable[Change], who: str, when: str | None = None) -> Entry:
        """An entry for `action` on these changes, as they are now (after the decision); returns it."""
        action = action.value if isinstance(action, Decision) else str(action)
        if action not in ACTIONS - {UNDO}:
            raise ValueError(f"unknown decision log action {action!r}")
        return self._add(action, tuple(LoggedChange.of(c) for c in changes), who, when)

    def undo(self, entry: Entry, who: str, when: str | None = None) -> Entry:
        """An entry saying `entry` was taken back (its changes are as they were before it)."""
        return self._add(UNDO, entry.changes, who, when, undoes=entry.number)

    def undo_last(self, who: str, when: str | None = None) -> Entry | None:
        """Take back the newest entry still in force (what an undo stack's Undo takes back); None when none."""
        undone = {e.undoes for e in self.entries if e.action == UNDO}
        for entry in reversed(self.entries):
            if entry.action != UNDO and entry.number not in undone:
                return self.undo(entry, who, when)
        return None

    def adopt(self, entries: Iterable[Entry]) -> None:
        """Entries made before (an autosave's), added as they were."""
        self.entries.extend(entries)
        self._in_force = None

    def new_entries(self) -> list[Entry]:
        """The entries made since the log was read from the file."""
        return self.entries[self.read_count:]

    def _add(self, action: str, changes: tuple, who: str, when: str | None, undoes: int | None = None) -> Entry:
        number = self.entries[-1].number + 1 if self.entries else 1
        entry = Entry(number, action, who, when or now(), changes, undoes)
        self.entries.append(entry)
        self._in_force = None
        return entry

    # -- asking ----------------------------------------------------------------------------------------

    def latest_for(self, change: Change) -> Entry | None:
        """The entry that made the change's current status (who decided it, when); None when the log has none,
        or the change is pending (never decided, reset, or its decision undone).

        A skip stays in force after reopening, although the change then reads as pending (files keep no skips).
        """
        stacks, by_content = self._in_force_index()
        if not stacks:
            return None
        logged = LoggedChange.of(change, text="")  # the text (for people) is not needed to find it
        stack = stacks.get(logged.identity)
        if stack is None:
            stack = _by_content(by_content, stacks, logged)
        if not stack:
            return None
        entry, status = stack[-1]
        if entry.action == RESET:
            return None
        same = status == change.status.value or (status == Status.SKIPPED.value and change.status == Status.PENDING)
        return entry if same else None

    def in_force(self) -> list[tuple[LoggedChange, Entry]]:
        """Every logged change with the decision in force for it (none reset or undone back to pending), as the
        log last saw it, in the order decided: what a summary shows for changes a saved copy no longer has (an
        accepted or rejected change is gone from it). A change logged again after Word or LibreOffice renumbered
        its revision can appear twice (once per w:id)."""
        stacks, _ = self._in_force_index()
        found = []
        for identity, stack in stacks.items():
            if stack and stack[-1][0].action != RESET:
                entry = stack[-1][0]
                found.append((next(c for c in entry.changes if c.identity == identity), entry))
        return sorted(found, key=lambda item: item[1].number)

    def _in_force_index(self) -> tuple[dict, dict]:
        """Per logged change (by identity) the entries in force, oldest first, each with the status it gave;
        and the identities by content key."""
        if self._in_force is None:
            by_number = {e.number: e for e in self.entries}
            stacks: dict[tuple, list] = {}
            by_content: dict[tuple, list] = {}
            for entry in self.entries:
                if entry.action == UNDO:
                    taken_back = by_number.get(entry.undoes)
                    for logged in taken_back.changes if taken_back else ():
                        stack = stacks.get(logged.identity, [])
                        stack[:] = [item for item in stack if item[0] is not taken_back]
                    continue
                for logged in entry.changes:
                    if logged.identity not in stacks:
                        stacks[logged.identity] = []
                        by_content.setdefault(logged.content, []).append(logged)
                    stacks[logged.identity].append((entry, logged.status))
            self._in_force = {"stacks": stacks, "content": by_content}
        return self._in_force["stacks"], self._in_force["content"]

    # -- writing ---------------------------------------------------------------------------------------

    def to_xml(self):
        root = etree.Element(_LOG, nsmap={None: LOG_NS})
        for entry in self.entries:
            root.append(_entry_element(entry))
        return root

    def write_into(self, package: Package, journal: Journal) -> None:
        """The log into the package (replacing the one it was read from), each edit in `journal`: undo the
        journal after saving and the package is as it was. An empty log adds nothing."""
        if not self.entries:
            return
        if self.item is not None and package.has(self.item):
            replace_item(package, self.item, self.to_xml(), journal.record)
        else:
            add_item(package, self.to_xml(), LOG_NS, journal.record)


_LOGS: WeakKeyDictionary = WeakKeyDictionary()


def log_for(document: ReviewDocument) -> DecisionLog:
    """The one log of a document under review, read from its package on first use."""
    log = _LOGS.get(document)
    if log is None:
        log = _LOGS[document] = DecisionLog.read(document)
    return log


def with_conflicts(document: ReviewDocument, changes: Iterable[Change]) -> list[Change]:
    """The changes and those in conflict with them (accepting one rejects the others: they were decided too)."""
    found = {id(c): c for c in changes}
    for change in list(found.values()):
        for other in change.conflicts_with:
            partner = document.change(other)
            found.setdefault(id(partner), partner)
    return list(found.values())


# -- saving with the log -------------------------------------------------------------------------------------


def save_marked_up(document: ReviewDocument, path, *, overwrite_input: bool = False) -> None:
    """write_marked_up, with the document's decision log in the copy."""
    journal = Journal()
    log_for(document).write_into(document.package, journal)
    try:
        write_marked_up(document, path, overwrite_input=overwrite_input)
    finally:
        journal.undo()


def save_clean(document: ReviewDocument, path, undecided: Decision = Decision.ACCEPT, *, keep_log: bool = False,
               keep_comments: bool = False, overwrite_input: bool = False) -> None:
    """write_clean; the copy holds no decision log (not even the one the draft came with) unless `keep_log`,
    and no comments unless `keep_comments`."""
    journal = Journal()
    if keep_log:
        log_for(document).write_into(document.package, journal)
    else:
        for item in items_in(document.package, LOG_NS):
            remove_item(document.package, item, journal.record)
    try:
        write_clean(document, path, undecided, keep_comments=keep_comments, overwrite_input=overwrite_input)
    finally:
        journal.undo()


# -- XML ------------------------------------------------------------------------------------------------------


def _revision_id(change: Change) -> str:
    if change.source == ChangeSource.MARKER or not change.pieces:
        return ""
    return change.pieces[0].element.get(w("id")) or ""


def _entry_element(entry: Entry):
    attrs = {"n": str(entry.number), "action": entry.action, "by": entry.who, "at": entry.when}
    if entry.undoes is not None:
        attrs["undoes"] = str(entry.undoes)
    element = etree.Element(_ENTRY, attrs)
    for logged in entry.changes:
        change = etree.SubElement(element, _CHANGE, {
            "id": logged.id, "status": logged.status, "source": logged.source, "kind": logged.kind,
            "author": logged.author, "date": logged.date, "part": logged.part, "paragraph": str(logged.paragraph),
            "revision": logged.revision})
        for name in _TEXTS:
            etree.SubElement(change, f"{{{LOG_NS}}}{name}").text = getattr(logged, name)
    return element


def _entry_from(element) -> Entry | None:
    """An entry as written; None for one that cannot be read (skipped, not fatal)."""
    try:
        action = element.get("action", "")
        undoes = element.get("undoes")
        changes = tuple(_change_from(c) for c in element.iter(_CHANGE))
        entry = Entry(int(element.get("n", "")), action, element.get("by", ""), element.get("at", ""), changes,
                      int(undoes) if undoes is not None else None)
    except (TypeError, ValueError):
        return None
    return entry if action in ACTIONS else None


def _change_from(element) -> LoggedChange:
    texts = {name: element.findtext(f"{{{LOG_NS}}}{name}") or "" for name in _TEXTS}
    return LoggedChange(element.get("id", ""), element.get("status", ""), element.get("source", ""),
                        element.get("kind", ""), element.get("author", ""), element.get("date", ""),
                        element.get("part", ""), int(element.get("paragraph", "")), element.get("revision", ""),
                        **texts)


def _by_content(by_content: dict, stacks: dict, logged: LoggedChange) -> list | None:
    """The stack of the one logged change with the same content (part, author, date, text), preferring one in
    the same paragraph; None when none or several fit."""
    candidates = by_content.get(logged.content, [])
    same_paragraph = [c for c in candidates if c.paragraph == logged.paragraph]
    chosen = same_paragraph if len(same_paragraph) == 1 else candidates
    return stacks[chosen[0].identity] if len(chosen) == 1 else None

