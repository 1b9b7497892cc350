"""The meeting copy's hooks (meeting_copy.MeetingOptions) filled from the document: who decided each change and
when (the decision log), decisions the saved copy no longer shows, and each change's comment threads."""

from __future__ import annotations

from redliner.core.comments.read import read_comments
from redliner.core.review.document import ReviewDocument
from redliner.core.session.decision_log import LoggedChange, log_for


def hooks_for(review: ReviewDocument) -> dict:
    """Keyword arguments for MeetingOptions: decided, earlier, threads."""
    log = log_for(review)
    comments = None

    def decided(change):
        entry = log.latest_for(change)
        return (entry.who, entry.when) if entry is not None else None

    def earlier():
        shown = {LoggedChange.of(change).identity for change in review.changes}
        return [(logged.kind, logged.author, logged.text, logged.status, f"{entry.who}, {entry.when}")
                for logged, entry in log.in_force() if logged.identity not in shown]

    def threads(change):
        nonlocal comments
        if comments is None:
            comments = read_comments(review)  # once, and only when a change is summarised
        found = []
        for root in _roots(comments, comments.for_change(change.id)):
            resolved = " (resolved)" if root.done else ""
            found.append(f"{root.author}: {root.text}{resolved}")
            found.extend(f"↳ {reply.author}: {reply.text}" for reply in _replies(comments, root))
        return found

    return {"decided": decided, "earlier": earlier, "threads": threads}


def _roots(comments, covering) -> list:
    roots = []
    for comment in covering:
        root = comments.root_of(comment.id) or comment
        if root not in roots:
            roots.append(root)
    return roots


def _replies(comments, root) -> list:
    return [c for c in comments.comments if c is not root and comments.root_of(c.id) is root]
