"""Exactly repeating pattern sequences: periodic orbits are regular, banded chaos is not."""

from __future__ import annotations

import numpy as np
import pytest
from plane_series import logistic_orbit

from tscomplex import plane
from tscomplex.measures import complexity_entropy
from tscomplex.ordinal import ordinal_codes, ordinal_counts


def reference_pattern_period(x, dim):
    """Smallest p whose shift leaves the whole pattern sequence unchanged, by plain loops."""
    import itertools

    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    codes = [index[tuple(np.argsort(x[t:t + dim], kind="stable"))] for t in range(len(x) - dim + 1)]
    for p in range(1, 2 * (2 * (dim - 2) + 1) + 1):
        if all(codes[t] == codes[t + p] for t in range(len(codes) - p)):
            return p
    return None


@pytest.mark.parametrize("r,period", [(3.5, 4), (3.83, 3), (3.2, 2)])
@pytest.mark.parametrize("dim", [4, 5, 6])
def test_periodic_map_orbits_are_regular(r, period, dim):
    """A period-P orbit's windows turn several times, but its pattern sequence repeats exactly: regular."""
    x = logistic_orbit(r)
    counts = ordinal_counts(x, dim)
    h, c = complexity_entropy(x, dim)
    assert plane.find_pattern_period(x, dim) == reference_pattern_period(x[:400], dim) == period
    fields = plane.series_regime_fields(x, h, c, dim, 1, plane.multi_turn_fraction(counts), x.size - dim + 1)
    assert fields["regime"] == "regular", fields
    assert "period" in fields["regime_rule"] or plane.multi_turn_fraction(counts) <= 0.05


@pytest.mark.parametrize("r", [3.7, 3.75, 3.8])
def test_banded_chaos_with_few_patterns_stays_complex(r):
    """The logistic map at r = 3.7-3.8 is chaotic with at most 14 patterns at d = 5: not periodic."""
    x = logistic_orbit(r)
    counts = ordinal_counts(x, 5)
    h, c = complexity_entropy(x, 5)
    assert plane.find_pattern_period(x, 5) is None
    fields = plane.series_regime_fields(x, h, c, 5, 1, plane.multi_turn_fraction(counts), x.size - 4)
    assert fields["regime"] == "complex", fields



def test_pattern_period_in_pieces_equals_whole():
    x = np.tile([0.1, 0.9, 0.3, 0.7, 0.2, 0.5, 0.8, 0.05, 0.6, 0.4, 0.95], 600)
    whole = plane.find_pattern_period(x, 5)
    assert whole == 11 and plane.find_pattern_period(x, 5, block=37) == 11
    assert plane.find_pattern_period(logistic_orbit(3.7), 5, block=100) is None
    codes = ordinal_codes(x, 5)
    tracker = plane.PatternPeriodTracker(5)
    for piece in np.array_split(codes, 13):
        tracker.feed(piece)
    assert tracker.period() == 11

