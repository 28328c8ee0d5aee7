"""Saltation matrices: the tangent-space spectrum of flows whose field jumps across a plane.

The reference is Benettin's two-trajectory estimate on an independent integrator written here: each
side's field in plain numpy, integrated by scipy's DOP853 at 1e-11 up to an event at the plane, then
restarted on the other side (a crossing where the far side's field points back is sliding, and raises).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from tscomplex import systems
from tscomplex.lyapunov.spectrum import lyapunov_spectrum


def _fluid(gamma=1.82, psi=0.01019, w=1.21):
    def f(t, y, side):
        film = (y[0] + psi * y[1] * abs(y[1])) if side < 0 else 0.0
        return np.array([y[1], -1.0 - film + gamma * np.cos(y[2]), w])
    return f, (lambda y: y[0])


def _sprott_more():
    def f(t, y, side):
        return np.array([y[1], -y[0] - side * y[1], y[1] ** 2 - np.exp(-y[0] ** 2)])
    return f, (lambda y: y[2])


def _stick_slip(a=1.0, alpha=0.3, b=1.0, beta=0.3, eps=0.05, gamma=1.0, t0=0.3, vs=0.4, w=2.0):
    def f(t, y, side):
        u = y[1] - vs
        friction = t0 * side - alpha * y[1] + beta * u ** 3
        return np.array([y[1], eps * (gamma * np.cos(y[2]) - friction) + a * y[0] - b * y[0] ** 3, w])
    return f, (lambda y: y[1] - vs)


class Sliding(Exception):
    pass


def _flow(f, h, t, y, t_end, tol=1e-11):
    while t < t_end:
        side = float(np.sign(h(y))) or 1.0

        def event(tt, yy):
            return h(yy)
        event.terminal = True
        event.direction = -side
        sol = solve_ivp(lambda tt, yy: f(tt, yy, side), (t, t_end), y, method="DOP853", rtol=tol, atol=tol,
                        events=event)
        t, y = sol.t[-1], sol.y[:, -1].copy()
        if sol.status == 1:
            far = f(t, y, -side)
            y = y + 1e-9 * far / np.linalg.norm(far)       # a step along the far side's field
            if np.sign(h(y)) == side:
                raise Sliding(t)
    return y


def _benettin(f, h, y0, transient, units, d0=1e-8):
    y = _flow(f, h, 0.0, np.asarray(y0, dtype=float), transient)
    t, w, total = transient, y + d0 * np.eye(y.size)[0], 0.0
    for _ in range(units):
        ya, wa = _flow(f, h, t, y, t + 1.0), _flow(f, h, t, w, t + 1.0)
        distance = np.linalg.norm(wa - ya)
        total += np.log(distance / d0)
        y, w, t = ya, ya + (wa - ya) * (d0 / distance), t + 1.0
    return total / units


def test_fluid_trampoline_exponent_matches_two_trajectories_and_sums_to_the_mean_divergence():
    system = systems.get("fluid_trampoline")
    s = lyapunov_spectrum("fluid_trampoline", n_steps=400_000)          # 2000 time units
    assert s.switching_crossings > 100
    reference = _benettin(*_fluid(), system.initial_condition(), system.transient, 1500)
    assert reference > 0.03
    assert s.exponents[0] == pytest.approx(reference, rel=0.15)
    assert abs(s.exponents[1]) < 2e-3                                    # the phase direction
    # the saltation matrices have determinant 1 (dx/dt does not jump), so the sum is the time average of
    # the trace, -2 psi |y| while in contact (x < 0)
    f, _ = _fluid()
    traj = systems.simulate("fluid_trampoline", 200_000, dt=0.01).values
    trace = np.where(traj[:, 0] < 0, -2 * 0.01019 * np.abs(traj[:, 1]), 0.0)
    assert s.exponents.sum() == pytest.approx(trace.mean(), rel=0.05)


def test_sprott_more_exponent_matches_two_trajectories():
    system = systems.get("sprott_more")
    s = lyapunov_spectrum("sprott_more", n_steps=800_000, dt=0.0025)     # 2000 time units
    reference = _benettin(*_sprott_more(), system.initial_condition(), system.transient, 1000)
    assert s.exponents[0] > 0.15 and reference > 0.15
    assert s.exponents[0] == pytest.approx(reference, rel=0.25)          # grazing crossings: a heavy-tailed average
    assert abs(s.exponents[1]) < 0.01


def test_without_saltation_sprott_more_shows_no_chaos(monkeypatch):
    # the jump is what makes it chaotic: the smooth kernel, blind to it, finds no positive exponent
    system = systems.get("sprott_more")
    monkeypatch.setattr(system, "switching", None)
    s = lyapunov_spectrum("sprott_more", n_steps=400_000)
    assert s.exponents[0] < 0.02 and s.switching_crossings is None


def test_sliding_is_followed_and_the_independent_integrator_meets_it_too():
    # the orbit reaches sliding motion (the stick phase) near t = 204; the spectrum now follows it
    # (tests/lyapunov/test_sliding.py checks the values) and the collapsed direction is -inf
    s = lyapunov_spectrum("stick_slip_oscillator", n_steps=100_000)
    assert s.sliding_intervals > 10 and np.isneginf(s.exponents[-1]) and np.all(np.isfinite(s.exponents[:-1]))
    assert "-inf" in s.collapsed_reason
    system = systems.get("stick_slip_oscillator")
    with pytest.raises(Sliding):
        _flow(*_stick_slip(), 0.0, system.initial_condition(), 2000.0)


def test_the_command_line_gives_a_sliding_spectrum_and_plots_a_switching_spectrum(cli, tmp_path):
    sliding_figure = tmp_path / "sliding.png"        # the -inf exponent has no curve, only a note
    result = cli(["lyapunov", "--system", "StickSlipOscillator", "--spectrum", "--steps", "100000",
                  "--plot", sliding_figure])
    assert result.exit_code == 0, result.stderr
    assert sliding_figure.stat().st_size > 10_000
    record = result.records[0]
    assert record["lyapunov_spectrum"][-1] is None and "-inf" in record["lyapunov_spectrum_reason"]
    assert record["sliding_intervals"] > 10 and record["kaplan_yorke_dimension"] is not None
    figure = tmp_path / "spectrum.png"
    result = cli(["lyapunov", "--system", "sprott_more", "--spectrum", "--steps", "20000", "--plot", figure])
    assert result.exit_code == 0, result.stderr
    assert figure.stat().st_size > 0 and result.records[0]["reorthonormalization_interval"] == pytest.approx(0.1)
    s = lyapunov_spectrum("sprott_more", n_steps=20_000, return_history=True)
    assert s.history.shape[0] > 10 and s.history[-1] == pytest.approx(s.exponents, rel=1e-6, abs=1e-3)
