import itertools
import zlib

from redliner.ui.colours import PALETTE, author_colour, author_colours

# Machado, Oliveira and Fernandes (2009): full protanopia, deuteranopia and tritanopia, on linear RGB.
DEFICIENCIES = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}
APART = 15.0  # CIE76 distance: 2.3 is a just noticeable difference; 15 is told apart at a glance, in thin text


def linear(hex_colour: str) -> list[float]:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    return lab([sum(row[j] * rgb[j] for j in range(3)) for row in matrix])


def test_colour_is_stable_and_depends_only_on_the_name():
    expected = PALETTE[zlib.crc32(b"Ana Rivera") % len(PALETTE)]
    assert author_colour("Ana Rivera").name().lower() == expected.lower()
    assert author_colour("Ana Rivera") == author_colour("Ana Rivera")


def test_settings_override_the_hash():
    assert author_colour("Lee", {"Lee": "#123456"}).name() == "#123456"
    assert author_colour("Lee", {"Lee": "not a colour"}).name().upper() in PALETTE
    assert set(author_colours(["Lee", "Ana"])) == {"Lee", "Ana"}


def test_the_palette_is_told_apart_with_common_colour_vision_deficiencies():
    too_close = [(deficiency, a, b, round(d, 1)) for deficiency, matrix in DEFICIENCIES.items()
                 for a, b in itertools.combinations(PALETTE, 2)
                 if (d := sum((x - y) ** 2 for x, y in zip(seen(a, matrix), seen(b, matrix), strict=True)) ** 0.5)
                 < APART]
    assert too_close == []


def test_the_authors_of_a_review_never_share_a_colour():
    names = ["Ana Rivera", "Lee Chen", "Sam Okafor", "Jordan Lee", "Alex Rivera", "Kim Lee"]
    for count in range(2, min(len(names), len(PALETTE)) + 1):
        colours = author_colours(names[:count])
        assert len({c.name() for c in colours.values()}) == count, names[:count]
        assert {a: c.name() for a, c in author_colours(reversed(names[:count])).items()} == \
            {a: c.name() for a, c in colours.items()}  # the same whatever the order met


def test_a_colour_chosen_in_settings_is_not_given_to_another_author():
    hashed = author_colour("Ana Rivera").name()
    colours = author_colours(["Ana Rivera", "Lee Chen"], {"Lee Chen": hashed})
    assert colours["Lee Chen"].name() == hashed and colours["Ana Rivera"].name() != hashed
