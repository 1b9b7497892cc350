"""Which changes `accept`/`reject` decide, and a one-line message when a filter matches none of them."""

from __future__ import annotations

import shlex

from redliner.core import RedlinerError, Status

SHOWN = 12  # values listed in a message before "…"


class NoMatchError(RedlinerError):
    """A filter of accept/reject matches no change: deciding nothing would be a silent mistake."""


def select_changes(document, ids=(), authors=(), kinds=(), statuses=()) -> list:
    """The changes matching every filter given; each filter value must match some change, and so must all."""
    changes = document.changes
    none = ("the document has no changes" if document.markers else
            "the document has no tracked changes; proposals marked by formatting need --markers")
    _check("--id", ids, [c.id for c in changes], "ids", none, _id_ranges)
    _check("--author", authors, [c.author for c in changes], "authors", none)
    _check("--kind", kinds, [c.kind.value for c in changes], "kinds", none)
    _check("--status", statuses, [c.status.value for c in changes], "statuses", none)
    selected = document.select(ids=ids, authors=authors, kinds=kinds, statuses=[Status(s) for s in statuses])
    if not selected and changes:
        given = " ".join(_option(o, v) for o, values in (("--id", ids), ("--author", authors), ("--kind", kinds),
                                                         ("--status", statuses)) for v in values)
        raise NoMatchError(f"no change matches {given} together")
    return selected


def _check(option: str, wanted, existing: list[str], what: str, none: str, listed=None) -> None:
    present = set(existing)
    for value in wanted:
        if str(value) not in present:
            found = (listed or _listed)(list(dict.fromkeys(existing)))
            there = f"{what}: {found}" if existing else none
            raise NoMatchError(f"no change matches {_option(option, value)} ({there})")


def _option(option: str, value) -> str:
    return f"{option} {shlex.quote(str(value))}"


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:SHOWN])
    return shown + (", …" if len(values) > SHOWN else "")


def _id_ranges(ids: list[str]) -> str:
    """'1–13', or '1–4, 7' when some are missing: ids are numbers in document order."""
    numbers = sorted(int(i) for i in ids)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return _listed([str(a) if a == b else f"{a}–{b}" for a, b in runs])
