"""Make docs/screenshot-detail.png (a change selected, shown whole in the detail pane) and
docs/screenshot-start.png (the start screen with recent drafts): the app offscreen on the sample draft.

    python docs/screenshot_word_ui.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from redliner.core import Decision  # noqa: E402
from redliner.resources import SAMPLE_DRAFT  # noqa: E402
from redliner.ui.app import application  # noqa: E402
from redliner.ui.settings import Settings  # noqa: E402
from redliner.ui.window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent
SAMPLES = DOCS.parent.parent / "shared" / "corpus" / "samples"


def settle(window) -> None:
    while window.runner.busy:
        QApplication.processEvents()
    for _ in range(5):
        QApplication.processEvents()
    window.view.settle()
    for _ in range(5):
        QApplication.processEvents()


def main() -> int:
    application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(Path(tmp) / "settings.json", Path(tmp) / "state.json")
        settings.preferences.reviewer_name = "Ana Rivera"
        settings.preferences.marker_answer = "yes"
        for recent in ("sop-review-lee.lo.docx", "sop-review-two-authors.lo.docx", "recap.pandoc.docx"):
            settings.add_recent(SAMPLES / recent)
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.show()
        window.open_file(SAMPLE_DRAFT)
        settle(window)
        window.decide(["4"], Decision.ACCEPT)
        window.decide(["6"], Decision.SKIP)
        window.go_to("5")
        settle(window)
        window.grab().save(str(DOCS / "screenshot-detail.png"))
        window.undo_stack.setClean()
        window.action_set.close.trigger()
        settle(window)
        window.resize(900, 560)
        settle(window)
        window.grab().save(str(DOCS / "screenshot-start.png"))
        window.close()
    print(DOCS / "screenshot-detail.png", DOCS / "screenshot-start.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
