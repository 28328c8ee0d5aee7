"""The Lyapunov spectrum of a built-in system from its equations, by the tangent-space QR method.

The state is evolved together with a set of tangent vectors under the
linearized dynamics (the analytic Jacobian of the catalog); every so often
the tangent vectors are re-orthonormalized by a QR decomposition
(modified Gram-Schmidt) and the logs of the diagonal of R are accumulated.
Their time averages are the exponents (Benettin et al. 1980; Shimada &
Nagashima 1979): per time unit for flows, per iteration for maps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_int, check_scalar
from ..systems.registry import lookup
from .tangent import _kernel

__all__ = ["LyapunovSpectrum", "lyapunov_spectrum", "kaplan_yorke_dimension"]

BLOWUP = 1e12
MAX_RECORDS = 1000
DELAY_EXPONENTS = 3
RENORM_MAX = 0.1          # flows: re-orthonormalize at least every 0.1 time units ...
RENORM_LOG_GROWTH = 8.0   # ... and often enough that (lambda_1 - lambda_d) * interval <= 8 (a ratio e^8 ~ 3000)
PILOT_TIME = 20.0         # the pilot run that estimates the spread: 20 time units ...
PILOT_MAX_STEPS = 20_000  # ... at most this many steps, re-orthonormalized every step
DELAY_RENORM = 1.0        # delay equations: every time unit (3 leading exponents of a function space)


@dataclass
class LyapunovSpectrum:
    """The Lyapunov spectrum of a system and how it converged.

    ``exponents`` are sorted in descending order (natural log; per time unit
    for flows, per iteration for maps). ``times`` are the times (iterations)
    of the running estimates and ``history[k]`` the estimate at ``times[k]``
    (only with ``return_history=True``).
    """

    exponents: np.ndarray
    kaplan_yorke_dimension: float
    times: np.ndarray
    history: np.ndarray | None
    system: str
    params: dict
    reorthonormalization_interval: float | None = None
    reorthonormalization_rule: str | None = None
    switching_crossings: int | None = None
    sliding_intervals: int | None = None

    @property
    def collapsed_reason(self) -> str | None:
        """Why an exponent is -inf (a sliding orbit), else None."""
        if not self.sliding_intervals:
            return None
        return (f"{self.sliding_intervals} sliding intervals: each entry maps the tangent space onto the "
                f"switching plane, so the smallest exponent is -inf")


def kaplan_yorke_dimension(exponents) -> float:
    """The Kaplan-Yorke (Lyapunov) dimension of a spectrum.

    Parameters
    ----------
    exponents : array_like
        Lyapunov exponents (any order; they are sorted descending here).

    Returns
    -------
    float
        D_KY = j + (lambda_1 + ... + lambda_j) / |lambda_{j+1}|, where j is the
        largest index whose partial sum is >= 0; 0 when lambda_1 < 0, and the
        number of exponents when every partial sum is >= 0.

    Notes
    -----
    Kaplan & Yorke, Lecture Notes in Math. 730, 204 (1979).

    Examples
    --------
    >>> round(kaplan_yorke_dimension([0.9056, 0.0, -14.5723]), 4)
    2.0621
    """
    lam = np.sort(np.asarray(exponents, dtype=np.float64).ravel())[::-1]
    if lam.size == 0 or not np.all(np.isfinite(lam)):
        raise ValueError("exponents must be a non-empty array of finite numbers")
    sums = np.cumsum(lam)
    if sums[0] < 0:
        return 0.0
    nonneg = np.nonzero(sums >= 0)[0]
    j = int(nonneg[-1]) + 1          # number of exponents in the largest non-negative partial sum
    if j == lam.size:
        return float(lam.size)
    return float(j + sums[j - 1] / abs(lam[j]))


def lyapunov_spectrum(name: str, params: dict | None = None, n_steps: int | None = None, dt: float | None = None,
                      transient: float | None = None, ic=None, return_history: bool = False,
                      reorthonormalization_interval: float | None = None) -> LyapunovSpectrum:
    """The Lyapunov spectrum of a built-in system, from its equations and analytic Jacobian.

    Parameters
    ----------
    name : str
        A catalog name (see ``tscomplex systems list``).
    params : dict, optional
        Parameter overrides.
    n_steps : int, optional
        Integration steps (flows, delay) or iterations (maps) averaged over,
        after the transient. Default: the system's ``spectrum_time`` divided by ``dt``.
    dt : float, optional
        Fixed RK4 step for flows (default: the system's ``spectrum_dt``, else
        min(its sampling step, 0.01)); the history step for the delay
        equation. Not used for maps.
    transient : float, optional
        Time (iterations for maps) discarded before averaging (default: the system's).
    ic : sequence of float, optional
        Initial state (default: the system's).
    return_history : bool
        Also return the running estimates, to see convergence.
    reorthonormalization_interval : float, optional
        Time between QR re-orthonormalizations of a flow (rounded to whole
        steps). Default: chosen from a pilot run (see Notes).

    Returns
    -------
    LyapunovSpectrum
        ``exponents`` (descending; per time unit for flows, per iteration for
        maps), ``kaplan_yorke_dimension``, ``times``, ``history`` (k, dim) or
        None, ``system``, ``params``, ``reorthonormalization_interval`` (time
        units; 1 iteration for maps) and ``reorthonormalization_rule`` (how it
        was chosen). For the delay equation, whose phase
        space is infinite-dimensional, the leading 3 exponents.

    Raises
    ------
    KeyError
        Unknown system or parameter.
    ValueError
        Bad arguments, or a run that diverges (naming the time).

    Notes
    -----
    With Q_0 = I and y' = f(t, y), the tangent vectors obey Q' = J(t, y) Q
    (maps: Q_{n+1} = J(x_n) Q_n). Every few steps Q = Q' R (modified
    Gram-Schmidt) and lambda_i = (1/T) sum log R_ii. Flows use classical
    RK4 on (y, Q) with a fixed step. Between two re-orthonormalizations the
    tangent vectors grow apart by about exp((lambda_1 - lambda_d) * interval);
    once that passes 1/eps (~e^36) the most negative exponent is lost to
    rounding. So a pilot run (20 time units, at most 20,000 steps, after the
    transient, QR every step) estimates the spread lambda_1 - lambda_d, and
    the interval is min(0.1, 8 / spread), in whole steps (at least one).
    Delay equations: every time unit; maps: every iteration. A flow whose
    field jumps across a plane (``System.switching``) gets the saltation
    matrix at each crossing and follows Filippov sliding along it
    (:mod:`.tangent_switching`); an orbit that slides has -inf as its
    smallest exponent (``sliding_intervals``, ``collapsed_reason``), and the
    Kaplan-Yorke dimension is that of the finite ones. A grazing contact
    raises ValueError.
    Hamiltonian orbits are treated as flows of (q, v). The delay equation is
    discretized on its history (RK4, step dt) and its exact linearization is
    applied to tangent histories.

    References
    ----------
    Benettin, Galgani, Giorgilli & Strelcyn, Meccanica 15, 9 and 21 (1980);
    Shimada & Nagashima, Prog. Theor. Phys. 61, 1605 (1979); Farmer,
    Physica D 4, 366 (1982) for delay equations.

    Examples
    --------
    >>> from tscomplex.lyapunov import lyapunov_spectrum
    >>> s = lyapunov_spectrum("henon", n_steps=100_000)
    >>> [round(float(v), 2) for v in s.exponents]
    [0.42, -1.62]
    """
    from ..batch.interrupts import interruptible  # a long run must not turn Ctrl-C into a crash

    system = lookup(name)
    params = system.resolve_params(params)
    y0 = _initial(system, params, ic)
    p = system.param_array(params)
    if transient is None:
        transient = system.transient
    transient = check_scalar(transient, "transient", minimum=0)
    if n_steps is not None:
        n_steps = check_int(n_steps, "n_steps", minimum=1)
    spectrum_time = float(system.spectrum_time or (200_000 if system.kind == "map" else 5000.0))
    switching = system.switching is not None and system.kind == "flow"
    crossings = slides = 0

    if system.kind == "map":
        if n_steps is None:
            n_steps = int(spectrum_time)
        record_every = max(1, n_steps // MAX_RECORDS)
        renorm_every, rule = 1, "every iteration (map)"
        sums, times, history, status, t_fail = interruptible(_kernel("map"),
            system.kernel("rhs"), system.kernel("jac"), y0, p, n_steps, int(round(transient)), record_every)
    else:
        if dt is None:
            dt = system.spectrum_dt or (system.step if system.kind == "delay" and system.step else
                                        min(system.dt, 0.01))
        dt = check_scalar(dt, "dt", minimum=0, include_min=False)
        if n_steps is None:
            n_steps = max(1, int(round(spectrum_time / dt)))
        transient_steps = int(round(transient / dt))
        if system.kind == "delay":
            renorm_every = max(1, int(round(DELAY_RENORM / dt)))
            rule = f"every {DELAY_RENORM:g} time unit (delay equation)"
        elif reorthonormalization_interval is not None:
            interval = check_scalar(reorthonormalization_interval, "reorthonormalization_interval", minimum=0,
                                    include_min=False)
            renorm_every = max(1, int(round(interval / dt)))
            rule = "given"
        else:
            renorm_every, rule = _pilot_interval(system, y0, p, dt, transient_steps, n_steps)
        record_every = max(1, (n_steps // renorm_every) // MAX_RECORDS)
        if system.kind == "delay":
            tau = float(params["tau"])
            if tau < dt:
                raise ValueError(f"{system.name}: the delay tau = {tau} must be at least one step ({dt})")
            m_ring = int(math.ceil(tau / dt)) + 3
            rng = np.random.default_rng(0)
            tangent0 = np.ascontiguousarray(rng.standard_normal((DELAY_EXPONENTS, m_ring, y0.size)))
            sums, times, history, status, t_fail = interruptible(_kernel("delay"),
                system.kernel("rhs"), system.kernel("jac"), y0, p, tau, dt, n_steps, transient_steps, tangent0,
                renorm_every, record_every)
        elif system.switching is not None:
            from .tangent_switching import switching_kernel

            index, value = system.switching
            value = float(params[value]) if isinstance(value, str) else float(value)
            sums, times, history, counts, status, t_fail = interruptible(switching_kernel(),
                system.kernel("rhs"), system.kernel("jac"), y0, p, dt, n_steps, transient_steps, renorm_every,
                record_every, int(index), float(value))
            crossings, slides = int(counts[0]), int(counts[1])
            if status in (3, 4):
                from ..systems.simulation import DivergenceError  # a well-formed request whose run cannot go on

                plane = f"{system.component_names(params)[index]} = {value:g}"
                what = ("a grazing contact with" if status == 3 else
                        "chattering (more than 64 switching events in one step) across")
                why = "the saltation matrix is unbounded there" if status == 3 else "try a smaller dt"
                raise DivergenceError(f"{system.name}: {what} the switching surface {plane} at t = {t_fail:.6g}; "
                                      f"{why}")
        else:
            sums, times, history, status, t_fail = interruptible(_kernel("flow"),
                system.kernel("rhs"), system.kernel("jac"), y0, p, dt, n_steps, transient_steps, renorm_every,
                record_every)
    if status != 0:
        from ..systems.simulation import DivergenceError  # a ValueError, like before; the CLI tells it from a bad argument

        raise DivergenceError(f"{system.name} diverged at t = {t_fail:.6g} during the spectrum run; "
                         f"try a smaller dt or other parameters")
    order = np.argsort(-sums, kind="stable")
    exponents = np.ascontiguousarray(sums[order])
    finite = exponents[np.isfinite(exponents)]
    return LyapunovSpectrum(
        exponents=exponents,
        kaplan_yorke_dimension=kaplan_yorke_dimension(finite) if finite.size else 0.0,
        times=np.asarray(times, dtype=np.float64).copy(),
        history=np.ascontiguousarray(history[:, order]) if return_history else None,
        system=system.name,
        params=params,
        reorthonormalization_interval=float(renorm_every if system.kind == "map" else renorm_every * dt),
        reorthonormalization_rule=rule,
        switching_crossings=crossings if switching else None,
        sliding_intervals=slides if switching else None,
    )


def _pilot_interval(system, y0, p, dt, transient_steps, n_steps) -> tuple[int, str]:
    """Steps between re-orthonormalizations of a flow: min(RENORM_MAX, RENORM_LOG_GROWTH / spread), the
    spread lambda_1 - lambda_d from a short pilot run re-orthonormalized every step; and the rule, in words."""
    from ..batch.interrupts import interruptible

    every = max(1, int(round(RENORM_MAX / dt)))
    pilot = min(n_steps, PILOT_MAX_STEPS, max(100, int(round(PILOT_TIME / dt))))
    sums, _, _, status, t_fail = interruptible(_kernel("flow"), system.kernel("rhs"), system.kernel("jac"), y0, p,
                                               dt, pilot, transient_steps, 1, pilot + 1)
    if status != 0:
        from ..systems.simulation import DivergenceError

        raise DivergenceError(f"{system.name} diverged at t = {t_fail:.6g} during the spectrum run; "
                              f"try a smaller dt or other parameters")
    spread = float(np.max(sums) - np.min(sums)) if sums.size > 1 else 0.0
    if spread * every * dt <= RENORM_LOG_GROWTH:
        return every, f"every {RENORM_MAX:g} time units (pilot spread {spread:.3g} per time unit)"
    every = max(1, int(RENORM_LOG_GROWTH / (spread * dt)))
    return every, (f"{RENORM_LOG_GROWTH:g} / pilot spread {spread:.3g} per time unit"
                   + (" (one step: dt is too large for this spread)" if spread * dt > RENORM_LOG_GROWTH else ""))


def _initial(system, params, ic) -> np.ndarray:
    from ..systems.simulation import _initial_state

    return _initial_state(system, params, ic)
