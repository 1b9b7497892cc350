"""Typing in Edit mode in a real window, as a person does it (issue 12): Xvfb, xdotool's keys with pauses.

Opens a copy of sop-review-two-authors.lo.docx (tracked changes by two reviewers), turns Edit mode on with
Ctrl+E, goes to the end of the first line of "010.05 Policy" with the arrow keys and End, types " Added by
Rita." (a letter every 150 ms), Backspace twice, Enter, types "New line", Ctrl+Z once (the last word goes), then
Ctrl+S and Return in the save dialog. The saved copy must hold the reviewer's insertions (" Added by Rit", "New ")
and inserted paragraph mark as tracked changes by her, beside the two reviewers' changes.

    python tests/ui/real_window_edit.py [--shots FOLDER]

Exits 0 when all of that held, 1 otherwise (what went wrong is printed).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ui.real_window_review import (  # noqa: E402
    CORPUS,
    PAUSE,
    Session,
    run_session,
    stopped_at_the_end,
    wait_for,
)

SAMPLE = CORPUS / "samples" / "sop-review-two-authors.lo.docx"
REVIEWER = "Rita Reviewer"
DONE = "saved with her 3 changes beside the reviewers' 7"


def edit(work: Path, shots: Path) -> list[str]:
    from redliner.core import ChangeKind, ReviewDocument

    problems = []
    draft = work / "drafts" / "review.docx"
    draft.parent.mkdir(parents=True)
    shutil.copy(SAMPLE, draft)
    session = Session(work, shots)
    settings = work / "xdg_config_home" / "redliner" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"reviewer_name": REVIEWER}), encoding="utf-8")
    with stopped_at_the_end(session, work, problems):
        session.start(draft)
        time.sleep(PAUSE)
        session.key("ctrl+e")
        session.key("ctrl+d")  # the document has the keys
        session.key("ctrl+Home")
        for _ in range(12):
            session.xdotool("key", "Down")
            time.sleep(0.15)
        session.key("End")
        session.xdotool("type", "--delay", "150", " Added by Rita.")
        time.sleep(PAUSE)
        session.key("BackSpace", "BackSpace")
        session.key("Return")
        session.xdotool("type", "--delay", "150", "New line")
        time.sleep(PAUSE)
        print(f"typed ({session.shot('1-typed')})")
        session.key("ctrl+z")
        print(f"Ctrl+Z ({session.shot('2-undone')})")
        session.key("ctrl+s")
        session.key("Return")
        saved = draft.with_name("review (reviewed).docx")
        wait_for("the saved copy", saved.exists, 20)
        time.sleep(PAUSE)
        print(f"saved {saved.name} ({session.shot('3-saved')})")
        changes = ReviewDocument.open(saved).changes
        hers = [c for c in changes if c.author == REVIEWER]
        inserted = sorted(c.inserted for c in hers if c.kind == ChangeKind.INSERTION)
        if inserted != [" Added by Rit", "New "]:
            problems.append(f"her insertions in the saved copy are {inserted}")
        if [c.kind for c in hers if c.kind == ChangeKind.PARAGRAPH_MARK] != [ChangeKind.PARAGRAPH_MARK]:
            problems.append(f"her changes are {[(c.kind.value, c.text) for c in hers]}: no inserted paragraph mark")
        if len(hers) != 3:
            problems.append(f"she has {len(hers)} changes in the saved copy, not 3")
        if len(changes) - len(hers) != 7:
            problems.append(f"the two reviewers' 7 changes became {len(changes) - len(hers)}")
        session.xdotool("windowfocus", "--sync", session.window)
        session.key("ctrl+q")
        session.app.wait(15)
    return problems


def main(argv: list[str] | None = None) -> int:
    return run_session(edit, argv, DONE)


if __name__ == "__main__":
    os.environ.pop("QT_QPA_PLATFORM", None)
    raise SystemExit(main())
