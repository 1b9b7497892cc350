"""An independent reader: pandoc must see in our marked-up copy what our own accept and reject give."""

from __future__ import annotations

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
    write_marked_up(document, marked, author="Checker")
    write_clean(document, accepted, Decision.ACCEPT)
    write_clean(document, rejected, Decision.REJECT)
    assert pandoc_text(marked, "accept") == pandoc_text(accepted, "accept")
    assert pandoc_text(marked, "reject") == pandoc_text(rejected, "accept")
    assert pandoc_text(marked, "accept") != pandoc_text(marked, "reject")


def test_pandoc_sees_every_insertion_with_track_changes_all(samples, tmp_path):
    document = ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))
    marked = tmp_path / "m.docx"
    write_marked_up(document, marked, author="Checker")
    markdown = pypandoc.convert_file(str(marked), "markdown", format="docx", extra_args=["--track-changes=all"])
    assert markdown.count("{.insertion") == 13
