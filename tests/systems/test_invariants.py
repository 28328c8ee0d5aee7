"""The stored invariants: reproduced by a fresh computation, consistent with the equations and the references."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import systems
from tscomplex.lyapunov import lyapunov_spectrum
from tscomplex.systems import invariants
from tscomplex.lyapunov.catalog import (CHAOS_MARGIN, CHAOS_SPREAD, CHAOS_THRESHOLD, FINITE_TIME_WINDOWS,
                                        natural_period)
from tscomplex.systems.invariants import stored

STORE = stored()
OK = {name: rec for name, rec in STORE.items() if rec.get("status") == "ok"}
FAST_SAMPLE = ["henon", "logistic", "lorenz", "lozi", "ikeda"]


def test_every_system_has_stored_invariants():
    # after adding systems, run: python -m tscomplex.cli.catalog_invariants --missing
    missing = [name for name in systems.names() if name not in STORE]
    assert not missing, f"invariants not computed for {missing}"


def _recompute(name, steps):
    rec = OK[name]
    settings = rec["settings"]
    return lyapunov_spectrum(name, n_steps=steps, dt=settings["spectrum_dt"], transient=settings["transient"],
                             ic=settings["initial_condition"]).exponents


def _assert_spectrum_close(fresh, stored_spectrum, rel=0.02, absolute=1e-4):
    """Within ``rel`` of the exponent (a zero exponent: of lambda_max), plus the absolute 1e-4 of the store's own
    convergence rule (1% + 1e-4): a system whose largest exponent is 0 (a periodic orbit) has no scale of its own.

    Where lambda_max is itself zero (not chaotic: a periodic orbit, a torus), its zero exponents are measured
    against the spectrum's largest rate, |lambda_min|: a finite-time estimate of a zero exponent decays like 1/T,
    so a run of T (the fresh one) and one of 2T (the stored one) differ by about that rate over T. (A torus of
    ca_two_plus_quasiperiodic: (0.00039, -0.00047, -0.03616) at T against (0.00029, -0.00027, -0.03619) at 2T.)
    An orbit that slides on a switching surface has a -inf exponent (stored as null): it must be -inf afresh too,
    and the finite exponents are compared.
    """
    stored_spectrum = np.array([-np.inf if v is None else v for v in stored_spectrum], dtype=float)
    fresh = np.asarray(fresh, dtype=float)
    assert np.array_equal(np.isneginf(fresh), np.isneginf(stored_spectrum)), (fresh, stored_spectrum)
    finite = np.isfinite(stored_spectrum)
    fresh, stored_spectrum = fresh[finite], stored_spectrum[finite]
    lead = abs(stored_spectrum[0]) if stored_spectrum[0] > CHAOS_THRESHOLD else np.max(np.abs(stored_spectrum))
    scale = np.maximum(np.abs(stored_spectrum), lead)  # a zero exponent: relative to lambda_max (or |lambda_min|)
    assert np.all(np.abs(fresh - stored_spectrum) <= rel * scale + absolute), (fresh, stored_spectrum)


@pytest.mark.parametrize("name", FAST_SAMPLE)
def test_stored_spectrum_is_reproduced_by_a_fresh_shorter_run(name):
    rec = OK[name]
    # the shorter of the two stored run lengths: an independent estimate, not the stored run repeated
    fresh = _recompute(name, rec["settings"]["spectrum_steps"][0])
    _assert_spectrum_close(fresh, rec["lyapunov_spectrum"])


def test_a_sliding_orbit_spectrum_is_reproduced():
    """stick_slip_oscillator slides on v = vs once a period: its third exponent is -inf (stored as null)."""
    rec = OK["stick_slip_oscillator"]
    fresh = _recompute("stick_slip_oscillator", rec["settings"]["spectrum_steps"][0])
    assert rec["lyapunov_spectrum"][-1] is None and fresh[-1] == -np.inf
    _assert_spectrum_close(fresh, rec["lyapunov_spectrum"])


def test_a_torus_spectrum_is_reproduced():
    """The draw of the random-sample test below that failed once: a torus, whose two zero exponents converge like
    1/T. lambda_max still meets the store's own 1% + 1e-4, and the contracting exponent 2%."""
    rec = OK["ca_two_plus_quasiperiodic"]
    assert rec["chaotic"] is False
    fresh = _recompute("ca_two_plus_quasiperiodic", rec["settings"]["spectrum_steps"][0])
    _assert_spectrum_close(fresh, rec["lyapunov_spectrum"])
    assert abs(fresh[0] - rec["lyapunov_spectrum"][0]) <= 0.01 * abs(rec["lyapunov_spectrum"][0]) + 1e-4
    assert abs(fresh[-1] - rec["lyapunov_spectrum"][-1]) <= 0.02 * abs(rec["lyapunov_spectrum"][-1])


