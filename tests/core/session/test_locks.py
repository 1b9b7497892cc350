"""Lock files: Word's owner file and LibreOffice's lock are read; Redliner writes and removes its own."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from redliner.core.session import locks
from redliner.core.session.locks import DocumentLock, lock_holders, word_owner_file
from tests.docx_factory import make_docx, p, r

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def draft(tmp_path) -> Path:
    return make_docx(tmp_path, p(r("text")), name="contract.docx")


def word_owner_as_word_writes_it(narrow: bytes, user: str) -> bytes:
    """Built by hand from the documented layout (not with locks.word_owner_bytes): 162 bytes."""
    data = bytes([len(narrow)]) + narrow
    data += bytes(54 - len(data))
    data += bytes([len(user), 0]) + user.encode("utf-16-le")
    return data + bytes(162 - len(data))


@pytest.mark.parametrize(("name", "owner"), [("contract.docx", "~$ntract.docx"), ("Reports.docx", "~$eports.docx"),
                                             ("Report.docx", "~$Report.docx"), ("a.docx", "~$a.docx")])
def test_word_owner_file_name_drops_leading_characters_like_word(tmp_path, name, owner):
    assert word_owner_file(tmp_path / name) == tmp_path / owner


def test_word_owner_file_names_the_user(draft):
    owner = word_owner_file(draft)
    owner.write_bytes(word_owner_as_word_writes_it("Jos? M?ller".encode("ascii"), "José Müller"))
    [holder] = lock_holders(draft)
    assert (holder.application, holder.user, holder.lock_file) == ("Word", "José Müller", owner)
    assert holder.describe() == "José Müller has it open in Word"


def test_word_owner_reader_falls_back_to_the_narrow_name_and_ignores_garbage():
    narrow_only = bytes([3]) + b"Ann" + bytes(158)
    assert locks.read_word_owner(narrow_only) == "Ann"
    assert locks.read_word_owner(b"") == "" and locks.read_word_owner(bytes(162)) == ""
    assert locks.read_word_owner(locks.word_owner_bytes("Pat Reviewer")) == "Pat Reviewer"


def test_word_owner_file_that_cannot_be_parsed_still_means_word_has_it(draft):
    word_owner_file(draft).write_bytes(b"\xff" * 10)
    [holder] = lock_holders(draft)
    assert holder.application == "Word" and holder.describe() == "someone has it open in Word"


@pytest.mark.parametrize(("content", "user", "host"), [
    (",ann,ann-laptop,26.11.2026 05:50,file:///home/ann/.config/libreoffice/4;", "ann", "ann-laptop"),
    ("Smith\\, Ann,asmith,ws-12,01.02.2026 09:15,file:///C:/Users/asmith/AppData/Roaming/LibreOffice/4;",
     "Smith, Ann", "ws-12"),
])
def test_libreoffice_lock_names_the_user_and_host(draft, content, user, host):
    (draft.parent / ".~lock.contract.docx#").write_text(content, encoding="utf-8")
    [holder] = lock_holders(draft)
    assert (holder.application, holder.user, holder.host) == ("LibreOffice", user, host)
    assert holder.since and holder.describe().startswith(f"{user} has it open in LibreOffice on {host} since")


def test_own_lock_is_written_in_libreoffice_format_and_removed_on_release(draft):
    lock = DocumentLock(draft, user="Pat, Reviewer")
    assert lock.acquire() == [] and lock.held
    text = lock.lock_file.read_text(encoding="utf-8")
    assert lock.lock_file.name == ".~lock.contract.docx#"
    fields = locks.parse_lock_entry(text)
    assert text.endswith(";") and len(fields) == 5
    assert fields[0] == "Pat, Reviewer (Redliner)" and fields[2] == socket.gethostname()
    assert fields[4] == f"redliner:{os.getpid()}"
    assert lock_holders(draft) == []  # our own lock does not count against us
    lock.release()
    assert not lock.lock_file.exists()


def test_acquire_twice_in_one_process_keeps_one_lock(draft):
    first, second = DocumentLock(draft), DocumentLock(draft)
    assert first.acquire() == [] and second.acquire() == [] and second.held
    first.release()
    assert not first.lock_file.exists()


def test_context_manager(draft):
    with DocumentLock(draft) as lock:
        assert lock.lock_file.exists()
    assert not lock.lock_file.exists()


def test_someone_else_holding_it_is_reported_and_nothing_is_written(draft):
    owner = word_owner_file(draft)
    owner.write_bytes(locks.word_owner_bytes("Kim"))
    lock = DocumentLock(draft)
    [holder] = lock.acquire()
    assert holder.user == "Kim" and not lock.held and not lock.lock_file.exists()
    lock.release()
    assert owner.exists()  # never removes someone else's lock


def test_release_leaves_a_lock_that_is_no_longer_ours(draft):
    lock = DocumentLock(draft)
    lock.acquire()
    lock.lock_file.write_text(",kim,kim,host,01.01.2026 10:00,file:///x;", encoding="utf-8")
    lock.release()
    assert lock.lock_file.exists()


def test_a_crashed_redliner_lock_on_this_machine_is_taken_over(draft):
    dead = locks.lock_entry("Old (Redliner)", "old", socket.gethostname(), "01.01.2026 10:00", "redliner:999999999")
    (draft.parent / ".~lock.contract.docx#").write_text(dead, encoding="utf-8")
    lock = DocumentLock(draft)
    assert lock.acquire() == [] and lock.held


def test_a_read_only_folder_means_no_lock_and_no_error(draft, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    lock = DocumentLock(draft)
    assert lock.acquire() == [] and not lock.held


OTHER_PROCESS = textwrap.dedent("""
    import json, sys
    from redliner.core.session.locks import DocumentLock
    others = DocumentLock(sys.argv[1]).acquire()
    print(json.dumps([[h.application, h.user, h.pid] for h in others]))
""")


def test_another_redliner_process_sees_who_holds_it(draft):
    with DocumentLock(draft, user="Pat"):
        result = subprocess.run([sys.executable, "-c", OTHER_PROCESS, draft], cwd=ROOT, capture_output=True,
                                text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["Redliner", "Pat (Redliner)", os.getpid()]]


def test_libreoffice_writing_both_lock_files_is_one_holder(draft):
    """LibreOffice can write a Word owner file too (so that Word users see the lock); report it once."""
    word_owner_file(draft).write_bytes(locks.word_owner_bytes("Ann Smith"))
    (draft.parent / ".~lock.contract.docx#").write_text("Ann Smith,ann,host,01.02.2026 09:15,file:///x;")
    assert [h.application for h in lock_holders(draft)] == ["LibreOffice"]
