"""A real Redliner session for test_recovery: opens a draft, makes decisions by keys, records what the window
shows, then waits to be killed (SIGKILL: no clean close, so the autosave stays).

    python -m tests.ui.crash_session DRAFT AUTOSAVE_FOLDER OUT_FOLDER [edits]

With "edits", the reviewer then types in Edit mode too (words, a Backspace, Enter) after the decisions.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(draft: str, autosave_folder: str, out: str, edits: str = "") -> None:
    from lxml import etree
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from redliner.ui import recovery
    from redliner.ui.app import application
    from redliner.ui.settings import Settings
    from redliner.ui.window import MainWindow

    recovery.autosave_folder = lambda: Path(autosave_folder)
    app = application()
    out_folder = Path(out)
    settings = Settings.load(out_folder / "settings.json", out_folder / "state.json")
    settings.preferences.marker_answer = "yes"  # markers read straight away: no bar to answer
    window = MainWindow(settings)
    window.show()
    window.open_file(draft)
    while window.runner.busy:
        app.processEvents()
        time.sleep(0.01)
    for key, modifiers in ((Qt.Key.Key_A, None), (Qt.Key.Key_R, None), (Qt.Key.Key_S, None), (Qt.Key.Key_N, None),
                           (Qt.Key.Key_A, None), (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_R, None)):
        QTest.keyClick(window.view, key, modifiers or Qt.KeyboardModifier.NoModifier)
    window.changes.filters.text.setText("oriented")  # then "Accept all shown": one batch of several changes
    QTest.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    window.changes.filters.text.clear()
    if edits:
        type_edits(window)
    review = window.review
    window.view.settle()  # what the reviewer saw after pausing
    window.recovery.flush()  # the autosaves queued so far are on disk
    shown = {
        "statuses": {c.id: c.status.value for c in review.changes},
        "xml": etree.tostring(review.package.xml(review.package.main_document)).decode("utf-8"),
        "view": window.view.document().toPlainText(),
        "steps": window.undo_stack.count(),
        "changes": [[c.id, c.kind.value, c.author, c.inserted, c.deleted] for c in review.changes],
    }
    (out_folder / "shown.json").write_text(json.dumps(shown), encoding="utf-8")  # the test kills us now
    app.exec()


def type_edits(window) -> None:
    """Edit mode on; " and staff" typed after "officers", a Backspace, then Enter after "Purpose"."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    for word, keys in (("officers", " and staff"), ("Purpose", "")):
        view = window.view
        cursor = view.textCursor()
        cursor.setPosition(view.document().find(word).selectionEnd())
        view.setTextCursor(cursor)
        for character in keys:
            QTest.keyClicks(view, character)
        if keys:
            QTest.keyClick(view, Qt.Key.Key_Backspace)
        else:
            QTest.keyClick(view, Qt.Key.Key_Return)


if __name__ == "__main__":
    main(*sys.argv[1:5])
