"""Make docs/screenshot-editing.png: an edit in progress, as a reviewer types in Edit mode on the two-author
LibreOffice sample of the corpus (falls back to the bundled draft when ../shared is not beside the repo).

    python docs/screenshot_editing.py [OUT.png]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from screenshot import wait  # noqa: E402

from redliner.ui.app import application  # noqa: E402
from redliner.ui.settings import MARKER_NO, Settings  # noqa: E402
from redliner.ui.window import MainWindow  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "corpus" / "samples" / "sop-review-two-authors.lo.docx"
OUT = Path(__file__).resolve().parent / "screenshot-editing.png"
PAUSE_MS = 60


def put_caret(window, text: str, select: bool = False) -> None:
    view = window.view
    found = view.document().find(text)
    cursor = view.textCursor()
    cursor.setPosition(found.selectionStart() if select else found.selectionEnd())
    if select:
        cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def type_text(window, text: str) -> None:
    for character in text:
        QTest.keyClicks(window.view, character)
        QTest.qWait(PAUSE_MS)


def main(out: Path = OUT) -> int:
    application()
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "sop-review.docx"
        shutil.copy(SAMPLE, draft)
        settings = Settings.load(Path(tmp) / "settings.json", Path(tmp) / "state.json")
        settings.preferences.reviewer_name = "Rita Reviewer"
        settings.preferences.marker_answer = MARKER_NO
        window = MainWindow(settings)
        window.resize(1440, 860)
        window.show()
        window.open_file(draft)
        wait(window)
        QTest.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        put_caret(window, "assign officers")
        type_text(window, " and civilian staff")
        put_caret(window, "consistent", select=True)
        type_text(window, "stable")
        put_caret(window, "Annually", select=True)
        QTest.keyClick(window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        QTest.qWait(400)
        window.grab().save(str(out))
        window.undo_stack.setClean()
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
