"""Lyapunov exponents: the largest one from data, and the spectrum from a built-in system's equations.

From data (ChaosTools' split: choose the embedding, follow the divergence, fit the straight part):

- :mod:`tscomplex.embedding` chooses the delay, the dimension and the Theiler window;
- :mod:`.divergence` follows nearby trajectories: Rosenstein's and Kantz's curves <ln d(k)>;
- :mod:`.scaling` finds the largest straight, rising stretch of a curve and fits it;
- :mod:`.data` composes them: :func:`max_lyapunov` returns a :class:`MaxLyapunovResult` with the curve.

From equations: :mod:`.spectrum` (tangent-space QR, kernels in :mod:`.tangent`) gives
:func:`lyapunov_spectrum` and :func:`kaplan_yorke_dimension`, loaded on first use.

The module itself is callable, for notebooks: ``tscomplex.lyapunov(data, **kw)`` is
``tscomplex.records.api.lyapunov(data, **kw)``, a DataFrame of the records ``tscomplex lyapunov`` writes.
"""

from __future__ import annotations

import sys
import types

from ..embedding import (MIN_VECTORS, auto_dim, auto_lag, auto_mutual_information,  # noqa: F401
                         auto_theiler, autocorrelation, cao_e1, delay_embedding, false_nearest_neighbors, mean_period)
from ..options import DIM_METHODS, LAG_METHODS  # noqa: F401
from .data import (GOOD_FIT_R2, MAX_AUTO_STEPS, MAX_REFERENCES, MAX_STEPS_FRACTION, METHODS,  # noqa: F401
                   MIN_CYCLES, Embedding, MaxLyapunovResult, choose_embedding, divergence_pairs,
                   fit_scaling_region, follow_divergence, max_lyapunov, slope_windows)
from .divergence import divergence_curve  # noqa: F401
from .scaling import (MIN_REGION_RISE, MIN_REGION_STEPS, SATURATION_FRACTION, SLOPE_TOLERANCE,  # noqa: F401
                      ScalingRegion, scaling_region)

_SPECTRUM = ("lyapunov_spectrum", "LyapunovSpectrum", "kaplan_yorke_dimension")

__all__ = ["max_lyapunov", "MaxLyapunovResult", "choose_embedding", "Embedding", "divergence_pairs",
           "follow_divergence", "fit_scaling_region", "slope_windows", "divergence_curve", "scaling_region",
           "ScalingRegion", "delay_embedding", "auto_lag", "auto_dim", "auto_theiler", "mean_period", "auto_mutual_information",
           "autocorrelation", "false_nearest_neighbors", "cao_e1", *_SPECTRUM]


def __getattr__(name):
    # the spectrum needs the systems catalog: loaded only when asked for, so that the estimate from data
    # (and tscomplex.fractal, which shares its embedding) does not pay for it
    if name in _SPECTRUM:
        from . import spectrum

        return getattr(spectrum, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """``tscomplex.lyapunov`` is both this package and the notebook call ``tscomplex.lyapunov(data, ...)``."""

    def __call__(self, data, **kwargs):
        from ..records.api import lyapunov  # written beside this package; loaded only when called

        return lyapunov(data, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
