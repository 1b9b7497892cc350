"""Runs the real-window scripts (tests/ui/real_window_*.py: a keyboard-only review, typing in Edit mode, exporting a
long meeting copy, each in a real X window) where Xvfb and xdotool exist.

Skipped without them, except under CI=true, where .ci/run installs them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from . import real_window_review


def run_script(script, tmp_path) -> str:
    """Run a real-window script (skipped without its tools, failed under CI=true) and return what it printed."""
    missing = real_window_review.missing_tools()
    if missing:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"{', '.join(missing)} missing; .ci/run installs them under CI=true")
        pytest.skip("needs Xvfb, xdotool and ImageMagick's import (apt-get install -y xvfb xdotool imagemagick)")
    done = subprocess.run([sys.executable, script.__file__, "--shots", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_keyboard_review_in_a_real_window(corpus, tmp_path):
    assert "all 13 accepted in order, saved with no change left" in run_script(real_window_review, tmp_path)


def test_typing_in_edit_mode_in_a_real_window(corpus, tmp_path):
    from . import real_window_edit

    assert real_window_edit.DONE in run_script(real_window_edit, tmp_path)


def test_exporting_a_long_meeting_copy_in_a_real_window(tmp_path):
    from . import real_window_export

    assert real_window_export.DONE in run_script(real_window_export, tmp_path)
