"""Crash recovery: a review's state as JSON, autosaved atomically, replayed exactly.

The state names the file (path and fingerprint of the bytes opened), the marker rules (change ids depend on
them) and the decisions as the ordered list of batches the reviewer made: one batch is one `decide()` call,
one undoable step. A comparison or combination is no file: its state names how it was made (origin.py: the
input files, their fingerprints, the options and the revision date), and restoring makes it again.
Batches are kept whole because a batch decides its content pieces before its paragraph marks and rows;
replaying it id by id could build a different tree. The decision log entries made since opening
(decision_log.py: who decided, when, undos too) are kept beside the batches and come back with a restore.

Use from the app (no Qt here):

    state = ReviewState.begin(document)             # after opening
    journal = document.decide(ids, decision)        # each decision batch...
    state.record(document, ids, decision)           # ...recorded
    state.record_edit(document, edit)               # each edit (editing.edits.Edit), after refresh_changes
    autosave(state)                                 # ...and autosaved (and every minute)
    document.undo(journal)                          # undo...
    state.drop_last(document)                       # ...drops the last batch (redo records it again)
    discard_autosave(state)                         # after a save or a clean close
    state.comment_steps = [CommentEntry(len(state.batches), step.record)]   # comment steps, see CommentEntry

    for found in find_autosaves():                  # at start: offer to restore
        document = restore(found)                   # raises StaleReviewError if the file changed
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from redliner.core.comments.edit import CommentStep
from redliner.core.comments.edit import replay as replay_comment
from redliner.core.editing.context import EditRefused
from redliner.core.editing.edits import Edit, replay
from redliner.core.editing.refresh import refresh_changes
from redliner.core.errors import RedlinerError, StaleReviewError, UnknownChangeError
from redliner.core.opc.package import Fingerprint
from redliner.core.opc.safe_write import write_atomically
from redliner.core.review.document import ReviewDocument
from redliner.core.review.journal import Journal
from redliner.core.review.markers import parse_rules
from redliner.core.review.model import Change, ChangeSource, Decision, Status
from redliner.core.review.origin import Origin
from redliner.core.session.decision_log import Entry, log_for
from redliner.core.session.replay import rebuild

STATE_VERSION = 1
# "Set aside" was split into Skip and Not a Proposal; what older autosaves call it is a skip.
_RENAMED, _RENAMED_STATUS = {"set aside": Decision.SKIP.value}, {"set aside": Status.SKIPPED.value}


def default_autosave_folder() -> Path:
    return platformdirs.user_state_path("redliner") / "autosave"


@dataclass
class Batch:
    """One decide() call: these change ids, this decision; or one edit of the text (its record, ids empty)."""

    ids: list[str]
    decision: Decision | None
    edit: dict | None = None  # an editing.edits.Edit.record, replayed in its place among the decisions

    def to_dict(self) -> dict:
        if self.edit is not None:
            return {"edit": self.edit}
        return {"ids": self.ids, "decision": self.decision.value}

    @classmethod
    def from_dict(cls, data: dict) -> Batch:
        if "edit" in data:
            if not isinstance(data["edit"], dict):
                raise ValueError("an edit must be an object")
            return cls([], None, data["edit"])
        return cls([str(i) for i in data["ids"]], Decision(_RENAMED.get(data["decision"], data["decision"])))


@dataclass
class CommentEntry:
    """A comment step (comments.edit's CommentStep.record) made after the first `at` batches: kept beside the
    batches, not among them, so that the batches stay the decisions' history."""

    at: int
    record: dict

    @classmethod
    def from_dict(cls, data) -> CommentEntry:
        if not isinstance(data, dict) or not isinstance(data.get("record"), dict) or int(data["at"]) < 0:
            raise ValueError("a comment step must be an object with a place and a record")
        return cls(int(data["at"]), data["record"])


@dataclass
class ReviewState:
    path: str  # absolute path of the document under review
    fingerprint: Fingerprint  # of the bytes that were opened
    markers: str  # marker rules as parse_rules reads them ('' for none)
    batches: list[Batch] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)  # id -> status after the last batch, to verify
    saved_at: str = ""
    origin: dict | None = None  # origin.Origin.to_dict() of a comparison or combination; None for a file
    drafter: str = ""  # the name the reviewer gave the marker proposals' drafter ('' for the draft's own)
    log: list[dict] = field(default_factory=list)  # decision log entries made since opening (Entry.to_dict)
    comment_steps: list[CommentEntry] = field(default_factory=list)  # in the order they were made

    # -- recording --------------------------------------------------------------------------------

    @classmethod
    def begin(cls, document: ReviewDocument) -> ReviewState:
        """The state of a document opened with ReviewDocument.open, or made by compare() or combine()."""
        markers = ",".join(rule.name for rule in document.markers)
        origin = document.origin
        if origin is not None:  # named after the result a reviewer is offered: its own autosave, not the draft's
            return cls(str(origin.result_path), document.package.fingerprint, markers,
                       statuses=_statuses(document), origin=origin.to_dict())
        if any(c.source == ChangeSource.COMPARE for c in document.changes):
            raise RedlinerError("this comparison does not say how it was made, so it cannot be autosaved")
        fingerprint = document.package.fingerprint or Fingerprint.of(document.path)
        return cls(str(Path(document.path).resolve()), fingerprint, markers, statuses=_statuses(document),
                   drafter=document.named_drafter)

    def record(self, document: ReviewDocument, changes: Iterable[Change | str], decision: Decision) -> None:
        """Add one batch, after document.decide(changes, decision)."""
        ids = [c.id if isinstance(c, Change) else str(c) for c in changes]
        self.batches.append(Batch(ids, Decision(decision)))
        self._note(document)

    def record_edit(self, document: ReviewDocument, edit) -> None:
        """Add one edit (an editing.edits.Edit, after refresh_changes), in its place among the batches."""
        self.batches.append(Batch([], None, dict(edit.record)))
        self._note(document)

    def mirror(self, document: ReviewDocument, batches: Iterable[tuple[list[str], Decision]]) -> None:
        """Make the batches these (a DecisionHistory's), after any edit of it."""
        self.batches = [Batch(list(ids), Decision(decision)) for ids, decision in batches]
        self._note(document)

    def mirror_steps(self, document: ReviewDocument, steps: Iterable) -> None:
        """Make the batches these steps: (ids, decision) pairs and editing.edits.Edit objects, in order."""
        self.batches = [Batch([], None, dict(step.record)) if isinstance(step, Edit)
                        else Batch(list(step[0]), Decision(step[1])) for step in steps]
        self._note(document)

    def drop_last(self, document: ReviewDocument) -> None:
        """Forget the last batch, after document.undo of its journal."""
        if self.batches:
            self.batches.pop()
        self._note(document)

    def _note(self, document: ReviewDocument) -> None:
        """What a replay must give, and the decision log entries of this session (undo entries included)."""
        self.statuses = _statuses(document)
        made = log_for(document).new_entries()  # only ever grows (an undo is an entry too): convert the new ones
        self.log.extend(entry.to_dict() for entry in made[len(self.log):])

    @property
    def name(self) -> str:
        return Path(self.path).name

    # -- JSON ---------------------------------------------------------------------------------------

    def to_json(self) -> str:
        data = {
            "version": STATE_VERSION, "path": self.path, "fingerprint": asdict(self.fingerprint),
            "markers": self.markers, "saved_at": self.saved_at, "statuses": self.statuses,
            "batches": [b.to_dict() for b in self.batches],
        }
        if self.origin is not None:
            data["origin"] = self.origin
        if self.drafter:
            data["drafter"] = self.drafter
        if self.log:
            data["log"] = self.log
        if self.comment_steps:
            data["comments"] = [asdict(entry) for entry in self.comment_steps]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ReviewState:
        try:
            data = json.loads(text)
            if data.pop("version", None) != STATE_VERSION:
                raise ValueError("unknown version")
            data["fingerprint"] = Fingerprint(**data["fingerprint"])
            data["batches"] = [Batch.from_dict(b) for b in data["batches"]]
            data["statuses"] = {i: _RENAMED_STATUS.get(s, s) for i, s in data.get("statuses", {}).items()}
            [Entry.from_dict(entry) for entry in data.get("log", [])]  # refused here too, when it cannot be read
            if data.get("origin") is not None:
                Origin.from_dict(data["origin"])  # refused here, not at restore time, when it cannot be read
            data["comment_steps"] = [CommentEntry.from_dict(entry) for entry in data.pop("comments", [])]
            return cls(**data)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RedlinerError(f"the autosaved review cannot be read ({exc})") from None

    def file_unchanged(self) -> bool:
        """True when the document on disk (or every file a comparison was made of) still has the same bytes."""
        if self.origin is not None:
            return Origin.from_dict(self.origin).unchanged()
        try:
            return Fingerprint.of(self.path).sha256 == self.fingerprint.sha256
        except OSError:
            return False


