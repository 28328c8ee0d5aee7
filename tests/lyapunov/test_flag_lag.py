"""The automatic delay of max_lyapunov is at most a quarter of the mean period.

At half a mean period the delay coordinates of an oscillation are mirror copies, at a whole one
equal copies, and the attractor folds onto a line. The delayed logistic map (A = 2.27) rotates
slowly, about 7 samples a turn; its mutual information has its first minimum at 7, a whole turn,
and the divergence curve had no straight rise: "not chaotic". A quarter turn (lag 2) unfolds it.
"""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.embedding import mean_period
from tscomplex.lyapunov import auto_lag, max_lyapunov


def delayed_logistic(a=2.27, n=10_000, transient=2000):
    """x_{k+1} = a x_k (1 - x_{k-1}), and lambda from the QR of the Jacobians along the orbit (plain numpy)."""
    x, y = 0.1, 0.1
    q = np.eye(2)
    total = 0.0
    out = np.empty(n)
    for k in range(transient + n):
        jac = np.array([[a * (1.0 - y), -a * x], [1.0, 0.0]])
        x, y = a * x * (1.0 - y), x
        if k >= transient:
            out[k - transient] = x
            q, r = np.linalg.qr(jac @ q)
            total += np.log(abs(r[0, 0]))
    return out, total / n


def test_the_delayed_logistic_map_gets_a_quarter_turn_delay_and_is_chaotic():
    x, reference = delayed_logistic()
    assert reference == pytest.approx(0.183, abs=0.01)  # Sprott 2003: 0.18312
    assert auto_lag(x) >= round(mean_period(x) / 2)  # the mutual information alone: a whole turn
    from tscomplex.lyapunov.data import choose_embedding

    # the embedding rules alone (no map test) cut the lag to a quarter turn
    assert choose_embedding(x).lag == max(1, round(mean_period(x) / 4))
    # max_lyapunov first recognises a deterministic map (next value predicted from two): delay 1, dimension 2
    result = max_lyapunov(x)
    assert (result.lag, result.dim, result.deterministic_map) == (1, 2, True)
    assert result.chaotic is True, result.reason
    assert result.max_lyapunov == pytest.approx(reference, rel=0.10)


def test_a_given_lag_is_taken_as_given():
    x, _ = delayed_logistic(n=5000)
    assert max_lyapunov(x, lag=7).lag == 7


def test_a_flow_keeps_its_mutual_information_delay():
    """Lorenz-like delays sit far below a quarter period: a sine sampled 400 times a period keeps its own."""
    t = np.arange(20_000) * 0.01
    x = np.sin(2 * np.pi * t / 4.0) + 0.5 * np.sin(2 * np.pi * t * (1 + 5 ** 0.5) / 8.0)
    lag = auto_lag(x)
    assert lag < mean_period(x) / 4
    assert max_lyapunov(x).lag == lag


def test_the_record_says_when_the_quarter_period_bound_chose_the_lag():
    """Every automatic choice is in the record: a lag cut by the bound is named so (the delayed logistic map:
    mutual information 7, a quarter turn 2), a lag the method chose keeps the method's name, a given lag none."""
    from tscomplex.embedding import auto_lag, quarter_period
    from tscomplex.io import Series
    from tscomplex.records.lyapunov import lyapunov_records

    x, _ = delayed_logistic()
    # with 5% observational noise the map is no longer predicted far better than linearly (see
    # tests/lyapunov/test_flag2_map.py), so the delay comes from the mutual information, cut by the bound
    x = x + 0.05 * x.std() * np.random.default_rng(1).standard_normal(x.size)
    assert quarter_period(x) < auto_lag(x, "mi")
    record = lyapunov_records(Series("s", "v", x))[0]
    assert record["deterministic_map"] is False
    assert record["embedding_lag"] == quarter_period(x) and record["embedding_lag_method"] == "quarter_mean_period"
    noise = np.random.default_rng(5).standard_normal(5_000)
    assert auto_lag(noise, "mi") <= quarter_period(noise)
    assert lyapunov_records(Series("s", "v", noise))[0]["embedding_lag_method"] == "mi"
    record = lyapunov_records(Series("s", "v", x), lag=3)[0]
    assert record["embedding_lag"] == 3 and record["embedding_lag_method"] is None
