"""A keyboard-only review of the sample draft in a real window, as a person makes it (issue 10).

Runs Redliner on a copy of sop-draft.pandoc.docx under Xvfb (no offscreen platform), answers the marker
question with Alt+Y, presses A thirteen times with a pause after each, then Ctrl+S and Return in the save
dialog. After each A the autosave on disk must list the decisions made so far, in order (1, 2, ... 13, each
accepted); the saved copy must have no change left and read as the sample with every proposal accepted.

    apt-get install -y xvfb xdotool imagemagick libxcb-cursor0   # Qt's xcb plugin needs libxcb-cursor0
    python tests/ui/real_window_review.py [--shots FOLDER]

Prints what it saw and exits 0 when all of it held, 1 otherwise. Settings, state and autosaves go to a
temporary folder (XDG_* variables), never to the user's own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("REDLINER_CORPUS", ROOT.parent / "shared" / "corpus"))
SAMPLE = CORPUS / "samples" / "sop-draft.pandoc.docx"
TOOLS = ("Xvfb", "xdotool", "import")
PAUSE = 1.0  # seconds after each key: far longer than the view's 120 ms settle timer


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def free_display() -> int:
    return next(n for n in range(99, 199) if not Path(f"/tmp/.X{n}-lock").exists()
                and not Path(f"/tmp/.X11-unix/X{n}").exists())


def wait_for(what: str, check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise TimeoutError(f"timed out waiting for {what}")


class Session:
    """Xvfb, the app and xdotool on one display; every process started here is ended here."""

    def __init__(self, work: Path, shots: Path):
        self.work, self.shots = work, shots
        self.display = f":{free_display()}"
        self.env = {**os.environ, "DISPLAY": self.display, "PYTHONPATH": str(ROOT)}
        self.env.pop("QT_QPA_PLATFORM", None)  # a real window, not offscreen
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            self.env[name] = str(work / name.lower())
        self.xvfb = self.app = None
        self.window = ""

    def start(self, draft: Path) -> None:
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for("Xvfb", lambda: Path(f"/tmp/.X11-unix/X{self.display[1:]}").exists())
        with open(self.work / "app.log", "wb") as log:  # the child keeps its own copy of the descriptor
            self.app = subprocess.Popen([sys.executable, "-m", "redliner.cli", str(draft)], env=self.env, cwd=ROOT,
                                        stdout=log, stderr=subprocess.STDOUT)
        self.window = wait_for("the window", self._find_window)[0]
        self.xdotool("windowfocus", "--sync", self.window)
        wait_for("the draft to open", lambda: draft.name in self.xdotool("getwindowname", self.window))

    def _find_window(self) -> list[str]:
        if self.app.poll() is not None:
            raise RuntimeError(f"the app stopped with exit code {self.app.returncode} (see its log below)")
        return self.xdotool("search", "--onlyvisible", "--name", "Redliner", check=False).split()[:1]

    def xdotool(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30)
        if check and done.returncode:
            raise RuntimeError(f"xdotool {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "600", *keys)
        time.sleep(PAUSE)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)], env=self.env,
                       check=True, timeout=30)
        return path

    def stop(self) -> None:
        for process in (self.app, self.xvfb):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()


@contextmanager
def stopped_at_the_end(session: Session, work: Path, problems: list[str]) -> Iterator[None]:
    """Around a session's steps: what a session can raise becomes a problem (the app's log is printed), and the
    session is stopped whatever happened."""
    try:
        yield
    except (TimeoutError, RuntimeError, subprocess.SubprocessError) as exc:
        problems.append(str(exc))
        print((work / "app.log").read_text(errors="replace")[-2000:], file=sys.stderr)
    finally:
        session.stop()


def autosaved_batches(work: Path) -> list:
    found = sorted((work / "xdg_state_home" / "redliner" / "autosave").glob("*.json"))
    return json.loads(found[0].read_text(encoding="utf-8"))["batches"] if found else []


def expected_text() -> str:
    from redliner.core import Decision, ReviewDocument, parse_rules

    document = ReviewDocument.open(SAMPLE, parse_rules("italic"))
    document.decide(document.changes, Decision.ACCEPT)
    return document.body_text()


def review(work: Path, shots: Path) -> list[str]:
    """Runs the review; returns the problems seen (none when it went as a person expects)."""
    from redliner.core import ReviewDocument, parse_rules

    problems = []
    draft = work / "drafts" / "sop-draft.docx"
    draft.parent.mkdir(parents=True)
    shutil.copy(SAMPLE, draft)
    session = Session(work, shots)
    with stopped_at_the_end(session, work, problems):
        session.start(draft)
        time.sleep(PAUSE)
        print(f"opened: window '{session.xdotool('getwindowname', session.window)}' ({session.shot('1-opened')})")
        session.key("alt+y")  # Yes: the italic text is proposals
        print(f"answered Yes to the marker question ({session.shot('2-markers')})")
        for number in range(1, 14):
            session.key("a")
            want = [{"ids": [str(n)], "decision": "accept"} for n in range(1, number + 1)]
            try:
                wait_for(f"decision {number} autosaved", lambda w=want: autosaved_batches(work) == w, 5)
            except TimeoutError:
                problems.append(f"after A number {number} the decisions are {autosaved_batches(work)}")
                break
            if number in (2, 7, 13):
                print(f"A {number}: accepted 1..{number} in order ({session.shot(f'3-after-a-{number}')})")
        session.key("ctrl+s")
        print(f"Ctrl+S: save dialog ({session.shot('4-save-dialog')})")
        session.key("Return")
        saved = draft.with_name("sop-draft (reviewed).docx")
        wait_for("the saved copy", saved.exists, 20)
        time.sleep(PAUSE)
        print(f"saved {saved.name}: window '{session.xdotool('getwindowname', session.window)}' "
              f"({session.shot('5-saved')})")
        for rules in ("", "italic"):
            left = ReviewDocument.open(saved, parse_rules(rules)).changes
            if left:
                problems.append(f"the saved copy has {len(left)} changes left (markers: {rules or 'none'})")
        if ReviewDocument.open(saved).body_text() != expected_text():
            problems.append("the saved copy does not read as the sample with every proposal accepted")
        session.xdotool("windowfocus", "--sync", session.window)  # no window manager gives it back after a dialog
        session.key("ctrl+q")
        session.app.wait(15)
        print(f"Ctrl+Q: the app closed with exit code {session.app.returncode}")
    return problems


def run_session(session, argv: list[str] | None, done_line: str) -> int:
    """The command line of a real-window script: `session(work, shots)` returns its problems; prints
    `done_line` when there are none. Exit code 0 when all held, 1 otherwise."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path, help="folder for the screenshots (default: a temporary one)")
    args = parser.parse_args(argv)
    if missing_tools():
        print(f"missing {', '.join(missing_tools())}; apt-get install -y xvfb xdotool imagemagick libxcb-cursor0",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="redliner-real-window-") as folder:
        work = Path(folder)
        shots = args.shots or work / "shots"
        shots.mkdir(parents=True, exist_ok=True)
        problems = session(work, shots)
        if args.shots is None:
            print("(screenshots were in a temporary folder: pass --shots FOLDER to keep them)")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(done_line if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    return run_session(review, argv, "all 13 accepted in order, saved with no change left")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
