"""The compare and combine commands: outputs, attribution, conflicts in JSON, errors as one line."""

from __future__ import annotations

import json

from tests.corpus_tools import paragraphs
from tests.docx_factory import edited_copy
from tests.test_cli import run


def test_compare_writes_tracked_differences_into_a_copy_of_the_draft(samples, tmp_path):
    out = tmp_path / "compared.docx"
    result = run("compare", samples / "sop-base.pandoc.docx", samples / "sop-draft-plain.pandoc.docx",
                 "-o", out, "--as", "Pat Reviewer")
    assert result.returncode == 0, result.stderr
    changes = json.loads(run("changes", out, "--json").stdout)
    assert {c["author"] for c in changes} == {"Pat Reviewer"} and {c["source"] for c in changes} == {"tracked"}
    assert "philosophy → determined plan" in [c["text"] for c in changes]
    accepted, rejected = tmp_path / "a.docx", tmp_path / "r.docx"
    assert run("accept", out, "-o", accepted).returncode == 0
    assert run("reject", out, "-o", rejected).returncode == 0
    assert paragraphs(accepted) == paragraphs(samples / "sop-draft-plain.pandoc.docx")
    assert paragraphs(rejected) == paragraphs(samples / "sop-base.pandoc.docx")


def test_compare_with_markers_keeps_italic_proposals_as_markers(samples, tmp_path):
    out = tmp_path / "compared.docx"
    result = run("compare", samples / "sop-base.pandoc.docx", samples / "sop-draft.pandoc.docx", "-o", out,
                 "--markers", "italic")
    assert result.returncode == 0, result.stderr
    changes = json.loads(run("changes", out, "--markers", "italic", "--json").stdout)
    sources = [c["source"] for c in changes]
    assert sources.count("marker") == 13 and sources.count("tracked") == 7


def test_combine_lists_reviewers_and_conflicts(samples, tmp_path):
    base = samples / "sop-base.pandoc.docx"
    first = edited_copy(base, tmp_path / "1.docx", "at least four hours", "at least eight hours", "x")
    second = edited_copy(base, tmp_path / "2.docx", "at least four hours", "at least six hours", "y")
    out = tmp_path / "combined.docx"
    result = run("combine", base, first, second, "-o", out, "--as", "Alex Rivera", "--as", "Jordan Lee")
    assert result.returncode == 0, result.stderr
    changes = json.loads(run("changes", out, "--json").stdout)
    assert [(c["author"], c["conflicts_with"]) for c in changes] == [("Alex Rivera", ["2"]), ("Jordan Lee", ["1"])]


def test_combine_two_tracked_copies(samples, tmp_path):
    out = tmp_path / "combined.docx"
    result = run("combine", samples / "sop-base.lo.docx", samples / "sop-review-rivera.lo.docx",
                 samples / "sop-review-lee.lo.docx", "-o", out)
    assert result.returncode == 0, result.stderr
    changes = json.loads(run("changes", out, "--json").stdout)
    assert [c["author"] for c in changes] == ["Alex Rivera"] * 4 + ["Jordan Lee"] * 3


def test_compare_refuses_to_overwrite_the_draft_and_errors_are_one_line(samples, tmp_path):
    draft = tmp_path / "draft.docx"
    draft.write_bytes((samples / "sop-draft.pandoc.docx").read_bytes())
    result = run("compare", samples / "sop-base.pandoc.docx", draft, "-o", draft)
    assert result.returncode == 1 and "refusing to overwrite" in result.stderr
    missing = run("compare", tmp_path / "nope.docx", draft, "-o", tmp_path / "o.docx")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr and len(missing.stderr.splitlines()) == 1


def test_combine_with_more_names_than_copies_is_a_usage_error(samples, tmp_path):
    base = samples / "sop-base.pandoc.docx"
    result = run("combine", base, base, "-o", tmp_path / "o.docx", "--as", "A", "--as", "B")
    assert result.returncode == 2 and "--as" in result.stderr


def test_compare_and_combine_do_not_import_qt():
    import subprocess
    import sys

    code = ("import sys, redliner.core.comparison.compare, redliner.core.comparison.combine, redliner.cli; "
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_formatting_shows_the_paragraph_defaults_two_writers_differ_in(samples, tmp_path):
    """The pandoc and LibreOffice copies of the SOP base hold the same text; with --formatting their differing
    paragraph defaults are changes: 25 paragraphs, one property change each."""
    out = tmp_path / "formats.docx"
    done = run("compare", samples / "sop-base.pandoc.docx", samples / "sop-base.lo.docx", "-o", out, "--formatting")
    assert done.returncode == 0, done.stderr
    listed = json.loads(run("changes", out, "--json").stdout)
    properties = [c for c in listed if c["kind"] == "property"]
    assert len(properties) == 25 and len({c["paragraph"] for c in properties}) == 25
    without = tmp_path / "plain.docx"  # without --formatting: the text is the same, so no change at all
    assert run("compare", samples / "sop-base.pandoc.docx", samples / "sop-base.lo.docx", "-o", without).returncode == 0
    assert json.loads(run("changes", without, "--json").stdout) == []
