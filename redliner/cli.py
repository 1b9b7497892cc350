"""Command line: the review engine from the shell; `redliner [FILE]` opens the app.

Exit codes: 0 success, 1 input problem (one line on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from redliner.cli_comments import COMMENT_COMMANDS, add_comment_commands, add_keep_comments, comments_by_change
from redliner.cli_edit import add_edit_command, cmd_edit
from redliner.cli_export import add_export_command, cmd_export  # the meeting copy (Qt imported only when run)
from redliner.core.wording import plural

SUBCOMMANDS = ("changes", "accept", "reject", "markup", "compare", "combine", "comments", "comment", "edit",
               "export")
KINDS = ("insertion", "deletion", "replacement", "move", "format", "paragraph-mark", "row", "cell", "property")
# As JSON "status" and the app's list name them ("skipped" never shows here: a fresh review has skipped nothing).
STATUSES = ("pending", "accepted", "rejected", "skipped", "not a proposal")


def build_parser() -> argparse.ArgumentParser:
    from redliner import __version__
    from redliner.cli_log import add_log_options

    parser = argparse.ArgumentParser(
        prog="redliner", usage="redliner [FILE]\n       redliner COMMAND ...",
        description="Review changes in Word .docx drafts. `redliner [FILE]` opens the app, on FILE if given; "
                    "the commands below work from the shell.",
        epilog="`redliner COMMAND --help` tells more. Exit codes: 0 success, 1 input problem, 2 wrong usage.")
    parser.add_argument("--version", action="version", version=f"redliner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", prog="redliner")

    changes = commands.add_parser("changes", help="list the changes in a document")
    changes.add_argument("file")
    _add_markers(changes)
    _add_filters(changes)
    changes.add_argument("--json", action="store_true", help="print a JSON list")

    for name, verb in (("accept", "accept"), ("reject", "reject")):
        sub = commands.add_parser(name, help=f"{verb} changes and write a copy")
        sub.add_argument("file")
        sub.add_argument("-o", "--output", required=True)
        _add_markers(sub)
        sub.add_argument("--id", action="append", default=[], dest="ids", metavar="ID",
                         help="only this change (repeat for more); the others stay tracked")
        sub.add_argument("--author", action="append", default=[], dest="authors", metavar="NAME",
                         help="only the changes by NAME (repeat for more)")
        _add_filters(sub)
        add_keep_comments(sub)
        add_log_options(sub)

    markup = commands.add_parser("markup", help="turn marker proposals into native tracked changes")
    markup.add_argument("file")
    markup.add_argument("-o", "--output", required=True)
    _add_markers(markup, required=True)
    markup.add_argument("--as", dest="drafter", metavar="NAME",
                        help="who drafted the proposals (default: the draft's last author)")
    markup.add_argument("--not-a-proposal", action="append", default=[], dest="not_proposals", metavar="ID",
                        help="marked text that is real emphasis: kept as it is and remembered in OUT (repeat)")
    _add_compare_commands(commands)
    add_comment_commands(commands)
    add_edit_command(commands)
    add_export_command(commands)
    return parser


def _add_compare_commands(commands) -> None:
    compare = commands.add_parser("compare", help="differences from BASE as tracked changes in a copy of DRAFT")
    compare.add_argument("base")
    compare.add_argument("draft")
    compare.add_argument("-o", "--output", required=True)
    compare.add_argument("--as", dest="author", metavar="NAME", help="author of the tracked changes")
    _add_markers(compare)
    compare.add_argument("--formatting", action="store_true",
                         help="also report format-only differences (run formatting, paragraph styles and layout)")
    combine = commands.add_parser("combine", help="merge reviewers' copies of BASE into one reviewed document")
    combine.add_argument("base")
    combine.add_argument("copies", nargs="+", metavar="COPY")
    combine.add_argument("-o", "--output", required=True)
    combine.add_argument("--as", dest="authors", action="append", default=[], metavar="NAME",
                         help="reviewer of the n-th copy (repeat, in the order of the copies)")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kind", action="append", default=[], dest="kinds", choices=KINDS, metavar="KIND",
                        help=f"only changes of this kind (repeat for more): {', '.join(KINDS)}")
    parser.add_argument("--status", action="append", default=[], dest="statuses", choices=STATUSES,
                        metavar="STATUS", help=f"only changes with this status (repeat for more): "
                                               f"{', '.join(STATUSES)}")


def _add_markers(parser: argparse.ArgumentParser, required: bool = False) -> None:
    from redliner.core.review.markers import RULE_NAMES

    parser.add_argument("--markers", metavar="RULES", required=required,
                        help=f"formatting that marks proposals, a comma list of: {', '.join(RULE_NAMES)}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        return open_app(None)
    from redliner.cli_route import UsageError, draft_to_open
    from redliner.core import RedlinerError

    try:
        if argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
            draft = draft_to_open(argv, SUBCOMMANDS)  # a first word that is no command must be a file that exists
        else:
            args = build_parser().parse_args(argv)
            return COMMANDS[args.command](args)
    except RedlinerError as exc:
        print(f"redliner: {exc}", file=sys.stderr)
        return 1
    except (UsageError, ValueError) as exc:  # ValueError: a marker rule or option value the engine refuses
        print(f"redliner: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `redliner changes FILE | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 0
    return open_app(draft)  # outside the handlers: the app reports its own errors


def open_app(path: str | None) -> int:
    from redliner.ui.app import run

    return run(path)


def _open(args):
    from redliner.core import ReviewDocument, parse_rules

    return ReviewDocument.open(args.file, parse_rules(getattr(args, "markers", None)), getattr(args, "drafter", None))


def cmd_changes(args) -> int:
    document = _open(args)
    for warning in document.warnings:
        print(f"redliner: warning: {warning}", file=sys.stderr)
    listed = _selected(document, args)
    if args.json:
        from redliner.cli_log import change_dicts

        on_change = comments_by_change(document)
        print(json.dumps([d | {"comments": on_change.get(d["id"], [])} for d in change_dicts(document, listed)],
                         ensure_ascii=False, indent=1))
        return 0
    for change in listed:
        print(f"{change.id:>4}  {change.kind.value:<14} {change.source.value:<8} {change.author[:20]:<20} "
              f"¶{change.paragraph:<5} {change.text}" + (f"  [{change.status.value}]" if change.is_decided else ""))
    print(plural(len(listed), "change") + (f" of {len(document.changes)}" if len(listed) != len(document.changes)
                                           else ""), file=sys.stderr)
    return 0


def _selected(document, args, **more):
    from redliner.core import Status

    return document.select(kinds=args.kinds, statuses=[Status(s) for s in args.statuses], **more)


def cmd_decide(args) -> int:
    from redliner.cli_log import decide_and_save
    from redliner.cli_select import select_changes
    from redliner.core import Decision

    document = _open(args)
    selected = select_changes(document, ids=args.ids, authors=args.authors, kinds=args.kinds,
                              statuses=args.statuses)
    decision = Decision.ACCEPT if args.command == "accept" else Decision.REJECT
    decide_and_save(document, selected, decision, args)
    print(f"{args.command}ed {len(selected)} of {plural(len(document.changes), 'change')} -> {args.output}",
          file=sys.stderr)
    return 0


def cmd_markup(args) -> int:
    from redliner.core import ChangeSource, Decision, RedlinerError, write_marked_up

    document = _open(args)
    emphasis = [document.change(i) for i in args.not_proposals]
    for change in emphasis:
        if change.source != ChangeSource.MARKER:
            raise RedlinerError(f"change {change.id} is a {change.source.value} change, not marked text; "
                                "only marked text can be 'not a proposal'")
    document.decide(emphasis, Decision.NOT_A_PROPOSAL)
    write_marked_up(document, args.output)
    print(f"wrote {plural(len(document.changes), 'tracked change')} -> {args.output}", file=sys.stderr)
    return 0


def cmd_compare(args) -> int:
    from redliner.core import ChangeSource, parse_rules
    from redliner.core.comparison.compare import compare

    document = compare(args.base, args.draft, author=args.author, markers=parse_rules(args.markers),
                       report_formatting=args.formatting)
    document.package.save(args.output)
    found = sum(1 for c in document.changes if c.source == ChangeSource.COMPARE)
    print(f"{plural(found, 'difference')} tracked ({plural(len(document.changes), 'change')} in all) -> {args.output}",
          file=sys.stderr)
    return 0


def cmd_combine(args) -> int:
    from redliner.core.comparison.combine import combine

    if len(args.authors) > len(args.copies):
        raise ValueError(f"{plural(len(args.authors), '--as name')} for {plural(len(args.copies), 'copy', 'copies')}")
    document = combine(args.base, args.copies, authors=args.authors)
    document.package.save(args.output)
    conflicts = sum(1 for c in document.changes if c.conflicts_with)
    print(f"{plural(len(document.changes), 'change')} from {plural(len(args.copies), 'copy', 'copies')} "
          f"({conflicts} in conflict) -> {args.output}", file=sys.stderr)
    return 0


COMMANDS = {"changes": cmd_changes, "accept": cmd_decide, "reject": cmd_decide, "markup": cmd_markup,
            "compare": cmd_compare, "combine": cmd_combine, **COMMENT_COMMANDS, "edit": cmd_edit,
            "export": cmd_export}

if __name__ == "__main__":
    sys.exit(main())
