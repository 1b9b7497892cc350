"""Make docs/screenshot.png: the app offscreen on the sample draft, markers accepted, a few decisions made; and
docs/comments-pane.png: the Comments pane on a reviewed file of the shared corpus (word-reviews), with a reply,
a comment on a change and a resolved thread made in the app.

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
COMMENTS_OUT = OUT.with_name("comments-pane.png")
REVIEWED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "word-reviews" / "test_review_rich.docx"


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
    if REVIEWED.exists():
        comments_pane(COMMENTS_OUT)
    return 0


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def comments_pane(out: Path) -> None:
    """Max's comment answered, a comment on change 2, Anna's thread resolved, Max's comment clicked."""
    from redliner.ui import comment_dialog

    answers = ["Yes: overall and progression-free survival.", "Is it, at p = 0.04?"]
    comment_dialog.ask_comment_text = lambda *args, **kwargs: answers.pop(0)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(Path(tmp) / "settings.json", Path(tmp) / "state.json")
        settings.preferences.reviewer_name = "Ana Rivera"
        window = MainWindow(settings)
        window.resize(1440, 760)
        window.show()
        window.open_file(REVIEWED)
        wait(window)
        comments = window.comment_actions
        pane = comments.pane
        pane.select("1")
        comments.reply()
        window.go_to("2")
        window.view.setTextCursor(window.view.textCursor())  # no selection: the comment goes on change 2
        comments.new_comment()
        pane.select("11")
        comments.resolve()
        window.go_to("2")
        pane.select("1")
        comments.go_to_comment("1")
        window.view.settle()
        settle()
        window.grab().save(str(out))
        window.undo_stack.setClean()
        window.close()
    print(out)


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
