"""The jobs the benchmark times: Redliner's, their floors (what lxml + zipfile alone need for the same job
on the same file) and the same jobs done by docx-revisions, the nearest Python peer.

Every job is a function of (path, output folder) so that the runner can time it the same way. Jobs that need
an opened document get it from a setup function, outside the timed part.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from redliner.core import Decision, ReviewDocument, parse_rules, write_clean

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_TAGS = (f"{{{W_NS}}}t", f"{{{W_NS}}}delText")
MAIN_PART = "word/document.xml"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Timing:
    seconds: list[float]  # wall clock (perf_counter)
    cpu_seconds: list[float]  # this process's CPU time (process_time): what load from others cannot stretch

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu_seconds)

    @property
    def runs(self) -> int:
        return len(self.seconds)


def time_runs(job, runs: int, setup=None) -> Timing:
    """Time job(setup()) `runs` times; setup and a garbage collection happen outside the clock."""
    return time_interleaved({"job": (job, setup)}, runs)["job"]


def time_interleaved(jobs: dict, runs: int) -> dict[str, Timing]:
    """Time each of {name: (job, setup or None)} once per round, `runs` rounds.

    Taking turns spreads whatever else the machine is doing over a job and its floor alike, so that their
    ratio holds even when the figures themselves move.
    """
    wall: dict[str, list[float]] = {name: [] for name in jobs}
    cpu: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, (job, setup) in jobs.items():
            state = setup() if setup else None
            settle_heap()
            start, start_cpu = time.perf_counter(), time.process_time()
            job(state)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return {name: Timing(wall[name], cpu[name]) for name in jobs}


def settle_heap() -> None:
    """Collect garbage, then let glibc merge the blocks freed so far, before a job starts its clock.

    Freeing an lxml tree leaves hundreds of thousands of small blocks in glibc's fast bins; the next large
    malloc or free merges them all first (about 30 ms at 500 pages). Without this, a job could pay for the
    tree the job before it freed, and which job pays would depend on the order they run in. mallopt merges
    the fast bins of the main arena and changes nothing else here (M_MXFAST is set to its default); unlike
    malloc_trim it hands no memory back to the system, so the next job does not start on cold pages.
    """
    gc.collect()
    if _LIBC is not None:
        _LIBC.mallopt(_M_MXFAST, _DEFAULT_MXFAST)


_M_MXFAST = 1
_DEFAULT_MXFAST = 64 * ctypes.sizeof(ctypes.c_size_t) // 4  # glibc's default: 128 bytes on 64-bit


def _load_libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "gnu_get_libc_version") else None
    except OSError:  # not glibc: nothing to settle
        return None


_LIBC = _load_libc()


def markers_for(variant: str):
    return parse_rules("italic") if variant == "italic" else None


# -- floors ---------------------------------------------------------------------------------------------


def floor_open(path: Path) -> int:
    """Unzip document.xml, parse it with lxml, one pass over its text."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(MAIN_PART))
    return sum(len(node.text or "") for node in root.iter(*TEXT_TAGS))


