"""The outcome space OrdinalPatterns and its streaming counter, against one call on the whole series and numpy."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.ordinal import OrdinalPatterns, ordinal_counts


def reference_counts(x, dim, tau, weighted=False):
    """Stable argsort of every window, numbered by lexicographic rank of the permutation (plain numpy)."""
    x = np.asarray(x, dtype=float)
    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    counts = np.zeros(math.factorial(dim))
    for t in range(x.size - (dim - 1) * tau):
        w = x[t:t + (dim - 1) * tau + 1:tau]
        counts[index[tuple(np.argsort(w, kind="stable"))]] += np.var(w) if weighted else 1.0
    return counts


def test_defaults_and_conversion():
    space = OrdinalPatterns()
    assert (space.dim, space.tau, space.weighted, space.tie_precision) == (5, 1, False, None)
    assert space.n_outcomes == 120 and space.span == 4 and space.n_windows(10) == 6 and space.n_windows(3) == 0
    assert OrdinalPatterns(3.0, np.int64(2)).dim == 3  # whole numbers become ints
    assert isinstance(OrdinalPatterns(3.0).dim, int)
    assert OrdinalPatterns(3) == OrdinalPatterns(dim=3, tau=1)  # a value: equal and hashable
    assert len({OrdinalPatterns(3), OrdinalPatterns(3)}) == 1
    with pytest.raises(AttributeError):
        space.dim = 4  # frozen


@pytest.mark.parametrize("kwargs, message", [
    ({"dim": 1}, r"^dim must be between 2 and 10, got 1$"),
    ({"dim": 2.5}, r"^dim must be an integer, got 2.5$"),
    ({"tau": 0}, r"^tau must be >= 1, got 0$"),
    ({"weighted": "yes"}, r"^weighted must be True or False"),
    ({"tie_precision": 1.5}, r"^tie_precision must be an integer"),
])
def test_bad_parameters_name_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        OrdinalPatterns(**kwargs)


def test_counts_and_probabilities_match_numpy_reference():
    rng = np.random.default_rng(3)
    x = rng.normal(size=300)
    space = OrdinalPatterns(dim=4, tau=3)
    ref = reference_counts(x, 4, 3)
    np.testing.assert_array_equal(space.counts(x), ref)
    np.testing.assert_allclose(space.probabilities(x), ref / ref.sum(), rtol=1e-15)
    weighted = OrdinalPatterns(dim=4, tau=3, weighted=True)
    np.testing.assert_allclose(weighted.counts(x), reference_counts(x, 4, 3, weighted=True), rtol=1e-12)
    assert space.codes(x).shape == (space.n_windows(x.size),)
    np.testing.assert_array_equal(np.bincount(space.codes(x), minlength=24), ref)


def test_ties_follow_tie_precision():
    x = np.array([1.0, 1.04, 0.98, 2.0, 2.01, 1.99])
    plain = OrdinalPatterns(dim=3).counts(x)
    rounded = OrdinalPatterns(dim=3, tie_precision=1).counts(x)
    np.testing.assert_array_equal(rounded, reference_counts(np.round(x, 1), 3, 1))
    assert not np.array_equal(plain, rounded)


def test_monotone_series_has_one_outcome():
    space = OrdinalPatterns(dim=4)
    p = space.probabilities(np.arange(50.0))
    assert p[0] == 1.0 and p.sum() == 1.0
    assert space.probabilities(-np.arange(50.0))[-1] == 1.0  # decreasing: the reversed argsort, last in order


@st.composite
def chunked_series(draw):
    """A series (with ties from a small alphabet or continuous values), a space, and a random chunking of it."""
    dim = draw(st.integers(2, 6))
    tau = draw(st.integers(1, 4))
    n = draw(st.integers((dim - 1) * tau + 1, 120))
    if draw(st.booleans()):
        values = st.integers(-3, 3).map(float)  # many ties
    else:
        values = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    x = np.array(draw(st.lists(values, min_size=n, max_size=n)))
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=8)))
    chunks = np.split(x, cuts)  # empty chunks included: they must change nothing
    weighted = draw(st.booleans())
    tie_precision = draw(st.one_of(st.none(), st.integers(-2, 3)))
    return OrdinalPatterns(dim, tau, weighted, tie_precision), x, chunks


@settings(max_examples=150)
@given(chunked_series())
def test_counter_equals_one_call_on_the_whole_series(case):
    space, x, chunks = case
    counter = space.counter()
    for chunk in chunks:
        counter.update(chunk)
    assert counter.samples == x.size
    assert counter.windows == space.n_windows(x.size)
    whole = space.counts(x)
    if space.weighted and not whole.sum() > 0:
        return  # all windows constant: both are zero (compared below) and no probabilities exist
    np.testing.assert_array_equal(counter.counts(), whole)  # the same windows added in the same order: exact
    np.testing.assert_array_equal(np.sort(counter.counts(ordered=False)), np.sort(whole))
    np.testing.assert_array_equal(whole, ordinal_counts(x, space.dim, space.tau, space.weighted, space.tie_precision))


def test_counter_returns_the_samples_of_the_new_windows():
    space = OrdinalPatterns(dim=3, tau=2)
    x = np.arange(20.0) % 7
    counter = space.counter()
    codes = []
    for chunk in np.split(x, [3, 4, 11, 11]):
        seg = counter.update(chunk)
        if seg.size > space.span:
            codes.append(space.codes(seg))
    np.testing.assert_array_equal(np.concatenate(codes), space.codes(x))


def test_counter_refuses_too_few_samples_and_bad_chunks():
    counter = OrdinalPatterns(dim=4, tau=2).counter()
    counter.update([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"series of 3 samples is too short for dim=4, tau=2: needs at least .* = 7"):
        counter.counts()
    with pytest.raises(ValueError, match=r"^chunk has 1 NaN or infinite values \(first at index 1\)$"):
        counter.update([1.0, np.nan])
    with pytest.raises(ValueError, match="one-dimensional"):
        counter.update(np.ones((2, 2)))


def test_the_ordinal_page_shows_real_output():
    import doctest
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "ordinal.md"
    text = "\n".join("" if line.startswith("```") else line for line in page.read_text().splitlines())
    test = doctest.DocTestParser().get_doctest(text, {}, "ordinal.md", str(page), 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 10 and result.failed == 0


def test_pattern_of_code_checks_the_code():
    from tscomplex.ordinal import pattern_of_code

    assert pattern_of_code(5, 3).tolist() == [2, 1, 0]
    assert pattern_of_code(np.int64(0), 3).tolist() == [0, 1, 2]
    with pytest.raises(ValueError, match=r"^code must be between 0 and 5, got 6$"):
        pattern_of_code(6, 3)
    with pytest.raises(ValueError, match=r"^code must be an integer, got 1.5$"):
        pattern_of_code(1.5, 3)
