"""Runs tests/ui/real_window_review.py (a keyboard-only review in a real X window) where Xvfb and xdotool exist."""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import real_window_review


@pytest.mark.skipif(bool(real_window_review.missing_tools()),
                    reason="needs Xvfb, xdotool and ImageMagick's import (apt-get install -y xvfb xdotool imagemagick)")
def test_a_keyboard_review_in_a_real_window(corpus, tmp_path):
    done = subprocess.run([sys.executable, real_window_review.__file__, "--shots", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all 13 accepted in order, saved with no change left" in done.stdout
