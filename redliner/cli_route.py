"""`redliner WORD ...` where WORD is no command: a draft to open in the app, or a mistyped command.

The app starts only for a file that exists: a missing draft is a one-line error (exit 1), and a word that
cannot be a file (no folder, no extension) is wrong usage (exit 2), with the command it was probably meant to be.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path


class UsageError(Exception):
    """The command line asks for nothing Redliner does (exit 2)."""


def draft_to_open(argv: list[str], commands: tuple[str, ...]) -> str:
    """The file `redliner FILE` opens; raises UsageError, or the engine's RedlinerError for a file it cannot read."""
    from redliner.core.opc.package import check_readable

    word, extra = argv[0], argv[1:]
    exists = Path(word).exists()
    if not exists and not looks_like_a_path(word):
        raise UsageError(unknown_command(word, commands))
    if extra:
        raise UsageError(f"`redliner FILE` opens one draft in the app, not {len(argv)}; "
                         f"to work on files from the shell use a command: {', '.join(commands)}")
    check_readable(word)
    return word


def looks_like_a_path(word: str) -> bool:
    """A folder in it, or an extension: meant as a file, even if it is not there."""
    separators = {os.sep, os.altsep or os.sep, "/"}
    return any(s in word for s in separators) or bool(Path(word).suffix) or word.startswith("~")


def unknown_command(word: str, commands: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word.lower(), commands, n=1)
    if close:
        return f"unknown command {word!r} (and no file of that name); did you mean `{close[0]}`?"
    return (f"unknown command {word!r} (and no file of that name); the commands are {', '.join(commands)}, "
            "and `redliner FILE` opens a draft in the app")
