"""List items numbered again after Enter (or a join, or their undo), in short steps.

An item added near the top of a long numbered list renumbers every item after it: in a generated 500-page
draft that is up to 2,000 blocks to write again, 0.5-2 s of work. Done in one go at the typist's pause, it
froze the app just when they looked at the screen. Here the blocks on screen are done first, then the rest in
steps of about STEP_MS each, between which Qt delivers keys, clicks and paints.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QPoint, QTimer

from . import render_edits

STEP_MS = 20.0  # the time one step aims at (rewriting and laying out its blocks; Qt's repaint comes after)
FIRST_BATCH = 16  # blocks in the first step; the next ones are sized from how long the last took


class Renumbering(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self._queue: list[tuple] = []  # (block key, w:p, label, level) still to write, in the order to do them
        self._batch = FIRST_BATCH
        self._stepping = False  # a step's own scrolling (the view keeps the reader's place) is not the reader's
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)

    @property
    def pending(self) -> int:
        """Blocks still waiting for their new label."""
        return len(self._queue)

    def start(self) -> None:
        """Find the blocks whose label changed (those before and after are as they were), write the ones on
        screen now and queue the others."""
        view = self.view
        self._queue = render_edits.relabels(view.rendered, view.review)
        self._batch = max(FIRST_BATCH, self._on_screen_first())
        self.step()

    def stop(self) -> None:
        """The text was written anew (or another review shown): nothing left to renumber."""
        self._timer.stop()
        self._queue = []

    def step(self) -> None:
        if not self._queue or self.view.rendered is None:
            self.stop()
            return
        batch, self._queue = self._queue[:self._batch], self._queue[self._batch:]
        started = time.perf_counter()
        self._stepping = True
        try:
            self.view.rewrite_in_place(lambda: render_edits.apply_relabels(self.view.rendered, self.view.review,
                                                                           batch))
        finally:
            self._stepping = False
        elapsed_ms = 1000 * (time.perf_counter() - started)
        self._batch = max(1, min(4 * len(batch), int(len(batch) * STEP_MS / max(elapsed_ms, 0.1))))
        if self._queue:
            self._timer.start()

    def _scrolled(self) -> None:
        """The reader scrolled while items wait: those now on screen go first."""
        if self._queue and not self._stepping:
            self._batch = max(self._batch, self._on_screen_first())

    def _on_screen_first(self) -> int:
        """The queue reordered with the blocks on screen at its head; returns how many those are."""
        view = self.view
        first = view.cursorForPosition(QPoint(0, 0)).blockNumber()
        last = view.cursorForPosition(QPoint(0, view.viewport().height())).blockNumber()
        layout = view.rendered._layout
        on_screen, later = [], []
        for entry in self._queue:
            key = entry[0]
            shown = key in layout.blocks and first <= layout.number(key) <= last
            (on_screen if shown else later).append(entry)
        self._queue = on_screen + later
        return len(on_screen)
