"""tscomplex.records.plane: H, C and the regime per delay."""

from __future__ import annotations

import numpy as np
import pytest

import tscomplex
from tscomplex.io import Series
from tscomplex.records import ORDINAL
from tscomplex.records.plane import plane_records


def test_plane_records_match_the_measures():
    x = np.random.default_rng(2).standard_normal(5000)
    recs = plane_records(Series("s", "x", x, None), taus=(1, 2), dim=4)
    assert [r["tau"] for r in recs] == [1, 2] and not recs.warnings
    for r in recs:
        h, c = tscomplex.complexity_entropy(x, dim=4, tau=r["tau"])
        assert (r["permutation_entropy"], r["statistical_complexity"]) == pytest.approx((h, c), rel=1e-12)
        assert r["regime"] == "stochastic"  # white noise


def test_constant_series_warning_is_data():
    recs = plane_records(Series("s", "c", np.zeros(300), None), dim=4)
    assert recs[0]["permutation_entropy"] == 0.0 and recs[0]["warning"] == ORDINAL
    assert [str(w) for w in recs.warnings] == [f"s [c]: {ORDINAL}"]