#: Converged in lambda_max but not in a lesser exponent when the store checked lambda_max only: a fresh run of T
#: differed from the stored 2T by more than 2% (hyper_bao lambda_2 0.136 against 0.163; rossler_hyperchaos lambda_2
#: 0.0189 against 0.0222; lorenz84 lambda_3 -0.392 against -0.382; voss_delay 4%). The store now checks every
#: exponent and doubled their runs until it held.
ONCE_NOT_CONVERGED = ("hyper_bao", "lorenz84", "rossler_hyperchaos", "voss_delay")


@pytest.mark.slow
@pytest.mark.parametrize("name", ONCE_NOT_CONVERGED)
def test_lesser_exponents_converged(name):
    rec = OK[name]
    assert rec["converged"], name
    _assert_spectrum_close(_recompute(name, rec["settings"]["spectrum_steps"][0]), rec["lyapunov_spectrum"])


def test_converged_means_every_stored_exponent_agrees_between_the_two_runs():
    """Recheck the store's own verdict from the two spectra it keeps, with the rule written out here: exponent i
    agrees when |a_i - b_i| <= 1% of max(|a_i|, |b_i|, lead) + 1e-4 (lead: lambda_max when chaotic, else the
    largest |lambda|)."""
    for name, rec in OK.items():
        a = np.array([-np.inf if v is None else v for v in rec["shorter_run_spectrum"]])
        b = np.array([-np.inf if v is None else v for v in rec["lyapunov_spectrum"]])
        assert a[0] == rec["max_lyapunov_runs"][0] and b[0] == rec["max_lyapunov_runs"][1], name
        same_dead = np.array_equal(np.isneginf(a), np.isneginf(b))
        keep = np.isfinite(b)
        a, b = a[keep], b[keep]
        if min(a[0], b[0]) > CHAOS_THRESHOLD:
            lead = max(abs(a[0]), abs(b[0]))
        else:
            lead = max(np.max(np.abs(a)), np.max(np.abs(b)))
        ok = [abs(x - y) <= 0.01 * max(abs(x), abs(y), lead) + 1e-4 for x, y in zip(a, b)]
        assert rec["converged"] == (same_dead and all(ok)), name
        assert (rec["least_converged_ratio"] <= 1.0) == rec["converged"], name
        assert rec["max_lyapunov_converged"] == (abs(a[0] - b[0]) <= 0.01 * max(abs(a[0]), abs(b[0])) + 1e-4), name


@pytest.mark.slow
def test_stored_spectrum_of_a_random_sample_is_reproduced():
    """Three systems drawn afresh each run, from every system whose spectrum converged."""
    rng = np.random.default_rng()
    pool = sorted(name for name, rec in OK.items() if rec["converged"])
    for name in rng.choice(pool, size=min(3, len(pool)), replace=False):
        rec = OK[name]
        fresh = _recompute(name, rec["settings"]["spectrum_steps"][0])
        assert not np.any(np.isnan(fresh)) and not np.any(np.isposinf(fresh)), name
        try:
            _assert_spectrum_close(fresh, rec["lyapunov_spectrum"])
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


