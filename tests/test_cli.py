"""The CLI contract: subcommands, JSON fields, exit codes, no traceback, no Qt import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.corpus_tools import paragraphs
from tests.docx_factory import dele, dr, ins, make_docx, p, r


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "redliner.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def test_changes_json_fields(samples):
    result = run("changes", samples / "sop-draft.pandoc.docx", "--markers", "italic", "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)
    assert len(changes) == 13
    first = changes[1]
    assert {"id", "kind", "author", "date", "source", "paragraph", "inserted", "deleted", "text"} <= set(first)
    assert (first["kind"], first["source"], first["inserted"], first["deleted"]) == ("insertion", "marker",
                                                                                      "oriented", "")


def test_replacement_text_reads_old_to_new(tmp_path):
    path = make_docx(tmp_path, p(r("the "), dele(dr("philosophy")), ins(r("determined plan"))))
    change = json.loads(run("changes", path, "--json").stdout)[0]
    assert (change["kind"], change["text"]) == ("replacement", "philosophy → determined plan")


def test_accept_with_filters_keeps_the_rest_tracked(tmp_path):
    body = p(ins(r("one "), author="Alex", rid=1), ins(r("two"), author="Bea", rid=3))
    path = make_docx(tmp_path, body)
    out = tmp_path / "out.docx"
    assert run("accept", path, "-o", out, "--author", "Alex").returncode == 0
    left = json.loads(run("changes", out, "--json").stdout)
    assert [(c["author"], c["inserted"]) for c in left] == [("Bea", "two")]
    assert run("reject", path, "-o", out, "--id", "2").returncode == 0
    assert paragraphs(out) == ["one "]


def test_accept_all_and_reject_all(samples, tmp_path):
    out = tmp_path / "out.docx"
    assert run("reject", samples / "sop-review-two-authors.lo.docx", "-o", out).returncode == 0
    assert paragraphs(out) == paragraphs(samples / "sop-base.lo.docx")
    assert run("accept", samples / "sop-draft.pandoc.docx", "-o", out, "--markers", "italic").returncode == 0
    assert paragraphs(out) == paragraphs(samples / "sop-draft-plain.pandoc.docx")


def test_markup_writes_tracked_insertions(samples, tmp_path):
    out = tmp_path / "marked.docx"
    result = run("markup", samples / "sop-draft.pandoc.docx", "-o", out, "--markers", "italic", "--as", "Kim")
    assert result.returncode == 0, result.stderr
    changes = json.loads(run("changes", out, "--json").stdout)
    assert {(c["source"], c["author"]) for c in changes} == {("tracked", "Kim")} and len(changes) == 13
    # dated as the review shows them (the draft's date), not at save time
    shown = json.loads(run("changes", samples / "sop-draft.pandoc.docx", "--markers", "italic", "--json").stdout)
    assert [c["date"] for c in changes] == [c["date"] for c in shown] and shown[0]["date"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"hello, just text", "not a Word .docx"), (b"%PDF-1.7 ...", "is a PDF"),
     (b"PK\x03\x04 truncated", "damaged zip")],
)
def test_bad_input_one_line_exit_1_no_output(tmp_path, content, message):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    out = tmp_path / "out.docx"
    result = run("accept", bad, "-o", out)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and not out.exists()


def test_missing_file_and_unknown_id(tmp_path, samples):
    result = run("changes", tmp_path / "nope.docx")
    assert (result.returncode, "does not exist" in result.stderr) == (1, True)
    result = run("accept", samples / "sop-draft.pandoc.docx", "-o", tmp_path / "o.docx", "--id", "999",
                 "--markers", "italic")
    assert (result.returncode, "no change matches --id 999 (ids: 1–13)" in result.stderr) == (1, True)
    assert not (tmp_path / "o.docx").exists()


def test_never_overwrites_the_input(tmp_path):
    path = make_docx(tmp_path, p(ins(r("x"))))
    before = path.read_bytes()
    result = run("accept", path, "-o", path)
    assert result.returncode == 1 and "refusing to overwrite" in result.stderr
    assert path.read_bytes() == before


def test_wrong_usage_exits_2(tmp_path):
    assert run("accept", "x.docx").returncode == 2  # no -o
    assert run("changes", "x.docx", "--markers", "sparkly").returncode == 2


def test_cli_and_core_do_not_import_qt(samples):
    code = ("import sys, redliner.core, redliner.cli; "
            f"redliner.cli.main(['changes', r'{samples / 'sop-draft.pandoc.docx'}']); "
            "assert 'PySide6' not in sys.modules, 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_changes_name_the_invisible_characters_they_change(tmp_path):
    path = make_docx(tmp_path, p(r("19"), dele(dr(" ")), ins(r("\u00a0")), r("October")))
    result = run("changes", path)
    assert result.returncode == 0, result.stderr
    assert "(space) → (no-break space)" in result.stdout
    assert json.loads(run("changes", path, "--json").stdout)[0]["text"] == "(space) → (no-break space)"


def test_a_listing_cut_short_by_its_reader_ends_quietly(samples):
    """`redliner changes FILE | head -1`: the reader is gone before the listing ends; no traceback, exit 0."""
    reader, writer = os.pipe()
    os.close(reader)  # a reader that has already stopped reading: every write fails with EPIPE
    try:
        result = subprocess.run([sys.executable, "-m", "redliner.cli", "changes",
                                 str(samples / "sop-draft.pandoc.docx"), "--markers", "italic"],
                                stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(writer)
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert result.returncode == 0
def test_not_a_proposal_from_the_shell_is_remembered_and_filtered_by_status(tmp_path):
    from tests.docx_factory import italic

    path = make_docx(tmp_path, p(r("community "), italic("oriented"), r(" policing")) + p(r("Signed, "),
                                                                                        italic("Jamaal E. Smith")))
    out = tmp_path / "marked.docx"
    result = run("markup", path, "-o", out, "--markers", "italic", "--not-a-proposal", "2")
    assert result.returncode == 0, result.stderr
    listed = json.loads(run("changes", out, "--markers", "italic", "--json").stdout)
    assert [(c["source"], c["status"], c["text"]) for c in listed] == [
        ("tracked", "pending", "+ oriented"), ("marker", "not a proposal", "+ Jamaal E. Smith")]
    lines = run("changes", out, "--markers", "italic").stdout.splitlines()
    assert lines[1].endswith("+ Jamaal E. Smith  [not a proposal]") and "[" not in lines[0]
    shown = json.loads(run("changes", out, "--markers", "italic", "--status", "not a proposal", "--json").stdout)
    assert [c["text"] for c in shown] == ["+ Jamaal E. Smith"]
    assert json.loads(run("changes", out, "--markers", "italic", "--status", "pending", "--kind", "deletion",
                          "--json").stdout) == []
    assert run("changes", out, "--status", "set aside").returncode == 2  # not a status: usage error


def test_not_a_proposal_needs_a_marker_change(tmp_path):
    path = make_docx(tmp_path, p(ins(r("tracked"))))
    result = run("markup", path, "-o", tmp_path / "out.docx", "--markers", "italic", "--not-a-proposal", "1")
    assert result.returncode == 1 and "change 1 is a tracked change, not marked text" in result.stderr
    assert not (tmp_path / "out.docx").exists()
