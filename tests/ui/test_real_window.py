"""Runs tests/ui/real_window_review.py (a keyboard-only review in a real X window) where Xvfb and xdotool exist.

Skipped without them, except under CI=true, where .ci/run installs them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from . import real_window_review


def test_a_keyboard_review_in_a_real_window(corpus, tmp_path):
    missing = real_window_review.missing_tools()
    if missing:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"{', '.join(missing)} missing; .ci/run installs them under CI=true")
        pytest.skip("needs Xvfb, xdotool and ImageMagick's import (apt-get install -y xvfb xdotool imagemagick)")
    done = subprocess.run([sys.executable, real_window_review.__file__, "--shots", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all 13 accepted in order, saved with no change left" in done.stdout


def test_typing_in_edit_mode_in_a_real_window(corpus, tmp_path):
    from . import real_window_edit

    missing = real_window_review.missing_tools()
    if missing:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"{', '.join(missing)} missing; .ci/run installs them under CI=true")
        pytest.skip("needs Xvfb, xdotool and ImageMagick's import (apt-get install -y xvfb xdotool imagemagick)")
    done = subprocess.run([sys.executable, real_window_edit.__file__, "--shots", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "saved with her 3 changes beside the reviewers' 7" in done.stdout