def _statuses(document: ReviewDocument) -> dict[str, str]:
    """Status of every change that is not pending: what a replay must give (kept small for frequent saves)."""
    return {c.id: c.status.value for c in document.changes if c.status is not Status.PENDING}


# -- restoring ----------------------------------------------------------------------------------------


def restore(state: ReviewState) -> ReviewDocument:
    """Reopen the file and replay the decisions: the same statuses and the same XML as before the crash."""
    return restore_with_journals(state)[0]


def restore_with_journals(state: ReviewState) -> tuple[ReviewDocument, list[Journal]]:
    """Like restore, with one journal per batch, so that the app can rebuild its undo stack."""
    document, steps, _ = restore_all(state)
    return document, [step.journal if isinstance(step, Edit) else step for step in steps]


def restore_with_steps(state: ReviewState) -> tuple[ReviewDocument, list]:
    """Like restore, with what each batch made: a Journal for a decision batch, an editing.edits.Edit for an
    edit (the change list refreshed after it, as it was after the edit)."""
    document, steps, _ = restore_all(state)
    return document, steps


def restore_with_comments(state: ReviewState) -> tuple[ReviewDocument, list, list[CommentStep]]:
    """Like restore_with_steps, and what each comment step made (in the order of state.comment_steps)."""
    return restore_all(state)


