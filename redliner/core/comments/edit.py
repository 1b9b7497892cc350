"""Writing comments: add one on a text range or a change, reply, edit, resolve or reopen, delete a thread.

Each call is one undoable step: it returns a CommentStep whose journal undoes it exactly (`review.undo(step.
journal)`) and whose record (a JSON-able dict) `replay(review, record)` applies again, with the same ids and
date, to restore a review after a crash. Comments are written as Word writes them: anchors in the text,
word/comments.xml, commentsExtended.xml (threads, resolved), commentsIds.xml (durable ids) and people.xml,
each part made with its relationship and content type when the document had none.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from redliner.core.comments.names import (
    CID_DURABLE,
    CID_ID,
    CID_PARA_ID,
    PARA_ID,
    TEXT_ID,
    W14_NS,
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
    W_RANGE_END,
    W_RANGE_START,
    W_REFERENCE,
)
from redliner.core.comments.parts import existing_part, part_for_writing
from redliner.core.comments.place import Place, TextRange, change_places, find_text, put, range_places
from redliner.core.comments.read import read_comments
from redliner.core.errors import RedlinerError
from redliner.core.oxml.ns import XML_SPACE, w
from redliner.core.oxml.wordml import W_P, W_R, W_RPR, W_T
from redliner.core.review.comment_marks import COMMENT_MARKS, mark_dirty
from redliner.core.review.document import ReviewDocument
from redliner.core.review.journal import Journal
from redliner.core.review.model import Change

__all__ = ["CommentStep", "TextRange", "add_comment", "delete_thread", "edit_comment", "find_text", "replay",
           "reply", "set_resolved"]


class UnknownCommentError(RedlinerError):
    """A comment id asked for does not exist in the document."""


@dataclass
class CommentStep:
    journal: Journal
    record: dict
    comment_id: str


# -- the steps ---------------------------------------------------------------------------------------------


def add_comment(review: ReviewDocument, where: TextRange | Change, text: str, author: str, *, initials: str = "",
                date: str = "", fixed: dict | None = None) -> CommentStep:
    """A new comment on a text range or on a change's text. `fixed`: ids and date of a replayed record."""
    journal, fixed = Journal(), fixed or {}
    if isinstance(where, Change):
        start, end = change_places(where)
        at = {"change": where.id}
    else:
        start, end = range_places(review, where, journal)
        at = {"range": where.as_list()}
    record = _new_comment(review, journal, "add", text, author, initials, date, fixed) | at
    comment_id = record["id"]
    end_mark = _mark(W_RANGE_END, comment_id)
    put(start, _mark(W_RANGE_START, comment_id), journal)
    put(end, end_mark, journal)
    put(_after_in_paragraph(end_mark), _reference_run(comment_id), journal)
    _dirty_story_of(review, end_mark, journal)
    return CommentStep(journal, record, comment_id)


def reply(review: ReviewDocument, parent_id: str, text: str, author: str, *, initials: str = "", date: str = "",
          fixed: dict | None = None) -> CommentStep:
    """A reply in the thread of `parent_id`, anchored where its parent is (as Word does)."""
    comments = read_comments(review)
    parent = _known(review, comments, parent_id)
    journal, fixed = Journal(), fixed or {}
    parent_para = _para_id_of(review, parent.id, journal)
    record = _new_comment(review, journal, "reply", text, author, initials, date, fixed, parent_para)
    record["parent"] = parent.id
    comment_id = record["id"]
    marks = _marks_of(review, parent.id)
    for tag in (W_RANGE_START, W_RANGE_END):
        for mark in marks.get(tag, [])[:1]:
            journal.add_after(mark, _mark(tag, comment_id))
    for mark in marks.get(W_REFERENCE, [])[:1]:
        run = mark.getparent() if mark.getparent().tag == W_R else mark
        journal.add_after(run, _reference_run(comment_id))
    for elements in marks.values():
        _dirty_story_of(review, elements[0], journal)
    return CommentStep(journal, record, comment_id)


