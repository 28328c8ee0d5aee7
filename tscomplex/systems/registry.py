"""The System record, the registry, parameter resolution and lazy numba compilation of each system.

A system is plain data plus plain Python functions for its right-hand side
(or map) and its analytic Jacobian. They are compiled with numba only when a
system is first used, with an explicit signature so that the integrators
(compiled once, cached) can call them as first-class functions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

KINDS = ("map", "flow", "delay", "hamiltonian")


@dataclass(frozen=True)
class Reference:
    """Published Lyapunov exponents of a system at some parameters (overrides of the defaults)."""

    exponents: tuple               # the spectrum (or only the largest exponent), descending
    source: str
    params: dict = field(default_factory=dict)
    ic: tuple | None = None
    kaplan_yorke_dimension: float | None = None
    note: str = ""

    @property
    def max_exponent(self) -> float:
        return float(self.exponents[0])


@dataclass
class System:
    """One built-in system: equations, defaults, references and numba kernels.

    ``rhs(t, y, p, out)`` writes dy/dt (a flow) or the next state (a map);
    ``jac(t, y, p, J)`` writes the Jacobian d rhs / d y. For a delay system
    they take the delayed state too: ``rhs(t, y, y_delayed, p, out)`` and
    ``jac(t, y, y_delayed, p, J)`` with J = [d/dy | d/dy_delayed]. A
    Hamiltonian system also has ``accel(t, q, p, out)`` = -grad V(q) and
    ``energy(values, p)`` for the leapfrog integrator.
    """

    name: str
    kind: str
    description: str
    equations: str
    source: str
    params: dict
    ic: object                     # tuple, or callable(params) -> array
    dt: float
    transient: float
    rhs: Callable
    jac: Callable
    components: object = ("x", "y", "z")   # tuple, or callable(params) -> list
    references: tuple = ()
    accel: Callable | None = None
    energy: Callable | None = None
    step: float | None = None      # leapfrog / delay integration step (default dt / 10)
    spectrum_time: float | None = None   # default length of a spectrum run (time units or iterations)
    spectrum_dt: float | None = None     # RK4 step of a spectrum run (flows)
    int_params: tuple = ()         # parameters that must be integers
    check: Callable | None = None  # check(params) -> error message or None
    dysts_name: str | None = None  # the name of the same system in the dysts catalog (Gilpin 2021), if it has one
    switching: tuple | None = None  # (index, value): the field jumps across the plane y[index] = value (flows)
    _compiled: dict = field(default_factory=dict, repr=False)

    # ----------------------------------------------------------- parameters

    def resolve_params(self, overrides: dict | None) -> dict:
        """Defaults updated by ``overrides``; unknown names raise KeyError listing the valid ones."""
        params = dict(self.params)
        for key, value in (overrides or {}).items():
            if key not in params:
                valid = ", ".join(self.params) or "(none)"
                raise KeyError(f"{self.name} has no parameter {key!r}; valid parameters: {valid}")
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{self.name}: parameter {key} must be a number, got {value!r}") from None
            if not np.isfinite(value):
                raise ValueError(f"{self.name}: parameter {key} must be finite, got {value}")
            if key in self.int_params:
                if value != int(value):
                    raise ValueError(f"{self.name}: parameter {key} must be an integer, got {value}")
                value = int(value)
            params[key] = value
        if self.check is not None:
            problem = self.check(params)
            if problem:
                raise ValueError(f"{self.name}: {problem}")
        return params

    def param_array(self, params: dict) -> np.ndarray:
        return np.array([float(params[k]) for k in self.params], dtype=np.float64)

    def component_names(self, params: dict | None = None) -> list[str]:
        params = self.params if params is None else params
        return list(self.components(params) if callable(self.components) else self.components)

    def dimension(self, params: dict | None = None) -> int:
        return len(self.component_names(params))

    def initial_condition(self, params: dict | None = None) -> np.ndarray:
        params = self.params if params is None else params
        ic = self.ic(params) if callable(self.ic) else self.ic
        return np.array(ic, dtype=np.float64)

    @property
    def reference(self) -> Reference | None:
        """The reference at the default parameters, if there is one."""
        for ref in self.references:
            if not ref.params:
                return ref
        return None

    # ----------------------------------------------------------- compiled kernels

    def kernel(self, which: str):
        """The numba-compiled ``rhs``, ``jac`` or ``accel`` (compiled once per process, cached on disk)."""
        if which not in self._compiled:
            from numba import njit

            from . import signatures as sig

            func = getattr(self, which)
            if self.kind == "delay" and which in ("rhs", "jac"):
                signature = sig.DELAY_RHS if which == "rhs" else sig.DELAY_JAC
            else:
                signature = sig.JAC if which == "jac" else sig.RHS
            self._compiled[which] = njit(signature, cache=True, nogil=True)(func)
        return self._compiled[which]


REGISTRY: dict[str, System] = {}
ALIASES: dict[str, str] = {}   # normalized other names (the dysts name) -> registry name


def register(system: System) -> System:
    if system.kind not in KINDS:
        raise ValueError(f"{system.name}: kind must be one of {KINDS}")
    if system.name in REGISTRY:
        raise ValueError(f"system {system.name!r} registered twice")
    REGISTRY[system.name] = system
    if system.dysts_name:
        alias = normalize(system.dysts_name)
        if alias != system.name:
            if alias in ALIASES or alias in REGISTRY:
                raise ValueError(f"{system.name}: alias {system.dysts_name!r} already taken")
            ALIASES[alias] = system.name
    return system


def normalize(name: str) -> str:
    return str(name).strip().lower().replace("-", "_").replace(" ", "_")


def lookup(name: str) -> System:
    """The system called ``name`` (case, '-' and ' ' ignored); KeyError lists the closest names."""
    key = normalize(name)
    if key in REGISTRY:
        return REGISTRY[key]
    if key in ALIASES:
        return REGISTRY[ALIASES[key]]
    close = difflib.get_close_matches(key, list(REGISTRY), n=5, cutoff=0.5)
    if not close:
        close = [n for n in REGISTRY if n.startswith(key[:3])][:5]
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise KeyError(f"unknown system {name!r}{hint} (see `tscomplex systems list`)")


def names(kind: str | None = None) -> list[str]:
    """Names of the built-in systems (of one ``kind``: map, flow, delay or hamiltonian), sorted.

    Examples
    --------
    >>> from tscomplex import systems
    >>> systems.names("delay")
    ['mackey_glass']
    >>> len(systems.names()) >= 60
    True
    """
    return sorted(n for n, s in REGISTRY.items() if kind is None or s.kind == kind)


def get(name: str) -> System:
    """The system called ``name``; an unknown name raises KeyError listing the closest names.

    Examples
    --------
    >>> from tscomplex import systems
    >>> systems.get("lorenz").params
    {'sigma': 10.0, 'rho': 28.0, 'beta': 2.6666666666666665}
    """
    return lookup(name)
