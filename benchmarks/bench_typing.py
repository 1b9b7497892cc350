"""Typing in Edit mode at 500 pages: keystroke to repainted view (issue 12). Run by bench_app (`--typing`).

Each step is one key delivered to the document view as Qt delivers a person's key (QTest.keyClick): the
engine's edit, the change list following it, the edited block rewritten, then processEvents, which lays out
and paints what changed (the offscreen platform paints like a real one), as bench_app times a decision.
"forced" adds a synchronous repaint of the whole view after that (an upper bound). Each step's CPU time on the
GUI thread is reported beside its wall time: on a shared machine the wall time also holds the time the
process waited for a CPU, and the CPU figure is the one that compares runs.
Steps: one character typed in the middle of a paragraph, a word deleted (Ctrl+Backspace),
Enter, and Ctrl+Z; at TYPING_PLACES paragraphs spread over the document, each scrolled to the middle of the
window, after Qt's first layout is done.
Target: median and 95th percentile <= 16 ms.
"""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

TYPING_PLACES = 20
TARGET_MS = 16.0
STEPS = (("type a character", Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier),
         ("delete a word", Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier),
         ("Enter", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
         ("undo", Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))


def _paint(window, forced: bool = False) -> None:
    QApplication.processEvents()
    QApplication.processEvents()
    if forced:
        window.view.viewport().repaint()


def _pause(window, found: dict) -> None:
    """What the app's timers do when the typist pauses, done at once and timed; then each turn of the event
    loop while list items are renumbered in steps (renumbering.Renumbering): the longest the app is deaf."""
    start = time.perf_counter()
    window.changes.settle_rows()
    window.view.settle()
    _paint(window)
    found["at the pause"].append(1000 * (time.perf_counter() - start))
    while window.view.renumbering.pending:
        start = time.perf_counter()
        QApplication.processEvents()
        found.setdefault("renumbering step", []).append(1000 * (time.perf_counter() - start))


def _caret_in_middle_of(window, block_number: int) -> bool:
    view = window.view
    block = view.document().findBlockByNumber(block_number)
    if not block.isValid() or block.length() < 40 or view.rendered._layout.key_at(block) is None:
        return False
    cursor = view.textCursor()
    cursor.setPosition(block.position() + block.length() // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
    view.setTextCursor(cursor)
    bar = view.verticalScrollBar()  # the caret mid-window, where one types (at the bottom edge Enter scrolls)
    bar.setValue(bar.value() + view.cursorRect().top() - view.viewport().height() // 2)
    _paint(window)
    return True


def time_typing(window) -> dict[str, list[float]]:
    """Milliseconds per step name (wall; "<step> cpu": the GUI thread's CPU time); the edits are undone
    afterwards, so the review is as it was."""
    if not window.action_set.edit_mode.isChecked():
        window.action_set.edit_mode.trigger()
    view = window.view
    view.setFocus()
    blocks = view.document().blockCount()
    found: dict[str, list[float]] = {name: [] for name, _, _ in STEPS}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in STEPS}
    found["type, forced repaint"] = []
    found["at the pause"] = []
    places = 0
    for number in range(blocks // (TYPING_PLACES + 1), blocks, max(1, blocks // (TYPING_PLACES + 1))):
        if places >= TYPING_PLACES or not _caret_in_middle_of(window, number):
            continue
        places += 1
        depth = window.undo_stack.index()
        start = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Y)
        _paint(window, forced=True)
        found["type, forced repaint"].append(1000 * (time.perf_counter() - start))
        _pause(window, found)
        for name, key, modifiers in STEPS:
            start, start_cpu = time.perf_counter(), time.thread_time()
            QTest.keyClick(view, key, modifiers)
            _paint(window)
            found[name].append(1000 * (time.perf_counter() - start))
            cpu[name].append(1000 * (time.thread_time() - start_cpu))
            _pause(window, found)
        while window.undo_stack.index() > depth:
            window.undo_stack.undo()
        _paint(window)
    window.action_set.edit_mode.trigger()
    found.update({f"{name} cpu": values for name, values in cpu.items()})
    return found


def summary(found: dict[str, list[float]]) -> list[tuple[str, float, float, int]]:
    rows = []
    for name, values in found.items():
        if name.endswith(" cpu"):
            continue
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else float("nan")
        rows.append((name, statistics.median(values) if values else float("nan"), p95, len(values)))
    return rows


def print_typing(pages: int, found: dict[str, list[float]]) -> None:
    print(f"\nTyping in Edit mode, {pages} pages (keystroke to repainted view)")
    header = f"{'step':<20} {'median ms':>9} {'p95 ms':>7} {'cpu median':>10} {'cpu p95':>7} {'n':>3}"
    print(header)
    print("-" * len(header))
    cpu = dict((row[0], row[1:3]) for row in summary({k[:-4]: v for k, v in found.items() if k.endswith(" cpu")}))
    for name, median, p95, count in summary(found):
        cpu_median, cpu_p95 = cpu.get(name, (float("nan"), float("nan")))
        print(f"{name:<20} {median:>9.1f} {p95:>7.1f} {cpu_median:>10.1f} {cpu_p95:>7.1f} {count:>3}")
    print(f"target: median and p95 <= {TARGET_MS} ms for each step")