def edit_comment(review: ReviewDocument, comment_id: str, text: str, fixed: dict | None = None) -> CommentStep:
    """The comment's text replaced (its last paragraph keeps its paraId, so its thread holds)."""
    element = _comment_element(review, comment_id)
    journal = Journal()
    old_paragraphs = [p for p in element if p.tag == W_P]
    last_para = old_paragraphs[-1].get(PARA_ID, "") if old_paragraphs else ""
    lines = text.split("\n")
    para_ids = list((fixed or {}).get("para_ids") or [])
    if not para_ids:
        para_ids = _new_para_ids(review, len(lines) - 1) + [last_para or _new_para_ids(review, 1)[0]]
    kept = [c for c in element if c.tag != W_P]
    journal.replace_children(element, kept + _paragraphs(element, lines, para_ids))
    mark_dirty(review.package, existing_part(review.package, "comments"), journal)
    record = {"op": "edit", "id": str(comment_id), "text": text, "para_ids": para_ids}
    return CommentStep(journal, record, str(comment_id))


def set_resolved(review: ReviewDocument, comment_id: str, done: bool = True) -> CommentStep:
    """Resolve (or reopen) the thread `comment_id` is in: Word keeps the state on the thread's first comment."""
    comments = read_comments(review)
    root = comments.root_of(_known(review, comments, comment_id).id)
    journal = Journal()
    para_id = _para_id_of(review, root.id, journal)
    entry = _extended_entry(review, para_id, journal)
    journal.set_attr(entry, W15_DONE, "1" if done else "0")
    return CommentStep(journal, {"op": "resolve", "id": str(comment_id), "done": bool(done)}, root.id)


def delete_thread(review: ReviewDocument, comment_id: str) -> CommentStep:
    """The thread `comment_id` is in, its first comment and every reply: text, anchors and entries."""
    comments = read_comments(review)
    root = comments.root_of(_known(review, comments, comment_id).id)
    members = {c.id for c in comments if comments.root_of(c.id) is root}
    journal = Journal()
    package = review.package
    for _, name in review.stories():
        marks = [m for m in package.xml(name).iter(*COMMENT_MARKS) if m.get(W_ID) in members]
        for mark in marks:
            run = mark.getparent()
            only_reference = run.tag == W_R and all(c.tag in (W_RPR, W_REFERENCE) for c in run)
            journal.remove(run if mark.tag == W_REFERENCE and only_reference else mark)
        if marks:
            mark_dirty(package, name, journal)
    para_ids = {c.para_id.upper() for c in comments if c.id in members and c.para_id}
    for element in list(package.xml(existing_part(package, "comments")).iter(W_COMMENT)):
        if element.get(W_ID) in members:
            journal.remove(element)
    mark_dirty(package, existing_part(package, "comments"), journal)
    for kind, tag, attribute in (("extended", W15_COMMENT_EX, W15_PARA_ID), ("ids", CID_ID, CID_PARA_ID)):
        name = existing_part(package, kind)
        entries = [e for e in package.xml(name).iter(tag) if e.get(attribute, "").upper() in para_ids] if name else []
        for entry in entries:
            journal.remove(entry)
        if entries:
            mark_dirty(package, name, journal)
    return CommentStep(journal, {"op": "delete", "id": str(comment_id)}, root.id)


def replay(review: ReviewDocument, record: dict) -> CommentStep:
    """Apply a step's record again (crash recovery), with the ids and date it had."""
    op = record.get("op")
    if op == "add":
        where = review.change(record["change"]) if "change" in record else TextRange(*record["range"])
        return add_comment(review, where, record["text"], record["author"], initials=record["initials"],
                           date=record["date"], fixed=record)
    if op == "reply":
        return reply(review, record["parent"], record["text"], record["author"], initials=record["initials"],
                     date=record["date"], fixed=record)
    if op == "edit":
        return edit_comment(review, record["id"], record["text"], fixed=record)
    if op == "resolve":
        return set_resolved(review, record["id"], record["done"])
    if op == "delete":
        return delete_thread(review, record["id"])
    raise ValueError(f"unknown comment step {op!r}")


