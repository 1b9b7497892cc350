"""Editing engine benchmark: one edit plus refresh_changes on a generated SOP draft (no Qt, the core's part).

    python -m benchmarks.bench_edit                  # 500 pages
    python -m benchmarks.bench_edit --pages 100 --runs 300

Edits spread over the middle of the document, each followed by refresh_changes (the change list in step):
typing one character, deleting a word (5 characters), Enter, and undoing the Enter (journal + refresh_after_undo).
The first edit pays once for the revision-id scan, the paragraph numbering and the change index; it is
reported apart. gc.freeze() after opening, as an app should: the opened tree's objects are never garbage,
and a collection walking them costs more than the edit.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate
from redliner.core import ReviewDocument
from redliner.core.editing.edits import Editor
from redliner.core.editing.refresh import refresh_after_undo, refresh_changes
from redliner.core.editing.textmap import ParagraphText
from redliner.core.oxml.wordml import W_P


def bench(pages: int, runs: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        review = ReviewDocument.open(generate(Path(folder) / "draft.docx", pages).path)
    gc.freeze()
    root = review.package.xml(review.package.main_document)
    targets = [p for p in root.iter(W_P) if len(ParagraphText(p)) > 20]
    editor = Editor(review, "Pat Reviewer")
    start = time.perf_counter()
    refresh_changes(review, editor.insert(targets[len(targets) // 2], 5, "x"))
    times: dict[str, list[float]] = {"first edit": [time.perf_counter() - start], "type a character": [],
                                     "delete a word": [], "Enter": [], "undo Enter": []}
    for run in range(runs):
        paragraph = targets[(len(targets) // 3 + run * 7) % len(targets)]
        for name, make in (("type a character", lambda p=paragraph: editor.insert(p, 3, "y")),
                           ("delete a word", lambda p=paragraph: editor.delete(p, 6, p, 11)),
                           ("Enter", lambda p=paragraph: editor.split(p, 8))):
            start = time.perf_counter()
            edit = make()
            refresh_changes(review, edit)
            times[name].append(time.perf_counter() - start)
        start = time.perf_counter()
        edit.journal.undo()
        refresh_after_undo(review, edit)
        times["undo Enter"].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"| {args.pages} pages | median ms | 95th percentile ms |\n|---|---|---|")
    for name, values in bench(args.pages, args.runs).items():
        values = sorted(v * 1000 for v in values)
        print(f"| {name} + refresh | {statistics.median(values):.2f} | {values[int(len(values) * 0.95)]:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
