"""The physics and engineering flows of the catalog (issue 18): Jacobians, boundedness, Lyapunov spectra, sums.

Each system is checked three ways: its analytic Jacobian against central
differences of its right-hand side (written here in plain numpy) at points
on the attractor; a run of its default length that stays finite; and its
Lyapunov spectrum from the equations, whose largest exponent must be
positive (chaos) and whose sum must equal the divergence of the vector field
where that divergence is a constant.
"""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import systems
from tscomplex.lyapunov.spectrum import lyapunov_spectrum
from tscomplex.systems import simulate

# name: (dysts name, constant divergence of the field or None, steps of a short spectrum run,
#        lower bound on the largest exponent from that run (half the converged value or less))
FLOWS = {
    "anishchenko_astakhov": ("AnishchenkoAstakhov", None, 400_000, 0.02),
    "colpitts": ("Colpitts", lambda p: -p["b"] - p["d"], 300_000, 0.05),
    "jerk_circuit": ("JerkCircuit", lambda p: -1.0, 300_000, 0.035),
    "laser": ("Laser", lambda p: -p["a"] + p["h"], 300_000, 0.28),
    "lorenz_stenflo": ("LorenzStenflo", lambda p: -2 * p["a"] - 1 - p["b"], 200_000, 0.19),
    "hadley": ("Hadley", None, 200_000, 0.1),
    "rayleigh_benard": ("RayleighBenard", lambda p: -p["a"] + p["r"] - p["b"], 300_000, 0.9),
    "vallis_el_nino": ("VallisElNino", lambda p: -p["c"] - 2.0, 300_000, 0.27),
    "blasius": ("Blasius", None, 300_000, 0.03),
    "lorenz_bounded": ("LorenzBounded", None, 200_000, 0.35),
    "lorenz_coupled": ("LorenzCoupled", lambda p: -2 * p["sigma"] - 2 - 2 * p["beta"] - p["eps"], 150_000, 0.5),
    "multi_chua": ("MultiChua", None, 200_000, 0.14),
    "arnold_beltrami_childress": ("ArnoldBeltramiChildress", lambda p: 0.0, 200_000, 0.04),
    "windmi_reduced": ("WindmiReduced", None, 500_000, 0.03),
    "hindmarsh_rose_rescaled": ("HindmarshRose", None, 300_000, 0.1),
}
# forced (non-autonomous) flows: no zero exponent from the phase, which is not part of the state
FORCED = {
    "double_gyre": ("DoubleGyre", lambda p: 0.0, 200_000, 0.025),
    "oscillating_flow": ("OscillatingFlow", lambda p: 0.0, 200_000, 0.04),
    "bickley_jet": ("BickleyJet", lambda p: 0.0, 100_000, 0.05 / 86400),     # about 0.1 per day
    # polar coordinates: div of (dr/dt, dth/dt) is -(dr/dt)/r, zero only on average
    "blinking_rotlet": ("BlinkingRotlet", None, 300_000, 0.25),
    "blinking_vortex": ("BlinkingVortex", None, 300_000, 0.35),
    "lid_driven_cavity": ("LidDrivenCavityFlow", lambda p: 0.0, 300_000, 0.25),
    "interior_squirmer": ("InteriorSquirmer", None, 300_000, 0.2),
}
# chaotic, but with small exponents that need long averages (seconds)
SLOW_FLOWS = {
    "nose_hoover": ("NoseHoover", None, None, 0.006),
    "atmospheric_regime": ("AtmosphericRegime", None, None, 0.005),
}
ALL = {**FLOWS, **SLOW_FLOWS, **FORCED, "torus": ("Torus", None, None, None)}


def _fd_jacobian(f, y, p, t=0.37):
    """Central differences of the compiled right-hand side, one column at a time."""
    d = y.size
    J = np.empty((d, d))
    for c in range(d):
        step = 1e-6 * max(1.0, abs(y[c]))
        plus, minus = y.copy(), y.copy()
        plus[c] += step
        minus[c] -= step
        fp, fm = np.empty(d), np.empty(d)
        f(t, plus, p, fp)
        f(t, minus, p, fm)
        J[:, c] = (fp - fm) / (2 * step)
    return J


