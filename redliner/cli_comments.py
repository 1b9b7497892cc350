"""`redliner comments FILE [--json]` lists comments and threads; `redliner comment FILE -o OUT ...` adds one,
replies, or resolves a thread. Registered by cli.py (add_comment_commands, COMMENT_COMMANDS)."""

from __future__ import annotations

import json
import sys

from redliner.core.wording import plural


def add_comment_commands(commands) -> None:
    comments = commands.add_parser("comments", help="list the comments and their replies")
    comments.add_argument("file")
    comments.add_argument("--json", action="store_true", help="print a JSON list")
    comment = commands.add_parser("comment", help="add a comment, reply to one, or resolve a thread; write a copy")
    comment.add_argument("file")
    comment.add_argument("-o", "--output", required=True)
    where = comment.add_mutually_exclusive_group(required=True)
    where.add_argument("--on", metavar="TEXT", help="comment on the first place the text reads TEXT")
    where.add_argument("--change", metavar="ID", help="comment on the text of change ID")
    where.add_argument("--reply-to", metavar="COMMENT_ID", help="reply to comment COMMENT_ID")
    where.add_argument("--resolve", metavar="COMMENT_ID", help="mark COMMENT_ID's thread resolved")
    comment.add_argument("--text", metavar="MESSAGE", help="the comment's text (required unless --resolve)")
    comment.add_argument("--as", dest="author", metavar="NAME", help="the comment's author (default: Redliner)")


def add_keep_comments(parser) -> None:
    parser.add_argument("--keep-comments", action="store_true",
                        help="keep the comments in a clean copy (they are removed by default)")


def comments_by_change(document) -> dict[str, list[str]]:
    """change id -> ids of the comments on it, for `changes --json`."""
    from redliner.core.comments.read import read_comments

    found: dict[str, list[str]] = {}
    for comment in read_comments(document):
        for change_id in comment.changes:
            found.setdefault(change_id, []).append(comment.id)
    return found


def cmd_comments(args) -> int:
    from redliner.core import ReviewDocument
    from redliner.core.comments.read import read_comments

    document = ReviewDocument.open(args.file)
    comments = read_comments(document)
    for warning in document.warnings + comments.warnings:
        print(f"redliner: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps([c.as_dict() for c in comments], ensure_ascii=False, indent=1))
        return 0
    threads = comments.threads()
    for thread in threads:
        for comment in thread:
            print(_line(comment, reply=comment is not thread[0]))
    print(f"{plural(len(comments), 'comment')} in {plural(len(threads), 'thread')}", file=sys.stderr)
    return 0


def _line(comment, reply: bool) -> str:
    indent = "    ↳ " if reply else ""
    head = f"{indent}#{comment.id}  {comment.author}  {comment.date[:10] or '(no date)'}"
    if not reply:
        anchor = comment.anchor
        if anchor is None:
            head += "  (no place in the text)"
        else:
            quoted = " ".join(anchor.text.split())
            quoted = quoted if len(quoted) <= 60 else quoted[:59] + "…"
            where = "" if anchor.part == "body" else f" {anchor.part}"
            head += f"  ¶{anchor.paragraph}{where}  on “{quoted}”" if quoted else f"  ¶{anchor.paragraph}{where}"
        if comment.changes:
            head += f"  changes {', '.join(comment.changes)}"
        if comment.done:
            head += "  [resolved]"
    body = "\n".join(f"{' ' * len(indent)}    {line}" for line in comment.text.splitlines() or [""])
    return f"{head}\n{body}"


def cmd_comment(args) -> int:
    from redliner.core import RedlinerError, ReviewDocument
    from redliner.core.comments import edit

    if args.resolve is None and not args.text:
        raise ValueError("--text MESSAGE is required to add a comment or a reply")
    document = ReviewDocument.open(args.file)
    author = (args.author or "").strip() or "Redliner"
    if args.resolve is not None:
        step = edit.set_resolved(document, args.resolve, True)
        done = f"resolved comment {args.resolve}'s thread"
    elif args.reply_to is not None:
        step = edit.reply(document, args.reply_to, args.text, author)
        done = f"comment {step.comment_id} replies to {args.reply_to}"
    else:
        if args.change is not None:
            where = document.change(args.change)
        else:
            where = edit.find_text(document, args.on)
            if where is None:
                raise RedlinerError(f"the text {args.on!r} is not in {document.path.name}; nothing written")
        step = edit.add_comment(document, where, args.text, author)
        done = f"added comment {step.comment_id}"
    document.package.save(args.output)
    print(f"{done} -> {args.output}", file=sys.stderr)
    return 0


COMMENT_COMMANDS = {"comments": cmd_comments, "comment": cmd_comment}
