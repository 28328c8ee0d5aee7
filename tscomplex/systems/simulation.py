"""Simulate a built-in system on a uniform grid: flows (Dormand-Prince 5(4)), maps, Hamiltonian orbits, the delay equation.

Flows are integrated by an adaptive Dormand-Prince 5(4) method with dense
output, Hamiltonian orbits by a symplectic leapfrog (with the energy drift
reported), the delay equation by fixed-step RK4 over a stored history, and
maps are iterated. The kernels are in :mod:`.integrators`, the equations in :mod:`.catalog`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .registry import System, lookup

BLOWUP = 1e12
DEFAULT_RTOL = 1e-9
DEFAULT_ATOL = 1e-9
HEUN_MAX_STEP = 1e-3   # the stochastic Heun step (flows with dynamical noise) is at most this


class DivergenceError(ValueError):
    """The state left every bound (or became non-finite) during a run."""


@dataclass
class Trajectory:
    """Samples of a system on a uniform grid: ``values[i, k]`` is component k at ``time[i]``.

    ``info`` says how it was made: the integration method, the number of
    steps, and for Hamiltonian orbits the largest relative energy error.
    """

    name: str
    time: np.ndarray
    values: np.ndarray
    components: list
    dt: float
    params: dict
    info: dict = field(default_factory=dict)

    def component(self, key) -> np.ndarray:
        """One component by name (``x``) or index (``0``)."""
        if isinstance(key, str) and key in self.components:
            return self.values[:, self.components.index(key)]
        try:
            index = int(key)
            if index < 0:
                raise IndexError
            return self.values[:, index]
        except (ValueError, IndexError, TypeError):
            raise KeyError(f"{self.name} has no component {key!r}; components are {', '.join(self.components)}")


def simulate(name: str, n: int = 10_000, dt: float | None = None, params: dict | None = None, ic=None,
             transient: float | None = None, noise: float = 0.0, seed: int | None = None,
             rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, step: float | None = None,
             dynamical_noise: float = 0.0, points_per_period: float | None = None,
             standardize: bool = False) -> Trajectory:
    """Simulate a built-in system and sample it on a uniform grid.

    Parameters
    ----------
    name : str
        A catalog name (see :func:`names`); case, '-' and ' ' are ignored.
    n : int
        Number of output samples.
    dt : float, optional
        Sampling step in time units (default: the system's). Maps are iterated,
        so their step is 1.
    params : dict, optional
        Parameter overrides; an unknown name raises KeyError listing the valid ones.
    ic : sequence of float or "random", optional
        Initial state (for the delay equation: the constant initial history).
        ``"random"`` draws a point from the attractor: the system is run from
        its default state through its transient, then for 1000 more samples,
        and the sample at a seeded random index is the initial state (reported
        in ``info["initial_condition"]``).
    transient : float, optional
        Time (iterations for a map) simulated and discarded before the first
        sample (default: the system's).
    noise : float
        Gaussian measurement noise added to each component, with standard
        deviation ``noise`` times that component's standard deviation.
    seed : int, optional
        Seed of the noise, of the dynamical noise and of ``ic="random"``.
    rtol, atol : float
        Tolerances of the adaptive integrator (flows only).
    step : float, optional
        Fixed step of the leapfrog (Hamiltonian) or of the delay RK4 (default:
        the system's); rounded so that dt is a whole number of steps.
    dynamical_noise : float
        SIGMA of additive noise in the dynamics: dy = f dt + SIGMA dW for flows
        (stochastic Heun, fixed step at most min(dt, 0.001)), x_{n+1} = f(x_n) +
        SIGMA xi_n for maps; in state units (per sqrt(time unit) for flows), as
        dysts' ``noise``. Seeded by ``seed``. Not for delay or Hamiltonian systems.
    points_per_period : float, optional
        Sample so that each natural period (the stored computed one, see
        :mod:`.invariants`) holds this many samples: dt = period / P (the
        dysts convention). Flows, delay and Hamiltonian systems; not with ``dt``.
    standardize : bool
        Subtract each component's mean and divide by its standard deviation
        (both reported in ``info``).

    Returns
    -------
    Trajectory
        ``time`` (n,), ``values`` (n, dim), ``components``, ``dt``, ``params``, ``info``.

    Raises
    ------
    KeyError
        Unknown system or parameter.
    ValueError
        A bad argument; :class:`DivergenceError` (a ValueError) when the state
        blows up, naming the time at which it did.

    Notes
    -----
    Flows use Dormand-Prince 5(4) with the error estimate
    ``sqrt(mean((e_i / (atol + rtol max(|y_i|, |y1_i|)))^2)) <= 1`` and its
    4th-order dense output at the sample times, so the step is set by the
    tolerance, not by ``dt``. Hamiltonian orbits use kick-drift-kick leapfrog
    with the system's step (dt is a whole number of steps). The delay
    equation uses RK4 with a fixed step and linear interpolation of its
    stored history.

    References
    ----------
    Dormand & Prince, J. Comput. Appl. Math. 6, 19 (1980); Hairer, Nørsett
    & Wanner, Solving ODEs I (1993), sec. II.4-II.6.

    Examples
    --------
    >>> from tscomplex.systems import simulate
    >>> traj = simulate("lorenz", n=1000, dt=0.01)
    >>> traj.values.shape, traj.components
    ((1000, 3), ['x', 'y', 'z'])
    """
    system = lookup(name)
    params = system.resolve_params(params)
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise ValueError(f"n must be an integer, got {n!r}") from None
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    dynamical_noise = float(dynamical_noise)
    if not (np.isfinite(dynamical_noise) and dynamical_noise >= 0):
        raise ValueError(f"dynamical_noise must be >= 0, got {dynamical_noise}")
    if dynamical_noise > 0 and system.kind in ("delay", "hamiltonian"):
        raise ValueError(f"{system.name} is a {system.kind} system: dynamical_noise is for flows and maps")
    if points_per_period is not None:
        dt = _dt_from_period(system, dt, points_per_period)
    if system.kind == "map":
        if dt is not None and float(dt) != 1.0:
            raise ValueError(f"{system.name} is a map: its step is one iteration, so dt cannot be {dt}")
        dt = 1.0
    dt = float(system.dt if dt is None else dt)
    if not (np.isfinite(dt) and dt > 0):
        raise ValueError(f"dt must be positive, got {dt}")
    transient = float(system.transient if transient is None else transient)
    if not (np.isfinite(transient) and transient >= 0):
        raise ValueError(f"transient must be >= 0, got {transient}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be >= 0, got {noise}")
    if not (rtol > 0 and atol > 0):
        raise ValueError(f"rtol and atol must be positive, got {rtol}, {atol}")
    drawn = isinstance(ic, str)
    if drawn:
        y0 = _attractor_point(system, params, ic, seed, dt)
    else:
        y0 = _initial_state(system, params, ic)
    p = system.param_array(params)

    from ..batch.interrupts import interruptible  # a long run must not turn Ctrl-C into a crash
    from . import integrators

    info = {"method": {"map": "iteration", "flow": "dopri54", "delay": "rk4 with history",
                       "hamiltonian": "leapfrog"}[system.kind]}
    noise_rng = np.random.default_rng(None if seed is None else [int(seed), 1])  # its own stream
    if system.kind == "map" and dynamical_noise > 0:
        n_transient = int(round(transient))
        normals = noise_rng.standard_normal((n_transient + n, y0.size))
        values, status, t_end, steps = interruptible(integrators.kernel("noisy_map"),
            system.kernel("rhs"), y0, p, n, n_transient, dynamical_noise, normals, BLOWUP)
        info.update(method="iteration with additive noise", dynamical_noise=dynamical_noise, noise_seed=seed)
        t_first = float(n_transient)
    elif system.kind == "map":
        n_transient = int(round(transient))
        values, status, t_end, steps = interruptible(integrators.kernel("iterate_map"),
            system.kernel("rhs"), y0, p, n, n_transient, BLOWUP)
        t_first = float(n_transient)
    elif system.kind == "flow" and dynamical_noise > 0:
        h_max = min(dt, HEUN_MAX_STEP)
        stride = max(1, int(math.ceil(dt / h_max - 1e-9)))
        h = dt / stride
        n_transient = int(round(transient / h))
        normals = noise_rng.standard_normal((n_transient + (n - 1) * stride + 1, y0.size))
        values, status, t_end, steps = interruptible(integrators.kernel("stochastic_heun"),
            system.kernel("rhs"), y0, p, h, stride, n, n_transient, dynamical_noise, normals, BLOWUP)
        info.update(method="stochastic heun", dynamical_noise=dynamical_noise, step=h, noise_seed=seed)
        t_first = n_transient * h
    elif system.kind == "flow":
        max_steps = 1_000_000 + 1000 * n
        values, status, t_end, steps = interruptible(integrators.kernel("dopri54"),
            system.kernel("rhs"), y0, 0.0, p, transient, dt, n, float(rtol), float(atol), max_steps, BLOWUP)
        info.update(rtol=float(rtol), atol=float(atol))
        t_first = transient
    else:
        if step is not None and not (np.isfinite(step) and step > 0):
            raise ValueError(f"step must be positive, got {step}")
        step = step or system.step or dt / 10.0
        stride = max(1, int(round(dt / step)))
        h = dt / stride
        n_transient = int(round(transient / h))
        if system.kind == "hamiltonian":
            d = y0.size // 2
            values, status, t_end, steps = interruptible(integrators.kernel("leapfrog"),
                system.kernel("accel"), y0[:d].copy(), y0[d:].copy(), p, h, stride, n, n_transient, BLOWUP)
        else:
            tau = float(params["tau"])
            if tau < h:
                raise ValueError(f"{system.name}: the delay tau = {tau} must be at least one step ({h})")
            values, status, t_end, steps = interruptible(integrators.kernel("delay_rk4"),
                system.kernel("rhs"), y0, p, tau, h, stride, n, n_transient, BLOWUP)
        info["step"] = h
        t_first = n_transient * h
    info["steps"] = int(steps)
    if status == integrators.BLOWUP:
        raise DivergenceError(f"{system.name} diverged at t = {t_end:.6g}: the state became non-finite or "
                              f"exceeded {BLOWUP:g}; try other parameters or a different initial condition")
    if status == integrators.STEP_UNDERFLOW:
        raise DivergenceError(f"{system.name}: the step size underflowed at t = {t_end:.6g} "
                              f"(the solution is blowing up or the tolerances are too tight)")
    if status == integrators.STEP_BUDGET:
        raise ValueError(f"{system.name}: gave up at t = {t_end:.6g} after {steps} steps (stiff or diverging); "
                         f"loosen rtol/atol or change the parameters")
    values = np.ascontiguousarray(values)
    if system.kind == "hamiltonian" and system.energy is not None:
        energy = system.energy(values, params)
        e0 = energy[0]
        scale = abs(e0) if e0 != 0 else 1.0
        info["energy_initial"] = float(e0)
        info["energy_relative_error"] = float(np.max(np.abs(energy - e0)) / scale)
    if noise > 0:
        rng = np.random.default_rng(seed)
        values = values + noise * values.std(axis=0) * rng.standard_normal(values.shape)
    if drawn:
        info["initial_condition"] = [float(v) for v in y0]
        info["initial_condition_seed"] = seed
    if points_per_period is not None:
        info["points_per_period"] = float(points_per_period)
        info["natural_period"] = float(points_per_period) * dt
    if standardize:
        mean, std = values.mean(axis=0), values.std(axis=0)
        values = (values - mean) / np.where(std > 0, std, 1.0)
        info["standardized_mean"] = [float(v) for v in mean]
        info["standardized_std"] = [float(v) for v in std]
    time = t_first + dt * np.arange(n)
    return Trajectory(system.name, time, values, system.component_names(params), dt, params, info)


def _dt_from_period(system: System, dt, points_per_period) -> float:
    """dt = natural period / P, with the stored computed period (:mod:`.invariants`)."""
    points = float(points_per_period)
    if not (np.isfinite(points) and points > 0):
        raise ValueError(f"points_per_period must be positive, got {points_per_period}")
    if dt is not None:
        raise ValueError("give dt or points_per_period, not both")
    if system.kind == "map":
        raise ValueError(f"{system.name} is a map: it has no natural period, so points_per_period does not apply")
    from .invariants import stored

    inv = stored(system.name) or {}
    period = inv.get("natural_period")
    if not period:
        why = inv.get("natural_period_reason") or "its invariants are not computed"
        raise ValueError(f"{system.name} has no stored natural period ({why}), so points_per_period does not apply")
    return float(period) / points


def _attractor_point(system: System, params: dict, ic: str, seed, dt) -> np.ndarray:
    """A point on the attractor: run from the default state through the transient, pick a seeded sample."""
    if ic.strip().lower() != "random":
        raise ValueError(f"{system.name}: initial condition must be numbers or 'random', got {ic!r}")
    if seed is None:
        raise ValueError("ic='random' needs a seed, so that the draw can be repeated")
    run = simulate(system.name, n=1000, dt=dt, params=params)
    index = int(np.random.default_rng([int(seed), 2]).integers(run.values.shape[0]))
    return np.ascontiguousarray(run.values[index])   # for the delay equation: a constant history


def _initial_state(system: System, params: dict, ic) -> np.ndarray:
    dim = system.dimension(params)
    if ic is None:
        y0 = system.initial_condition(params)
    else:
        try:
            y0 = np.array(np.atleast_1d(ic), dtype=np.float64).ravel()
        except (TypeError, ValueError):
            raise ValueError(f"{system.name}: initial condition must be numbers, got {ic!r}") from None
    if y0.size != dim:
        what = ", ".join(system.component_names(params))
        raise ValueError(f"{system.name}: initial condition needs {dim} values ({what}), got {y0.size}")
    if not np.all(np.isfinite(y0)):
        raise ValueError(f"{system.name}: initial condition must be finite")
    return np.ascontiguousarray(y0)