@pytest.mark.parametrize("name", sorted(ALL))
def test_jacobian_matches_finite_differences_on_the_attractor(name):
    system = systems.get(name)
    traj = simulate(name, 2000)
    f, j = system.kernel("rhs"), system.kernel("jac")
    p = system.param_array(system.params)
    d = system.dimension()
    for index in (100, 700, 1300, 1999):
        y = np.ascontiguousarray(traj.values[index])
        for t in (0.37, 5.1):
            J = np.empty((d, d))
            j(t, y, p, J)
            fd = _fd_jacobian(f, y, p, t)
            scale = max(1.0, np.abs(fd).max())
            np.testing.assert_allclose(J, fd, rtol=1e-6, atol=1e-7 * scale, err_msg=f"{name} at {y}")


@pytest.mark.parametrize("name", sorted(ALL))
def test_default_run_is_finite_and_moving(name):
    system = systems.get(name)
    traj = simulate(name)                       # the default length
    assert traj.values.shape == (10_000, system.dimension())
    assert np.all(np.isfinite(traj.values))
    assert np.all(traj.values.std(axis=0) > 1e-3)
    assert system.dysts_name == ALL[name][0]
    assert systems.get(system.dysts_name) is system     # dysts' name finds it too


def _spectrum_case(name, table, autonomous=True):
    _, divergence, n_steps, lower = table[name]
    system = systems.get(name)
    s = lyapunov_spectrum(name, n_steps=n_steps)
    assert s.exponents[0] > lower, f"{name}: largest exponent {s.exponents[0]} is not clearly positive"
    if autonomous:   # one zero exponent, along the flow: the second is small next to the first
        assert abs(s.exponents[1]) < 0.1 * s.exponents[0]
    if divergence is not None:
        assert s.exponents.sum() == pytest.approx(divergence(system.params), rel=1e-3, abs=1e-4)
    assert not system.references or system.references[0].max_exponent > 0
    return s


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_spectrum_is_chaotic_and_sums_to_the_divergence(name):
    _spectrum_case(name, FLOWS)


@pytest.mark.parametrize("name", sorted(FORCED))
def test_forced_area_preserving_flows_are_chaotic_with_opposite_exponents(name):
    s = _spectrum_case(name, FORCED, autonomous=False)
    # Cartesian area-preserving fields: exactly (l, -l); polar ones only on average (div = -(dr/dt) / r)
    exact = FORCED[name][1] is not None
    assert s.exponents[1] == pytest.approx(-s.exponents[0], abs=1e-6 if exact else 0.05 * s.exponents[0])


def test_torus_is_quasi_periodic_not_chaotic():
    """The torus' velocity depends on t only: every exponent is zero and the orbit is the closed-form one."""
    system = systems.get("torus")
    assert "NOT chaotic" in system.description
    s = lyapunov_spectrum("torus")
    np.testing.assert_array_equal(s.exponents, [0.0, 0.0, 0.0])
    traj = simulate("torus", 2000, dt=0.05)
    t = traj.time
    a, n, r = 0.5, 15.3, 1.0
    expected = np.column_stack([(r + a * np.cos(n * t)) * np.cos(t), (r + a * np.cos(n * t)) * np.sin(t),
                                a * np.sin(n * t)])
    np.testing.assert_allclose(traj.values, expected, atol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW_FLOWS))
def test_spectrum_of_slow_flows_is_chaotic(name):
    _spectrum_case(name, SLOW_FLOWS)


def test_hadley_is_lorenz84_at_other_parameters():
    """dysts' Hadley is the Lorenz-84 model: the same equations as ``lorenz84`` with a = 0.2, F = 9."""
    y = np.array([0.3, -0.7, 1.1])
    out1, out2 = np.empty(3), np.empty(3)
    h, l84 = systems.get("hadley"), systems.get("lorenz84")
    h.kernel("rhs")(0.0, y, h.param_array(h.params), out1)
    l84.kernel("rhs")(0.0, y, l84.param_array({"a": 0.2, "b": 4.0, "F": 9.0, "G": 1.0}), out2)
    np.testing.assert_array_equal(out1, out2)


def test_nose_hoover_is_volume_preserving_on_average():
    """div f = z, and the thermostat variable averages to zero on the chaotic sea: the sum of exponents is ~0."""
    traj = simulate("nose_hoover", 20_000)
    assert abs(traj.values[:, 2].mean()) < 0.05
    s = lyapunov_spectrum("nose_hoover", n_steps=300_000)
    assert abs(s.exponents.sum()) < 0.01


