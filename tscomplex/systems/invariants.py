"""Computed invariants of the built-in systems: Lyapunov spectrum, Kaplan-Yorke dimension, natural period.

Every value here is computed from the catalog's own equations, never copied
from another catalog, and stored with the settings that produced it in
``catalog/invariants.json`` (read lazily, once per process, by :func:`stored`).

- the Lyapunov spectrum by tangent-space QR (:func:`tscomplex.lyapunov.lyapunov_spectrum`)
  at two run lengths, T and 2T (then 2T and 4T if those disagree); the system is
  *converged* when the two largest exponents agree to 1% (plus an absolute 1e-4,
  so that a zero exponent can pass);
- the Kaplan-Yorke dimension of the longer run;
- the natural period: 1 / the frequency of the most prominent peak of the power
  spectrum of the first component that has a peak (the component is stored;
  flows, delay, Hamiltonian; null for maps, and null when no component has a peak);
- the Lyapunov time 1 / lambda_max, only for a chaotic system;
- ``chaotic``: both runs give lambda_max > 1e-3 and they converged; false when
  both give at most 1e-3. Runs that disagree above that are ``chaotic: null``
  with the reason.

``python -m tscomplex.systems.invariants [--only NAME ...] [--missing] [--jobs N]``
fills the file (:mod:`.invariants_build`).
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache

import numpy as np

STORE = os.path.join(os.path.dirname(__file__), "catalog", "invariants.json")
CONVERGENCE_RELATIVE = 0.01     # two run lengths agree to 1% on lambda_max ...
CONVERGENCE_ABSOLUTE = 1e-4     # ... plus this, so a (numerically) zero exponent can converge
LONGER_RUNS = 1                 # runs doubled this many times more when T and 2T disagree
CHAOS_THRESHOLD = 1e-3          # lambda_max above this (per time unit, per iteration for maps) is chaos
PERIOD_SAMPLES = 2 ** 16        # samples of the first component for the natural period
PERIOD_PROMINENCE = 0.5         # a spectral peak stands 10**0.5 above its surroundings (log10 power)

FIELDS = ("max_lyapunov", "lyapunov_spectrum", "kaplan_yorke_dimension", "natural_period", "lyapunov_time",
          "chaotic", "converged")


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
    from ..lyapunov.spectrum import kaplan_yorke_dimension, lyapunov_spectrum
    from .registry import lookup
    from .simulation import simulate

    system = lookup(name)
    params = system.resolve_params(None)
    spectrum_time = float(run_length or system.spectrum_time or (200_000 if system.kind == "map" else 5000.0))
    if system.kind == "map":
        dt = None
        steps = [int(spectrum_time), int(2 * spectrum_time)]
    else:
        dt = system.spectrum_dt or (system.step if system.kind == "delay" and system.step else min(system.dt, 0.01))
        steps = [max(1, int(round(spectrum_time / dt))), max(2, int(round(2 * spectrum_time / dt)))]
    short = lyapunov_spectrum(system.name, n_steps=steps[0], dt=dt)
    long = lyapunov_spectrum(system.name, n_steps=steps[1], dt=dt)
    a, b = float(short.exponents[0]), float(long.exponents[0])
    for _ in range(LONGER_RUNS):         # not yet: compare 2T with 4T (and so on)
        if _agree(a, b):
            break
        steps = [steps[1], 2 * steps[1]]
        long, a = lyapunov_spectrum(system.name, n_steps=steps[1], dt=dt), b
        b = float(long.exponents[0])
    converged = _agree(a, b)
    exponents = [float(v) for v in long.exponents]
    record = {
        "system": system.name,
        "status": "ok",
        "max_lyapunov": b,
        "lyapunov_spectrum": exponents,
        "kaplan_yorke_dimension": float(kaplan_yorke_dimension(exponents)),
        "converged": bool(converged),
        "max_lyapunov_runs": [a, b],
    }
    if not converged and max(a, b) <= CHAOS_THRESHOLD:
        record["chaotic"] = False          # both runs small: not chaotic, whatever the last digits do
        record["chaotic_reason"] = f"lambda_max at most {CHAOS_THRESHOLD:g} in both runs ({a:.3g}, {b:.3g})"
    elif not converged:
        record["chaotic"] = None
        record["chaotic_reason"] = (f"not converged: lambda_max {a:.6g} over {steps[0]} steps, "
                                    f"{b:.6g} over {steps[1]}")
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
    record["settings"] = {
        "parameters": {k: (int(v) if k in system.int_params else float(v)) for k, v in params.items()},
        "initial_condition": [float(v) for v in system.initial_condition(params)],
        "spectrum_steps": steps,
        "spectrum_dt": dt,
        "transient": float(system.transient),
        "period_samples": int(period_samples) if period_dt else None,
        "period_dt": period_dt,
        "method": "tangent-space QR (RK4 for flows), Welch periodogram of the first component",
        "tscomplex_version": __version__,
    }
    return record


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= CONVERGENCE_RELATIVE * max(abs(a), abs(b)) + CONVERGENCE_ABSOLUTE


def failure(name: str, error: str) -> dict:
    """The record of a system whose invariants could not be computed (kept, so the rest still count)."""
    from .. import __version__

    record = {"system": name, "status": "failed", "error": str(error)[:500]}
    record.update({key: None for key in FIELDS})
    record["settings"] = {"tscomplex_version": __version__}
    return record


@lru_cache(maxsize=1)
def _load(path: str = STORE) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {}
    return dict(data.get("systems", {}))


def stored(name: str | None = None):
    """The stored invariants of one system (a dict, or None if not computed), or of all (a dict by name).

    Examples
    --------
    >>> from tscomplex.systems.invariants import stored
    >>> inv = stored("lorenz")
    >>> inv["chaotic"], round(inv["max_lyapunov"], 1)
    (True, 0.9)
    """
    data = _load()
    if name is None:
        return dict(data)
    from .registry import lookup

    return data.get(lookup(name).name)


def save(records: dict, path: str = STORE) -> None:
    """Write ``records`` (by system name) to the store, atomically, sorted by name."""
    from ..io.atomic import atomic_write

    text = json.dumps({"description": "Invariants computed by tscomplex from its own equations "
                                      "(python -m tscomplex.systems.invariants); see docs/systems.md.",
                       "systems": {k: records[k] for k in sorted(records)}}, indent=1, allow_nan=False)
    atomic_write(path, lambda fh: fh.write(text.encode() + b"\n"))
    _load.cache_clear()


def finite_or_none(value):
    return float(value) if value is not None and math.isfinite(value) else None


if __name__ == "__main__":
    from .invariants_build import main

    raise SystemExit(main())
