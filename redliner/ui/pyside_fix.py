"""Work around a PySide6 6.12 bug on Python 3.11: void methods (setEnabled, setText...) return None
without taking a reference to it.

Every such call lowers None's reference count by one; after a few thousand calls CPython aborts with
"Fatal Python error: none_dealloc: deallocating None". Python 3.12 made None immortal, so the bug only shows
before 3.12. The same happens to True and False. The fix gives them the same immortality: their counts are
raised by 2**40, far more than any session can lose. tests/ui/test_pyside_fix.py shows the bug and the fix.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40


SINGLETONS = (None, True, False)  # True and False suffer the same way (bool_dealloc)


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12):
        return
    for singleton in SINGLETONS:
        if sys.getrefcount(singleton) < HEADROOM:
            ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
