"""An independent reader: pandoc sees in our compare output the after text (accept) and the before text
(reject)."""

from __future__ import annotations

import pypandoc
import pytest

from redliner.core.comparison.compare import compare
from tests.conftest import CORPUS
from tests.corpus_tools import read_tsv

# Pandoc reads equations and text boxes that our paragraph view (text.py) leaves out, and the comparison
# does not mark changes inside equations (m:oMath) yet: these three pairs differ only there.
MATH_OR_TEXT_BOX = {"WC-1450", "WC-1840", "WC-1910"}
ROWS = [r for r in read_tsv(CORPUS / "word-compare" / "expected.tsv")] if CORPUS.is_dir() else []


def pandoc_text(path, mode: str = "accept") -> str:
    text = pypandoc.convert_file(str(path), "plain", format="docx",
                                 extra_args=[f"--track-changes={mode}", "--wrap=none"])
    return " ".join(text.split())


@pytest.mark.parametrize("draft", ["sop-draft-plain.pandoc.docx", "sop-draft.pandoc.docx"])
def test_pandoc_reads_sop_compare_output_as_draft_and_base(samples, tmp_path, draft):
    out = tmp_path / "compared.docx"
    compare(samples / "sop-base.pandoc.docx", samples / draft).package.save(out)
    assert pandoc_text(out, "accept") == pandoc_text(samples / draft)
    assert pandoc_text(out, "reject") == pandoc_text(samples / "sop-base.pandoc.docx")


@pytest.mark.parametrize("row", [r for r in ROWS if r["test_id"] not in MATH_OR_TEXT_BOX],
                         ids=[r["test_id"] for r in ROWS if r["test_id"] not in MATH_OR_TEXT_BOX])
def test_pandoc_reads_word_compare_output_as_after_and_before(corpus, tmp_path, row):
    out = tmp_path / "compared.docx"
    compare(corpus / row["before"], corpus / row["after"]).package.save(out)
    assert pandoc_text(out, "accept") == pandoc_text(corpus / row["after"])
    assert pandoc_text(out, "reject") == pandoc_text(corpus / row["before"])


def test_pandoc_reads_combined_reviews_as_our_accept_all_and_the_base(samples, tmp_path):
    """(List numbers differ between the LibreOffice-saved files, so "accept" is checked against our own
    accept-all of the combined file; test_combine checks that text against sop-review-two-authors.)"""
    from redliner.core import Decision, write_clean
    from redliner.core.comparison.combine import combine

    out, accepted = tmp_path / "combined.docx", tmp_path / "accepted.docx"
    document = combine(samples / "sop-base.lo.docx", [samples / "sop-review-rivera.lo.docx",
                                                      samples / "sop-review-lee.lo.docx"])
    document.package.save(out)
    write_clean(document, accepted, Decision.ACCEPT)
    assert pandoc_text(out, "accept") == pandoc_text(accepted)
    assert "at least eight hours" in pandoc_text(out, "accept")
    assert pandoc_text(out, "reject") == pandoc_text(samples / "sop-base.lo.docx")


def test_a_comparison_with_italic_proposals_saved_marked_up_reads_as_draft_and_base(samples, tmp_path):
    """Issue 9.2: rejecting such a file glued words ("are" + "incorporated") where a proposal stood next to a
    silent deletion, since the only space sat inside the proposal's insertion."""
    from redliner.core import parse_rules, write_marked_up

    marked = tmp_path / "marked.docx"
    document = compare(samples / "sop-base.pandoc.docx", samples / "sop-draft.pandoc.docx",
                       markers=parse_rules("italic"))
    write_marked_up(document, marked)
    assert pandoc_text(marked, "reject") == pandoc_text(samples / "sop-base.pandoc.docx")
    assert pandoc_text(marked, "accept") == pandoc_text(samples / "sop-draft-plain.pandoc.docx")
