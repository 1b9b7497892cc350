"""Word-level diffs with diff-match-patch: tokens encoded as characters, diffed, semantically cleaned up.

A change then reads "philosophy → determined plan" rather than a scatter of letters. diff-match-patch's
default Diff_Timeout of 1 s silently degrades a large diff to "delete everything, insert everything", so the
timeout is switched off: the Myers diff over tokens is fast enough without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

EQUAL, INSERT, DELETE = 0, 1, -1
TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Private-use and later planes: enough distinct characters for any document's vocabulary.
_FIRST_CODE = 0xE000


@dataclass(frozen=True)
class Edit:
    """One stretch of a diff, in characters of the old (base) and new (draft) texts."""

    op: int  # EQUAL, INSERT or DELETE
    old_start: int
    old_end: int
    new_start: int
    new_end: int


def tokenize(text: str) -> list[str]:
    """Words, runs of spaces, single punctuation marks: 'a, b' -> ['a', ',', ' ', 'b']."""
    return TOKEN.findall(text)


class TokenCodec:
    """Maps each distinct token (or paragraph key) to one character, shared across a whole comparison."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, tokens: list[str]) -> str:
        codes = self._codes
        out = []
        for token in tokens:
            code = codes.get(token)
            if code is None:
                code = _char(len(codes))
                codes[token] = code
            out.append(code)
        return "".join(out)


def _char(number: int) -> str:
    code = _FIRST_CODE + number
    if code >= 0xF900:  # past the BMP private-use area: continue in plane 15/16 private use
        code = 0xF0000 + (number - (0xF900 - _FIRST_CODE))
    return chr(code)


def new_differ() -> diff_match_patch:
    differ = diff_match_patch()
    differ.Diff_Timeout = 0  # never degrade a large diff to delete-all/insert-all
    return differ


def diff_sequences(old: str, new: str, differ: diff_match_patch | None = None,
                   cleanup: bool = True) -> list[tuple[int, int]]:
    """(op, length) stretches of a diff of two encoded strings, semantically cleaned up unless told not to."""
    differ = differ or new_differ()
    diffs = differ.diff_main(old, new, False)
    if cleanup:
        differ.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]


def diff_words(old: str, new: str, codec: TokenCodec | None = None,
               differ: diff_match_patch | None = None, unmatched: list[tuple[int, int]] = ()) -> list[Edit]:
    """Word-level edits turning old into new, with character offsets into both.

    Tokens of `new` touching an `unmatched` character range [start, end) never match old text: they can
    only be insertions (marker proposals are insertions by definition).
    """
    codec = codec or TokenCodec()
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    new_keys = _unmatchable(new_tokens, unmatched) if unmatched else new_tokens
    stretches = diff_sequences(codec.encode(old_tokens), codec.encode(new_keys), differ)
    return _edits(stretches, old_tokens, new_tokens)


def _unmatchable(tokens: list[str], ranges) -> list:
    keys: list = []
    position = 0
    for index, token in enumerate(tokens):
        end = position + len(token)
        touched = any(start < end and position < stop for start, stop in ranges)
        keys.append(("unmatched", index) if touched else token)
        position = end
    return keys


def _edits(stretches, old_tokens: list[str], new_tokens: list[str]) -> list[Edit]:
    edits: list[Edit] = []
    old_token = new_token = old_char = new_char = 0
    for op, length in stretches:
        old_width = new_width = 0
        if op != INSERT:
            old_width = sum(len(t) for t in old_tokens[old_token:old_token + length])
            old_token += length
        if op != DELETE:
            new_width = sum(len(t) for t in new_tokens[new_token:new_token + length])
            new_token += length
        edits.append(Edit(op, old_char, old_char + old_width, new_char, new_char + new_width))
        old_char += old_width
        new_char += new_width
    return edits
