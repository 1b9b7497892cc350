"""Word-level diffs and block alignment, including the large-diff degradation diff-match-patch hides."""

from __future__ import annotations

import random

from diff_match_patch import diff_match_patch

from redliner.core.comparison.align import align
from redliner.core.comparison.worddiff import DELETE, EQUAL, INSERT, TokenCodec, diff_words, new_differ, tokenize


def test_tokens_are_words_spaces_and_single_punctuation():
    assert tokenize("individuals, neighborhood  groups.") == ["individuals", ",", " ", "neighborhood", "  ",
                                                            "groups", "."]


def test_a_changed_word_reads_as_whole_words():
    old, new = "with the philosophy of community policing", "with the determined plan of community policing"
    changed = [(e.op, (old if e.op == DELETE else new)[e.new_start if e.op == INSERT else e.old_start:
                                                       e.new_end if e.op == INSERT else e.old_end])
               for e in diff_words(old, new) if e.op != EQUAL]
    assert changed == [(DELETE, "philosophy"), (INSERT, "determined plan")]


def test_edit_offsets_rebuild_both_texts():
    old, new = "a b c d e f", "a x c d f g"
    edits = diff_words(old, new)
    assert "".join(old[e.old_start:e.old_end] for e in edits if e.op != INSERT) == old
    assert "".join(new[e.new_start:e.new_end] for e in edits if e.op != DELETE) == new


def test_codec_gives_one_character_per_distinct_token_beyond_the_private_use_area():
    codec = TokenCodec()
    encoded = codec.encode([f"w{i}" for i in range(10_000)] + ["w0"])
    assert len(set(encoded)) == 10_000 and encoded[0] == encoded[-1]


def _big_texts(words: int = 40_000, changes: int = 40) -> tuple[str, str]:
    generator = random.Random(7)
    vocabulary = [f"word{i}" for i in range(3000)]
    old = [generator.choice(vocabulary) for _ in range(words)]
    new = list(old)
    for position in sorted(generator.sample(range(words), changes)):
        new[position] = "changed"
    new[0], new[-1] = "start", "end"  # no common prefix or suffix to strip: the diff must do the work
    return " ".join(old), " ".join(new)


def _equal_share(edits) -> float:
    equal = sum(e.old_end - e.old_start for e in edits if e.op == EQUAL)
    return equal / max(edits[-1].old_end, 1)


def test_a_large_diff_is_not_degraded_to_delete_all_insert_all():
    """With diff-match-patch's default Diff_Timeout a diff this size can silently come back as one
    deletion of everything and one insertion of everything; ours must keep the unchanged words."""
    old, new = _big_texts()
    assert new_differ().Diff_Timeout == 0
    edits = diff_words(old, new)
    assert _equal_share(edits) > 0.99
    assert sum(1 for e in edits if e.op == DELETE) >= 40


def test_the_degradation_check_does_catch_a_timed_out_diff():
    """The same check fails on what diff-match-patch returns when its deadline passes."""
    old, new = _big_texts()
    hurried = diff_match_patch()
    hurried.Diff_Timeout = 1e-9
    edits = diff_words(old, new, differ=hurried)
    assert _equal_share(edits) < 0.01


def test_block_alignment_of_20000_paragraphs_keeps_unchanged_ones_equal():
    generator = random.Random(3)
    old = [f"paragraph {i} {generator.random()}" for i in range(20_000)]
    new = list(old)
    for index in range(0, 20_000, 500):
        new[index] = new[index] + " edited"
    del new[10_001]
    new.insert(15_000, "a new paragraph")
    steps = align(old, new, lambda i, j: 0.9)
    ops = [s.op for s in steps]
    assert ops.count("equal") == 20_000 - 40 - 1
    assert (ops.count("pair"), ops.count("delete"), ops.count("insert")) == (40, 1, 1)


def test_changed_blocks_are_paired_by_similarity_not_position():
    old = ["alpha beta gamma", "delta epsilon"]
    new = ["brand new", "alpha beta gamma changed", "delta epsilon changed"]
    words = {text: set(text.split()) for text in old + new}

    def similarity(i, j):
        a, b = words[old[i]], words[new[j]]
        return 2 * len(a & b) / (len(a) + len(b))

    steps = align(old, new, similarity)
    assert [(s.op, s.old, s.new) for s in steps] == [("insert", None, 0), ("pair", 0, 1), ("pair", 1, 2)]
