"""Compare two versions of a ~500-page SOP: Redliner's compare beside python-redlines on the same pair.

    python -m benchmarks.bench_compare --pages 500            # both tools
    python -m benchmarks.bench_compare --pages 50 --skip-redlines

The pair: an SOP-like document generated with tracked changes (benchmarks/generate.py, variant "tracked":
about one paragraph in three changed) resolved both ways by Redliner's engine, "reject all" giving the
base and "accept all" the revised version. Each tool runs in a fresh process; its time is the job alone
(open, compare, write the redline) and its memory the peak resident size of its whole process tree, sampled
from /proc (python-redlines runs a .NET engine as a child process, so its tree is two processes).
Correctness is the same for both: accept every change of the output and compare the paragraphs with the
revised version; reject every change and compare with the base.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.02


@dataclass
class Result:
    tool: str
    seconds: float
    peak_mb: float
    accept_ok: str
    reject_ok: str
    changes: int
    note: str = ""


# -- the pair ------------------------------------------------------------------------------------------


def make_pair(folder: Path, pages: int, seed: int = 1) -> tuple[Path, Path]:
    from benchmarks.generate import generate
    from redliner.core import Decision, ReviewDocument, write_clean

    base, after = folder / f"sop-{pages}p-base.docx", folder / f"sop-{pages}p-after.docx"
    if not (base.exists() and after.exists()):
        tracked = generate(folder / f"sop-{pages}p-tracked.docx", pages, "tracked", seed).path
        document = ReviewDocument.open(tracked)
        write_clean(document, base, Decision.REJECT)
        write_clean(document, after, Decision.ACCEPT)
    return base, after


# -- jobs, each run in a child process ---------------------------------------------------------------------


def job_redliner(base: str, after: str, out: str) -> int:
    from redliner.core.comparison.compare import compare

    document = compare(base, after, author="Benchmark")
    document.package.save(out)
    return len(document.changes)


def job_python_redlines(base: str, after: str, out: str) -> int:
    from python_redlines.engines import DocxodusEngine

    redline, _, _ = DocxodusEngine().run_redline("Benchmark", base, after)
    Path(out).write_bytes(redline)
    return -1  # counted afterwards, by the same reader for both tools


JOBS = {"redliner": job_redliner, "python-redlines": job_python_redlines}


def run_child(tool: str, base: Path, after: Path, out: Path) -> tuple[float, float]:
    """(job seconds, peak MB of the process tree) of one run in a fresh process."""
    command = [sys.executable, "-m", "benchmarks.bench_compare", "--job", tool, str(base), str(after), str(out)]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(child.pid))
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"{tool} failed: {stderr.strip()[-2000:]}")
    report = json.loads(stdout.strip().splitlines()[-1])
    return report["seconds"], max(peak, report["self_peak_kb"] * 1024) / 2**20


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total


def child_main(tool: str, base: str, after: str, out: str) -> int:
    import resource

    started = time.perf_counter()
    changes = JOBS[tool](base, after, out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "changes": changes, "self_peak_kb": peak}))
    return 0


# -- checking ---------------------------------------------------------------------------------------------


def round_trip(out: Path, base: Path, after: Path, folder: Path) -> tuple[str, str, int]:
    """('yes'/'k of n differ', same for reject, changes) using Redliner's reader on the tool's output."""
    from redliner.core import Decision, ReviewDocument, write_clean
    from redliner.core.opc.package import Package
    from redliner.core.oxml.text import document_paragraphs

    def paragraphs(path) -> list[str]:
        package = Package.open(path)
        return [t for t in document_paragraphs(package.xml(package.main_document)) if t.strip()]

    document = ReviewDocument.open(out)
    verdicts = []
    for decision, expected in ((Decision.ACCEPT, after), (Decision.REJECT, base)):
        target = folder / f"check-{decision.value}.docx"
        write_clean(document, target, decision)
        verdicts.append(_verdict(paragraphs(target), paragraphs(expected)))
    return verdicts[0], verdicts[1], len(document.changes)


def _verdict(got: list[str], wanted: list[str]) -> str:
    if got == wanted:
        return "yes"
    differing = sum(1 for a, b in zip(got, wanted, strict=False) if a != b) + abs(len(got) - len(wanted))
    return f"no: {differing} of {len(wanted)} paragraphs differ"


def measure(tool: str, base: Path, after: Path, folder: Path, runs: int) -> Result:
    out = folder / f"{tool}-redline.docx"
    timings = [run_child(tool, base, after, out) for _ in range(runs)]
    seconds = min(t for t, _ in timings)
    peak = min(p for _, p in timings)
    accept_ok, reject_ok, changes = round_trip(out, base, after, folder)
    return Result(tool, seconds, peak, accept_ok, reject_ok, changes, f"best of {runs}" if runs > 1 else "")


def python_redlines_problem() -> str:
    """Why python-redlines cannot run here, or '' when it can."""
    try:
        from python_redlines.engines import DocxodusEngine

        DocxodusEngine()
    except Exception as exc:  # noqa: BLE001 - any failure to start is the answer we report
        return f"{type(exc).__name__}: {exc}"
    return ""


def print_table(results: list[Result], pages: int, paragraphs_note: str) -> None:
    print(f"\nCompare two versions of a {pages}-page SOP ({paragraphs_note})")
    print(f"{'tool':<16} {'seconds':>9} {'peak MB':>9} {'changes':>8}  accept=after  reject=before  note")
    for r in results:
        print(f"{r.tool:<16} {r.seconds:>9.2f} {r.peak_mb:>9.0f} {r.changes:>8}  {r.accept_ok:<12}  "
              f"{r.reject_ok:<13}  {r.note}")
    if len(results) == 2:
        ours, theirs = results
        print(f"\nRedliner is {theirs.seconds / ours.seconds:.0f}x faster and {theirs.peak_mb / ours.peak_mb:.1f}x "
              f"leaner (target: 20x and 5x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--job", nargs=4, metavar=("TOOL", "BASE", "AFTER", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3, help="runs of Redliner (python-redlines runs once)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/redliner-bench-compare"))
    parser.add_argument("--skip-redlines", action="store_true")
    args = parser.parse_args(argv)
    if args.job:
        return child_main(*args.job)
    args.out.mkdir(parents=True, exist_ok=True)
    base, after = make_pair(args.out, args.pages)
    results = [measure("redliner", base, after, args.out, args.runs)]
    problem = "" if args.skip_redlines else python_redlines_problem()
    if problem:
        print(f"python-redlines cannot run here: {problem}")
    elif not args.skip_redlines:
        results.append(measure("python-redlines", base, after, args.out, 1))
    print_table(results, args.pages, f"{base.stat().st_size // 1024} KB base, {after.stat().st_size // 1024} KB after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
