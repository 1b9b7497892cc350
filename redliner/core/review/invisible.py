"""Names for characters a reader cannot see or cannot tell apart, for the one-line text of a change.

A change of a space into a no-break space reads "(space) → (no-break space)", not "(space) → (space)".
"""

from __future__ import annotations

import re

from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_BR, W_TYPE

NAMES = {
    " ": "space",
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2007": "figure space",
    "\u2009": "thin space",
    "\u200a": "hair space",
    "\u2002": "en space",
    "\u2003": "em space",
    "\u3000": "ideographic space",
    "\t": "tab",
    "\n": "line break",
    "\r": "line break",
    "\u2028": "line break",
    "\u2029": "paragraph break",
    "\x0c": "page break",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u00ad": "soft hyphen",
    "\u2011": "non-breaking hyphen",
}
# What each named character looks like on the page ('' for nothing): two texts that read the same once these
# are swapped in differ only in characters a reader cannot tell apart.
_LOOKS = str.maketrans({ch: ("-" if name.endswith("hyphen") and ch != "\u00ad" else
                             "" if name.startswith(("zero", "word", "soft")) else " ")
                        for ch, name in NAMES.items()})
_RUN = re.compile(f"[{''.join(NAMES)}]+")


def only_invisible(text: str) -> bool:
    """True for text made only of named characters (spaces, breaks, zero-width marks, special hyphens)."""
    return bool(text) and all(ch in NAMES for ch in text)


def name_all(text: str) -> str:
    """'(space, tab)', '(3 spaces)': every character of text, named, repeats counted."""
    return f"({_names(text)})"


def looks_alike(first: str, second: str) -> bool:
    """True when two different texts read the same on the page."""
    if first == second:
        return False
    return " ".join(first.translate(_LOOKS).split()) == " ".join(second.translate(_LOOKS).split())


def name_in_place(text: str) -> str:
    """Text with its named characters spelt out where they stand; a single space between words stays."""
    return _RUN.sub(lambda m: m.group() if m.group() == " " else f"({_names(m.group())})", text)


def _names(text: str) -> str:
    parts = []
    for repeat in re.finditer(r"(.)\1*", text, re.DOTALL):
        name, count = NAMES.get(repeat.group(1), repeat.group(1)), len(repeat.group())
        parts.append(name if count == 1 else f"{count} {name}s")
    return ", ".join(parts)


# Marks Word keeps as elements, not characters: a change holding only these has no text to show.
_MARKS = {w("noBreakHyphen"): "non-breaking hyphen", w("softHyphen"): "soft hyphen", w("br"): "page break"}


def name_marks(elements) -> str:
    """'page break', '2 soft hyphens': the textless marks under elements ('' when there are none)."""
    found: dict[str, int] = {}
    for element in elements:
        for node in element.iter(*_MARKS):
            if node.tag != W_BR or node.get(W_TYPE) == "page":  # other breaks are text: a line break
                found[_MARKS[node.tag]] = found.get(_MARKS[node.tag], 0) + 1
    return ", ".join(name if count == 1 else f"{count} {name}s" for name, count in found.items())
