"""A divergence curve with no straight stretch that still climbs where it had to stop is a slow divergence cut
short (chaotic null, still_rising), not a curve with nowhere to go (found on flows outside the corpus: Aizawa,
Sprott K, Rossler x at 10^4 samples read chaotic false)."""

import numpy as np
import pytest

from tscomplex import simulate
from tscomplex.lyapunov import max_lyapunov
from tscomplex.lyapunov.flag import MIN_RISE, RULE_UNSATURATED, still_rising


def test_still_rising_on_hand_curves():
    k = np.arange(200.0)
    climbing = 2.0 * np.log1p(k / 20.0)  # concave, no straight stretch, rises ln(11) * 2 = 4.8 e-folds
    assert still_rising(climbing, saturated=False) == pytest.approx(climbing[-1] - climbing[0])
    assert still_rising(climbing, saturated=True) is None
    small = 0.5 * MIN_RISE * k / k[-1]
    assert still_rising(small, saturated=False) is None  # under an e-fold: a periodic orbit's drift
    assert still_rising(np.full(5, 1.0), saturated=False) is None


@pytest.mark.parametrize("name", ["aizawa", "sprott_k"])
def test_a_slow_flow_cut_short_is_undecided_not_regular(name):
    x = simulate(name, n=10_000).values[:, 0]
    r = max_lyapunov(x)
    assert r.chaotic is None and r.chaotic_rule == RULE_UNSATURATED, (r.chaotic, r.chaotic_rule)
    assert "still rises" in r.reason
    assert r.max_lyapunov is None


@pytest.mark.parametrize("kind", ["white", "sine", "sine_noise"])
def test_noise_and_periodic_curves_still_read_false(kind):
    rng = np.random.default_rng(3)
    t = np.arange(10_000.0)
    x = {"white": rng.standard_normal(t.size), "sine": np.sin(t / 7.3),
         "sine_noise": np.sin(t / 7.3) + 0.05 * rng.standard_normal(t.size)}[kind]
    r = max_lyapunov(x)
    assert r.chaotic is False and r.chaotic_rule != RULE_UNSATURATED, (r.chaotic, r.chaotic_rule)
