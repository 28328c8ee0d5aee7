"""SALI and GALI_k of Hénon-Heiles orbits: exponential fall for chaos, a positive plateau or a power law for order."""

import numpy as np
import pytest

from tscomplex import gali, sali


def hh_ic(energy, y, x=0.0, py=0.0):
    """(x, y, px, py) on the energy surface, px > 0 from H = E."""
    v = 0.5 * (x * x + y * y) + x * x * y - y ** 3 / 3.0
    return [x, y, float(np.sqrt(2.0 * (energy - v) - py * py)), py]


CHAOTIC = hh_ic(1 / 6, -0.1)
REGULAR = hh_ic(1 / 12, 0.1)


def _energy(state):
    x, y, px, py = state
    return 0.5 * (px * px + py * py) + 0.5 * (x * x + y * y) + x * x * y - y ** 3 / 3.0


def test_initial_conditions_lie_on_their_energy_surfaces():
    assert _energy(CHAOTIC) == pytest.approx(1 / 6, abs=1e-12)
    assert _energy(REGULAR) == pytest.approx(1 / 12, abs=1e-12)


def test_sali_falls_exponentially_for_a_chaotic_orbit():
    r = sali("henon_heiles", ic=CHAOTIC, t_max=600)
    assert r.chaotic is True and 0 < r.decision_time < 600
    # exponential: on its way down to 1e-8, log SALI is a line in t rather than in log t (a power law)
    keep = (r.times >= 20) & (r.times <= r.decision_time)
    t, v = r.times[keep], np.log(r.values[keep])
    slope_t = np.polyfit(t, v, 1)
    assert slope_t[0] < -0.02
    resid_lin = np.sum((v - np.polyval(slope_t, t)) ** 2)
    resid_pow = np.sum((v - np.polyval(np.polyfit(np.log(t), v, 1), np.log(t))) ** 2)
    assert resid_lin < resid_pow
    assert r.values[-1] < 1e-8


def test_sali_stays_away_from_zero_for_a_regular_orbit():
    r = sali("henon_heiles", ic=REGULAR, t_max=1000)
    assert r.chaotic is False and r.decision_time is None
    assert r.values[r.times > 100].min() > 0.1


def test_gali_power_laws_of_a_regular_orbit():
    # N = 2 degrees of freedom: GALI_2 stays positive, GALI_3 ~ t^-2, GALI_4 ~ t^-4 (Skokos et al. 2007)
    g2 = gali("henon_heiles", ic=REGULAR, k=2, t_max=1000)
    assert g2.values[g2.times > 100].min() > 0.1 and g2.chaotic is False
    for k, power in ((3, -2.0), (4, -4.0)):
        g = gali("henon_heiles", ic=REGULAR, k=k, t_max=1000)
        late = g.times > 50
        slope = np.polyfit(np.log(g.times[late]), np.log(g.values[late]), 1)[0]
        assert slope == pytest.approx(power, abs=0.3)
        assert g.chaotic is None and "power law" in g.reason


def test_gali_falls_for_a_chaotic_orbit():
    g = gali("henon_heiles", ic=CHAOTIC, k=2, t_max=600)
    assert g.chaotic is True


def test_sali_equals_gali_2_up_to_a_bounded_factor():
    # both measure how far two unit vectors are from alignment: SALI ~ GALI_2 within a factor 2 (Skokos 2007)
    s = sali("henon_heiles", ic=REGULAR, t_max=200)
    g = gali("henon_heiles", ic=REGULAR, k=2, t_max=200)
    ratio = s.values / g.values
    assert np.all(ratio > 0.5) and np.all(ratio < np.sqrt(2) + 1e-9)


def test_dissipative_system_has_no_verdict():
    r = sali("lorenz", t_max=50)
    assert r.chaotic is None and "volume" in r.reason


def test_wrong_ic_length_and_delay_system_are_clear_errors():
    with pytest.raises(ValueError, match="needs 4 values"):
        sali("henon_heiles", ic=[0.1, 0.2])
    with pytest.raises(ValueError, match="delay equation"):
        sali("mackey_glass")
    with pytest.raises(ValueError, match="k = 5"):
        gali("henon_heiles", k=5)


def test_standard_map_chaotic_and_regular_orbits():
    # a 2-D area-preserving map has N = 1: SALI of a regular orbit decays too, as t^-2, so it gets no verdict
    chaotic = sali("standard", ic=[0.5, 0.3], params={"K": 2.0}, t_max=10_000)
    assert chaotic.chaotic is True and chaotic.decision_time < 100
    regular = sali("standard", ic=[3.0, 0.1], params={"K": 0.5}, t_max=10_000)
    assert regular.chaotic is None and "t^-2" in regular.reason
    late = regular.times > 100
    slope = np.polyfit(np.log(regular.times[late]), np.log(regular.values[late]), 1)[0]
    assert slope == pytest.approx(-2.0, abs=0.3)


def test_sali_map_agrees_with_single_orbits_and_the_energy_surface():
    from tscomplex.lyapunov.indicator_map import sali_map

    m = sali_map("henon_heiles", 1 / 8, y_range=(-0.5, 0.7), py_range=(-0.5, 0.5), points=5, t_max=300)
    for i, py in enumerate(m.py):
        for j, y in enumerate(m.y):
            # allowed exactly where V(0, y) + py^2 / 2 <= E
            allowed = 0.5 * y * y - y ** 3 / 3 + 0.5 * py * py <= 1 / 8
            assert (m.chaotic[i][j] is not None) == allowed
    # the centre point, (y, py) = (0.1, 0), is a single orbit: the same verdict as sali() gives
    px = np.sqrt(2 * (1 / 8 - (0.5 * 0.01 - 0.001 / 3)))
    single = sali("henon_heiles", ic=[0.0, 0.1, px, 0.0], t_max=300)
    assert m.chaotic[2][2] == single.chaotic
    assert m.final[2, 2] == pytest.approx(single.values[-1], rel=1e-6, abs=1e-12)


def test_sali_map_is_the_same_on_one_thread_and_on_several():
    from tscomplex.lyapunov.indicator_map import sali_map

    kw = dict(y_range=(-0.4, 0.6), py_range=(-0.4, 0.4), points=4, t_max=200)
    one = sali_map("henon_heiles", 1 / 8, threads=1, **kw)
    three = sali_map("henon_heiles", 1 / 8, threads=3, **kw)
    np.testing.assert_array_equal(one.final, three.final)
    np.testing.assert_array_equal(one.decision_time, three.decision_time)
    assert one.chaotic == three.chaotic


def test_sali_map_needs_a_two_degree_of_freedom_hamiltonian():
    from tscomplex.lyapunov.indicator_map import sali_map

    with pytest.raises(ValueError, match="Hamiltonian of 2 degrees of freedom"):
        sali_map("lorenz", 1.0, points=2)