def _trace_along(system, n_points=50):
    traj = systems.simulate(system.name, n=n_points, dt=system.dt * 7)
    p = system.param_array(system.params)
    d = traj.values.shape[1]
    jac = system.kernel("jac")
    traces = []
    for y in traj.values:
        J = np.zeros((d, d))
        jac(0.0, np.ascontiguousarray(y), p, J)
        traces.append(np.trace(J))
    return np.array(traces)


def test_sum_of_exponents_is_the_constant_divergence_of_the_field():
    checked = []
    for name, rec in OK.items():
        system = systems.get(name)
        if system.kind != "flow" or not rec["converged"]:
            continue
        traces = _trace_along(system)
        if np.ptp(traces) > 1e-9 * (1 + abs(traces[0])):
            continue                       # divergence not constant: no closed-form check
        if None in rec["lyapunov_spectrum"]:
            continue                       # a sliding orbit: -inf
        total = float(np.sum(rec["lyapunov_spectrum"]))
        assert total == pytest.approx(traces[0], rel=0.01, abs=1e-3), name
        checked.append(name)
    assert {"lorenz", "chen", "thomas"} <= set(checked) or not {"lorenz", "chen", "thomas"} <= set(OK)
    assert -(10 + 1 + 8 / 3) == pytest.approx(sum(OK["lorenz"]["lyapunov_spectrum"]), rel=0.01)


def test_chaotic_means_a_positive_converged_largest_exponent():
    for name, rec in OK.items():
        if rec["chaotic"]:
            assert rec["max_lyapunov"] > CHAOS_THRESHOLD and min(rec["max_lyapunov_runs"]) > CHAOS_THRESHOLD, name
            if "finite_time" in rec:     # decided by the windows of a 32T run: nearly all well above the threshold
                assert rec["finite_time"]["windows_above"] >= FINITE_TIME_WINDOWS, name
                assert rec["finite_time"]["window_quantiles"][0] > CHAOS_THRESHOLD, name
            elif not rec["max_lyapunov_converged"]:   # the sign is certain, the value to 10%: both runs well above
                a, b = rec["max_lyapunov_runs"]
                assert min(a, b) > CHAOS_MARGIN * CHAOS_THRESHOLD, name
                assert abs(a - b) <= CHAOS_SPREAD * max(a, b) + 1e-4, name
                assert "converged to" in rec["chaotic_reason"], name
            assert rec["lyapunov_time"] == pytest.approx(1 / rec["max_lyapunov"]), name
        else:
            assert rec["lyapunov_time"] is None, name
        if rec["chaotic"] is None:
            assert not rec["converged"] and "undecided at 32T" in rec["chaotic_reason"], name
            assert rec["finite_time"]["windows_above"] < FINITE_TIME_WINDOWS, name
            assert rec["finite_time"]["second_half_max_lyapunov"] > CHAOS_THRESHOLD, name
        if rec["chaotic"] is False:
            if "finite_time" in rec:     # the stretching stopped: the second half of a 32T run has no exponent
                assert rec["finite_time"]["second_half_max_lyapunov"] <= CHAOS_THRESHOLD, name
                assert rec["finite_time"]["windows_above"] < FINITE_TIME_WINDOWS, name
            else:
                assert min(rec["max_lyapunov_runs"]) <= CHAOS_THRESHOLD, name


def test_stored_largest_exponent_is_within_ten_percent_of_the_published_one():
    compared = 0
    for name, rec in OK.items():
        ref = systems.get(name).reference
        if ref is None:
            continue
        assert rec["max_lyapunov"] == pytest.approx(ref.max_exponent, rel=0.10), name
        compared += 1
    assert compared >= 20


def test_kaplan_yorke_dimension_matches_the_stored_spectrum():
    for rec in OK.values():
        lam = np.sort([v for v in rec["lyapunov_spectrum"] if v is not None])[::-1]   # a -inf (null) adds nothing
        sums = np.cumsum(lam)
        if sums[0] < 0:
            expected = 0.0
        else:
            j = int(np.nonzero(sums >= 0)[0][-1]) + 1
            expected = float(lam.size) if j == lam.size else j + sums[j - 1] / abs(lam[j])
        assert rec["kaplan_yorke_dimension"] == pytest.approx(expected)