# -- the parts -------------------------------------------------------------------------------------------


def _new_comment(review, journal, op, text, author, initials, date, fixed, parent_para: str = "") -> dict:
    """The w:comment and its entries in commentsExtended, commentsIds and people; the step's record."""
    if not text.strip():
        raise RedlinerError("a comment needs some text")
    author = author.strip() or "Redliner"
    lines = text.split("\n")
    record = {
        "op": op, "id": fixed.get("id") or _next_comment_id(review), "author": author,
        "initials": initials or fixed.get("initials") or _initials(author),
        "date": date or fixed.get("date") or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "text": text,
        "para_ids": list(fixed.get("para_ids") or _new_para_ids(review, len(lines))),
        "durable_id": fixed.get("durable_id") or _new_id(_durable_ids(review)),
    }
    comments = part_for_writing(review.package, "comments", journal)
    element = comments.makeelement(W_COMMENT, {W_ID: record["id"], W_AUTHOR: author, W_DATE: record["date"],
                                               W_INITIALS: record["initials"]})
    element.extend(_paragraphs(element, lines, record["para_ids"]))
    journal.insert(comments, len(comments), element)
    extended = part_for_writing(review.package, "extended", journal)
    entry = extended.makeelement(W15_COMMENT_EX, {W15_PARA_ID: record["para_ids"][-1]})
    if parent_para:
        entry.set(W15_PARENT, parent_para)
    entry.set(W15_DONE, "0")
    journal.insert(extended, len(extended), entry)
    ids = part_for_writing(review.package, "ids", journal)
    journal.insert(ids, len(ids), ids.makeelement(CID_ID, {CID_PARA_ID: record["para_ids"][-1],
                                                           CID_DURABLE: record["durable_id"]}))
    _add_person(review, author, journal)
    return record


def _paragraphs(parent, lines: list[str], para_ids: list[str]) -> list:
    paragraphs = []
    for number, (line, para_id) in enumerate(zip(lines, para_ids, strict=True)):
        paragraph = parent.makeelement(W_P, {PARA_ID: para_id, TEXT_ID: "77777777"})
        if number == 0:  # Word's mark of the comment's start, shown as its number in the balloon
            reference = paragraph.makeelement(W_R, {})
            reference.append(reference.makeelement(w("annotationRef"), {}))
            paragraph.append(reference)
        run = paragraph.makeelement(W_R, {})
        node = run.makeelement(W_T, {XML_SPACE: "preserve"} if line != line.strip() else {})
        node.text = line
        run.append(node)
        paragraph.append(run)
        paragraphs.append(paragraph)
    return paragraphs


def _add_person(review: ReviewDocument, author: str, journal: Journal) -> None:
    name = existing_part(review.package, "people")
    if name is not None and any(p.get(W15_AUTHOR) == author for p in review.package.xml(name).iter(W15_PERSON)):
        return
    people = part_for_writing(review.package, "people", journal)
    person = people.makeelement(W15_PERSON, {W15_AUTHOR: author})
    person.append(person.makeelement(W15_PRESENCE, {W15_PROVIDER: "None", W15_USER: author}))
    journal.insert(people, len(people), person)


def _extended_entry(review: ReviewDocument, para_id: str, journal: Journal):
    extended = part_for_writing(review.package, "extended", journal)
    for entry in extended.iter(W15_COMMENT_EX):
        if entry.get(W15_PARA_ID, "").upper() == para_id.upper():
            return entry
    entry = extended.makeelement(W15_COMMENT_EX, {W15_PARA_ID: para_id, W15_DONE: "0"})
    journal.insert(extended, len(extended), entry)
    return entry


