"""Reading a document's comments: comments.xml, their anchors in every story, threads, ids and people.

    comments = read_comments(review)          # a CommentSet; review is a ReviewDocument
    for thread in comments.threads(): ...     # first comment, then its replies
    comments.warnings                         # what was wrong in the file (never raised)

Threads and resolved state come from commentsExtended.xml (w15:commentEx: paraId, paraIdParent, done),
matched to comments by the w14:paraId of each comment's last paragraph; durable ids from commentsIds.xml;
people from people.xml. LibreOffice (7.4) writes no thread information: its replies read as comments of
their own, anchored at their parent's place.
"""

from __future__ import annotations

from lxml import etree

from redliner.core.comments.anchors import StoryAnchors, scan_story
from redliner.core.comments.model import Comment, CommentSet, Person
from redliner.core.comments.names import (
    CID_DURABLE,
    CID_ID,
    CID_PARA_ID,
    PARA_ID,
    PARTS,
    W15_AUTHOR,
    W15_COMMENT_EX,
    W15_DONE,
    W15_PARA_ID,
    W15_PARENT,
    W15_PERSON,
    W15_PRESENCE,
    W15_PROVIDER,
    W15_USER,
    W_AUTHOR,
    W_COMMENT,
    W_DATE,
    W_ID,
    W_INITIALS,
)
from redliner.core.errors import RedlinerError
from redliner.core.oxml.wordml import W_P, inserted_text
from redliner.core.review.document import ReviewDocument


def part_root(review: ReviewDocument, kind: str, warnings: list[str] | None = None):
    """Root of a comment part ('comments', 'extended', 'ids', 'people'), None when missing or unreadable."""
    reltype = PARTS[kind][0]
    package = review.package
    main = package.main_document
    names = package.related(main, reltype)
    if not names:
        if warnings is not None and any(t == reltype for _, t, _ in package.relationships(main)):
            warnings.append(f"the document refers to a {kind} part that is missing; its content is not shown")
        return None
    try:
        return package.xml(names[0])
    except RedlinerError as exc:
        if warnings is not None:
            warnings.append(f"{exc}; its comments are shown without it")
        return None


def read_comments(review: ReviewDocument) -> CommentSet:
    result = CommentSet()
    warnings = result.warnings
    root = part_root(review, "comments", warnings)
    stories = [scan_story(review.package.xml(name), label, name) for label, name in review.stories()]
    for element in root.iter(W_COMMENT) if root is not None else ():
        result.comments.append(_comment(element))
    _link_threads(result, part_root(review, "extended", warnings), warnings)
    _durable_ids(result, part_root(review, "ids", warnings))
    result.people = _people(part_root(review, "people", warnings))
    _anchor(result, stories, review, warnings)
    return result


def _comment(element) -> Comment:
    paragraphs = [p for p in element.iter(W_P) if _own_paragraph(p, element)]
    return Comment(id=element.get(W_ID, ""), author=element.get(W_AUTHOR, "Unknown"),
                   initials=element.get(W_INITIALS, ""), date=element.get(W_DATE, ""),
                   paragraphs=[inserted_text(p) for p in paragraphs],
                   xml=etree.tostring(element, encoding="unicode"), anchor=None,
                   para_id=paragraphs[-1].get(PARA_ID, "") if paragraphs else "")


def _own_paragraph(paragraph, comment) -> bool:
    """Not a text box's paragraph inside one of the comment's own."""
    node = paragraph.getparent()
    while node is not None and node is not comment:
        if node.tag == W_P:
            return False
        node = node.getparent()
    return True


def _link_threads(result: CommentSet, extended, warnings: list[str]) -> None:
    if extended is None:
        return
    by_para = {c.para_id.upper(): c for c in result.comments if c.para_id}
    entries = {e.get(W15_PARA_ID, "").upper(): e for e in extended.iter(W15_COMMENT_EX)}
    for para_id, entry in entries.items():
        comment = by_para.get(para_id)
        if comment is None:
            continue
        comment.done = entry.get(W15_DONE, "0") in ("1", "true")
        parent_para = entry.get(W15_PARENT, "").upper()
        if parent_para:
            parent = by_para.get(parent_para)
            if parent is None or parent is comment:
                warnings.append(f"comment {comment.id} replies to a comment that is not there; shown on its own")
            else:
                comment.parent = parent.id
    for comment in result.comments:  # a reply is as resolved as its thread
        root = result.root_of(comment.id)
        if root is not None and root is not comment and root.done:
            comment.done = True


def _durable_ids(result: CommentSet, ids) -> None:
    if ids is None:
        return
    durable = {e.get(CID_PARA_ID, "").upper(): e.get(CID_DURABLE, "") for e in ids.iter(CID_ID)}
    for comment in result.comments:
        comment.durable_id = durable.get(comment.para_id.upper(), "")


def _people(root) -> list[Person]:
    if root is None:
        return []
    people = []
    for person in root.iter(W15_PERSON):
        presence = person.find(W15_PRESENCE)
        people.append(Person(person.get(W15_AUTHOR, ""),
                             presence.get(W15_PROVIDER, "") if presence is not None else "",
                             presence.get(W15_USER, "") if presence is not None else ""))
    return people


def _anchor(result: CommentSet, stories: list[StoryAnchors], review: ReviewDocument, warnings: list[str]) -> None:
    known = {c.id for c in result.comments}
    for story in stories:
        for orphan in sorted(story.ids() - known, key=_number):
            warnings.append(f"{story.part_name} marks comment {orphan}, which the comments part does not hold; "
                            "the mark is left as it is")
    spans = _change_spans(review, stories)
    for comment in result.comments:
        story = next((s for s in stories if comment.id in s.ids()), None)
        if story is None:
            warnings.append(f"comment {comment.id} ({comment.author}) has no place in the text; "
                            "shown without an anchor")
            continue
        comment.anchor, start, end = story.anchor(comment.id, warnings)
        comment.changes = [change_id for change_id, span in spans.get(story.part_name, [])
                           if story.covers(start, end, span)]


def _change_spans(review: ReviewDocument, stories: list[StoryAnchors]) -> dict[str, list]:
    """part name -> [(change id, (first, last) position)] for the parts that have comment marks."""
    by_part = {s.part_name: s for s in stories if s.ids()}
    spans: dict[str, list] = {}
    for change in review.changes:
        pieces = [p for p in change.pieces if p.part_name in by_part]
        if not pieces:
            continue
        story = by_part[pieces[0].part_name]
        found = [story.span(list(getattr(p, "runs", None) or [p.element])) for p in pieces]
        found = [s for s in found if s is not None]
        if found:
            spans.setdefault(story.part_name, []).append(
                (change.id, (min(s[0] for s in found), max(s[1] for s in found))))
    return spans


def _number(text: str):
    return (0, int(text), "") if text.lstrip("-").isdigit() else (1, 0, text)
