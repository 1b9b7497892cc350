"""Make docs/screenshot-combine.png: the app offscreen on a combined review of three reviewers' copies of the
sample SOP, one of them in conflict with another, the conflicting change selected.

    python docs/screenshot_combine.py [OUT.png]      (reads ../shared/corpus/samples)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for tests.docx_factory

from PySide6.QtWidgets import QApplication  # noqa: E402

from redliner.core.comparison.combine import combine  # noqa: E402
from redliner.ui import recovery  # noqa: E402
from redliner.ui.app import application  # noqa: E402
from redliner.ui.settings import Settings  # noqa: E402
from redliner.ui.window import MainWindow  # noqa: E402
from tests.docx_factory import edited_copy  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshot-combine.png"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "samples"


def main(out: Path = OUT) -> int:
    application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        recovery.autosave_folder = lambda: folder / "autosave"
        base = SAMPLES / "sop-base.lo.docx"
        okafor = edited_copy(base, folder / "sop-review-okafor.docx", "at least four hours", "at least six hours",
                             "Sam Okafor")
        review = combine(base, [SAMPLES / "sop-review-rivera.lo.docx", SAMPLES / "sop-review-lee.lo.docx", okafor])
        settings = Settings.load(folder / "settings.json", folder / "state.json")
        settings.preferences.reviewer_name = "Pat Reviewer"
        window = MainWindow(settings)
        window.resize(1440, 860)
        window.show()
        window.compare_actions._combined(base, 3, review)
        conflicted = next(c for c in review.changes if c.conflicts_with)
        window.go_to(conflicted.id)
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(out))
        window.unsaved_result = False
        window.undo_stack.setClean()
        window.setWindowModified(False)
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
