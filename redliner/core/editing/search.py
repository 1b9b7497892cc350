"""Finding wording in a document as a reader who accepts every change reads it (deleted text left out), and
where each match lies in the Markup view's offsets (which count deleted text too)."""

from __future__ import annotations

from redliner.core.editing.textmap import ParagraphText
from redliner.core.oxml.wordml import W_P
from redliner.core.review.document import ReviewDocument


def accepted_view(shown: ParagraphText) -> tuple[str, list[int]]:
    """The paragraph's text with deleted characters left out, and the Markup offset of each character."""
    chars, offsets = [], []
    for segment in shown.segments:
        if segment.deletion is not None or segment.element.tag.endswith("}delText"):
            continue
        for index in range(segment.width):
            chars.append(shown.text[segment.start + index])
            offsets.append(segment.start + index)
    return "".join(chars), offsets


def find_all(review: ReviewDocument, target: str) -> list[tuple]:
    """(paragraph, start, end) in Markup offsets of every match, in reading order (a match in one paragraph;
    text boxes' paragraphs left out, as they cannot be edited)."""
    found = []
    for _, part in review.stories():
        for paragraph in review.package.xml(part).iter(W_P):
            shown = ParagraphText(paragraph)
            if shown.refusal or target not in shown.text and not _has_deleted(shown):
                continue
            text, offsets = accepted_view(shown)
            at = text.find(target)
            while at >= 0:
                found.append((paragraph, offsets[at], offsets[at + len(target) - 1] + 1))
                at = text.find(target, at + len(target))
    return found


def _has_deleted(shown: ParagraphText) -> bool:
    return any(s.deletion is not None or s.element.tag.endswith("}delText") for s in shown.segments)
