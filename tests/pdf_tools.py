"""Reading exported meeting copies back with an independent reader: poppler's pdftotext and pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

PAGE_LABEL = re.compile(r"^\s*Page \d+ of \d+\s*$")


def need_poppler() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext, pdfinfo) not installed; .ci/run installs them")


def pdf_text(path: Path, layout: bool = False, page_labels: bool = False) -> str:
    """The PDF's text as a reader copies it: ligatures undone (NFKC), the margins' "Page N of M" left out
    (a phrase that runs over a page break reads whole) unless asked for."""
    need_poppler()
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = unicodedata.normalize("NFKC", subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    return "\n".join(line for line in text.splitlines() if page_labels or not PAGE_LABEL.match(line))


def pdf_pages(path: Path, layout: bool = False) -> list[str]:
    """Each page's text (page labels included), as pdftotext reads it."""
    need_poppler()
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = unicodedata.normalize("NFKC", subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    """Whitespace and line breaks as single spaces: a phrase wrapped over two lines still reads as one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_info(path: Path) -> dict[str, str]:
    need_poppler()
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def summary_row(layout_text: str, number: str, author: str, status: str) -> bool:
    """A row of the summary table: number, kind, author and status on one line (pdftotext -layout)."""
    pattern = re.compile(rf"^\s*{number}\s+\S+\s+{re.escape(author)}\s+{re.escape(status)}\b", re.MULTILINE)
    return pattern.search(layout_text) is not None
