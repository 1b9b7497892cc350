"""The Qt binding we install survives a long session.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method and CPython aborts
with "none_dealloc" after a few thousand calls; pyproject.toml pins PySide6-Essentials below 6.12.
"""

import subprocess
import sys

MANY_VOID_CALLS = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(200_000):
    label.setEnabled(True)
    label.setText("x")
print("alive")
"""


def test_many_void_qt_calls_do_not_abort_the_interpreter():
    result = subprocess.run([sys.executable, "-c", MANY_VOID_CALLS], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr[-500:]
