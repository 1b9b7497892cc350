"""Readers we did not write see the comments we write: pandoc (--track-changes=all) and LibreOffice headless.

LibreOffice (7.4) reads no threads from commentsExtended.xml and writes none: a reply is an annotation of its
own beside its parent's. The LibreOffice check is skipped when soffice is absent, except under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pypandoc
import pytest
from lxml import etree

from redliner.core import ReviewDocument
from redliner.core.comments.edit import add_comment, find_text, reply, set_resolved
from tests.docx_factory import dele, dr, make_docx, p, r

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"
WRITTEN = [("Alice Smith", "Why this word?"), ("Bob Jones", "Because it is the plan’s.")]


@pytest.fixture
def commented(tmp_path):
    """A file with a comment, a reply to it, and a resolved comment on a deletion, written by our code."""
    document = ReviewDocument.open(make_docx(tmp_path, p(r("The methodology was sound.")) + p(
        r("Keep "), dele(dr("this")), r(" text."))))
    first = add_comment(document, find_text(document, "methodology"), WRITTEN[0][1], WRITTEN[0][0])
    reply(document, first.comment_id, WRITTEN[1][1], WRITTEN[1][0])
    last = add_comment(document, document.changes[0], "Drop it.", "Cy")
    set_resolved(document, last.comment_id)
    out = tmp_path / "commented.docx"
    document.package.save(out)
    return out


def _spans(node, found):
    if isinstance(node, dict):
        if node.get("t") == "Span":
            (ident, classes, attrs), content = node["c"]
            if "comment-start" in classes:
                found.append((dict(attrs).get("author"), _plain(content)))
        for value in node.values():
            _spans(value, found)
    elif isinstance(node, list):
        for value in node:
            _spans(value, found)
    return found


def _plain(content) -> str:
    words = []
    for node in content:
        kind = node.get("t")
        words.append(node["c"] if kind == "Str" else " " if kind == "Space" else _plain(node.get("c", [])[-1:]
                                                                                         if kind == "Span" else []))
    return "".join(words)


def test_pandoc_shows_the_comment_and_its_reply(commented):
    ast = json.loads(pypandoc.convert_file(str(commented), "json", format="docx",
                                           extra_args=["--track-changes=all"]))
    assert _spans(ast["blocks"], []) == WRITTEN + [("Cy", "Drop it.")]


@pytest.fixture(scope="module")
def soffice():
    if not SOFFICE:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def test_libreoffice_reads_the_same_authors_and_texts(soffice, commented, tmp_path):
    profile = tmp_path / "lo-profile"
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "fodt", "--outdir", str(tmp_path), str(commented)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    root = etree.parse(str(tmp_path / "commented.fodt")).getroot()
    annotations = list(root.iter(f"{{{OFFICE}}}annotation"))
    found = [(a.findtext(f"{{{DC}}}creator"), " ".join("".join(t.itertext()) for t in a.iter(f"{{{TEXT}}}p")))
             for a in annotations]
    assert sorted(found) == sorted(WRITTEN + [("Cy", "Drop it.")])  # two at one place: LibreOffice's order
    first, second = annotations[:2]
    assert first.getparent() is second.getparent()  # the reply sits at its parent's place
    resolved = {a.findtext(f"{{{DC}}}creator"): a.get("{urn:org:documentfoundation:names:experimental:office:"
                                                      "xmlns:loext:1.0}resolved") for a in annotations}
    assert resolved["Cy"] == "true" and resolved["Alice Smith"] != "true"
