"""Answers from the caches are the answers: plain-argument keys and remembered names.

A record query whose arguments are exact ``str``, ``int`` or None (``exact`` a bool) is looked
up with its arguments as the key; ``exact=1`` must still be refused after ``exact=True`` was
answered. ``place()`` and ``sector()`` remember what each exact query text resolved to: the
memo is bounded, never holds a ``str`` subclass or a text too long to be a name, never
remembers a failure, and every text still resolves as case, white space and diacritics folded.
"""

import pytest
from hypothesis import given, strategies as st

import vnus
from vnus._load import bundled_directory
from vnus._names import normalize
from vnus._reference import _NAMED, _NAMED_LENGTH

FLAGGED = ("trade", "investments", "milestones", "delegations", "sector_priorities", "indicators")


def fresh():
    """A dataset of the bundled data whose caches are empty."""
    return vnus.Dataset.from_directory(str(bundled_directory()))


def lookalike(like):
    """A str subclass equal to everything and hashed like *like*: it would match any key."""

    class Lookalike(str):
        __slots__ = ()

        def __eq__(self, other):
            return True

        def __hash__(self):
            return hash(like)

        def casefold(self):
            return like

    return Lookalike


@pytest.mark.parametrize("name", FLAGGED)
@pytest.mark.parametrize(("flag", "number"), [(True, 1), (False, 0)])
def test_exact_as_an_int_is_refused_after_the_bool_was_cached(name, flag, number):
    """exact=1 (or 0) never gets the answer cached for exact=True (or False): it is refused."""
    ds = fresh()
    helper = getattr(ds, name)
    first = helper(exact=flag)
    assert helper(exact=flag) is first  # the second answer came from the cache
    with pytest.raises(vnus.QueryTypeError, match=rf"exact must be True or False, got {number}"):
        helper(exact=number)


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("trade", {"reporter": "Hanoi", "year": 2021}),
        ("investments", {"host": "VN", "exact": True}),
        ("milestones", {"kind": "partnership", "since": 2013}),
        ("delegations", {"origin": "US", "person": "Blinken"}),
        ("sector_priorities", {"sector": "semiconductors"}),
        ("indicators", {"metric": "us-tourist-arrivals"}),
        ("timeline", {"since": 2017, "until": 2019}),
    ],
)
def test_a_cached_answer_equals_the_computed_one(name, arguments):
    """The second call of a helper returns the first answer, equal to a fresh dataset's."""
    ds = fresh()
    first = getattr(ds, name)(**arguments)
    assert first
    assert getattr(ds, name)(**arguments) is first
    assert getattr(fresh(), name)(**dict(reversed(arguments.items()))) == first


@pytest.mark.parametrize("spellings", [("Hà Nội", "HA NOI", " ha   noi ", "hanoi", "vn-hn")])
def test_each_spelling_of_a_place_is_remembered_by_its_own_text(spellings):
    """Case, white space and diacritics still fold; each exact text is then remembered."""
    ds = fresh()
    hanoi = ds.place("VN-HN")
    for text in spellings:
        assert ds.place(text) is hanoi
        assert ds.place(text) is hanoi
    assert all(ds._places._named[text] is hanoi for text in spellings)
    assert ds.place("Đà Nẵng").code == "VN-DN"  # another place, folded the same way


def test_each_spelling_of_a_sector_is_remembered_by_its_own_text():
    """A sector's slug, label and aliases, in any case, resolve and are remembered."""
    ds = fresh()
    sector = ds.sector("artificial-intelligence")
    for text in ("AI", "ai", "  Artificial   INTELLIGENCE", "artificial-intelligence"):
        assert ds.sector(text) is sector
        assert ds.sector(text) is sector
        assert ds._sectors._named[text] is sector


@pytest.mark.parametrize(
    ("resolve", "memo", "name"),
    [
        (lambda ds, text: ds.place(text).code, lambda ds: ds._places._named, "hanoi"),
        (lambda ds, text: ds.sector(text).slug, lambda ds: ds._sectors._named, "semiconductors"),
    ],
)
def test_the_name_memo_is_bounded(resolve, memo, name):
    """However many texts are asked, the memo holds at most _NAMED and answers stay right."""
    ds = fresh()
    expected = resolve(ds, name)
    for i in range(2 * _NAMED + 5):
        text = " " * (i // 100) + name.upper() + " " * (i % 100)
        assert resolve(ds, text) == expected
        assert len(memo(ds)) <= _NAMED
    assert len(memo(ds)) > 0


def test_a_text_too_long_for_a_name_is_answered_but_not_remembered():
    ds = fresh()
    place, sector = "Hanoi" + " " * _NAMED_LENGTH, "AI" + " " * _NAMED_LENGTH
    assert ds.place(place).code == "VN-HN"
    assert ds.sector(sector).slug == "artificial-intelligence"
    assert place not in ds._places._named
    assert sector not in ds._sectors._named
    ds.place(place.strip())
    assert max(map(len, [*ds._places._named, *ds._sectors._named])) <= _NAMED_LENGTH


def test_a_str_subclass_is_never_looked_up_or_remembered():
    """A subclass hashed like a remembered text and equal to it resolves by its characters."""
    ds = fresh()
    assert ds.place("Hanoi").code == "VN-HN"
    assert ds.sector("semiconductors").slug == "semiconductors"
    assert ds.place(lookalike("Hanoi")("Vietnam")).code == "VN"
    assert ds.sector(lookalike("semiconductors")("AI")).slug == "artificial-intelligence"
    assert all(type(text) is str for text in (*ds._places._named, *ds._sectors._named))


def test_a_name_not_found_is_never_remembered():
    ds = fresh()
    for _ in range(2):
        with pytest.raises(vnus.UnknownPlaceError, match="unknown place 'Hanoy'; did you mean"):
            ds.place("Hanoy")
        with pytest.raises(vnus.UnknownNameError, match="unknown sector 'chips and dip'"):
            ds.sector("chips and dip")
    assert "Hanoy" not in ds._places._named
    assert "chips and dip" not in ds._sectors._named


_SHARED = fresh()
_NAMES = sorted({t for p in _SHARED.places() for t in (p.code, p.name, *p.aliases)})


@st.composite
def spellings(draw):
    """A place name or alias in any case with white space around it, or any short text."""
    if draw(st.booleans()):
        return draw(st.text(max_size=12))
    name = draw(st.sampled_from(_NAMES))
    name = draw(st.sampled_from([name, name.upper(), name.lower(), name.title()]))
    return " " * draw(st.integers(0, 3)) + name + " " * draw(st.integers(0, 3))


@given(st.lists(spellings(), max_size=20))
def test_a_remembered_place_is_the_place_its_folded_text_names(texts):
    """In any sequence of queries, each answers as its folded text names (or is refused)."""
    for text in texts:
        code = _SHARED._places.keys.get(normalize(text))
        if code is None:
            with pytest.raises(vnus.UnknownPlaceError):
                _SHARED.place(text)
        else:
            assert _SHARED.place(text).code == code
