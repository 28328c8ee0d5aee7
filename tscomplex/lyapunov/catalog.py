"""The computed invariants of the catalog's systems, and the generator that fills their store.

``python -m tscomplex.cli.catalog_invariants [--only NAME ...] [--missing] [--jobs N]`` computes, for
each built-in system, what :mod:`tscomplex.systems.invariants` stores and serves (see there for
the definitions): the Lyapunov spectrum by tangent-space QR at two run lengths, the Kaplan-Yorke
dimension, the natural period and the Lyapunov time. It lives here, above both the systems and the
spectrum code, because it needs both.

Each system runs in a process of its own (at most ``--jobs`` at a time), so
one that raises, blows up, crashes the interpreter or runs past
``--timeout`` seconds is stored as ``status: failed`` with the reason, and
never stops the others. The store is rewritten (atomically) after every
finished system, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import multiprocessing as mp
import time

import numpy as np

from ..systems.invariants import failure

CONVERGENCE_RELATIVE = 0.01     # two run lengths agree to 1% on every exponent (spectrum_disagreement) ...
CONVERGENCE_ABSOLUTE = 1e-4     # ... plus this, so a (numerically) zero exponent can converge
LONGER_RUNS = 3                 # runs doubled this many times more when T and 2T disagree (up to 8T and 16T)
CHAOS_THRESHOLD = 1e-3          # lambda_max above this (per time unit, per iteration for maps) is chaos
CHAOS_MARGIN = 10.0             # not converged to 1%, but both runs above 10 x the threshold ...
CHAOS_SPREAD = 0.10             # ... and within 10% of each other: chaotic (its value known to that precision)
FINITE_TIME_RUNS = 32          # still undecided at 16T: one run of 32T, read through its windows ...
FINITE_TIME_WINDOWS = 0.95      # ... chaotic when this fraction of them exceed CHAOS_MARGIN x CHAOS_THRESHOLD
CONVERGENCE_RULE = ("every exponent of the runs over spectrum_steps[0] and [1] agrees to 1% of max(|lambda_i|, "
                    "|lambda_max|) + 1e-4 (a non-chaotic spectrum: of its largest |lambda|); runs doubled up to 16T "
                    "until it holds; lambda_max alone: max_lyapunov_converged")
PERIOD_SAMPLES = 2 ** 16        # samples of the first component for the natural period
PERIOD_PROMINENCE = 0.5         # a spectral peak stands 10**0.5 above its surroundings (log10 power)


def natural_period(values: np.ndarray, dt: float) -> tuple[float | None, int | None, str | None]:
    """The period of the most prominent peak of the power spectrum of the first component that has one.

    ``values`` is (n,) or (n, components), sampled every ``dt``. Returns
    ``(period, component index, None)``, or ``(None, None, reason)`` when no
    component has a peak. The spectrum is Welch's average of Hann-windowed
    segments (16 of them, half overlapping), linear trend removed; a peak is
    a local maximum of log10 power whose prominence is at least
    ``PERIOD_PROMINENCE`` (a factor 10**0.5); it is refined by a parabola
    through the log powers of its bin and its neighbours. The first component
    comes first; Lorenz's x, whose spectrum falls off from zero frequency
    without a peak, passes to z.
    """
    from scipy.signal import find_peaks, welch

    x = np.asarray(values, dtype=np.float64)
    x = x.reshape(x.shape[0], -1)
    for column in range(x.shape[1]):
        series = x[:, column]
        if series.size < 256 or not np.all(np.isfinite(series)) or np.ptp(series) == 0:
            continue
        freq, power = welch(series, fs=1.0 / dt, nperseg=max(128, series.size // 16), detrend="linear")
        freq, power = freq[1:], power[1:]            # not the mean
        if not np.all(power > 0):
            continue
        logp = np.log10(power)
        peaks, props = find_peaks(logp, prominence=PERIOD_PROMINENCE)
        if peaks.size == 0:
            continue
        k = int(peaks[np.argmax(props["prominences"])])
        f = freq[k]
        if 0 < k < logp.size - 1:
            a, b, c = logp[k - 1:k + 2]
            denom = a - 2 * b + c
            if denom < 0:
                f = freq[k] + 0.5 * (a - c) / denom * (freq[1] - freq[0])
        if f > 0:
            return float(1.0 / f), column, None
    return None, None, "no component has a spectral peak (prominence 10**0.5 in power)"


def compute(name: str, run_length: float | None = None, period_samples: int = PERIOD_SAMPLES) -> dict:
    """All invariants of one system at its default parameters, with the settings that produced them.

    ``run_length`` is T in time units (iterations for maps), default the
    system's ``spectrum_time``; the spectrum is computed over T and over 2T.
    """
    from .. import __version__
    from .spectrum import kaplan_yorke_dimension, lyapunov_spectrum
    from ..systems.registry import lookup
    from ..systems.simulation import simulate

    system = lookup(name)
    params = system.resolve_params(None)
    spectrum_time = float(run_length or system.spectrum_time or (200_000 if system.kind == "map" else 5000.0))
    if system.kind == "map":
        dt = None
        steps = [int(spectrum_time), int(2 * spectrum_time)]
    else:
        dt = system.spectrum_dt or (system.step if system.kind == "delay" and system.step else min(system.dt, 0.01))
        steps = [max(1, int(round(spectrum_time / dt))), max(2, int(round(2 * spectrum_time / dt)))]
    base_steps = steps[0]
    short = lyapunov_spectrum(system.name, n_steps=steps[0], dt=dt)
    long = lyapunov_spectrum(system.name, n_steps=steps[1], dt=dt)
    for _ in range(LONGER_RUNS):         # not yet: compare 2T with 4T (and so on)
        if spectrum_disagreement(short.exponents, long.exponents)[0] <= 1.0:
            break
        steps = [steps[1], 2 * steps[1]]
        short, long = long, lyapunov_spectrum(system.name, n_steps=steps[1], dt=dt)
    a, b = float(short.exponents[0]), float(long.exponents[0])
    converged = _agree(a, b)
    worst, index = spectrum_disagreement(short.exponents, long.exponents)
    finite = [float(v) for v in long.exponents if np.isfinite(v)]
    record = {
        "system": system.name,
        "status": "ok",
        "max_lyapunov": b,
        "lyapunov_spectrum": [float(v) if np.isfinite(v) else None for v in long.exponents],
        "kaplan_yorke_dimension": float(kaplan_yorke_dimension(finite)),
        "converged": bool(worst <= 1.0),
        "max_lyapunov_converged": bool(converged),
        "max_lyapunov_runs": [a, b],
        "shorter_run_spectrum": [float(v) if np.isfinite(v) else None for v in short.exponents],
        "least_converged_exponent": index + 1,
        "least_converged_ratio": round(float(worst), 6),
    }
    if long.collapsed_reason:             # a sliding orbit: its smallest exponent is -inf, stored as null
        record["lyapunov_spectrum_reason"] = long.collapsed_reason
    if not converged and max(a, b) <= CHAOS_THRESHOLD:
        record["chaotic"] = False          # both runs small: not chaotic, whatever the last digits do
        record["chaotic_reason"] = f"lambda_max at most {CHAOS_THRESHOLD:g} in both runs ({a:.3g}, {b:.3g})"
    elif not converged and min(a, b) > CHAOS_MARGIN * CHAOS_THRESHOLD and _agree(a, b, CHAOS_SPREAD):
        record["chaotic"] = True           # the sign is certain even where the 1% value is not
        record["chaotic_reason"] = (f"lambda_max converged to {_disagreement(a, b):.1%} only ({a:.6g} over "
                                    f"{steps[0]} steps, {b:.6g} over {steps[1]}), both above "
                                    f"{CHAOS_MARGIN * CHAOS_THRESHOLD:g}")
    elif not converged:                    # still open at 16T: one run of 32T, seen through its windows
        record["finite_time"] = finite_time(system.name, base_steps, dt)
        record["chaotic"], record["chaotic_reason"] = record["finite_time"].pop("decision")
    else:
        record["chaotic"] = bool(a > CHAOS_THRESHOLD and b > CHAOS_THRESHOLD)
        record["chaotic_reason"] = None
    record["lyapunov_time"] = 1.0 / b if record["chaotic"] else None
    if system.kind == "map":
        record["natural_period"], record["natural_period_reason"] = None, "a map has no natural period"
        record["natural_period_component"] = None
        period_dt = None
    else:
        period_dt = float(system.dt)
        traj = simulate(system.name, n=period_samples, dt=period_dt)
        period, column, reason = natural_period(traj.values, period_dt)
        record["natural_period"], record["natural_period_reason"] = period, reason
        record["natural_period_component"] = traj.components[column] if column is not None else None
    if long.switching_crossings is not None:
        record["switching_crossings"], record["sliding_intervals"] = long.switching_crossings, long.sliding_intervals
    record["settings"] = {
        "parameters": {k: (int(v) if k in system.int_params else float(v)) for k, v in params.items()},
        "initial_condition": [float(v) for v in system.initial_condition(params)],
        "spectrum_steps": steps,
        "spectrum_dt": dt,
        "reorthonormalization_interval": long.reorthonormalization_interval,
        "reorthonormalization_rule": long.reorthonormalization_rule,
        "transient": float(system.transient),
        "period_samples": int(period_samples) if period_dt else None,
        "period_dt": period_dt,
        "method": "tangent-space QR (RK4 for flows), Welch periodogram of the first component",
        "convergence_rule": CONVERGENCE_RULE,
        "tscomplex_version": __version__,
    }
    return record


def finite_time(name: str, base_steps: int, dt: float | None) -> dict:
    """One run of 32 T (T = ``base_steps`` steps or iterations) for a system whose T..16T runs disagree.

    Returns the running exponent at T, 2T, ... 32T, the exponent of the second half (16T to 32T: the long
    run without its first half, where a transient would sit), and the finite-time exponents of the run's
    windows (about 1000 of 32T/1000 each: their 5, 50 and 95% quantiles, and the fraction above 0.01), with
    a ``decision`` (chaotic, reason): true when 95% of the windows exceed 10 x the chaos threshold (the sign
    is certain; the value is known only to the spread given); false when the second half's exponent is at
    most the threshold (the stretching stopped: what the shorter runs saw was a transient, or a torus whose
    lambda_max T grows only like log T); else None with the numbers.
    """
    from .spectrum import lyapunov_spectrum

    steps = FINITE_TIME_RUNS * base_steps
    s = lyapunov_spectrum(name, n_steps=steps, dt=dt, return_history=True)
    times, cumulative = s.times, s.history[:, 0] * s.times
    unit = base_steps * (dt or 1.0)
    at = []
    for k in range(6):
        i = int(np.argmin(np.abs(times - unit * 2 ** k)))
        at.append(float(s.history[i, 0]))
    half = int(np.argmin(np.abs(times - times[-1] / 2)))
    second_half = float((cumulative[-1] - cumulative[half]) / (times[-1] - times[half]))
    windows = np.diff(cumulative) / np.diff(times)
    q05, q50, q95 = (float(v) for v in np.quantile(windows, [0.05, 0.5, 0.95]))
    above = float(np.mean(windows > CHAOS_MARGIN * CHAOS_THRESHOLD))
    runs = ", ".join(f"{v:.3g}" for v in at)
    spread = f"windows of {float(np.mean(np.diff(times))):.4g}: 5/50/95% {q05:.3g}/{q50:.3g}/{q95:.3g}"
    if above >= FINITE_TIME_WINDOWS:
        decision = (True, f"lambda_max at T..32T {runs} (not converged), but {above:.1%} of the {windows.size} "
                          f"{spread} exceed {CHAOS_MARGIN * CHAOS_THRESHOLD:g}: chaotic, its value known to that spread")
    elif second_half <= CHAOS_THRESHOLD:
        decision = (False, f"lambda_max at T..32T {runs} falls like 1/T (or log T / T): the exponent of 16T..32T "
                           f"is {second_half:.3g} <= {CHAOS_THRESHOLD:g}; {spread}")
    else:
        decision = (None, f"undecided at 32T: lambda_max at T..32T {runs}; 16T..32T {second_half:.3g}; "
                          f"{spread}, {above:.0%} above {CHAOS_MARGIN * CHAOS_THRESHOLD:g}")
    return {"run_steps": int(steps), "max_lyapunov_at_doublings": at, "second_half_max_lyapunov": second_half,
            "window_length": float(np.mean(np.diff(times))), "window_quantiles": [q05, q50, q95],
            "windows_above": above, "decision": decision}


def spectrum_disagreement(short, long, relative: float = CONVERGENCE_RELATIVE) -> tuple[float, int]:
    """How far two runs' spectra are from agreeing, as (ratio, index) of the least converged exponent.

    Exponent i agrees when |short_i - long_i| <= 1% (``relative``) of max(|short_i|, |long_i|, lead) + 1e-4,
    where lead is |lambda_max| for a chaotic spectrum (a zero exponent is judged against the largest rate, as
    it decays like 1/T) and the largest |lambda| of the spectrum otherwise (a periodic orbit or a torus has no
    positive rate).
    The ratio is |short_i - long_i| over that allowance: the spectra agree when it is at most 1. A -inf exponent
    (an orbit that slides) agrees only with -inf.
    """
    short, long = np.asarray(short, dtype=float), np.asarray(long, dtype=float)
    if not np.array_equal(np.isneginf(short), np.isneginf(long)):
        return float("inf"), int(np.argmax(np.isneginf(short) != np.isneginf(long)))
    keep = np.isfinite(long)
    if not np.all(np.isfinite(short[keep])):
        return float("inf"), int(np.argmax(~np.isfinite(short)))
    a, b = short[keep], long[keep]
    top = max(abs(a[0]), abs(b[0]))
    lead = top if min(a[0], b[0]) > CHAOS_THRESHOLD else float(np.max(np.maximum(np.abs(a), np.abs(b))))
    allowance = relative * np.maximum(np.maximum(np.abs(a), np.abs(b)), lead) + CONVERGENCE_ABSOLUTE
    ratios = np.abs(a - b) / allowance
    at = int(np.argmax(ratios))
    return float(ratios[at]), int(np.flatnonzero(keep)[at])


def _agree(a: float, b: float, relative: float = CONVERGENCE_RELATIVE) -> bool:
    return abs(a - b) <= relative * max(abs(a), abs(b)) + CONVERGENCE_ABSOLUTE


def _disagreement(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def _worker(name, run_length, conn):
    try:

        conn.send(compute(name, run_length=run_length))
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a record
        conn.send({"_error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def run(names, jobs=1, timeout=1800.0, run_length=None, progress=None) -> dict:
    """Invariants of ``names`` computed in parallel processes: a dict name -> record (failures included)."""

    ctx = mp.get_context("spawn")           # a fresh interpreter: no inherited numba or thread state
    pending = list(names)
    running = {}
    results = {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            name = pending.pop(0)
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(name, run_length, send), daemon=True)
            proc.start()
            send.close()
            running[name] = (proc, receive, time.monotonic())
        time.sleep(0.05)
        for name, (proc, receive, started) in list(running.items()):
            record = None
            if receive.poll():
                try:
                    got = receive.recv()
                    record = failure(name, got["_error"]) if "_error" in got else got
                except (EOFError, OSError):
                    record = failure(name, f"the worker died (exit code {proc.exitcode})")
            elif not proc.is_alive():
                record = failure(name, f"the worker died (exit code {proc.exitcode})")
            elif time.monotonic() - started > timeout:
                proc.kill()
                record = failure(name, f"gave up after {timeout:g} s")
            if record is None:
                continue
            proc.join(timeout=5)
            receive.close()
            del running[name]
            record["compute_seconds"] = round(time.monotonic() - started, 1)
            results[name] = record
            if progress:
                progress(name, record)
    return results
