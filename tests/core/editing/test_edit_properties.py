"""Property test: a random script of edits on a random document with other reviewers' changes in it.

A small model written here (not the engine's) follows each edit as Word's rules say it should: typed
characters are in the accepted text only, deleted ones in the original only (one's own typing simply goes),
an Enter adds a paragraph mark only accepting keeps, a join deletes one (or undoes one's own Enter). Then:
accept all gives the model's accepted text, reject all the original text, our own engine lists the same
changes after saving and reopening, and undoing every edit newest first gives back the original XML exactly.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redliner.core import Decision, ReviewDocument, write_clean
from redliner.core.editing.edits import Editor
from redliner.core.editing.refresh import refresh_changes
from redliner.core.editing.textmap import ParagraphText
from redliner.core.oxml.text import document_paragraphs
from redliner.core.oxml.wordml import W_P
from tests.core.editing.helpers import xml
from tests.docx_factory import dele, dr, ins, make_docx, p, r

# As in tests/core/review/test_properties.py: Hypothesis's patch writer warns on import, which filterwarnings=error
# would turn into an INTERNALERROR instead of a falsifying example.
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401

EXAMPLES = int(os.environ.get("REDLINER_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = ["alpha ", "beta ", "gamma ", "delta "]

segment = st.tuples(st.sampled_from(["plain", "bold", "ins", "del"]), st.sampled_from(WORDS))
document = st.lists(st.lists(segment, min_size=1, max_size=4), min_size=1, max_size=3)


class Model:
    """Characters as [char, in the original, in the accepted text, typed by us] per paragraph; the marks
    between paragraphs as [None, in the original, in the accepted text, typed by us] (the same indexes)."""

    def __init__(self, paragraphs: list):
        self.paragraphs = []
        for segments in paragraphs:
            chars = []
            for kind, word in segments:
                chars.extend([c, kind != "ins", kind != "del", False] for c in word)
            self.paragraphs.append(chars)
        self.marks = [[None, True, True, False] for _ in paragraphs[1:]]

    def text(self, view: int) -> str:
        out = "".join(c[0] for c in self.paragraphs[0] if c[view])
        for mark, chars in zip(self.marks, self.paragraphs[1:], strict=True):
            out += ("\n" if mark[view] else "") + "".join(c[0] for c in chars if c[view])
        return out

    def insert(self, index: int, offset: int, text: str) -> None:
        self.paragraphs[index][offset:offset] = [[c, False, True, True] for c in text]

    def delete(self, index: int, start: int, end: int) -> int:
        """Delete [start, end) of one paragraph; returns how many characters stay shown (struck through)."""
        chars = self.paragraphs[index]
        kept = [c for c in chars[start:end] if not c[3]]
        for c in kept:
            c[2] = False
        chars[start:end] = kept
        return len(kept)

    def join(self, index: int) -> None:
        mark = self.marks[index]
        if mark[3]:
            self.paragraphs[index:index + 2] = [self.paragraphs[index] + self.paragraphs[index + 1]]
            del self.marks[index]
        else:
            mark[2] = False  # the accepted text loses it; the original keeps it (or never had it)

    def split(self, index: int, offset: int) -> None:
        chars = self.paragraphs[index]
        self.paragraphs[index:index + 1] = [chars[:offset], chars[offset:]]
        self.marks.insert(index, [None, False, True, True])


def body(paragraphs: list) -> str:
    made = []
    for number, segments in enumerate(paragraphs):
        runs = []
        for position, (kind, word) in enumerate(segments):
            rid = 1000 + number * 10 + position
            runs.append({"plain": r(word), "bold": r(word, "<w:b/>"), "ins": ins(r(word), author="Bea", rid=rid),
                         "del": dele(dr(word), author="Bea", rid=rid)}[kind])
        made.append(p(*runs))
    return "".join(made)


def clean_text(review: ReviewDocument, decision: Decision, folder: Path) -> str:
    path = folder / f"{decision.value}.docx"
    write_clean(review, path, decision)
    opened = ReviewDocument.open(path)
    return "\n".join(document_paragraphs(opened.package.xml(opened.package.main_document)))


def listed(review: ReviewDocument) -> list:
    return [(c.kind.value, c.author, c.inserted, c.deleted, c.paragraph) for c in review.changes]


@SETTINGS
@given(document, st.data())
def test_a_random_script_of_edits_accepts_to_the_edited_text_rejects_to_the_original_and_undoes(paragraphs, data):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        review = ReviewDocument.open(make_docx(folder, body(paragraphs)))
        root = review.package.xml(review.package.main_document)
        original = xml(root)
        model = Model(paragraphs)
        editor = Editor(review, "Pat", "2024-05-06T07:08:09Z")
        edits = []
        for _ in range(data.draw(st.integers(1, 6), label="edits")):
            edits.append(_random_edit(data, editor, model, list(root.iter(W_P))))
            refresh_changes(review, edits[-1])
            assert [ParagraphText(x).text for x in root.iter(W_P)] == ["".join(c[0] for c in chars)
                                                                         for chars in model.paragraphs]
        assert clean_text(review, Decision.ACCEPT, folder) == model.text(2)
        assert clean_text(review, Decision.REJECT, folder) == model.text(1)
        review.package.save(folder / "edited.docx")
        assert listed(review) == listed(ReviewDocument.open(folder / "edited.docx"))
        for edit in reversed(edits):
            edit.journal.undo()
        assert xml(root) == original


def _random_edit(data, editor: Editor, model: Model, paragraphs: list):
    index = data.draw(st.integers(0, len(paragraphs) - 1), label="paragraph")
    paragraph, length = paragraphs[index], len(model.paragraphs[index])
    kinds = ["insert", "delete", "replace", "split", "format"] + (["join", "span"] if index + 1 < len(paragraphs)
                                                                   else [])
    kind = data.draw(st.sampled_from(kinds), label="kind")
    start = data.draw(st.integers(0, length), label="start")
    end = data.draw(st.integers(start, length), label="end")
    text = data.draw(st.sampled_from(["x", "new ", "Z z"]), label="text")
    if kind == "insert":
        model.insert(index, start, text)
        return editor.insert(paragraph, start, text)
    if kind == "delete":
        model.delete(index, start, end)
        return editor.delete(paragraph, start, paragraph, end)
    if kind == "replace":
        kept = model.delete(index, start, end)
        model.insert(index, start + kept, text)
        return editor.replace(paragraph, start, paragraph, end, text)
    if kind == "split":
        model.split(index, start)
        return editor.split(paragraph, start)
    if kind == "format":
        return editor.toggle_format(paragraph, start, paragraph, end, data.draw(st.sampled_from("biu")))
    if kind == "join":
        model.join(index)
        return editor.join(paragraph)
    upto = data.draw(st.integers(0, len(model.paragraphs[index + 1])), label="end in next")
    model.delete(index + 1, 0, upto)
    model.delete(index, start, length)
    model.join(index)
    return editor.delete(paragraph, start, paragraphs[index + 1], upto)
