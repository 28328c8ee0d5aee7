"""Bandt's pattern contrasts (d = 3): a plain formula written here, symmetries, white noise, and ordpy."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import pattern_contrasts
from tscomplex.ordinal.contrasts import CONTRASTS, contrasts_from_probabilities


def plain_contrasts(x, tau):
    """Frequencies of the rank vectors of (x_t, x_t+tau, x_t+2tau), earlier sample smaller on ties."""
    x = np.asarray(x, dtype=float)
    counts = {}
    n = x.size - 2 * tau
    for t in range(n):
        w = x[t:t + 2 * tau + 1:tau]
        ranks = np.empty(3, dtype=int)
        ranks[np.argsort(w, kind="stable")] = [1, 2, 3]
        key = "".join(map(str, ranks))
        counts[key] = counts.get(key, 0) + 1
    p = {k: counts.get(k, 0) / n for k in ("123", "132", "213", "231", "312", "321")}
    return {"up_down_balance": p["123"] - p["321"], "persistence": p["123"] + p["321"],
            "rotational_asymmetry": p["213"] + p["231"] - p["132"] - p["312"],
            "up_down_scaling": p["132"] + p["213"] - p["231"] - p["312"]}


RNG = np.random.default_rng(23)
SERIES = {"noise": RNG.normal(size=3000), "walk": np.cumsum(RNG.normal(size=2000)),
          "ties": RNG.integers(0, 3, size=1000).astype(float),
          "saw": np.tile(np.r_[np.arange(7.0), [3.0]], 100)}


@pytest.mark.parametrize("name", sorted(SERIES))
@pytest.mark.parametrize("tau", [1, 2, 5])
def test_matches_plain_formula(name, tau):
    got = pattern_contrasts(SERIES[name], tau)
    want = plain_contrasts(SERIES[name], tau)
    for key in CONTRASTS:
        assert got[key] == pytest.approx(want[key], abs=1e-14)


@pytest.mark.parametrize("name", ["noise", "walk", "saw"])
def test_negation_and_time_reversal(name):
    x = SERIES[name]
    c, neg, rev = pattern_contrasts(x), pattern_contrasts(-x), pattern_contrasts(x[::-1])
    assert neg["up_down_balance"] == pytest.approx(-c["up_down_balance"], abs=1e-14)
    assert neg["persistence"] == pytest.approx(c["persistence"], abs=1e-14)
    assert neg["rotational_asymmetry"] == pytest.approx(c["rotational_asymmetry"], abs=1e-14)
    assert neg["up_down_scaling"] == pytest.approx(-c["up_down_scaling"], abs=1e-14)
    assert rev["up_down_balance"] == pytest.approx(-c["up_down_balance"], abs=1e-14)
    assert rev["rotational_asymmetry"] == pytest.approx(-c["rotational_asymmetry"], abs=1e-14)
    assert rev["up_down_scaling"] == pytest.approx(-c["up_down_scaling"], abs=1e-14)


def test_known_values():
    up = pattern_contrasts(np.arange(30.0))
    assert up == {"up_down_balance": 1.0, "persistence": 1.0, "rotational_asymmetry": 0.0, "up_down_scaling": 0.0}
    noise = pattern_contrasts(np.random.default_rng(1).uniform(size=300_000))
    assert noise["persistence"] == pytest.approx(1 / 3, abs=0.005)
    for key in ("up_down_balance", "rotational_asymmetry", "up_down_scaling"):
        assert noise[key] == pytest.approx(0.0, abs=0.005)


def test_bad_input():
    with pytest.raises(ValueError, match="dim=3"):
        contrasts_from_probabilities(np.ones(24) / 24)
    with pytest.raises(ValueError, match="too short"):
        pattern_contrasts([1.0, 2.0])


@pytest.mark.parametrize("name", sorted(SERIES))
@pytest.mark.parametrize("tau", [1, 3])
def test_against_ordpy(name, tau):
    ordpy = pytest.importorskip("ordpy")
    theirs = ordpy.permutation_contrasts(SERIES[name], taux=tau)
    ours = pattern_contrasts(SERIES[name], tau)
    for key, value in zip(CONTRASTS, theirs):
        assert ours[key] == pytest.approx(value, abs=1e-10)