def test_multi_chua_nonlinearity_is_the_piecewise_linear_one():
    """h(x) against an independent construction: the odd piecewise-linear function through its breakpoints."""
    system = systems.get("multi_chua")
    f = system.kernel("rhs")
    p = system.param_array(system.params)
    slopes = np.array([-1, 2, -4, 2, -4, 2]) / 7
    breaks = np.array([0.0, 1.0, 2.15, 3.6, 8.2, 13.0, 40.0])
    knots = np.concatenate([[0.0], np.cumsum(slopes * np.diff(breaks))])   # h at the breakpoints, x >= 0
    for x in np.linspace(-30, 30, 241):
        out = np.empty(3)
        f(0.0, np.array([x, 0.0, 0.0]), p, out)            # dx/dt = a (0 - h(x))
        want = np.sign(x) * np.interp(abs(x), breaks, knots)
        assert -out[0] / 9.0 == pytest.approx(want, abs=1e-12)


# --------------------------------------------------------------------------- delay equations

# name: (dysts name, steps of a short spectrum run, lower bound on its largest exponent)
DELAYS = {
    "ikeda_delay": ("IkedaDelay", 100_000, 0.2),
    "sprott_delay": ("SprottDelay", 200_000, 0.02),
    "scroll_delay": ("ScrollDelay", 100_000, 0.012),
    "voss_delay": ("VossDelay", 200_000, 0.007),
    "piecewise_circuit": ("PiecewiseCircuit", 100_000, 0.01),
}


@pytest.mark.parametrize("name", sorted(DELAYS))
def test_delay_jacobian_run_and_spectrum(name):
    system = systems.get(name)
    assert system.kind == "delay" and system.dysts_name == DELAYS[name][0]
    traj = simulate(name)
    assert np.all(np.isfinite(traj.values)) and traj.values.std() > 1e-2
    f, j = system.kernel("rhs"), system.kernel("jac")
    p = system.param_array(system.params)
    lag = int(round(system.params["tau"] / traj.dt))
    for index in (lag + 10, 4000, 9999):
        y = np.ascontiguousarray(traj.values[index])
        yd = np.ascontiguousarray(traj.values[index - lag])
        J = np.empty((1, 2))
        j(0.0, y, yd, p, J)
        fd = np.empty(2)
        for c, base in enumerate((y, yd)):
            step = 1e-6 * max(1.0, abs(base[0]))
            outs = []
            for sign in (1, -1):
                moved = base.copy()
                moved[0] += sign * step
                out = np.empty(1)
                f(0.0, moved if c == 0 else y, yd if c == 0 else moved, p, out)
                outs.append(out[0])
            fd[c] = (outs[0] - outs[1]) / (2 * step)
        np.testing.assert_allclose(J[0], fd, rtol=1e-6, atol=1e-7 * max(1.0, np.abs(fd).max()))
    _, n_steps, lower = DELAYS[name]
    s = lyapunov_spectrum(name, n_steps=n_steps)
    assert s.exponents[0] > lower


def test_sprott_delay_is_the_ikeda_form_at_c_0_mu_1():
    """dysts' SprottDelay is its IkedaDelay with c = 0, mu = 1, x0 = 0: dx/dt = sin(x(t - tau))."""
    sprott, ikeda = systems.get("sprott_delay"), systems.get("ikeda_delay")
    for u in (-2.0, 0.3, 7.5):
        a, b = np.empty(1), np.empty(1)
        y, yd = np.array([0.9]), np.array([u])
        sprott.kernel("rhs")(0.0, y, yd, sprott.param_array(sprott.params), a)
        ikeda.kernel("rhs")(0.0, y, yd, ikeda.param_array({"c": 0.0, "mu": 1.0, "x0": 0.0, "tau": 5.1}), b)
        assert a[0] == pytest.approx(np.sin(u), abs=1e-15) and b[0] == pytest.approx(a[0], abs=1e-15)


def test_a_delay_must_be_positive():
    with pytest.raises(ValueError, match="tau must be positive"):
        simulate("voss_delay", 10, params={"tau": -1.0})


# --------------------------------------------------------------------------- Hamiltonian orbits


