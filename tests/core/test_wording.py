from redliner.core.wording import plural


def test_plural_agrees_with_the_count():
    assert [plural(n, "change") for n in (0, 1, 2)] == ["0 changes", "1 change", "2 changes"]
    assert [plural(n, "copy", "copies") for n in (1, 3)] == ["1 copy", "3 copies"]
