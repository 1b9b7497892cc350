"""`redliner edit`: wording changes written into a copy as tracked changes (or italic proposals), for scripts.

    redliner edit FILE -o OUT --replace OLD NEW [--insert-after TEXT NEW] [--delete TEXT] [--all]
                              [--as NAME] [--italic]

The edits apply in the order given. TEXT is looked for in the text a reader who accepts every change sees
(never inside deleted text), paragraph by paragraph: the first match, or every match with --all. A TEXT not
found or an edit the engine refuses stops everything: one line on stderr, exit 1, nothing written.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from redliner.core.wording import plural


class _Ordered(argparse.Action):
    """Every edit option appends (kind, values) to one list, so their order on the command line is kept."""

    def __call__(self, parser, namespace, values, option_string=None):
        edits = getattr(namespace, "edits", None) or []
        edits.append((self.dest, list(values) if isinstance(values, list) else [values]))
        namespace.edits = edits


def add_edit_command(commands) -> None:
    edit = commands.add_parser("edit", help="write wording changes into a copy as tracked changes")
    edit.add_argument("file")
    edit.add_argument("-o", "--output", required=True)
    edit.add_argument("--replace", nargs=2, metavar=("OLD", "NEW"), action=_Ordered, dest="replace",
                      help="replace OLD by NEW (repeat for more)")
    edit.add_argument("--insert-after", nargs=2, metavar=("TEXT", "NEW"), action=_Ordered, dest="insert_after",
                      help="insert NEW right after TEXT (repeat for more)")
    edit.add_argument("--delete", nargs=1, metavar="TEXT", action=_Ordered, dest="delete",
                      help="delete TEXT (repeat for more)")
    edit.add_argument("--all", action="store_true", help="edit every match, not only the first")
    edit.add_argument("--as", dest="author", metavar="NAME", help="author of the changes (default: your user name)")
    edit.add_argument("--italic", action="store_true",
                      help="write proposals the italic way: new text in italics, deleted text struck through")
    edit.set_defaults(edits=[])


def cmd_edit(args) -> int:
    from redliner.core import RedlinerError, ReviewDocument
    from redliner.core.editing.edits import Editor
    from redliner.core.editing.search import find_all

    if not args.edits:
        raise ValueError("say what to change: --replace OLD NEW, --insert-after TEXT NEW or --delete TEXT")
    review = ReviewDocument.open(args.file)
    editor = Editor(review, args.author or _user_name(), italic_proposals=args.italic, strike_deletions=args.italic)
    made = 0
    for kind, values in args.edits:
        target = values[0]
        if not target:
            raise ValueError(f"--{kind.replace('_', '-')} needs some text to look for")
        matches = find_all(review, target)
        if not matches:
            raise RedlinerError(f"{target!r} is not in {review.path.name} (as a reader accepting every change sees it)")
        for paragraph, start, end in reversed(matches if args.all else matches[:1]):  # later ones first
            if kind == "replace":
                editor.replace(paragraph, start, paragraph, end, values[1])
            elif kind == "insert_after":
                editor.insert(paragraph, end, values[1])
            else:
                editor.delete(paragraph, start, paragraph, end)
            made += 1
    review.package.save(args.output)
    print(f"{plural(made, 'edit')} tracked as {editor.author} -> {args.output}", file=sys.stderr)
    return 0


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "Unknown"
