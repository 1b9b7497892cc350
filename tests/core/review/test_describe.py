"""A change's one-line text: characters a reader cannot see are named, so that every change says what changed."""

from __future__ import annotations

import pytest

from redliner.core import ReviewDocument
from redliner.core.review.model import Change, ChangeKind, ChangeSource, Location, describe
from tests.docx_factory import dele, dr, ins, make_docx, p, r

INSERTION, DELETION, REPLACEMENT = ChangeKind.INSERTION, ChangeKind.DELETION, ChangeKind.REPLACEMENT


def change(kind: ChangeKind, inserted: str = "", deleted: str = "") -> Change:
    return Change("1", kind, ChangeSource.TRACKED, "Alex", "", inserted, deleted, Location("body", "", 0, ""))


@pytest.mark.parametrize(("kind", "inserted", "deleted", "text"), [
    (REPLACEMENT, "\u00a0", " ", "(space) → (no-break space)"),
    (REPLACEMENT, "\u202f", "\u00a0", "(no-break space) → (narrow no-break space)"),
    (INSERTION, "\t", "", "+ (tab)"),
    (INSERTION, "\n", "", "+ (line break)"),
    (DELETION, "", "\u200b", "− (zero-width space)"),
    (INSERTION, "\u00ad", "", "+ (soft hyphen)"),
    (REPLACEMENT, "\u2011", "-", "- → (non-breaking hyphen)"),
    (INSERTION, "   ", "", "+ (3 spaces)"),
    (DELETION, "", " \t", "− (space, tab)"),
    # Words that read the same either way: the characters that differ are named where they stand.
    (REPLACEMENT, "19\u00a0October", "19 October", "19 October → 19(no-break space)October"),
    (REPLACEMENT, "well\u2011known", "well-known", "well-known → well(non-breaking hyphen)known"),
    (REPLACEMENT, "a\tb", "a  b", "a(2 spaces)b → a(tab)b"),
])
def test_invisible_characters_are_named(kind, inserted, deleted, text):
    assert describe(change(kind, inserted, deleted)) == text


BREAK_PAGE = '<w:r><w:br w:type="page"/></w:r>'


@pytest.mark.parametrize(("body", "text"), [
    (p(r("a"), ins(BREAK_PAGE), r("b")), "+ (page break)"),
    (p(r("a"), ins(BREAK_PAGE + BREAK_PAGE), r("b")), "+ (2 page breaks)"),
    (p(r("a"), ins('<w:r><w:br/></w:r>'), r("b")), "+ (line break)"),
    (p(r("well"), ins("<w:r><w:noBreakHyphen/></w:r>"), r("known")), "+ (non-breaking hyphen)"),
    (p(r("hyphen"), dele("<w:r><w:softHyphen/></w:r>"), r("ation")), "− (soft hyphen)"),
    (p(r("well"), dele(dr("-")), ins("<w:r><w:noBreakHyphen/></w:r>"), r("known")), "- → (non-breaking hyphen)"),
])
def test_tracked_marks_without_text_are_named(tmp_path, body, text):
    assert [c.text for c in ReviewDocument.open(make_docx(tmp_path, body)).changes] == [text]
