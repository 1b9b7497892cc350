"""What the comments layer reports: comments, where they are anchored, who wrote them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False, slots=True)
class Anchor:
    """Where a comment sits in the text.

    `text` is what lies between w:commentRangeStart and w:commentRangeEnd as the markup view reads it
    (inserted and deleted text alike, paragraphs joined by newlines); '' for a collapsed anchor (a point,
    or text a decision removed). `paragraph` is the paragraph's index in its part, counted as change
    locations are (every w:p in document order, tables included).
    """

    part: str  # "body", "header", "footer", "footnotes", "endnotes"
    part_name: str  # zip entry, e.g. word/document.xml
    paragraph: int
    text: str
    has_range: bool  # False: only a w:commentReference marks the place


@dataclass(frozen=True, slots=True)
class Person:
    """An author as people.xml names them (w15:person): presence provider and user id, when given."""

    author: str
    provider: str = ""
    user: str = ""


@dataclass(eq=False, slots=True)
class Comment:
    """One comment of word/comments.xml, with its place in the text and its thread."""

    id: str
    author: str
    initials: str
    date: str
    paragraphs: list[str]  # plain text of each paragraph of the comment
    xml: str  # the w:comment element as written, formatting and all
    anchor: Anchor | None  # None when the text has no mark of it
    parent: str | None = None  # id of the comment this one replies to
    done: bool = False  # resolved (a reply shows its thread's state)
    para_id: str = ""  # w14:paraId of its last paragraph: what commentsExtended and commentsIds refer to
    durable_id: str = ""  # w16cid:durableId
    changes: list[str] = field(default_factory=list)  # ids of the changes its anchor covers or touches

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def as_dict(self) -> dict:
        anchor = self.anchor
        return {
            "id": self.id, "author": self.author, "initials": self.initials, "date": self.date,
            "text": self.text, "anchor_text": anchor.text if anchor else None,
            "part": anchor.part if anchor else None, "paragraph": anchor.paragraph if anchor else None,
            "parent": self.parent, "done": self.done, "para_id": self.para_id, "durable_id": self.durable_id,
            "changes": list(self.changes),
        }


@dataclass(eq=False, slots=True)
class CommentSet:
    """Every comment of a document (comments.xml order), the people named, and what was wrong in the file."""

    comments: list[Comment] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.comments)

    def __len__(self) -> int:
        return len(self.comments)

    def get(self, comment_id: str) -> Comment | None:
        return next((c for c in self.comments if c.id == str(comment_id)), None)

    def replies(self, comment_id: str) -> list[Comment]:
        return [c for c in self.comments if c.parent == str(comment_id)]

    def root_of(self, comment_id: str) -> Comment | None:
        comment, seen = self.get(comment_id), set()
        while comment is not None and comment.parent is not None and comment.id not in seen:
            seen.add(comment.id)
            parent = self.get(comment.parent)
            if parent is None:
                break
            comment = parent
        return comment

    def threads(self) -> list[list[Comment]]:
        """Each thread: its first comment, then every reply (replies to replies too), in file order."""
        threads = []
        for comment in self.comments:
            if comment.parent is None or self.get(comment.parent) is None:
                members = [comment]
                members.extend(c for c in self.comments if c is not comment and self.root_of(c.id) is comment)
                threads.append(members)
        return threads

    def for_change(self, change_id: str) -> list[Comment]:
        return [c for c in self.comments if str(change_id) in c.changes]
