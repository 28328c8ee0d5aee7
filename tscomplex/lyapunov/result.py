"""The result of :func:`.data.max_lyapunov`: the exponent, the verdict, and every choice behind them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class MaxLyapunovResult:
    """The largest Lyapunov exponent of a series and how it was obtained.

    ``max_lyapunov`` is per time unit (per sample when dt = 1) and is None
    when no scaling region was found; ``chaotic`` is True only when a scaling
    region was found, fits well, and its slope is positive, and None when the
    data cannot decide (a record of fewer than 20 mean periods that does not
    drift, or a noise floor that hides the region where the 0-1 test cannot tell chaos from
    noise), with the reason; ``chaotic_rule`` names the rule that decided.
    Pairs that never part beyond rounding (1e-8 of the standard deviation) are
    not divergence: ``chaotic`` False, rule ``repeats_to_rounding``. A
    straight rise whose nearest neighbours lie close in time
    (``neighbour_separation`` under 0.05: a chirp, a drifting frequency) is
    no evidence either: ``chaotic`` None, rule ``neighbours_close_in_time``.
    ``deterministic_map`` is the verdict of the one-step prediction test
    (:func:`tscomplex.embedding.prediction.map_test`) when it was asked.
    """

    max_lyapunov: float | None
    max_lyapunov_per_sample: float | None
    chaotic: bool | None
    method: str
    dim: int
    lag: int
    theiler: int
    dt: float
    n_steps: int
    fit_start: int | None
    fit_end: int | None
    fit_r2: float | None
    fit_intercept: float | None
    divergence: np.ndarray = field(repr=False)
    reason: str = ""
    slope_window: int | None = None  # steps over which the local slopes of the scaling-region search were taken
    chaotic_rule: str | None = None  # which evidence decided ``chaotic`` (see :mod:`.flag`)
    noise_jump: float | None = None  # ln d(1) - ln d(0) when it is a noise floor (flows only), else None
    zero_one_k: float | None = None  # K of the 0-1 test, when it was asked (a noise floor hid the scaling region)
    lag_bounded: bool = False  # the automatic lag was cut to a quarter of the mean period (not a record key)
    deterministic_map: bool | None = None  # the one-step prediction test's verdict; None when not asked
    one_step_error_ratio: float | None = None  # its nearest-neighbour over linear one-step error (m = 1 .. 3)
    epsilon_min: float | None = None  # Kantz's radii whose curves agreed, when that rule decided (.epsilon_range)
    epsilon_max: float | None = None
    differenced: bool = False  # the increments x[i+1] - x[i] were analysed: the series drifts (:mod:`.epsilon_range`)
    neighbour_separation: float | None = None  # median time from a reference to its neighbour / embedding (.flag)

    @property
    def steps(self) -> np.ndarray:
        """k = 0 .. n_steps, the abscissa of ``divergence``."""
        return np.arange(self.divergence.size)

    def as_record(self) -> dict:
        """The flat fields of a record (without the curve)."""
        return {
            "method": self.method, "max_lyapunov": self.max_lyapunov,
            "max_lyapunov_per_sample": self.max_lyapunov_per_sample, "chaotic": self.chaotic,
            "embedding_dim": self.dim, "embedding_lag": self.lag, "theiler": self.theiler,
            "trajectory_steps": self.n_steps,
            "fit_start": self.fit_start, "fit_end": self.fit_end, "fit_r2": self.fit_r2,
            "slope_window": self.slope_window, "chaotic_rule": self.chaotic_rule, "noise_jump": self.noise_jump,
            "zero_one_k": self.zero_one_k, "deterministic_map": self.deterministic_map,
            "one_step_error_ratio": self.one_step_error_ratio, "epsilon_min": self.epsilon_min,
            "epsilon_max": self.epsilon_max, "differenced": self.differenced,
            "neighbour_separation": self.neighbour_separation,
        }

    def __getitem__(self, key):  # dict-style access, as the records use the same names
        return getattr(self, {"embedding_dim": "dim", "embedding_lag": "lag"}.get(key, key))
