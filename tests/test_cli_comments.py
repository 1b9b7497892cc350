"""`redliner comments` and `redliner comment`: the listing against the corpus, writing, and bad input."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import CORPUS
from tests.test_cli import run

EXPECTED = json.loads((CORPUS / "word-reviews" / "expected.json").read_text()) if CORPUS.is_dir() else []
WITH_COMMENTS = [e for e in EXPECTED if "docx" in e and re.search(r"\d+ comments?\b", e["expect"])]


def _comment_clauses(expect: str) -> list[str]:
    return [c.strip() for c in expect.split(";") if "comment" in c or "repl" in c]


@pytest.mark.parametrize("entry", WITH_COMMENTS, ids=[e["docx"].split("/")[-1] for e in WITH_COMMENTS])
def test_every_comment_reply_and_author_of_expected_json_is_listed(corpus, entry):
    """What expected.json says of each file's comments (count, authors, replies, texts, anchors, spans)."""
    result = run("comments", corpus / entry["docx"], "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    clauses = _comment_clauses(entry["expect"])
    text = " ; ".join(clauses)
    assert len(listed) == int(re.search(r"(\d+) comments?\b", text).group(1))
    authors = {c["author"] for c in listed}
    for named in re.findall(r"comments? by ([^,;]+)", text) + re.findall(r"\bauthor '?([A-Z][\w ]+?)'?(?:,|;|$)",
                                                                          text):
        assert named.strip() in authors
    for group in re.findall(r"\d+ authors \(([^)]+)\)", text):
        assert authors == {name.strip() for name in group.split(",")}
    by_id = {c["id"]: c for c in listed}
    for reply, parent in re.findall(r"comment id (\d+) is a reply to id (\d+)", text):
        assert by_id[reply]["parent"] == parent
    for author in re.findall(r"reply author '([^']+)'", text):
        assert any(c["parent"] is not None and c["author"] == author for c in listed)
    for quoted in re.findall(r"text(?: contains)? \(?'([^']+)'", text):
        assert any(quoted in c["text"] for c in listed), quoted
    for anchor in re.findall(r"anchored on '([^']+)'", text):
        assert anchor in [c["anchor_text"] for c in listed]
    spans = re.search(r"spanning ([\d, and]+) paragraphs", text)
    if spans:
        wanted = [int(n) for n in re.findall(r"\d+", spans.group(1))]
        assert [c["anchor_text"].count("\n") + 1 for c in listed] == wanted
    assert all(isinstance(c["done"], bool) for c in listed)


def test_the_plain_listing_shows_threads(corpus):
    result = run("comments", corpus / "word-reviews" / "test_comment_replies.docx")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("#0  Max Mustermann  2024-01-15  ¶0  on “methodology”")
    assert lines[2].strip().startswith("↳ #1  Anna Beispiel")
    assert "3 comments in 2 threads" in result.stderr


def test_changes_json_names_the_comments_on_each_change(tmp_path):
    from tests.core.comments.factory import comment, commented_docx, comments_part, end, ref, start
    from tests.docx_factory import ins, p, r

    path = commented_docx(tmp_path, p(start(5), ins(r("added")), end(5), ref(5), ins(r(" other"), author="Bea")),
                          comments_part(comment(5, "why?")))
    changes = json.loads(run("changes", path, "--json").stdout)
    assert [(c["inserted"], c["comments"]) for c in changes] == [("added", ["5"]), (" other", [])]


def test_accept_all_drops_comments_unless_keep_comments(tmp_path):
    from tests.core.comments.factory import comment, commented_docx, comments_part, end, ref, start
    from tests.docx_factory import ins, p, r

    path = commented_docx(tmp_path, p(start(5), r("word"), end(5), ref(5), ins(r(" added"))),
                          comments_part(comment(5, "why?")))
    dropped, kept = tmp_path / "dropped.docx", tmp_path / "kept.docx"
    assert run("accept", path, "-o", dropped).returncode == 0
    assert run("accept", path, "-o", kept, "--keep-comments").returncode == 0
    assert json.loads(run("comments", dropped, "--json").stdout) == []
    assert [c["text"] for c in json.loads(run("comments", kept, "--json").stdout)] == ["why?"]


def test_comment_on_text_reply_and_resolve(tmp_path):
    from tests.docx_factory import ins, make_docx, p, r

    path = make_docx(tmp_path, p(r("The methodology was "), ins(r("very ")), r("sound.")))
    one, two, three, four = (tmp_path / f"{n}.docx" for n in ("one", "two", "three", "four"))
    result = run("comment", path, "-o", one, "--on", "methodology", "--text", "Why?", "--as", "Ann Lee")
    assert result.returncode == 0, result.stderr
    assert run("comment", one, "-o", two, "--reply-to", "0", "--text", "Because.").returncode == 0
    assert run("comment", two, "-o", three, "--change", "1", "--text", "Needed?").returncode == 0
    assert run("comment", three, "-o", four, "--resolve", "1").returncode == 0
    listed = json.loads(run("comments", four, "--json").stdout)
    assert [(c["author"], c["text"], c["anchor_text"], c["parent"], c["done"], c["changes"]) for c in listed] == [
        ("Ann Lee", "Why?", "methodology", None, True, []), ("Redliner", "Because.", "methodology", "0", True, []),
        ("Redliner", "Needed?", "very ", None, False, ["1"])]


@pytest.mark.parametrize("args", [("--on", "nowhere", "--text", "x"), ("--reply-to", "9", "--text", "x"),
                                  ("--resolve", "9"), ("--change", "42", "--text", "x")])
def test_comment_on_what_is_not_there_writes_nothing(tmp_path, args):
    from tests.docx_factory import make_docx, p, r

    path = make_docx(tmp_path, p(r("Some text.")))
    out = tmp_path / "out.docx"
    result = run("comment", path, "-o", out, *args)
    assert result.returncode == 1 and not out.exists()
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_comment_without_text_is_wrong_usage(tmp_path):
    from tests.docx_factory import make_docx, p, r

    path = make_docx(tmp_path, p(r("Some text.")))
    result = run("comment", path, "-o", tmp_path / "out.docx", "--on", "Some")
    assert result.returncode == 2 and "--text" in result.stderr
