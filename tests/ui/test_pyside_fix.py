import subprocess
import sys

import redliner.ui  # noqa: F401 - applies the fix

# Calls a void Qt method many more times than None has references in a fresh interpreter.
MANY_VOID_CALLS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
{prelude}
from PySide6.QtCore import QObject
holder = QObject()
for _ in range(100_000):
    holder.setObjectName("x")
print("alive")
"""


def run(prelude: str) -> subprocess.CompletedProcess:
    code = MANY_VOID_CALLS.format(prelude=prelude)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_many_void_calls_survive_with_the_fix():
    result = run("import redliner.ui")
    assert result.returncode == 0 and "alive" in result.stdout


def test_none_has_headroom_after_import():
    if sys.version_info < (3, 12):
        assert min(sys.getrefcount(x) for x in (None, True, False)) > 1 << 39


def test_the_bug_is_real_without_the_fix():
    """Documents why the fix exists; passes trivially once PySide6 (or Python >= 3.12) no longer needs it."""
    result = run("")
    if result.returncode != 0:
        assert "none_dealloc" in result.stderr
