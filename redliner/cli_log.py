"""The decision log from the command line: `changes --json` says who decided each change and when, and
`accept|reject` record their decisions in the marked-up copy's log (under `--as NAME`)."""

from __future__ import annotations

import argparse


def add_log_options(parser: argparse.ArgumentParser) -> None:
    """accept/reject: who decides (for the log), and whether a clean copy keeps the log."""
    parser.add_argument("--as", dest="decider", metavar="NAME",
                        help="who decides, for the decision log kept in OUT (default: the reviewer name in the "
                             "app's settings, else your user name)")
    parser.add_argument("--keep-log", action="store_true",
                        help="keep the decision log in a clean copy too (a marked-up copy always keeps it)")


def reviewer_name() -> str:
    """The reviewer name the app's settings give (a JSON file, read without Qt), else the user name."""
    from redliner.ui.settings import Settings  # plain JSON and platformdirs: no Qt

    return Settings.load().preferences.reviewer_name or "Unknown"


def change_dicts(document, changes) -> list[dict]:
    """Change.as_dict with `decided_by` and `decided_at` from the document's log (None when it has nothing)."""
    from redliner.core.session.decision_log import log_for

    log = log_for(document)
    found = []
    for change in changes:
        entry = log.latest_for(change)
        found.append({**change.as_dict(), "decided_by": entry.who if entry else None,
                      "decided_at": entry.when if entry else None})
    return found


def decide_and_save(document, selected, decision, args) -> None:
    """Decide, record it in the log as `--as` (or the reviewer), write a clean copy when every change is decided
    (without the log unless --keep-log), else a marked-up one with it."""
    from redliner.core.session.decision_log import log_for, save_clean, save_marked_up, with_conflicts

    undecided = [c for c in selected if not c.is_decided]  # decide() leaves the others as they are
    document.decide(selected, decision)
    log_for(document).record(decision, with_conflicts(document, undecided), args.decider or reviewer_name())
    if len(selected) == len(document.changes):
        save_clean(document, args.output, decision, keep_log=args.keep_log,
                   keep_comments=getattr(args, "keep_comments", False))
    else:
        save_marked_up(document, args.output)