def test_natural_period_of_a_sine_and_of_noise():
    dt = 0.01
    t = np.arange(2 ** 15) * dt
    period, column, reason = natural_period(np.sin(2 * np.pi * t / 1.7), dt)
    assert period == pytest.approx(1.7, rel=0.01) and column == 0 and reason is None
    noise = np.random.default_rng(3).standard_normal(2 ** 15)
    period, column, reason = natural_period(noise, dt)
    assert period is None and column is None and "no component" in reason
    # the first component without a peak passes to the next one
    both = np.column_stack([noise, np.cos(2 * np.pi * t / 0.5)])
    period, column, _ = natural_period(both, dt)
    assert column == 1 and period == pytest.approx(0.5, rel=0.01)


def test_maps_have_no_natural_period_and_flows_store_theirs():
    for name, rec in OK.items():
        kind = systems.get(name).kind
        if kind == "map":
            assert rec["natural_period"] is None and rec["natural_period_reason"]
    assert OK["lorenz"]["natural_period_component"] == "z"     # Lorenz's x has no spectral peak
    assert 0.6 < OK["lorenz"]["natural_period"] < 0.9


def test_dysts_names_are_accepted_where_a_name_is():
    from tscomplex.systems.registry import ALIASES

    for alias, name in ALIASES.items():
        assert systems.get(alias).name == name
        assert invariants.stored(alias) == STORE.get(name)


def test_generator_records_failures_and_goes_on(tmp_path):
    from tscomplex.cli.catalog_invariants import main
    from tscomplex.lyapunov.catalog import run

    results = run(["logistic", "no_such_system"], jobs=2, run_length=2000)
    assert results["logistic"]["status"] == "ok"
    assert results["logistic"]["max_lyapunov"] == pytest.approx(np.log(2), rel=0.02)
    assert results["no_such_system"]["status"] == "failed"
    assert "unknown system" in results["no_such_system"]["error"]
    slow = run(["lorenz"], jobs=1, timeout=0.01)
    assert slow["lorenz"]["status"] == "failed" and "gave up" in slow["lorenz"]["error"]
    store = tmp_path / "inv.json"
    assert main(["--only", "logistic", "--run-length", "2000", "--store", str(store)]) == 0
    assert main(["--missing", "--only", "logistic", "--store", str(store)]) == 0   # nothing left to compute
    assert '"logistic"' in store.read_text()


def test_stored_spectra_were_resolved_by_their_reorthonormalization_interval():
    # between two QR steps the tangent vectors spread by exp((lambda_1 - lambda_d) * interval): the pilot rule
    # keeps that exponent at most 8 (the final spread may differ a little from the pilot's)
    for name, rec in OK.items():
        settings = rec["settings"]
        interval = settings["reorthonormalization_interval"]
        assert interval > 0 and settings["reorthonormalization_rule"], name
        if systems.get(name).kind == "map":
            assert interval == 1.0
            continue
        spectrum = [v for v in rec["lyapunov_spectrum"] if v is not None]
        assert (max(spectrum) - min(spectrum)) * interval <= 8.0 * 1.25, name


def test_a_system_whose_orbit_slides_stores_minus_infinity_as_null_with_the_reason():
    # the stick-slip oscillator reaches sliding (stick) motion: the catalog follows it (Filippov), and the
    # collapsed direction's exponent, -inf, is stored as null with the reason
    rec = STORE["stick_slip_oscillator"]
    assert rec["status"] == "ok" and rec["lyapunov_spectrum"][-1] is None
    assert "-inf" in rec["lyapunov_spectrum_reason"] and rec["sliding_intervals"] > 100
    assert all(v is not None for v in rec["lyapunov_spectrum"][:-1])
    assert rec["chaotic"] is False and rec["max_lyapunov"] < CHAOS_THRESHOLD
