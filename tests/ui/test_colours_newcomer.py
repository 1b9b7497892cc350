"""A reviewer who starts editing gets a colour none of the authors already shown has."""

from redliner.ui.colours import PALETTE, add_author, author_colours


def test_a_newcomer_gets_a_free_colour_and_the_others_keep_theirs():
    colours = author_colours(["Alex Rivera", "Jordan Lee"])
    before = {a: c.name() for a, c in colours.items()}
    added = add_author(colours, "Rita Reviewer")
    assert {a: c.name() for a, c in colours.items() if a != "Rita Reviewer"} == before
    assert added.name() not in before.values() and added.name().upper() in PALETTE


def test_a_colour_chosen_in_settings_wins():
    colours = author_colours(["Alex Rivera"])
    assert add_author(colours, "Rita", {"Rita": "#123456"}).name() == "#123456"
