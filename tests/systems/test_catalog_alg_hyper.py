"""The four-variable flows of the catalog (catalog/hyperchaotic_flows.py, and rossler_hyperchaos): Jacobians,
boundedness, and hyperchaos (two positive exponents) exactly where the description claims it."""

from __future__ import annotations

import numpy as np
import pytest
from catalog_alg_checks import (
    check_integrates,
    check_jacobian,
    constant_trace,
    spectrum,
)

from tscomplex import systems

# name: (time units of the spectrum run, lower bounds for lambda_1 and lambda_2 there, about half of long runs)
HYPERCHAOTIC = {
    "hyper_bao": (200, 0.35, 0.05),
    "hyper_cai": (200, 0.8, 0.035),
    "hyper_jha": (200, 0.15, 0.1),
    "hyper_lorenz": (200, 0.12, 0.04),
    "hyper_lu": (100, 0.45, 0.12),
    "hyper_pang": (200, 0.7, 0.04),
    "hyper_qi": (40, 6.0, 1.0),
    "hyper_wang": (600, 0.6, 0.03),
    "hyper_xu": (200, 0.5, 0.05),
    "hyper_yang_chen": (200, 0.18, 0.11),
    "rossler_hyperchaos": (2000, 0.05, 0.008),
}
# chaotic, but the second exponent is zero: one positive exponent at these parameters
ONE_POSITIVE = {"qi": (100, 1.0), "hyper_yan": (200, 0.6)}
FOUR_VARIABLE = sorted([*HYPERCHAOTIC, *ONE_POSITIVE])
# the divergence is constant for these: -a + b - c - d, -a + c - b, ...
CONSTANT_TRACE = {"qi": -46.0, "hyper_bao": -19.0, "hyper_cai": -11.1, "hyper_jha": -10.0 - 1.0 - 2.667 + 1.3,
                  "hyper_lorenz": -10.0 - 1.0 - 2.667 + 1.1, "hyper_lu": -36.0 + 20.0 - 3.0 + 1.3, "hyper_pang": -19.0,
                  "hyper_qi": -50.0 + 24.0 - 13.0 - 8.0, "hyper_wang": -12.5, "hyper_xu": -12.5,
                  "hyper_yang_chen": -33.0}


@pytest.mark.parametrize("name", FOUR_VARIABLE)
def test_jacobian_and_default_run(name):
    check_jacobian(name)
    values = check_integrates(name)
    assert values.shape[1] == 4
    trace = constant_trace(name, values)
    if name in CONSTANT_TRACE:
        assert trace == pytest.approx(CONSTANT_TRACE[name], rel=1e-9)
    else:
        assert trace is None
    assert systems.get(name).dysts_name is not None


@pytest.mark.parametrize("name", sorted(HYPERCHAOTIC))
def test_hyperchaotic(name):
    """Two positive exponents, a zero one, and the sum equal to the constant divergence where there is one."""
    time_units, lower1, lower2 = HYPERCHAOTIC[name]
    exponents, growth = spectrum(name, time_units)
    assert exponents[0] > lower1
    assert exponents[1] > lower2
    assert abs(exponents[2]) < min(0.1, exponents[1])
    assert 1.5 < growth < 2.6
    if name in CONSTANT_TRACE:
        assert exponents.sum() == pytest.approx(CONSTANT_TRACE[name], rel=1e-3)
    assert "yperchaotic" in systems.get(name).description


@pytest.mark.parametrize("name", sorted(ONE_POSITIVE))
def test_chaotic_but_not_hyperchaotic(name):
    time_units, lower1 = ONE_POSITIVE[name]
    exponents, growth = spectrum(name, time_units)
    assert exponents[0] > lower1
    assert 1.5 < growth < 2.6
    assert abs(exponents[1]) < 0.03
    assert exponents[2] < -1.0
    if name in CONSTANT_TRACE:
        assert exponents.sum() == pytest.approx(CONSTANT_TRACE[name], rel=1e-3)
    assert "not hyperchaotic" in systems.get(name).description


def test_hyperchaotic_lorenz_parameter_names_follow_dysts():
    """dysts' HyperLorenz calls the x-y coupling c and the z decay b, HyperJha the other way round."""
    jha, lorenz = systems.get("HyperJha"), systems.get("HyperLorenz")
    state = np.array([1.3, -0.7, 2.1, 0.4])
    out_jha, out_lorenz = np.empty(4), np.empty(4)
    jha.rhs(0.0, state, jha.param_array({"a": 10.0, "b": 28.0, "c": 2.667, "d": 1.1}), out_jha)
    lorenz.rhs(0.0, state, lorenz.param_array({"a": 10.0, "b": 2.667, "c": 28.0, "d": 1.1}), out_lorenz)
    np.testing.assert_allclose(out_jha, out_lorenz, rtol=1e-15)
