"""Readers we did not write see in an edited file exactly the edits made: pandoc (accept, reject, all) and
LibreOffice (its redlines counted); our own engine lists the same changes after reopening.

LibreOffice is skipped when soffice is not installed, except under CI=true (as in tests/test_libreoffice.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pypandoc
import pytest

from redliner.core import ReviewDocument
from redliner.core.editing.edits import Editor
from redliner.core.editing.refresh import refresh_changes
from redliner.core.review.revisions import DELETE, INSERT
from tests.core.editing.helpers import paragraphs
from tests.docx_factory import ins, make_docx, p, r
from tests.test_libreoffice import IN_CI, SOFFICE

BODY = (p(r("The plan is "), r("good", "<w:b/>"), r(" for all."), ins(r(" Truly."), author="Bea"))
        + p(r("Second paragraph here.")) + p(r("Third one.")))
# Typing, Delete, select and type, Enter, a join (Delete at a paragraph's end), Ctrl+I, and a Delete that
# runs into Bea's insertion: what pandoc must read, in order, with its author.
EXPECTED = [("insertion", "Pat Reviewer"), ("deletion", "Pat Reviewer"), ("deletion", "Pat Reviewer"),
            ("insertion", "Bea"), ("paragraph-deletion", "Pat Reviewer"), ("deletion", "Pat Reviewer"),
            ("paragraph-insertion", "Pat Reviewer"), ("deletion", "Pat Reviewer"), ("insertion", "Pat Reviewer")]


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edited")
    source = make_docx(folder, BODY, name="source.docx")
    review = ReviewDocument.open(source)
    first, second, third = paragraphs(review)
    editor = Editor(review, "Pat Reviewer", "2024-05-06T07:08:09Z")
    for make in (lambda: editor.insert(first, 4, "new "), lambda: editor.delete(second, 0, second, 7),
                 lambda: editor.replace(third, 0, third, 5, "Last"), lambda: editor.split(second, 18),
                 lambda: editor.join(first), lambda: editor.toggle_format(first, 0, first, 3, "i"),
                 lambda: editor.delete(first, 27, first, 30)):
        refresh_changes(review, make())
    out = folder / "edited.docx"
    review.package.save(out)
    return source, out, review


def pandoc(path, mode: str) -> str:
    """The text pandoc reads, all whitespace left out (pandoc keeps paragraphs apart where a tracked
    paragraph mark would join them)."""
    text = pypandoc.convert_file(str(path), "plain", format="docx", extra_args=[f"--track-changes={mode}"])
    return "".join(text.split())


def test_pandoc_accepts_to_the_edited_text_and_rejects_to_the_original(edited):
    source, out, _ = edited
    assert pandoc(out, "accept") == "The new plan is good for alTruly. paragraph here. Last one.".replace(" ", "")
    assert pandoc(out, "reject") == pandoc(source, "reject")  # Bea's insertion rejected too


def test_pandoc_sees_exactly_those_revisions_with_the_reviewers_name(edited):
    markdown = pypandoc.convert_file(str(edited[1]), "markdown", format="docx", extra_args=["--track-changes=all"])
    found = re.findall(r'\{\.(insertion|deletion|paragraph-insertion|paragraph-deletion)\s+author="([^"]*)"',
                       markdown)
    assert found == EXPECTED


def test_our_engine_lists_the_same_changes_after_reopening(edited):
    _, out, review = edited
    listed = [(c.kind, c.author, c.inserted, c.deleted, c.paragraph) for c in review.changes]
    assert [(c.kind, c.author, c.inserted, c.deleted, c.paragraph) for c in ReviewDocument.open(out).changes] == listed


def test_libreoffice_sees_as_many_redlines(edited, tmp_path):
    if not SOFFICE:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    _, out, review = edited
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "fodt", "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=300,
                   check=True)
    flat = (tmp_path / "edited.fodt").read_text(encoding="utf-8")
    pieces = [piece for change in review.changes for piece in change.pieces]
    theirs = {kind: len(re.findall(f"<text:{kind}[ >]", flat)) for kind in ("insertion", "deletion", "format-change")}
    ours = {"insertion": sum(1 for x in pieces if x.direction == INSERT),
            "deletion": sum(1 for x in pieces if x.direction == DELETE),
            "format-change": sum(1 for x in pieces if x.direction not in (INSERT, DELETE))}
    # LibreOffice stacks a deletion inside an insertion differently (and a deleted mark is one of its insertions
    # undone), so the kinds are counted together: one redline per revision element we wrote.
    assert sum(theirs.values()) == sum(ours.values()) == 10
    assert theirs["format-change"] == ours["format-change"] == 1
    shutil.rmtree(profile, ignore_errors=True)
