"""tscomplex: time-series complexity from the command line and from Python.

The public API is loaded lazily, so that importing the command line (and
``tscomplex --help``) does not pay for numba.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"


def _numba_cache_folder() -> None:
    """Give numba a cache folder it can write where it has none.

    numba caches compiled kernels beside the package, or else in the user's
    cache folder. A read-only install (a shared or system site-packages) used
    by an account without a writable home (a batch or service account) has
    neither, and every kernel then fails with "cannot cache function". Such
    a process gets a private folder in the system's temporary folder instead.
    NUMBA_CACHE_DIR, when set, always wins.
    """
    import os

    if "NUMBA_CACHE_DIR" in os.environ or os.access(os.path.dirname(__file__), os.W_OK):
        return
    home = os.path.expanduser("~")
    user_cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    if os.access(user_cache if os.path.isdir(user_cache) else home, os.W_OK):
        return  # numba's own user-wide cache works
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    os.environ["NUMBA_CACHE_DIR"] = os.path.join(tempfile.gettempdir(), f"tscomplex-numba-{uid}")


_numba_cache_folder()

_API = {
    "ordinal_counts": "tscomplex.ordinal",
    "ordinal_codes": "tscomplex.ordinal",
    "OrdinalPatterns": "tscomplex.ordinal",
    "ordinal_probabilities": "tscomplex.measures",
    "permutation_entropy": "tscomplex.measures",
    "statistical_complexity": "tscomplex.measures",
    "complexity_entropy": "tscomplex.measures",
    "fisher_information": "tscomplex.measures",
    "missing_patterns": "tscomplex.measures",
    "renyi_permutation_entropy": "tscomplex.measures",
    "tsallis_permutation_entropy": "tscomplex.measures",
    "simulate": "tscomplex.systems",
    "conditional_entropy": "tscomplex.patching",
    "patch_boundaries": "tscomplex.patching",
    "boundaries_from_entropy": "tscomplex.patching",
    "value_symbols": "tscomplex.patching",
    "entrope_tokens": "tscomplex.patching",
    "windowed_patches": "tscomplex.patching",
    "max_lyapunov": "tscomplex.lyapunov",
    "delay_embedding": "tscomplex.lyapunov",
    "auto_lag": "tscomplex.lyapunov",
    "auto_dim": "tscomplex.lyapunov",
    "false_nearest_neighbors": "tscomplex.lyapunov",
    "divergence_curve": "tscomplex.lyapunov",
    "auto_theiler": "tscomplex.lyapunov",
    "scaling_region": "tscomplex.lyapunov",
    "lyapunov_spectrum": "tscomplex.lyapunov.spectrum",
    "lyapunov_spectrum_from_data": "tscomplex.lyapunov.spectrum_data",
    "sali": "tscomplex.lyapunov.indicators",
    "gali": "tscomplex.lyapunov.indicators",
    "sali_map": "tscomplex.lyapunov.indicator_map",
    "complexity_curves": "tscomplex.plane",
    "complexity_peak": "tscomplex.plane",
    "periodic_entropy_bounds": "tscomplex.plane",
    "noise_curve": "tscomplex.plane",
    "classify": "tscomplex.plane",
    "regime_details": "tscomplex.plane",
    "multi_turn_fraction": "tscomplex.plane",
    "natural_timescale": "tscomplex.plane",
    "ideal_tau": "tscomplex.plane",
    "tau_sweep": "tscomplex.plane",
    "tau_sweep_full": "tscomplex.plane",
    "sample_entropy": "tscomplex.entropy.sample",
    "approximate_entropy": "tscomplex.entropy.sample",
    "multiscale_entropy": "tscomplex.entropy.multiscale",
    "dfa": "tscomplex.fractal.dfa",
    "hurst_exponent": "tscomplex.fractal.hurst",
    "mfdfa": "tscomplex.fractal.mfdfa",
    "correlation_dimension": "tscomplex.fractal.correlation",
    "surrogates": "tscomplex.surrogates",
    "surrogate_test": "tscomplex.surrogates",
    # the notebook API: the CLI's records as DataFrames; tscomplex.lyapunov(data) is the package itself, which is
    # callable (it calls tscomplex.records.api.lyapunov), so both the call and the submodule import work
    "analyze": "tscomplex.records.api",
    "sweep": "tscomplex.records.api",
    "patch": "tscomplex.records.api",
    "TscomplexWarning": "tscomplex.records.api",
    "zero_one_test": "tscomplex.lyapunov.zero_one",
    "ZeroOneResult": "tscomplex.lyapunov.zero_one",
    # 2-D ordinal patterns and the generalized planes (issue 17)
    "complexity_entropy_2d": "tscomplex.ordinal.image",
    "ordinal_counts_2d": "tscomplex.ordinal.image",
    "fisher_shannon": "tscomplex.plane.generalized",
    "renyi_complexity_entropy": "tscomplex.plane.generalized",
    "tsallis_complexity_entropy": "tscomplex.plane.generalized",
    "complexity_entropy_curve": "tscomplex.plane.generalized",
    "maximum_complexity_entropy": "tscomplex.plane.generalized",
    "minimum_complexity_entropy": "tscomplex.plane.generalized",
    "ordinal_network": "tscomplex.ordinal.networks",
    "global_node_entropy": "tscomplex.ordinal.networks",
    "missing_transitions": "tscomplex.ordinal.networks",
    "permutation_jensen_shannon_distance": "tscomplex.ordinal.distance",
    "permutation_jensen_shannon_distances": "tscomplex.ordinal.distance",
    "pattern_contrasts": "tscomplex.ordinal.contrasts",
    "fit_context_model": "tscomplex.patching",
    "load_context_model": "tscomplex.patching",
    "save_context_model": "tscomplex.patching",
    "sliding_measures": "tscomplex.ordinal.windows",
    "confidence_intervals": "tscomplex.ordinal.uncertainty",
    "miller_madow_entropy": "tscomplex.ordinal.uncertainty",
}

__all__ = sorted(list(_API) + ["lyapunov"]) + ["__version__"]


def __getattr__(name):
    if name == "lyapunov":  # the callable package: a plain function here would be replaced by the module on import
        return importlib.import_module("tscomplex.lyapunov")
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'tscomplex' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