def test_nuclear_quadrupole_is_chaotic_symplectic_and_conserves_energy():
    system = systems.get("nuclear_quadrupole")
    assert system.kind == "hamiltonian" and system.dysts_name == "NuclearQuadrupole"
    traj = simulate("nuclear_quadrupole")
    # leapfrog at step 0.002: the energy error stays bounded and small (no drift)
    assert traj.info["energy_relative_error"] < 1e-4
    s = lyapunov_spectrum("nuclear_quadrupole", n_steps=300_000)
    assert s.exponents[0] > 0.15
    # a Hamiltonian spectrum comes in pairs (l, -l) (to the accuracy of a finite run; the sum is exactly
    # the zero divergence); the energy and the flow direction give the two zeros
    assert abs(s.exponents.sum()) < 1e-6
    np.testing.assert_allclose(s.exponents, -s.exponents[::-1], atol=0.01 * s.exponents[0])
    assert abs(s.exponents[1]) < 0.02 * s.exponents[0]


def test_nuclear_quadrupole_force_is_minus_the_potential_gradient():
    """The flow's force against central differences of an independently written potential (in plain numpy)."""
    system = systems.get("nuclear_quadrupole")
    a, b, d = 1.3, 0.55, 0.4
    p = system.param_array({"a": a, "b": b, "d": d})

    def potential(q1, q2):
        r2 = q1 * q1 + q2 * q2
        return a * r2 / 2 - b / np.sqrt(2) * (q1 ** 3 - 3 * q1 * q2 ** 2) + d * r2 * r2 / 4

    for q1, q2 in ((0.3, -0.8), (-1.2, 0.5), (0.9, 1.1)):
        out = np.empty(4)
        system.kernel("rhs")(0.0, np.array([q1, q2, 0.7, -0.2]), p, out)
        h = 1e-6
        grad = [(potential(q1 + h, q2) - potential(q1 - h, q2)) / (2 * h),
                (potential(q1, q2 + h) - potential(q1, q2 - h)) / (2 * h)]
        np.testing.assert_allclose(out[2:], -a * np.array(grad), rtol=1e-7)      # dv/dt = a dp/dt = -a dV/dq
        np.testing.assert_allclose(out[:2], [0.7, -0.2])


def _atwood_energy(values, m1=1.0, m2=4.5, g=9.81):
    r, th, pr, pth = values.T
    return pr ** 2 / (2 * (m1 + m2)) + pth ** 2 / (2 * m1 * r ** 2) + g * r * (m2 - m1 * np.cos(th))


def test_swinging_atwood_conserves_energy_and_is_marked_not_chaotic():
    system = systems.get("swinging_atwood")
    assert "NOT chaotic" in system.description and system.dysts_name == "SwingingAtwood"
    traj = simulate("swinging_atwood")
    energy = _atwood_energy(traj.values)
    assert np.abs(energy - energy[0]).max() < 1e-6 * abs(energy[0])
    # a regular orbit: the finite-time exponent keeps falling like 1/T instead of settling
    short = lyapunov_spectrum("swinging_atwood", n_steps=200_000).exponents[0]
    long = lyapunov_spectrum("swinging_atwood", n_steps=800_000).exponents[0]
    assert long < 0.5 * short


def test_arnold_web_is_weakly_chaotic_and_symplectic():
    system = systems.get("arnold_web")
    assert system.dysts_name == "ArnoldWeb"
    s = lyapunov_spectrum("arnold_web", n_steps=250_000)
    assert s.exponents[0] > 0.002                       # chaos in a thin resonance layer: small but positive
    assert abs(s.exponents.sum()) < 1e-6
    np.testing.assert_allclose(s.exponents, -s.exponents[::-1], atol=0.05 * s.exponents[0])


@pytest.mark.parametrize("name", ["swinging_atwood", "arnold_web", "nuclear_quadrupole"])
def test_hamiltonian_jacobians_match_finite_differences(name):
    system = systems.get(name)
    traj = simulate(name, 2000)
    f, j = system.kernel("rhs"), system.kernel("jac")
    p = system.param_array(system.params)
    for index in (10, 900, 1999):
        y = np.ascontiguousarray(traj.values[index])
        J = np.empty((4, 4))
        j(0.37, y, p, J)
        fd = _fd_jacobian(f, y, p)
        np.testing.assert_allclose(J, fd, rtol=1e-6, atol=1e-7 * max(1.0, np.abs(fd).max()))


# --------------------------------------------------------------------------- dysts names on systems we already had


@pytest.mark.parametrize("dysts_name,name", [
    ("RikitakeDynamo", "rikitake"), ("Duffing", "duffing"), ("ForcedVanDerPol", "van_der_pol"),
    ("DoublePendulum", "double_pendulum"), ("Lorenz96", "lorenz96"), ("MackeyGlass", "mackey_glass"),
    ("HenonHeiles", "henon_heiles")])