def _para_id_of(review: ReviewDocument, comment_id: str, journal: Journal) -> str:
    """The w14:paraId of a comment's last paragraph, given one when it has none (threads need it)."""
    element = _comment_element(review, comment_id)
    paragraphs = [p for p in element if p.tag == W_P]
    if not paragraphs:
        paragraph = element.makeelement(W_P, {})
        journal.insert(element, len(element), paragraph)
        paragraphs = [paragraph]
    last = paragraphs[-1]
    if not last.get(PARA_ID):
        journal.set_attr(last, PARA_ID, _new_para_ids(review, 1)[0])
        mark_dirty(review.package, existing_part(review.package, "comments"), journal)
    return last.get(PARA_ID)


# -- ids -------------------------------------------------------------------------------------------------


def _comment_element(review: ReviewDocument, comment_id: str):
    name = existing_part(review.package, "comments")
    if name is not None:
        for element in review.package.xml(name).iter(W_COMMENT):
            if element.get(W_ID) == str(comment_id):
                return element
    raise UnknownCommentError(f"no comment with id {comment_id} in {review.path.name}")


def _known(review: ReviewDocument, comments, comment_id: str):
    found = comments.get(str(comment_id))
    if found is None:
        listed = ", ".join(c.id for c in comments) or "none"
        raise UnknownCommentError(f"no comment with id {comment_id} in {review.path.name} (comments: {listed})")
    return found


def _next_comment_id(review: ReviewDocument) -> str:
    taken = [-1]
    name = existing_part(review.package, "comments")
    elements = list(review.package.xml(name).iter(W_COMMENT)) if name else []
    for _, story in review.stories():
        elements.extend(review.package.xml(story).iter(*COMMENT_MARKS))
    taken.extend(int(e.get(W_ID)) for e in elements if (e.get(W_ID) or "").isdigit())
    return str(max(taken) + 1)


def _new_para_ids(review: ReviewDocument, count: int) -> list[str]:
    taken = set()
    names = [name for _, name in review.stories()] + [n for n in [existing_part(review.package, "comments")] if n]
    for name in names:
        taken.update(v.upper() for v in review.package.xml(name).xpath("//@w14:paraId",
                                                                        namespaces={"w14": W14_NS}))
    found = []
    for _ in range(count):
        found.append(_new_id(taken))
        taken.add(found[-1])
    return found


def _durable_ids(review: ReviewDocument) -> set[str]:
    name = existing_part(review.package, "ids")
    return {e.get(CID_DURABLE, "").upper() for e in review.package.xml(name).iter(CID_ID)} if name else set()


def _new_id(taken: set[str]) -> str:
    """Eight hex digits below 0x80000000, as Word's paraId and durableId must be."""
    while True:
        value = f"{secrets.randbelow(0x7FFFFFFE) + 1:08X}"
        if value not in taken:
            return value


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalnum()).upper()[:4]


# -- anchors ---------------------------------------------------------------------------------------------


def _mark(tag: str, comment_id: str):
    from lxml import etree

    return etree.Element(tag, {W_ID: comment_id})


def _reference_run(comment_id: str):
    from lxml import etree

    run = etree.Element(W_R)
    props = etree.SubElement(run, W_RPR)
    etree.SubElement(props, w("rStyle"), {w("val"): "CommentReference"})
    etree.SubElement(run, W_REFERENCE, {W_ID: comment_id})
    return run


def _after_in_paragraph(mark) -> Place:
    """Right after a mark, out of any insertion, deletion or link it sits in: a reference run of its own."""
    node = mark
    while node.getparent() is not None and node.getparent().tag != W_P:
        node = node.getparent()
    return Place(node, "after")


def _marks_of(review: ReviewDocument, comment_id: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for _, name in review.stories():
        for mark in review.package.xml(name).iter(*COMMENT_MARKS):
            if mark.get(W_ID) == comment_id:
                found.setdefault(mark.tag, []).append(mark)
    return found


def _dirty_story_of(review: ReviewDocument, element, journal: Journal) -> None:
    root = element.getroottree().getroot()
    for _, name in review.stories():
        if review.package.xml(name) is root:
            mark_dirty(review.package, name, journal)
            return
