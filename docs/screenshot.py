"""Make docs/screenshot.png: the app offscreen on the sample draft, markers accepted, a few decisions made.

    python docs/screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from redliner.core import Decision  # noqa: E402
from redliner.resources import SAMPLE_DRAFT  # noqa: E402
from redliner.ui.app import application  # noqa: E402
from redliner.ui.settings import Settings  # noqa: E402
from redliner.ui.window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshot.png"


def wait(window) -> None:
    while window.runner.busy:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main(out: Path = OUT) -> int:
    application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(Path(tmp) / "settings.json", Path(tmp) / "state.json")
        settings.preferences.reviewer_name = "Ana Rivera"
        window = MainWindow(settings)
        window.resize(1440, 860)
        window.show()
        window.open_file(SAMPLE_DRAFT)
        wait(window)
        window.marker_bar.yes_button.click()
        window.decide(["4"], Decision.ACCEPT)
        window.decide(["5"], Decision.REJECT)
        window.decide(["6"], Decision.SKIP)
        window.decide(["7"], Decision.ACCEPT)
        window.go_to("12")
        for _ in range(5):
            QApplication.processEvents()
        QTimer.singleShot(0, lambda: None)
        window.view.settle()  # as the reviewer sees it after a pause: decided paragraphs rewritten
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(out))
        window.undo_stack.setClean()
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