def restore_all(state: ReviewState) -> tuple[ReviewDocument, list, list[CommentStep]]:
    """Reopen and replay every step in its place: decision batches and edits (state.batches, in order) and the
    comment steps between them (a comment step's `at` counts the batches made before it); the decision log's
    entries adopted. Returns the document, what each batch made (a Journal, or an editing.edits.Edit), and what
    each comment step made."""
    document = _reopen(state)
    steps: list = []
    comment_steps: list[CommentStep] = []
    waiting = sorted(state.comment_steps, key=lambda entry: entry.at)  # stable: same place, same order
    try:
        for number, batch in enumerate([*state.batches, None]):
            while waiting and waiting[0].at <= number:
                comment_steps.append(replay_comment(document, waiting.pop(0).record))
            if batch is None:
                break
            if batch.edit is not None:
                edit = replay(document, batch.edit)
                refresh_changes(document, edit)
                steps.append(edit)
            else:
                steps.append(document.decide(batch.ids, batch.decision))
    except UnknownChangeError as exc:
        raise StaleReviewError(f"the autosaved review does not match {state.name} ({exc})") from None
    except EditRefused as exc:
        raise StaleReviewError(f"an autosaved edit of {state.name} cannot be made again ({exc})") from None
    except (RedlinerError, KeyError, TypeError, ValueError) as exc:  # a comment step that cannot be made again
        raise StaleReviewError(f"an autosaved comment on {state.name} cannot be made again ({exc})") from None
    if state.statuses and _statuses(document) != state.statuses:
        raise StaleReviewError(f"replaying the autosaved review of {state.name} gave different statuses")
    log_for(document).adopt(Entry.from_dict(entry) for entry in state.log)
    return document, steps, comment_steps


def _reopen(state: ReviewState) -> ReviewDocument:
    """The document as it was when the review began: reopened from its file, or compared/combined again."""
    if state.origin is not None:
        origin = Origin.from_dict(state.origin)
        missing = [path for path in origin.inputs if not Path(path).exists()]
        if missing:
            raise StaleReviewError(f"{Path(missing[0]).name} is no longer at {missing[0]}; the autosaved review of "
                                   f"{state.name} cannot be restored")
        if not origin.unchanged():
            raise StaleReviewError(f"a file {state.name} was made from changed since the review was autosaved; "
                                   "its decisions cannot be replayed")
        return rebuild(origin)
    path = Path(state.path)
    if not path.exists():
        raise StaleReviewError(f"{state.name} is no longer at {path}; the autosaved review cannot be restored")
    document = ReviewDocument.open(path, parse_rules(state.markers), state.drafter or None)
    if document.package.fingerprint.sha256 != state.fingerprint.sha256:
        raise StaleReviewError(
            f"{state.name} changed since the review was autosaved ({state.saved_at or 'earlier'}); "
            "its decisions cannot be replayed on the new version")
    return document


# -- autosave files -------------------------------------------------------------------------------------


def autosave_path(document_path, folder: Path | None = None) -> Path:
    """One autosave per document: its name plus a hash of its full path (two drafts may share a name)."""
    resolved = str(Path(document_path).resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", Path(resolved).stem)[:60]
    return Path(folder or default_autosave_folder()) / f"{stem}-{digest}.json"


def autosave(state: ReviewState, folder: Path | None = None) -> Path:
    """Write the state atomically (a crash mid-autosave keeps the previous autosave)."""
    target, data = autosave_snapshot(state, folder)
    write_autosave(target, data)
    return target


def autosave_snapshot(state: ReviewState, folder: Path | None = None) -> tuple[Path, bytes]:
    """Where the state goes and its bytes now: the app snapshots on its GUI thread and writes on another."""
    state.saved_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    return autosave_path(state.path, folder), state.to_json().encode("utf-8")


def write_autosave(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda handle: handle.write(data))


def find_autosaves(folder: Path | None = None) -> list[ReviewState]:
    """Every readable autosave, newest first (unreadable ones are skipped: they hold nothing to restore)."""
    folder = Path(folder or default_autosave_folder())
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            found.append(ReviewState.from_json(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, RedlinerError):
            continue
    return sorted(found, key=lambda state: state.saved_at, reverse=True)


def discard_autosave(state_or_path, folder: Path | None = None) -> None:
    path = state_or_path.path if isinstance(state_or_path, ReviewState) else state_or_path
    autosave_path(path, folder).unlink(missing_ok=True)
