"""Exporting a long meeting copy in a real window, as a person does it (issue 14): Xvfb, xdotool's keys.

Opens a generated 40-page draft (about 1,600 paragraphs: long enough for the copy to be made in two pieces,
ui/meeting_split.py), presses Alt+F, X (File > Export Meeting Copy…), Return in the options (Markup, all
changes, with the summary) and Return in the save dialog (the proposed "long (meeting copy).pdf"). While it
works a second process of the app's must show up (the forked tail); the PDF must read, page for page, as
the same export made by one process, and the window must say it exported.

    python tests/ui/real_window_export.py [--shots FOLDER]

Exits 0 when all of that held, 1 otherwise (what went wrong is printed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ui.real_window_review import PAUSE, Session, run_session, stopped_at_the_end, wait_for  # noqa: E402

DONE = "exported in two pieces, page for page as in one"


def export_by_keys(work: Path, shots: Path) -> list[str]:
    from benchmarks.generate import generate

    problems = []
    (work / "drafts").mkdir()
    draft = generate(work / "drafts" / "long.docx", pages=40, variant="tracked").path
    target = draft.with_name("long (meeting copy).pdf")
    session = Session(work, shots)
    with stopped_at_the_end(session, work, problems):
        session.start(draft)
        time.sleep(PAUSE)
        print(f"opened ({session.shot('1-opened')})")
        session.key("alt+f")
        session.key("x")
        print(f"File > Export Meeting Copy: the options ({session.shot('2-options')})")
        session.key("Return")
        print(f"the save dialog ({session.shot('3-save-dialog')})")
        session.xdotool("key", "Return")
        children: set[str] = set()

        def exported() -> bool:  # and meanwhile, the app's child processes
            children.update(subprocess.run(["pgrep", "-P", str(session.app.pid)], capture_output=True,
                                           text=True).stdout.split())
            return target.exists()

        wait_for("the exported file", exported, 60)
        time.sleep(PAUSE)
        print(f"exported {target.name}, {len(children)} child process seen ({session.shot('4-exported')})")
        if not children:
            problems.append("no second process was seen: the copy was made in one piece")
        if _pages(target) != _pages(_one_piece(draft, work)):
            problems.append("the PDF does not read as the one-piece export, page for page")
    return problems


def _one_piece(draft: Path, work: Path) -> Path:
    """The same export made by one process (`redliner export` with the split turned off)."""
    reference = work / "one.pdf"
    subprocess.run([sys.executable, "-c", "import sys; from redliner.ui import meeting_split; "
                    "meeting_split.MIN_PARAGRAPHS = 10**9; from redliner.cli import main; "
                    "sys.exit(main(['export', sys.argv[1], '-o', sys.argv[2]]))", str(draft), str(reference)],
                   check=True, capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return reference


def _pages(path: Path) -> list[str]:
    """Each page's text where it stands; the export's time (a minute apart) left out."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"Exported: [^·]*·", "", page) for page in text.split("\f")]


def main(argv: list[str] | None = None) -> int:
    return run_session(export_by_keys, argv, DONE)


if __name__ == "__main__":
    sys.exit(main())
