"""Chemistry, biology, ecology and neuroscience flows of the dysts catalog (catalog/bio_chem_flows.py).

For each flow: its analytic Jacobian against central differences at points on the attractor, a
bounded run of the default length, and its Lyapunov spectrum from the equations: a positive
largest exponent (or the mark in its description, pinned), and exponents that sum to the mean
divergence of the vector field (the orbit average of trace J, computed here from a separate
simulated trajectory; exactly -6 / tau for the Hopfield network, whose trace is constant).
"""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import systems
from tscomplex.lyapunov import lyapunov_spectrum
from tscomplex.systems import simulate

# name: (dysts name, spectrum steps for a short test run, lowest largest exponent accepted, or None if marked)
FLOWS = {
    "hastings_powell": ("HastingsPowell", 200_000, 0.002),
    "itik_banks_tumor": ("ItikBanksTumor", 100_000, 0.008),
    "salton_sea": ("SaltonSea", 200_000, 0.15),
    "coevolving_predator_prey": ("CoevolvingPredatorPrey", 200_000, 0.001),
    "kawczynski_strizhak": ("KawczynskiStrizhak", 100_000, None),
    "isothermal_chemical": ("IsothermalChemical", 200_000, 0.05),
    "glycolytic_oscillation": ("GlycolyticOscillation", 200_000, 0.002),
    "cellular_neural_network": ("CellularNeuralNetwork", 200_000, 0.04),
    "beer_rnn": ("BeerRNN", 200_000, 0.003),
    "hopfield": ("Hopfield", 100_000, 0.03),
    "forced_brusselator": ("ForcedBrusselator", 200_000, 0.005),
    "forced_fitzhugh_nagumo": ("ForcedFitzHughNagumo", 100_000, None),
    "turchin_hanski": ("TurchinHanski", 200_000, 0.04),
    "circadian_rhythm": ("CircadianRhythm", 100_000, None),
    "ca_two_plus": ("CaTwoPlus", 200_000, 0.15),
    "ca_two_plus_quasiperiodic": ("CaTwoPlusQuasiperiodic", 400_000, None),
    "cell_cycle": ("CellCycle", 200_000, 0.001),
    "excitable_cell": ("ExcitableCell", 200_000, 0.15),
    "belousov_zhabotinsky": ("BelousovZhabotinsky", 1_000_000, 0.004),
    "macarthur": ("MacArthur", 200_000, 0.005),
}
# Driven by an explicit function of t: the forcing phase is not a state, so no zero exponent.
FORCED = {"forced_brusselator", "forced_fitzhugh_nagumo", "turchin_hanski", "circadian_rhythm"}
NAMES = sorted(FLOWS)


def _jacobian_fd(f, p, y, t=0.37):
    d = y.size
    J = np.empty((d, d))
    for k in range(d):
        h = 1e-6 * max(1.0, abs(y[k]))
        a, b = y.copy(), y.copy()
        a[k] += h
        b[k] -= h
        fa, fb = np.empty(d), np.empty(d)
        f(t, a, p, fa)
        f(t, b, p, fb)
        J[:, k] = (fa - fb) / (2 * h)
    return J


@pytest.mark.parametrize("name", NAMES)
def test_registered_with_dysts_name(name):
    system = systems.get(name)
    assert system.kind == "flow"
    assert system.dysts_name == FLOWS[name][0]
    assert systems.get(FLOWS[name][0]).name == name


@pytest.mark.parametrize("name", NAMES)
def test_jacobian_and_bounded_default_run(name):
    system = systems.get(name)
    traj = simulate(name)   # the default length
    values = traj.values
    assert np.all(np.isfinite(values)) and np.abs(values).max() < 1e4
    assert np.all(values.std(axis=0) > 1e-3)
    f, j = system.kernel("rhs"), system.kernel("jac")
    p = system.param_array(system.params)
    d = system.dimension()
    checked = 0
    for index in range(50, values.shape[0], 1013):
        y = np.ascontiguousarray(values[index])
        if name == "cellular_neural_network" and np.min(np.abs(np.abs(y) - 1.0)) < 1e-4:
            continue   # the saturation's kink: the Jacobian exists only off |u| = 1
        J = np.empty((d, d))
        j(0.37, y, p, J)
        fd = _jacobian_fd(f, p, y)
        np.testing.assert_allclose(J, fd, rtol=1e-6, atol=1e-7 * max(1.0, np.abs(fd).max()),
                                   err_msg=f"{name} at {y}")
        checked += 1
    assert checked >= 5


def _mean_divergence(name, n_samples=20_000):
    system = systems.get(name)
    traj = simulate(name, n_samples)
    j = system.kernel("jac")
    p = system.param_array(system.params)
    d = system.dimension()
    J = np.empty((d, d))
    total = 0.0
    for i in range(n_samples):
        j(float(traj.time[i]), np.ascontiguousarray(traj.values[i]), p, J)
        total += np.trace(J)
    return total / n_samples


@pytest.mark.parametrize("name", NAMES)
def test_spectrum(name):
    system = systems.get(name)
    _, n_steps, lowest = FLOWS[name]
    spectrum = lyapunov_spectrum(name, n_steps=n_steps)
    exps = spectrum.exponents
    assert np.all(np.isfinite(exps))
    if lowest is None:     # marked: not presented as chaotic
        assert "not chaotic at these parameters" in system.description or "quasi-periodic" in system.description
        assert exps[0] < 0.005
        if name == "ca_two_plus_quasiperiodic":   # a 2-torus: two zero exponents
            assert abs(exps[1]) < 0.005
    else:
        assert "not chaotic" not in system.description
        assert exps[0] > lowest, exps
        if name not in FORCED:
            assert abs(exps[1]) < 0.2 * exps[0] + 0.002   # the flow direction's zero exponent
    # the exponents sum to the mean divergence of the vector field
    div = _mean_divergence(name)
    assert exps.sum() == pytest.approx(div, rel=0.03, abs=0.003)


def test_hopfield_constant_divergence():
    """No self-coupling: trace J = -6 / tau everywhere, so the exponents sum to -2.4 at tau = 2.5."""
    exps = lyapunov_spectrum("hopfield", n_steps=20_000).exponents
    assert exps.sum() == pytest.approx(-6 / 2.5, abs=1e-6)   # RK4 truncation only
