"""What the app remembers: reviewer, marker rules and colours (config), recent files and geometry (state).

Both live in small JSON files under platformdirs paths; `Settings.load(path=None, state_path=None)` takes
other paths so that tests never touch the real ones.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

RECENT_LIMIT = 10
MARKER_ASK, MARKER_YES, MARKER_NO = "ask", "yes", "no"


def default_config_path() -> Path:
    return platformdirs.user_config_path("redliner") / "settings.json"


def default_state_path() -> Path:
    return platformdirs.user_state_path("redliner") / "state.json"


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError or KeyError when no user name is set at all
        return ""


def initials_of(name: str) -> str:
    return "".join(part[0] for part in name.replace(".", " ").replace("_", " ").split() if part).upper()[:3]


@dataclass
class Preferences:
    """Stored in the config file: what the reviewer chose."""

    reviewer_name: str = ""
    reviewer_initials: str = ""
    marker_rules: str = "italic"
    marker_answer: str = MARKER_ASK  # remembered answer to the marker question
    author_colours: dict[str, str] = field(default_factory=dict)  # author -> "#rrggbb"
    compare_formatting: bool = False  # Compare with Base also reports formatting and paragraph-property changes
    edit_mode: bool = False  # the document view takes typing (tracked), off until the reviewer turns it on
    propose_in_italics: bool = False  # typing in Edit mode writes italic marker text instead of w:ins


@dataclass
class State:
    """Stored in the state file: what the app noticed."""

    recent_files: list[str] = field(default_factory=list)
    geometry: str = ""  # QMainWindow.saveGeometry(), base64
    comments_pane: str = "auto"  # the Comments pane: "shown", "hidden", or "auto" (shown for a draft with comments)


class Settings:
    def __init__(self, preferences: Preferences, state: State, path: Path, state_path: Path):
        self.preferences = preferences
        self.state = state
        self.path = path
        self.state_path = state_path

    @classmethod
    def load(cls, path: Path | None = None, state_path: Path | None = None) -> Settings:
        path = Path(path) if path else default_config_path()
        state_path = Path(state_path) if state_path else default_state_path()
        preferences = _read(path, Preferences)
        if not preferences.reviewer_name:
            preferences.reviewer_name = os_user()
        if not preferences.reviewer_initials:
            preferences.reviewer_initials = initials_of(preferences.reviewer_name)
        return cls(preferences, _read(state_path, State), path, state_path)

    def save(self) -> None:
        _write(self.path, asdict(self.preferences))
        _write(self.state_path, asdict(self.state))

    def add_recent(self, file: str | Path) -> None:
        file = str(Path(file).resolve())
        recent = [f for f in self.state.recent_files if f != file]
        self.state.recent_files = [file, *recent][:RECENT_LIMIT]

    def forget_recent(self, file: str | Path) -> None:
        file = str(Path(file).resolve())
        self.state.recent_files = [f for f in self.state.recent_files if f != file]


def _read(path: Path, kind):
    """A dataclass from a JSON file; unknown keys ignored, a missing or unreadable file gives defaults."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return kind()
    if not isinstance(data, dict):
        return kind()
    known = {f.name for f in fields(kind)}
    defaults = asdict(kind())
    values = {k: v for k, v in data.items() if k in known and isinstance(v, type(defaults[k]))}
    return kind(**values)


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
