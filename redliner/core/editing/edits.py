"""The editor: each edit of a document under review is one journaled step with a JSON record.

    editor = Editor(review, "Pat Reviewer")
    edit = editor.insert(paragraph, 12, "new words")    # an Edit: journal, paragraphs, caret, label, record
    delta = refresh_changes(review, edit)               # the change list in step (refresh.py)
    edit.journal.undo(); refresh_after_undo(review, edit)

An edit refused (EditRefused: inside a field code, an equation, a locked content control...) leaves the tree
untouched. `replay(review, edit.record)` makes the same edit on a freshly opened copy of the file, with the
same revision ids and dates (crash recovery).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from redliner.core.editing.context import EditContext, EditRefused, Outcome
from redliner.core.editing.deleting import delete_span, paragraph_chain
from redliner.core.editing.formatting import TOGGLES, toggle_format
from redliner.core.editing.inserting import insert_text
from redliner.core.editing.numbers import paragraph_numbers, story_ranks
from redliner.core.editing.paragraphs import join_paragraphs, split_paragraph
from redliner.core.editing.stamps import Stamp, now, revision_ids
from redliner.core.editing.textmap import inside_paragraph
from redliner.core.review.document import ReviewDocument
from redliner.core.review.journal import Journal

__all__ = ["Edit", "EditRefused", "Editor", "replay"]
FORMAT_LABELS = {"b": "Bold", "i": "Italic", "u": "Underline"}


@dataclass(eq=False)
class Edit:
    journal: Journal  # journal.undo() restores the exact XML (the same w:p objects)
    paragraphs: list  # every w:p of the edited region now, in document order (a created one included)
    removed_paragraphs: list  # w:p taken out of the tree (a join that undid a split), usually []
    caret: tuple  # (w:p, offset): where the text cursor goes after the edit
    label: str  # "Typing", "Delete", "Enter", "Bold"... for the undo menu
    record: dict  # JSON-able: replay(review, record) makes the edit again on a fresh copy of the file
    anchor: tuple = ()  # (w:p, offset): the start of what was edited (where Backspace leaves the cursor)
    part: str = ""  # the part name of the edited story
    first_number: int = 0  # paragraph number of the region's first paragraph (before and after the edit)
    before: list = field(default_factory=list)  # the region's paragraphs before the edit, in order
    delta: object = None  # the refresh.ChangeDelta refresh_changes found for it

    def undo(self) -> None:
        self.journal.undo()


class Editor:
    def __init__(self, review: ReviewDocument, author: str, date: str | None = None, italic_proposals: bool = False,
                 strike_deletions: bool = False):
        self.review = review
        self.author = (author or "").strip() or "Unknown"
        self.date = date
        self.italic_proposals = italic_proposals
        self.strike_deletions = strike_deletions

    # -- the edits -----------------------------------------------------------------------------------

    def insert(self, paragraph, offset: int, text: str) -> Edit:
        """Type text at offset; each "\\n" in it breaks the paragraph (an inserted paragraph mark)."""
        def action(context: EditContext) -> Outcome:
            current, at, after = paragraph, offset, [paragraph]
            for number, line in enumerate(_lines(text)):
                if number:
                    current, at = split_paragraph(context, current, at).caret
                    after.append(current)
                at = insert_text(context, current, at, line)
            return Outcome(after, [], (current, at), (paragraph, offset))

        return self._edit("insert", "Typing", [paragraph], {"offset": offset, "text": text}, action)

    def delete(self, paragraph, start: int, end_paragraph, end: int) -> Edit:
        chain = self._chain(paragraph, end_paragraph)
        return self._edit("delete", "Delete", chain, self._span(chain, start, end),
                          lambda context: delete_span(context, chain, start, end))

    def replace(self, paragraph, start: int, end_paragraph, end: int, text: str) -> Edit:
        chain = self._chain(paragraph, end_paragraph)

        def action(context: EditContext) -> Outcome:
            deleted = delete_span(context, chain, start, end)
            current, at = deleted.caret
            region = list(deleted.after)
            for number, line in enumerate(_lines(text)):
                if number:
                    index = region.index(current)
                    current, at = split_paragraph(context, current, at).caret
                    region.insert(index + 1, current)
                at = insert_text(context, current, at, line)
            return Outcome(region, deleted.removed, (current, at), deleted.anchor)

        return self._edit("replace", "Typing", chain, {**self._span(chain, start, end), "text": text}, action)

    def split(self, paragraph, offset: int) -> Edit:
        return self._edit("split", "Enter", [paragraph], {"offset": offset},
                          lambda context: split_paragraph(context, paragraph, offset))

    def join(self, paragraph) -> Edit:
        """Delete the paragraph's mark: Delete at its end, Backspace at the start of the next one."""
        from redliner.core.oxml.wordml import next_paragraph

        following = next_paragraph(paragraph) if inside_paragraph(paragraph) else None
        region = [paragraph] + ([following] if following is not None else [])
        return self._edit("join", "Delete", region, {}, lambda context: join_paragraphs(context, paragraph))

    def toggle_format(self, paragraph, start: int, end_paragraph, end: int, prop: str) -> Edit:
        if prop not in TOGGLES:
            raise EditRefused(f"unknown format {prop!r}; use b, i or u")
        chain = self._chain(paragraph, end_paragraph)
        return self._edit("format", FORMAT_LABELS[prop], chain, {**self._span(chain, start, end), "prop": prop},
                          lambda context: toggle_format(context, chain, start, end, prop))

    # -- running one -------------------------------------------------------------------------------

    def _chain(self, paragraph, end_paragraph) -> list:
        for each in (paragraph, end_paragraph):
            if not inside_paragraph(each):
                raise EditRefused("the paragraph is no longer in the document")
        return paragraph_chain(paragraph, end_paragraph)

    @staticmethod
    def _span(chain: list, start: int, end: int) -> dict:
        return {"start": start, "paragraphs": len(chain), "end": end}

    def _edit(self, op: str, label: str, region: list, arguments: dict, action: Callable) -> Edit:
        paragraph = region[0]
        if not inside_paragraph(paragraph):
            raise EditRefused("the paragraph is no longer in the document")
        root = paragraph.getroottree().getroot()
        part = self._part_of(root)
        first_number = paragraph_numbers(self.review, root).number(paragraph)
        stamp = Stamp(revision_ids(self.review), self.author, self.date or now())
        context = EditContext(Journal(), stamp, self.review.styles, self.italic_proposals, self.strike_deletions)
        try:
            outcome = action(context)
        except EditRefused:
            context.journal.undo()
            stamp.ids.next = stamp.first_id
            raise
        context.journal.parts.add(part)
        self.review.package.mark_dirty(part)
        record = {"op": op, "part": part, "paragraph": first_number, **arguments, "author": self.author,
                  "date": stamp.date, "first_id": stamp.first_id, "italic": self.italic_proposals,
                  "strike": self.strike_deletions}
        return Edit(context.journal, outcome.after, outcome.removed, outcome.caret, label, record,
                    outcome.anchor, part, first_number, list(region))

    def _part_of(self, root) -> str:
        for name in story_ranks(self.review):
            if self.review.package.xml(name) is root:
                return name
        raise EditRefused("the paragraph is not in a story of this document")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def replay(review: ReviewDocument, record: dict) -> Edit:
    """Make a recorded edit again (on a freshly opened copy of the file): the same XML, ids and dates."""
    try:
        op, part = record["op"], record["part"]
        numbers = paragraph_numbers(review, review.package.xml(part))
        paragraph = numbers.paragraph(int(record["paragraph"]))
        if paragraph is None:
            raise EditRefused(f"paragraph {record['paragraph']} is not in {part}")
        editor = Editor(review, record["author"], record["date"], bool(record.get("italic")),
                        bool(record.get("strike")))
        revision_ids(review).next = int(record["first_id"])
        if op in ("insert", "split"):
            args = (paragraph, int(record["offset"])) + ((record["text"],) if op == "insert" else ())
            return getattr(editor, op)(*args)
        if op == "join":
            return editor.join(paragraph)
        last = numbers.paragraph(int(record["paragraph"]) + int(record["paragraphs"]) - 1)
        span = (paragraph, int(record["start"]), last, int(record["end"]))
        if op == "delete":
            return editor.delete(*span)
        if op == "replace":
            return editor.replace(*span, record["text"])
        if op == "format":
            return editor.toggle_format(*span, record["prop"])
    except (KeyError, TypeError, ValueError) as exc:
        raise EditRefused(f"the recorded edit cannot be read ({exc})") from None
    raise EditRefused(f"unknown recorded edit {op!r}")
