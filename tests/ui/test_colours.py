import zlib

from redliner.ui.colours import PALETTE, author_colour, author_colours


def test_colour_is_stable_and_depends_only_on_the_name():
    expected = PALETTE[zlib.crc32(b"Ana Rivera") % len(PALETTE)]
    assert author_colour("Ana Rivera").name().lower() == expected.lower()
    assert author_colour("Ana Rivera") == author_colour("Ana Rivera")


def test_different_authors_usually_differ():
    names = ["Ana Rivera", "Lee Chen", "Sam Okafor", "Unknown"]
    assert len({author_colour(n).name() for n in names}) >= 3


def test_settings_override_the_hash():
    assert author_colour("Lee", {"Lee": "#123456"}).name() == "#123456"
    assert author_colour("Lee", {"Lee": "not a colour"}).name().upper() in PALETTE
    assert set(author_colours(["Lee", "Ana"])) == {"Lee", "Ana"}
