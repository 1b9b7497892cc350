"""`redliner edit`: wording changes as tracked changes in a copy; pandoc reads them as we meant them."""

from __future__ import annotations

import re
import subprocess
import sys

import pypandoc
import pytest

from redliner.core import ReviewDocument
from tests.docx_factory import dele, dr, ins, make_docx, p, r

BODY = (p(r("The old plan is "), dele(dr("very "), author="Bea"), r("good."))
        + p(r("We review the plan every year."), ins(r(" Always."), author="Bea")))


def run(*args):
    return subprocess.run([sys.executable, "-m", "redliner.cli", *map(str, args)], capture_output=True, text=True)


def pandoc(path, mode: str) -> str:
    text = pypandoc.convert_file(str(path), "plain", format="docx",
                                 extra_args=[f"--track-changes={mode}", "--wrap=none"])
    return " ".join(text.split())


def pandoc_revisions(path) -> list[tuple[str, str]]:
    """(kind, author) of every insertion and deletion pandoc reads, in order."""
    markdown = pypandoc.convert_file(str(path), "markdown", format="docx", extra_args=["--track-changes=all"])
    return re.findall(r'\{\.(insertion|deletion)\s+author="([^"]*)"', markdown)


def test_replace_insert_after_and_delete_are_tracked_in_order(tmp_path):
    source, out = make_docx(tmp_path, BODY), tmp_path / "out.docx"
    result = run("edit", source, "-o", out, "--replace", "old plan", "new plan", "--insert-after", "plan is", " now",
                 "--delete", "every year", "--as", "Pat Reviewer")
    assert result.returncode == 0, result.stderr
    assert "3 edits" in result.stderr
    assert pandoc(out, "accept") == "The new plan is now good. We review the plan . Always."
    assert pandoc(out, "reject") == "The old plan is very good. We review the plan every year."
    assert pandoc(out, "reject") == pandoc(source, "reject")
    assert pandoc_revisions(out) == [("deletion", "Pat Reviewer"), ("insertion", "Pat Reviewer"),
                                     ("insertion", "Pat Reviewer"), ("deletion", "Bea"),
                                     ("deletion", "Pat Reviewer"), ("insertion", "Bea")]
    kinds = [(c.kind.value, c.author) for c in ReviewDocument.open(out).changes]
    assert kinds == [("replacement", "Pat Reviewer"), ("insertion", "Pat Reviewer"), ("deletion", "Bea"),
                     ("deletion", "Pat Reviewer"), ("insertion", "Bea")]


def test_text_is_matched_as_a_reader_accepting_everything_reads_it(tmp_path):
    source, out = make_docx(tmp_path, BODY), tmp_path / "out.docx"
    assert run("edit", source, "-o", out, "--replace", "is good", "is fine").returncode == 0  # across the deletion
    assert pandoc(out, "accept").startswith("The old plan is fine.")
    missing = run("edit", source, "-o", tmp_path / "never.docx", "--delete", "very good")  # deleted: not there
    assert missing.returncode == 1 and "'very good' is not in" in missing.stderr
    assert missing.stderr.count("\n") == 1 and not (tmp_path / "never.docx").exists()


def test_all_edits_every_match_and_the_default_only_the_first(tmp_path):
    source = make_docx(tmp_path, p(r("a plan, a plan, a plan")))
    first, every = tmp_path / "first.docx", tmp_path / "every.docx"
    assert run("edit", source, "-o", first, "--replace", "plan", "canal").returncode == 0
    assert run("edit", source, "-o", every, "--replace", "plan", "canal", "--all").returncode == 0
    assert pandoc(first, "accept") == "a canal, a plan, a plan"
    assert pandoc(every, "accept") == "a canal, a canal, a canal"
    assert pandoc(every, "reject") == "a plan, a plan, a plan"


def test_italic_writes_proposals_the_italic_way(tmp_path):
    source, out = make_docx(tmp_path, p(r("Keep this text."))), tmp_path / "out.docx"
    assert run("edit", source, "-o", out, "--replace", "this", "that", "--italic").returncode == 0
    review = ReviewDocument.open(out)
    assert not [c for c in review.changes]  # no tracked change at all
    markdown = pypandoc.convert_file(str(out), "markdown", format="docx")
    assert "~~this~~*that*" in markdown


def test_a_refused_edit_writes_nothing(tmp_path):
    body = p(r("Page "), '<w:fldSimple w:instr="PAGE">', r("7"), "</w:fldSimple>")
    source, out = make_docx(tmp_path, body), tmp_path / "out.docx"
    result = run("edit", source, "-o", out, "--delete", "7")
    assert result.returncode == 1 and result.stderr.strip() == "redliner: cannot edit inside a field"
    assert not out.exists()


@pytest.mark.parametrize("args", [[], ["--replace", "", "x"]])
def test_nothing_to_do_is_a_usage_error(tmp_path, args):
    result = run("edit", make_docx(tmp_path, BODY), "-o", tmp_path / "out.docx", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
