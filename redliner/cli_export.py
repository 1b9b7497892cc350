"""`redliner export FILE -o OUT.pdf|OUT.html`: the meeting copy from the shell.

Qt draws the copy, so a QApplication is made when none exists, offscreen when there is no display (a server,
a CI job). The output is written atomically at the end: a bad input or name writes nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

VIEWS = ("markup", "final", "original")


def add_export_command(commands) -> None:
    export = commands.add_parser("export", help="write the meeting copy: the marked-up text, numbered, with a "
                                                "cover and a summary of the changes, as PDF or HTML")
    export.add_argument("file")
    export.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="OUT.pdf or OUT.html (one self-contained file)")
    from redliner.core.review.markers import RULE_NAMES

    export.add_argument("--markers", metavar="RULES",
                        help=f"formatting that marks proposals, a comma list of: {', '.join(RULE_NAMES)}")
    export.add_argument("--view", choices=VIEWS, default="markup", help="markup (default), final or original")
    export.add_argument("--pending-only", action="store_true",
                        help="number and list only the undecided changes; decided ones read as their result")
    export.add_argument("--no-summary", action="store_true", help="leave out the summary table at the end")


def cmd_export(args) -> int:
    from redliner.core import ReviewDocument, parse_rules
    from redliner.core.wording import plural

    target = Path(args.output)
    _ensure_application()
    from redliner.ui.meeting_copy import MeetingOptions
    from redliner.ui.meeting_export import check_target, export
    from redliner.ui.meeting_hooks import hooks_for
    from redliner.ui.render import ViewMode

    check_target(target)  # before reading the input: a wrong name costs nothing
    document = ReviewDocument.open(args.file, parse_rules(args.markers))
    for warning in document.warnings:
        print(f"redliner: warning: {warning}", file=sys.stderr)
    options = MeetingOptions(view=ViewMode(args.view), pending_only=args.pending_only, summary=not args.no_summary,
                             **hooks_for(document))
    export(document, target, options)
    print(f"meeting copy of {plural(len(document.changes), 'change')} -> {target}", file=sys.stderr)
    return 0


def _ensure_application():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["redliner"])
