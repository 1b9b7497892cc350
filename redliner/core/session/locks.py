"""Who else has a draft open: Word's owner file, LibreOffice's lock file, and Redliner's own lock.

Word writes `~$name.docx` beside the document (for names of 8+ characters before the extension it drops the
first two characters, for 7 the first one: `~$ntract.docx` for `contract.docx`). The file is 162 bytes:
byte 0 = length of the user name, the name in the ANSI code page, zero padding up to offset 54, then a
2-byte length and the name again in UTF-16-LE (format as reverse-engineered in LibreOffice's
svl/source/misc/msodocumentlockfile.cxx).

LibreOffice writes `.~lock.name.docx#`: one CSV entry `name,sysuser,host,dd.mm.yyyy hh:mm,userurl;` with
`\\`, `,` and `;` escaped by a backslash (svl/source/misc/lockfilecommon.cxx). Redliner writes its own lock
in that format, so LibreOffice users see "locked by Pat Reviewer (Redliner)".
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from redliner.core.opc.safe_write import process_alive

WORD_OWNER_SIZE = 162
WORD_UTF16_OFFSET = 54
MAX_WORD_NAME = 52
REDLINER_URL_PREFIX = "redliner:"


@dataclass(frozen=True)
class LockHolder:
    """Someone holding a document open."""

    application: str  # "Word", "LibreOffice" or "Redliner"
    user: str  # as the lock file names them ('' when it does not say)
    lock_file: Path
    host: str = ""
    since: str = ""  # as written in the lock (LibreOffice: dd.mm.yyyy hh:mm)
    pid: int | None = None  # Redliner's own locks only

    def describe(self) -> str:
        who = self.user or "someone"
        where = f" on {self.host}" if self.host else ""
        when = f" since {self.since}" if self.since else ""
        return f"{who} has it open in {self.application}{where}{when}"


# -- Word ---------------------------------------------------------------------------------------------


def word_owner_file(document) -> Path:
    path = Path(document)
    stem_length = len(path.stem)
    name = path.name[2:] if stem_length >= 8 else path.name[1:] if stem_length == 7 else path.name
    return path.with_name("~$" + name)


def read_word_owner(data: bytes) -> str:
    """The user name in a Word owner file ('' when the bytes do not look like one)."""
    if len(data) < WORD_UTF16_OFFSET + 2 or not 0 < data[0] <= MAX_WORD_NAME:
        return ""
    wide_length = data[WORD_UTF16_OFFSET]
    if 0 < wide_length <= MAX_WORD_NAME:
        start = WORD_UTF16_OFFSET + 2
        wide = data[start : start + 2 * wide_length]
        if len(wide) == 2 * wide_length:
            return wide.decode("utf-16-le", errors="replace")
    return data[1 : 1 + data[0]].decode("cp1252", errors="replace")


def word_owner_bytes(user: str) -> bytes:
    """What Word writes for `user` (used by the tests, and to check the reader against LibreOffice's writer)."""
    user = user[:MAX_WORD_NAME]
    narrow = user.encode("cp1252", errors="replace")
    data = bytearray(WORD_OWNER_SIZE)
    data[0] = len(narrow)
    data[1 : 1 + len(narrow)] = narrow
    data[WORD_UTF16_OFFSET] = len(user)
    wide = user.encode("utf-16-le")
    data[WORD_UTF16_OFFSET + 2 : WORD_UTF16_OFFSET + 2 + len(wide)] = wide
    return bytes(data)


# -- LibreOffice (and Redliner) --------------------------------------------------------------------------


def libreoffice_lock_file(document) -> Path:
    path = Path(document)
    return path.with_name(f".~lock.{path.name}#")


def escape_field(text: str) -> str:
    return "".join("\\" + ch if ch in "\\,;" else ch for ch in text)


def parse_lock_entry(text: str) -> list[str]:
    """The fields of the first entry of a LibreOffice lock file (escapes undone)."""
    fields, current, escaped = [], [], False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",;":
            fields.append("".join(current))
            current = []
            if ch == ";":
                break
        else:
            current.append(ch)
    return fields


def lock_entry(user: str, system_user: str, host: str, since: str, url: str) -> str:
    return ",".join(escape_field(f) for f in (user, system_user, host, since, url)) + ";"


def read_libreoffice_lock(lock_file: Path, data: bytes) -> LockHolder | None:
    fields = parse_lock_entry(data.decode("utf-8", errors="replace"))
    if len(fields) < 4:
        return None
    user, system_user, host, since = fields[:4]
    url = fields[4] if len(fields) > 4 else ""
    if url.startswith(REDLINER_URL_PREFIX):
        pid = url[len(REDLINER_URL_PREFIX):]
        return LockHolder("Redliner", user or system_user, lock_file, host, since, int(pid) if pid.isdigit() else None)
    return LockHolder("LibreOffice", user or system_user, lock_file, host, since)


# -- who holds a document ----------------------------------------------------------------------------


def lock_holders(document, *, include_own: bool = False) -> list[LockHolder]:
    """Everyone whose lock file sits beside the document (this process's own lock left out by default)."""
    holders = []
    word = word_owner_file(document)
    data = _read_small(word)
    if data is not None:
        holders.append(LockHolder("Word", read_word_owner(data), word))
    office = libreoffice_lock_file(document)
    data = _read_small(office)
    holder = read_libreoffice_lock(office, data) if data is not None else None
    if holder is not None:
        # LibreOffice can also write a Word owner file for .docx (so that Word users see it): one holder, not two.
        holders = [h for h in holders if h.user[:MAX_WORD_NAME] != holder.user[:MAX_WORD_NAME]]
        if include_own or not _is_this_process(holder):
            holders.append(holder)
    return holders


def _read_small(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError:
        return None


def _is_this_process(holder: LockHolder) -> bool:
    return holder.application == "Redliner" and holder.pid == os.getpid() and holder.host == socket.gethostname()


def _stale_redliner_lock(holder: LockHolder) -> bool:
    """A Redliner lock from this machine whose process is gone (a crash): safe to take over."""
    return (holder.application == "Redliner" and holder.host == socket.gethostname() and holder.pid is not None
            and holder.pid != os.getpid() and not process_alive(holder.pid))


# -- Redliner's own lock ------------------------------------------------------------------------------


class DocumentLock:
    """Redliner's lock on a document while it is open for review: acquire() on open, release() on close.

        lock = DocumentLock(path, user="Pat Reviewer")
        others = lock.acquire()      # [] -> free (lock.held says if a lock file was written);
                                     # else who has it: offer read-only review
        ...
        lock.release()               # removes the lock file, only if it is still ours
    """

    def __init__(self, document, user: str | None = None):
        self.document = Path(document)
        self.lock_file = libreoffice_lock_file(self.document)
        self.user = f"{user or _system_user()} (Redliner)"
        self.held = False

    def acquire(self) -> list[LockHolder]:
        """Take the lock if nobody else holds the document; return who does otherwise (lock not taken)."""
        others = lock_holders(self.document)
        stale = [h for h in others if _stale_redliner_lock(h)]
        if stale:
            with contextlib.suppress(OSError):
                self.lock_file.unlink()
            others = [h for h in others if h not in stale]
        if others:
            return others
        return self._create()

    def _create(self) -> list[LockHolder]:
        entry = lock_entry(self.user, _system_user(), socket.gethostname(),
                           datetime.now().strftime("%d.%m.%Y %H:%M"), f"{REDLINER_URL_PREFIX}{os.getpid()}")
        try:
            fd = os.open(self.lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:  # someone was quicker, or this process already holds it
            holders = lock_holders(self.document, include_own=True)
            self.held = any(_is_this_process(h) for h in holders)
            return [h for h in holders if not _is_this_process(h)]
        except OSError:
            return []  # a read-only folder: no lock possible (held stays False), nobody can save there either
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(entry)
        self.held = True
        return []

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        data = _read_small(self.lock_file)
        holder = read_libreoffice_lock(self.lock_file, data) if data is not None else None
        if holder is not None and _is_this_process(holder):
            with contextlib.suppress(OSError):
                self.lock_file.unlink()

    def __enter__(self) -> DocumentLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
