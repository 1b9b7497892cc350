"""An independent reader: pandoc must see in our marked-up copy what our own accept and reject give."""

from __future__ import annotations

import re

import pypandoc
import pytest

from redliner.core import Decision, ReviewDocument, parse_rules, write_clean, write_marked_up


def pandoc_text(path, mode: str) -> str:
    text = pypandoc.convert_file(str(path), "plain", format="docx", extra_args=[f"--track-changes={mode}",
                                                                                 "--wrap=none"])
    return " ".join(text.split())


@pytest.mark.parametrize(("name", "rules"), [("sop-draft.pandoc.docx", "italic"), ("recap.pandoc.docx", "italic"),
                                             ("sop-review-two-authors.lo.docx", "")])
def test_pandoc_reads_our_markup_as_our_accept_and_reject(samples, tmp_path, name, rules):
    document = ReviewDocument.open(samples / name, parse_rules(rules))
    marked, accepted, rejected = tmp_path / "m.docx", tmp_path / "a.docx", tmp_path / "r.docx"
    write_marked_up(document, marked)
    write_clean(document, accepted, Decision.ACCEPT)
    write_clean(document, rejected, Decision.REJECT)
    assert pandoc_text(marked, "accept") == pandoc_text(accepted, "accept")
    assert pandoc_text(marked, "reject") == pandoc_text(rejected, "accept")
    assert pandoc_text(marked, "accept") != pandoc_text(marked, "reject")


def test_pandoc_sees_every_insertion_with_track_changes_all(samples, tmp_path):
    document = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))
    marked = tmp_path / "m.docx"
    write_marked_up(document, marked)
    markdown = pypandoc.convert_file(str(marked), "markdown", format="docx", extra_args=["--track-changes=all"])
    assert markdown.count("{.insertion") == 13


def pandoc_insertions(path) -> list[tuple[str, str]]:
    """(author, date) of every insertion pandoc reads in a .docx."""
    markdown = pypandoc.convert_file(str(path), "markdown", format="docx", extra_args=["--track-changes=all"])
    return re.findall(r'\{\.insertion\s+author="([^"]*)"\s+date="([^"]*)"\}', markdown)


@pytest.mark.parametrize("drafter", [None, "Dana Drafter"])
def test_pandoc_reads_proposals_as_the_drafters_insertions_dated_as_the_review_shows(samples, tmp_path, drafter):
    document = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"), drafter)
    shown = [(c.author, c.date) for c in document.changes]
    assert shown[0][1] and {author for author, _ in shown} == {drafter or document.last_modified_by() or "Unknown"}
    marked = tmp_path / "m.docx"
    write_marked_up(document, marked)
    assert pandoc_insertions(marked) == shown
