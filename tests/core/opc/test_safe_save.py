"""Safe saves: a failure or a kill mid-write leaves the previous file intact and no partial target."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from redliner.core import Decision, OutputError, ReviewDocument, write_clean, write_marked_up
from redliner.core.opc import safe_write
from tests.docx_factory import ins, make_docx, p, r

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def document(tmp_path) -> ReviewDocument:
    return ReviewDocument.open(make_docx(tmp_path, p(r("Hello "), ins(r("world")))))


@pytest.fixture
def previous(tmp_path) -> Path:
    """An earlier save at the target: the bytes every failed save must leave alone."""
    target = tmp_path / "out.docx"
    target.write_bytes(b"PREVIOUS SAVE")
    return target


def temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def fail_after(count: int, exc: Exception):
    """A stand-in for ZipFile.writestr that writes `count` entries, then fails like a full disk."""
    real = zipfile.ZipFile.writestr
    calls = []

    def writestr(self, *args, **kwargs):
        calls.append(1)
        if len(calls) > count:
            raise exc
        return real(self, *args, **kwargs)

    return writestr


@pytest.mark.parametrize("exc", [OSError(errno.ENOSPC, "No space left on device"),
                                 PermissionError(errno.EACCES, "Permission denied"),
                                 OSError(errno.EIO, "Input/output error")])
def test_failure_while_writing_keeps_the_previous_file(document, previous, monkeypatch, exc):
    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_after(2, exc))
    with pytest.raises(OutputError) as caught:
        write_clean(document, previous)
    assert exc.strerror in str(caught.value) and "the previous out.docx is intact" in str(caught.value)
    assert previous.read_bytes() == b"PREVIOUS SAVE"
    assert temporaries(previous.parent) == []


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_failure_at_fsync_or_rename_keeps_the_previous_file(document, previous, monkeypatch, where):
    def failing(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device") if where == "fsync" else PermissionError(
            errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, where, failing)
    with pytest.raises(OutputError, match="the previous out.docx is intact"):
        write_marked_up(document, previous)
    monkeypatch.undo()
    assert previous.read_bytes() == b"PREVIOUS SAVE"
    assert temporaries(previous.parent) == []


def test_failure_with_no_previous_file_leaves_nothing(document, tmp_path, monkeypatch):
    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_after(0, OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(OutputError, match="nothing was written"):
        write_clean(document, tmp_path / "new.docx")
    assert not (tmp_path / "new.docx").exists() and temporaries(tmp_path) == []


def test_a_failed_save_leaves_the_review_as_it_was(document, previous, monkeypatch):
    """write_clean applies undecided changes in a journal: a failure must still undo them."""
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only")))
    with pytest.raises(OutputError):
        write_clean(document, previous)
    monkeypatch.undo()
    assert [c.status.value for c in document.changes] == ["pending"]
    write_clean(document, previous, Decision.REJECT)
    assert ReviewDocument.open(previous).body_text() == "Hello "


def test_the_input_is_never_overwritten_unless_asked(document, tmp_path):
    source = document.path
    before = source.read_bytes()
    link = tmp_path / "link.docx"
    link.symlink_to(source)
    for target in (source, link, tmp_path / "." / source.name):
        with pytest.raises(OutputError, match="refusing to overwrite the input"):
            write_clean(document, target)
    assert source.read_bytes() == before
    write_clean(document, source, overwrite_input=True)
    assert ReviewDocument.open(source).body_text() == "Hello world"


# -- killed mid-write ----------------------------------------------------------------------------------

PAUSING_SAVE = textwrap.dedent("""
    import sys, time, zipfile
    from redliner.core import ReviewDocument, write_clean
    real = zipfile.ZipFile.writestr
    def writestr(self, info, data, *args, **kwargs):
        real(self, info, data, *args, **kwargs)
        self.fp.flush()
        print("WRITING", flush=True)
        time.sleep(60)  # the parent kills us here, half-way through the archive
    zipfile.ZipFile.writestr = writestr
    write_clean(ReviewDocument.open(sys.argv[1]), sys.argv[2])
""")

BIG_SAVE = textwrap.dedent("""
    import sys
    from redliner.core import ReviewDocument, write_clean
    print("OPENED", flush=True)
    write_clean(ReviewDocument.open(sys.argv[1]), sys.argv[2])
    print("DONE", flush=True)
""")


def spawn(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def kill_9(child: subprocess.Popen) -> str:
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=10)  # also closes the pipes
    return out + err


def assert_previous_intact_then_cleaned(document, previous: Path) -> None:
    assert previous.read_bytes() == b"PREVIOUS SAVE"
    leftovers = temporaries(previous.parent)
    assert leftovers and all(name.startswith(".out.docx.") for name in leftovers)  # hidden, named after target
    write_clean(document, previous)  # the next save removes the dead process's temporary
    assert temporaries(previous.parent) == []
    assert ReviewDocument.open(previous).body_text() == "Hello world"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_write_leaves_the_previous_file(document, previous):
    child = spawn(PAUSING_SAVE, document.path, previous)
    assert child.stdout.readline().strip() == "WRITING", child.stderr.read()
    kill_9(child)
    assert child.returncode == -signal.SIGKILL
    assert_previous_intact_then_cleaned(document, previous)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_during_a_real_big_save(tmp_path, previous):
    """No patching: a 40 MB incompressible part; kill as soon as the temporary file is growing."""
    big = make_docx(tmp_path, p(r("Hello "), ins(r("world"))), name="big.docx",
                    extra={"word/media/noise.bin": os.urandom(40 * 1024 * 1024)})
    child = spawn(BIG_SAVE, big, previous)
    assert child.stdout.readline().strip() == "OPENED"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        growing = [name for name in temporaries(tmp_path) if (tmp_path / name).stat().st_size > 1024 * 1024]
        if growing or child.poll() is not None:
            break
        time.sleep(0.005)
    output = kill_9(child)
    if child.returncode != -signal.SIGKILL:
        pytest.fail(f"the save finished before it could be killed: {output}")
    assert previous.read_bytes() == b"PREVIOUS SAVE"
    assert sorted(n for n in os.listdir(tmp_path) if not n.endswith(".tmp")) == ["big.docx", "out.docx"]
    assert safe_write.remove_stale_temporaries(previous) and temporaries(tmp_path) == []


def test_stale_temporaries_of_living_processes_are_left_alone(tmp_path, document):
    target = tmp_path / "out.docx"
    mine = tmp_path / f".out.docx.{os.getpid()}.abcd.tmp"
    dead = tmp_path / ".out.docx.999999999.abcd.tmp"
    ancient = tmp_path / f".out.docx.{os.getpid()}.old1.tmp"
    other = tmp_path / ".other.docx.999999999.abcd.tmp"
    for path in (mine, dead, ancient, other):
        path.write_bytes(b"partial")
    os.utime(ancient, (time.time() - 3 * 24 * 3600,) * 2)
    removed = safe_write.remove_stale_temporaries(target)
    assert sorted(removed) == sorted([dead, ancient])
    assert mine.exists() and other.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_save_keeps_the_previous_permissions_or_follows_the_umask(document, tmp_path):
    fresh = tmp_path / "fresh.docx"
    umask = os.umask(0o022)
    try:
        write_clean(document, fresh)
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    shared = tmp_path / "shared.docx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_clean(document, shared)
    assert shared.stat().st_mode & 0o777 == 0o664
