"""The bundled resources exist and are what they claim to be."""

from __future__ import annotations

import configparser

from lxml import etree

from redliner.core import ReviewDocument, parse_rules
from redliner.resources import DESKTOP_FILE, ICON, SAMPLE_DRAFT


def test_sample_draft_is_the_italic_sop_draft():
    assert len(ReviewDocument.open(SAMPLE_DRAFT, parse_rules("italic")).changes) == 13


def test_icon_is_svg_and_desktop_file_launches_redliner():
    assert etree.parse(str(ICON)).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(DESKTOP_FILE)
    assert entry["Desktop Entry"]["Exec"].startswith("redliner ")
    assert "wordprocessingml" in entry["Desktop Entry"]["MimeType"]