def test_dysts_names_find_the_same_system(dysts_name, name):
    assert systems.get(dysts_name).name == name
    assert systems.get(name).dysts_name == dysts_name


def test_rikitake_is_dysts_rikitake_dynamo_and_chaotic_at_both_parameter_sets():
    """Same equations as dysts' RikitakeDynamo; dysts' defaults (mu = a = 1) are chaotic too, with trace -2 mu."""
    for params in (None, {"mu": 1.0, "a": 1.0}):
        s = lyapunov_spectrum("rikitake", params=params, n_steps=200_000)
        mu = 2.0 if params is None else 1.0
        assert s.exponents[0] > 0.05
        assert s.exponents.sum() == pytest.approx(-2 * mu, rel=1e-3)


def test_bickley_jet_velocity_is_the_stream_function_gradient():
    """u = -dpsi/dy, v = dpsi/dx with psi written here independently (central differences in plain numpy)."""
    system = systems.get("bickley_jet")
    P = system.params
    p = system.param_array(P)
    eps = np.array([P["eps1"], P["eps2"], P["eps3"]])
    k = np.array([P["k1"], P["k2"], P["k3"]])
    c = np.array([P["c1"], P["c2"], P["c3"]])
    L, U = P["ell"], P["U"]

    def psi(x, y, t):
        return -U * L * np.tanh(y / L) + U * L / np.cosh(y / L) ** 2 * np.sum(eps * np.cos(k * (x - c * t)))

    h = 1e-5
    for x, y, t in ((1.0, 0.4, 0.0), (7.3, -2.1, 3e5), (15.0, 1.2, 1e7)):
        out = np.empty(2)
        system.kernel("rhs")(t, np.array([x, y]), p, out)
        u = -(psi(x, y + h, t) - psi(x, y - h, t)) / (2 * h)
        v = (psi(x + h, y, t) - psi(x - h, y, t)) / (2 * h)
        np.testing.assert_allclose(out, [u, v], rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("name,no_slip", [("blinking_rotlet", True), ("blinking_vortex", False),
                                          ("interior_squirmer", False)])
def test_disc_flows_are_incompressible_and_respect_the_wall(name, no_slip):
    """(1/r) d(r v_r)/dr + (1/r) dv_th/dth = 0 inside; v_r = 0 on the wall r = a; v_th = 0 there only for no slip."""
    system = systems.get(name)
    f = system.kernel("rhs")
    p = system.param_array(system.params)

    def velocity(r, th, t):
        out = np.empty(2)
        f(t, np.array([r, th]), p, out)
        return out[0], out[1] * r

    h = 1e-6
    for r, th, t in ((0.3, 0.5, 0.2), (0.7, 2.0, 1.0), (0.5, -1.0, 2.2), (0.95, 1.0, 0.7)):
        div = (((r + h) * velocity(r + h, th, t)[0] - (r - h) * velocity(r - h, th, t)[0]) / (2 * h)
               + (velocity(r, th + h, t)[1] - velocity(r, th - h, t)[1]) / (2 * h)) / r
        assert abs(div) < 1e-7
        vr, vth = velocity(1.0, th, t)
        assert abs(vr) < 1e-12
        assert (abs(vth) < 1e-12) == no_slip


def test_lid_driven_cavity_is_incompressible_and_closed():
    """div v = 0 inside; no flow through any wall of [0, a] x [-b, b]; the lids y = +-b move."""
    system = systems.get("lid_driven_cavity")
    f = system.kernel("rhs")
    p = system.param_array(system.params)

    def velocity(x, y, t):
        out = np.empty(2)
        f(t, np.array([x, y]), p, out)
        return out

    h = 1e-6
    for x, y, t in ((1.0, 0.3, 0.1), (4.0, -0.5, 0.4), (2.5, 0.9, 0.9), (5.5, -0.95, 0.3)):
        div = ((velocity(x + h, y, t)[0] - velocity(x - h, y, t)[0])
               + (velocity(x, y + h, t)[1] - velocity(x, y - h, t)[1])) / (2 * h)
        assert abs(div) < 1e-6
        assert abs(velocity(x, 1.0, t)[1]) < 1e-12 and abs(velocity(x, -1.0, t)[1]) < 1e-12
        assert abs(velocity(0.0, y, t)[0]) < 1e-12 and abs(velocity(6.0, y, t)[0]) < 1e-12
        assert abs(velocity(x, 1.0, t)[0]) > 1e-3        # a moving lid
