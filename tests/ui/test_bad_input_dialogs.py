"""Every bad input of tests/bad_inputs.py, opened in the app: one dialog with the engine's one-line message."""

from __future__ import annotations

import pytest

from redliner.ui import dialogs
from tests.bad_inputs import BAD_INPUTS


def _snapshot(path):
    return path.read_bytes() if path.is_file() else None


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.name for b in BAD_INPUTS])
def test_bad_input_gets_one_clear_dialog_and_nothing_else(qtbot, window, tmp_path, monkeypatch, bad):
    folder = tmp_path / "bad"
    folder.mkdir()
    path = bad.build(folder)
    before, listing = _snapshot(path), sorted(p.name for p in folder.iterdir())
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    if window.open_file(path):
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert len(shown) == 1, shown
    message = shown[0]
    assert bad.says in message and "\n" not in message and "Traceback" not in message
    assert window.review is None
    assert _snapshot(path) == before  # the input is untouched
    assert sorted(p.name for p in folder.iterdir()) == listing  # nothing written beside it, no lock left