def floor_save(path: Path, out: Path) -> None:
    """Parse document.xml, serialize it with lxml, zip it with the other entries (deflated) to out."""
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries[MAIN_PART] = etree.tostring(etree.fromstring(entries[MAIN_PART]), xml_declaration=True,
                                        encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


# -- Redliner --------------------------------------------------------------------------------------------


def redliner_open_and_list(path: Path, variant: str) -> int:
    """Open, then read what a change list shows for every change: its line, author, place and heading."""
    document = ReviewDocument.open(path, markers_for(variant))
    return sum(len(c.text) + len(c.author) + c.location.paragraph + len(c.location.heading) for c in document.changes)


def redliner_accept_all_and_save(document: ReviewDocument, out: Path) -> None:
    document.decide(document.changes, Decision.ACCEPT)
    write_clean(document, out, Decision.ACCEPT)


def redliner_accept_all_end_to_end(path: Path, variant: str, out: Path) -> None:
    """What `redliner accept FILE -o OUT` does: open, accept every change, write the clean copy."""
    document = ReviewDocument.open(path, markers_for(variant))
    redliner_accept_all_and_save(document, out)


def decision_times(document: ReviewDocument, count: int) -> tuple[list[float], list[float]]:
    """Decide `count` single changes spread over the document (accept and reject in turn), undoing each.

    Returns (decide seconds, undo seconds) per change.
    """
    changes = document.changes
    picked = [changes[i * len(changes) // count] for i in range(min(count, len(changes)))]
    decide, undo = [], []
    for number, change in enumerate(picked):
        decision = Decision.ACCEPT if number % 2 == 0 else Decision.REJECT
        start = time.perf_counter()
        journal = document.decide([change], decision)
        middle = time.perf_counter()
        document.undo(journal)
        decide.append(middle - start)
        undo.append(time.perf_counter() - middle)
    return decide, undo


# -- docx-revisions (PyPI), the nearest Python peer ---------------------------------------------------------


def peer_open_and_list(path: Path) -> int:
    from docx_revisions import RevisionDocument

    document = RevisionDocument(str(path))
    return sum(len(c.text) + len(c.author) for c in document.track_changes)


def peer_open(path: Path):
    from docx_revisions import RevisionDocument

    return RevisionDocument(str(path))


def peer_accept_all_and_save(document, out: Path) -> None:
    document.accept_all()
    document.save(str(out))


def peer_accept_all_end_to_end(path: Path, out: Path) -> None:
    peer_accept_all_and_save(peer_open(path), out)


def peer_change_count(path: Path) -> int:
    return len(peer_open(path).track_changes)


# -- the command line and memory, in fresh processes ----------------------------------------------------------


def cli_arguments(path: Path, variant: str) -> list[str]:
    markers = ["--markers", "italic"] if variant == "italic" else []
    return [sys.executable, "-m", "redliner.cli", "changes", str(path), *markers]


def cli_wall_time(path: Path, variant: str, runs: int) -> Timing:
    """Wall time of `redliner changes FILE`, interpreter start-up included."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cli_arguments(path, variant), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=ROOT, env=_environment())
        seconds.append(time.perf_counter() - start)
    return Timing(seconds, [])


def cli_imports(path: Path, variant: str) -> list[str]:
    """Modules `redliner changes FILE` imports (python -X importtime), to prove Qt is not among them."""
    run = subprocess.run([sys.executable, "-X", "importtime", *cli_arguments(path, variant)[1:]], check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=_environment())
    return [line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]


def qt_modules(imported: list[str]) -> list[str]:
    return [name for name in imported if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")]


# VmHWM is this process's own peak; ru_maxrss would carry over the (large) benchmark parent's peak through exec.
_MEMORY_PROBE = """
import resource, sys
sys.path.insert(0, {root!r})
from benchmarks import measure

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

before = peak_kb()
{call}
print(before, peak_kb())
"""


def peak_memory_mb(call: str) -> tuple[float, float]:
    """(peak RSS of the process, growth of the peak during `call`) in MB, measured in a fresh interpreter.

    The interpreter has already imported Redliner and lxml when `before` is read, so the growth is the job's.
    """
    code = _MEMORY_PROBE.format(root=str(ROOT), call=call)
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT,
                         env=_environment())
    before, after = (int(value) / 1024 for value in run.stdout.split())
    return after, after - before


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH", "")]))
    return environment


class CpuSteal:
    """The share of the machine's CPU time that its hypervisor gave to other guests from now until `share()`
    (/proc/stat's steal): wall times stretch by about that much, CPU times do not. None without /proc/stat."""

    def __init__(self) -> None:
        self.start = _cpu_counters()

    def share(self) -> float | None:
        end = _cpu_counters()
        if self.start is None or end is None:
            return None
        spent = [b - a for a, b in zip(self.start, end, strict=True)]
        return spent[7] / sum(spent) if sum(spent) else 0.0

    def describe(self) -> str:
        share = self.share()
        return "steal not known" if share is None else f"CPU time stolen by the hypervisor {100 * share:.0f}%"


def _cpu_counters() -> list[int] | None:
    """user, nice, system, idle, iowait, irq, softirq, steal of all CPUs, in ticks."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return None
    return [int(value) for value in fields[1:9]] if fields and fields[0] == "cpu" and len(fields) >= 9 else None
