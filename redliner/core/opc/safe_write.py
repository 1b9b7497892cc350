"""Atomic saves: write a hidden temporary beside the target, flush, fsync, rename over the target.

The target is always either the previous file or the complete new one. A save killed mid-way leaves its hidden
`.NAME.PID.xxxx.tmp` behind; the next save of that name removes it once its process is gone (or after a day).
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from redliner.core.errors import OutputError


def write_atomically(target: Path, write) -> None:
    """Call write(handle) on a hidden temporary file next to target, fsync, then rename over target."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    remove_stale_temporaries(target)
    existed = target.exists()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}; nothing was saved") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(target))  # mkstemp makes 0600; a saved draft is as readable as before
        os.replace(tmp_name, target)
    except OSError as exc:
        _discard(tmp_name)
        kept = f"the previous {target.name} is intact" if existed else "nothing was written"
        raise OutputError(f"could not save {target.name}: {exc.strerror or exc}; {kept}") from None
    except BaseException:
        _discard(tmp_name)
        raise
    _sync_folder(folder)


def _mode_for(target: Path) -> int:
    """The previous file's permissions, or what a new file gets under the current umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temporaries(target: Path, max_age: float = 24 * 3600) -> list[Path]:
    """Remove `.name.PID.*.tmp` left by saves that died: their process is gone, or they are a day old."""
    removed = []
    prefix = f".{target.name}."
    for leftover in target.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        pid = leftover.name[len(prefix):].split(".", 1)[0]
        try:
            old = time.time() - leftover.stat().st_mtime > max_age
            if old or (pid.isdigit() and not process_alive(int(pid))):
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return removed


def process_alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill(pid, 0) would terminate it on Windows; rely on age there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive but not ours
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible, nor needed, everywhere."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _discard(tmp_name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp_name)
