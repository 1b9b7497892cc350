"""Engine benchmarks: Redliner against its floors and against docx-revisions, on generated SOP drafts.

    python -m benchmarks.bench_engine                       # 10, 100, 500 pages, tracked and italic
    python -m benchmarks.bench_engine --pages 10 --runs 3   # quick look

Each time is the best of N runs (N is printed) with time.perf_counter, set beside its floor measured in the
same run on the same file; Redliner, its floors and docx-revisions take turns run by run, so that load from
other processes falls on all of them alike. Before each timed run the garbage collector runs and glibc's
fast bins are merged (measure.settle_heap), so that no job pays for the memory the job before it freed.
Single decisions are medians (and 95th percentiles) of 50.

- open + list: ReviewDocument.open + reading every change's text, author, paragraph and heading;
  floor = unzip document.xml + lxml parse + one pass over its text.
- one decision: decide one change (accept and reject in turn, 50 changes spread over the document), then undo.
- accept all + save: decide every change on an opened document + write_clean (atomic write, fsync), and the
  same end to end (open + decide + write, what `redliner accept FILE -o OUT` does);
  floor = unzip + lxml parse + lxml serialize + zip (deflate) of the same entries. The floor parses, so the
  end-to-end figure is the like-for-like one; the open-document figure is what a reviewer waits for in the app.
- docx-revisions (PyPI): RevisionDocument(path) + every change's text and author; accept_all() + save() on an
  opened document, and end to end.
  It only sees w:ins/w:del directly in paragraphs, and no italic proposals: its change count is printed.
- `redliner changes FILE`: wall time in a fresh interpreter, and whether any Qt module was imported.
- peak RSS of a fresh process that opens and lists (and of the floor), from getrusage.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from redliner.core import ReviewDocument

from . import measure
from .generate import VARIANTS, generate

RUNS = {10: 21, 100: 11, 500: 9}  # timed runs per size; fewer for the slow ones
DECISIONS = 50
TARGETS = {"open": 3.0, "save": 3.0, "decision_ms": 2.0}


@dataclass
class Row:
    pages: int
    variant: str
    paragraphs: int
    document_xml_mb: float
    changes: int
    runs: int
    open_ms: float
    open_floor_ms: float
    decision_ms: float
    decision_p95_ms: float
    undo_ms: float
    save_ms: float
    save_end_to_end_ms: float
    save_floor_ms: float
    peer_changes: int | None
    peer_open_ms: float | None
    peer_save_ms: float | None
    peer_end_to_end_ms: float | None
    cli_ms: float
    cli_qt_modules: list[str]
    rss_open_mb: float
    rss_open_growth_mb: float
    rss_floor_growth_mb: float
    cpu_ms: dict  # best CPU time per job: ratios that load from other processes does not distort
    median_ms: dict  # median wall time per job: how far the best runs are from the usual ones
    load_average: float

    @property
    def open_ratio(self) -> float:
        return self.open_ms / self.open_floor_ms

    @property
    def save_ratio(self) -> float:
        return self.save_ms / self.save_floor_ms

    @property
    def end_to_end_ratio(self) -> float:
        return self.save_end_to_end_ms / self.save_floor_ms

    def cpu_ratio(self, job: str, floor: str) -> float:
        return self.cpu_ms[job] / self.cpu_ms[floor]

    def median_ratio(self, job: str, floor: str) -> float:
        return self.median_ms[job] / self.median_ms[floor]


def bench(path: Path, pages: int, variant: str, runs: int, scratch: Path) -> Row:
    made = generate(path, pages, variant)
    out = scratch / f"{path.stem}-out.docx"
    opened = lambda: ReviewDocument.open(path, measure.markers_for(variant))  # noqa: E731
    jobs = {
        "open": (lambda _: measure.redliner_open_and_list(path, variant), None),
        "open_floor": (lambda _: measure.floor_open(path), None),
        "save": (lambda doc: measure.redliner_accept_all_and_save(doc, out), opened),
        "end_to_end": (lambda _: measure.redliner_accept_all_end_to_end(path, variant, out), None),
        "save_floor": (lambda _: measure.floor_save(path, out), None),
    }
    if variant == "tracked":  # docx-revisions reads no italic proposals
        jobs["peer_open"] = (lambda _: measure.peer_open_and_list(path), None)
        jobs["peer_save"] = (lambda doc: measure.peer_accept_all_and_save(doc, out), lambda: measure.peer_open(path))
        jobs["peer_end_to_end"] = (lambda _: measure.peer_accept_all_end_to_end(path, out), None)
    timings = measure.time_interleaved(jobs, runs)
    timed = {name: _ms(timing.best) for name, timing in timings.items()}
    cpu = {name: _ms(timing.best_cpu) for name, timing in timings.items()}
    medians = {name: _ms(timing.median) for name, timing in timings.items()}
    decide, undo = measure.decision_times(opened(), DECISIONS)
    cli = measure.cli_wall_time(path, variant, max(3, runs // 2))
    rss, growth = measure.peak_memory_mb(f"measure.redliner_open_and_list(measure.Path({str(path)!r}), {variant!r})")
    _, floor_growth = measure.peak_memory_mb(f"measure.floor_open(measure.Path({str(path)!r}))")
    return Row(
        pages, variant, made.paragraphs, made.document_xml_bytes / 1e6, made.changes, runs,
        timed["open"], timed["open_floor"], _ms(_median(decide)), _ms(_percentile(decide, 0.95)), _ms(_median(undo)),
        timed["save"], timed["end_to_end"], timed["save_floor"],
        measure.peer_change_count(path) if "peer_open" in jobs else None,
        timed.get("peer_open"), timed.get("peer_save"), timed.get("peer_end_to_end"),
        _ms(cli.best), measure.qt_modules(measure.cli_imports(path, variant)), rss, growth, floor_growth,
        cpu, medians, os.getloadavg()[0],
    )


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 4)


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# -- the tables ----------------------------------------------------------------------------------------------


def engine_table(rows: list[Row]) -> str:
    lines = [
        "| Pages | Variant | Paragraphs | document.xml | Changes | N | Open + list | Floor | × floor "
        "| One decision (median / p95) | Undo | Accept all + save (document open) | Open + accept all + save "
        "| Floor | × floor (open / end to end) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.pages} | {r.variant} | {r.paragraphs:,} | {r.document_xml_mb:.2f} MB | {r.changes:,} | {r.runs} "
            f"| {r.open_ms:.0f} ms | {r.open_floor_ms:.0f} ms | {r.open_ratio:.1f}× "
            f"| {r.decision_ms:.3f} / {r.decision_p95_ms:.3f} ms | {r.undo_ms:.3f} ms "
            f"| {r.save_ms:.0f} ms | {r.save_end_to_end_ms:.0f} ms | {r.save_floor_ms:.0f} ms "
            f"| {r.save_ratio:.1f}× / {r.end_to_end_ratio:.1f}× |"
        )
    return "\n".join(lines)


def cpu_table(rows: list[Row]) -> str:
    lines = ["| Pages | Variant | Open + list (CPU) | Floor | × floor | Open + accept all + save (CPU) | Floor "
             "| × floor | Load average |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        c = r.cpu_ms
        lines.append(f"| {r.pages} | {r.variant} | {c['open']:.0f} ms | {c['open_floor']:.0f} ms "
                     f"| {r.cpu_ratio('open', 'open_floor'):.1f}× | {c['end_to_end']:.0f} ms "
                     f"| {c['save_floor']:.0f} ms | {r.cpu_ratio('end_to_end', 'save_floor'):.1f}× "
                     f"| {r.load_average:.1f} |")
    return "\n".join(lines)


def peer_table(rows: list[Row]) -> str:
    lines = [
        "| Pages | Variant | docx-revisions open + list | docx-revisions accept all + save (open / end to end) "
        "| changes it sees "
        "| `redliner changes` wall | Qt imported | Peak RSS, open + list | RSS growth (floor) |",
        "|---:|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        peer = (f"{r.peer_open_ms:.0f} ms | {r.peer_save_ms:.0f} / {r.peer_end_to_end_ms:.0f} ms "
                f"| {r.peer_changes:,} w:ins/w:del"
                if r.peer_open_ms is not None else "n/a | n/a | no italic support")
        qt = ", ".join(r.cli_qt_modules) or "no"
        lines.append(f"| {r.pages} | {r.variant} | {peer} | {r.cli_ms:.0f} ms | {qt} | {r.rss_open_mb:.0f} MB "
                     f"| +{r.rss_open_growth_mb:.0f} MB (+{r.rss_floor_growth_mb:.0f} MB) |")
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """The issue's targets, checked on the largest size measured."""
    largest = max(r.pages for r in rows)
    found = []
    for r in (r for r in rows if r.pages == largest):
        checks = [
            (f"open ≤ {TARGETS['open']:.0f}× floor", r.open_ratio <= TARGETS["open"],
             f"{r.open_ratio:.1f}×; CPU time {r.cpu_ratio('open', 'open_floor'):.1f}×; "
             f"medians {r.median_ratio('open', 'open_floor'):.1f}×"),
            (f"accept all + save ≤ {TARGETS['save']:.0f}× floor, document already open",
             r.save_ratio <= TARGETS["save"], f"{r.save_ratio:.1f}×"),
            (f"open + accept all + save ≤ {TARGETS['save']:.0f}× floor (like for like: the floor parses too)",
             r.end_to_end_ratio <= TARGETS["save"],
             f"{r.end_to_end_ratio:.1f}×; CPU time {r.cpu_ratio('end_to_end', 'save_floor'):.1f}×; "
             f"medians {r.median_ratio('end_to_end', 'save_floor'):.1f}×"),
            (f"one decision ≤ {TARGETS['decision_ms']:.0f} ms", r.decision_ms <= TARGETS["decision_ms"],
             f"{r.decision_ms:.2f} ms"),
            ("`redliner changes` imports no Qt", not r.cli_qt_modules, ", ".join(r.cli_qt_modules) or "none"),
        ]
        found += [f"- {r.pages} pages, {r.variant}: {name}: {'PASS' if ok else 'FAIL'} ({value})"
                  for name, ok, value in checks]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Redliner engine benchmarks (see module docstring).")
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--variant", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--runs", type=int, help="timed runs per figure (default: 21, 11, 9 by size)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="redliner-bench-") as folder:
        scratch = Path(folder)
        for pages in args.pages:
            for variant in args.variant:
                runs = args.runs or RUNS.get(pages, 5)
                rows.append(bench(scratch / f"sop-{pages}p-{variant}.docx", pages, variant, runs, scratch))
    print(engine_table(rows), "", peer_table(rows), "", cpu_table(rows), "", *verdicts(rows), sep="\n")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
