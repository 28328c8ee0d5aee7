"""The notebook API: ``tscomplex.analyze``, ``sweep``, ``lyapunov`` and ``patch`` on arrays and DataFrames.

Each takes a NumPy array, a pandas Series or a DataFrame (one series per
numeric column, or a long table split with ``by=``), the measure's parameters
by keyword with the library's names, and returns a pandas DataFrame whose
columns are the record keys the CLI writes, in the same order, one row per
record. The numbers are the CLI's: both build their records in
:mod:`tscomplex.records`.

Warnings about one series (a constant column, a sweep too short for its
timescale) are :class:`TscomplexWarning` s. A series the measure cannot take
raises ValueError, unless ``errors="record"``, which keeps it as a row with an
``error`` column, as the CLI writes it.

Examples
--------
>>> import numpy as np, tscomplex
>>> x = np.random.default_rng(1).standard_normal(5000)
>>> tscomplex.analyze(x, dim=4, tau=[1, 2])[["series", "tau", "regime"]]
  series  tau      regime
0  value    1  stochastic
1  value    2  stochastic
"""

from __future__ import annotations

from .. import options as O
from .frames import TscomplexWarning, as_series, collect, to_frame

__all__ = ["analyze", "sweep", "lyapunov", "patch", "TscomplexWarning"]


def _taus(tau) -> tuple:
    import numbers

    from .._validation import check_int

    if isinstance(tau, str) and tau == "ideal":
        return ("ideal",)  # each series at its own ideal tau (analyze)
    values = [tau] if isinstance(tau, numbers.Number) or getattr(tau, "ndim", None) == 0 else list(tau)
    if not values:
        raise ValueError("tau must be a positive integer or a non-empty list of them, got []")
    return tuple(check_int(t, "tau", 1) for t in values)


def _errors(errors: str) -> bool:
    from .._validation import check_choice

    return check_choice(errors, "errors", ("raise", "record")) == "raise"


def analyze(data, dim: int = O.DEFAULT_DIM, tau=O.DEFAULT_TAU, weighted: bool = False, tie_precision=None,
            q=None, nan: str = "error", dt=None, by=None, time_column=None, columns=None, source=None,
            errors: str = "raise", ties: str = "order", seed=None):
    """Permutation entropy, statistical complexity, Fisher information, missing patterns and the regime
    of each series, for each ``tau`` (an int or a list, or ``"ideal"``: each series at its own ideal tau):
    ``tscomplex analyze`` as a DataFrame.

    With ``q``, also the Rényi and Tsallis permutation entropies of order q. ``tied_windows`` is the
    fraction of windows with equal values; ``ties="noise"`` breaks ties by a noise seeded with ``seed``.
    """
    from .._validation import check_int
    from .analyze import analyze_records

    check_int(dim, "dim", O.MIN_DIM, O.MAX_DIM)
    taus = _taus(tau)
    series = as_series(data, source, dt, nan, by, time_column, columns)
    return to_frame(collect(series, lambda s: analyze_records(s, dim, taus, weighted, tie_precision, q, ties, seed)),
                    _errors(errors))


def sweep(data, tau=None, dim: int = O.DEFAULT_DIM, t_nat=None, t_nat_method: str = "auto", min_windows=None,
          summary_only: bool = False, nan: str = "error", dt=None, by=None, time_column=None, columns=None,
          source=None, errors: str = "raise"):
    """H and C over ``tau`` (default 1..100, clipped to what each series allows, as the CLI's default),
    the natural timescale and PECCARY's ideal tau: ``tscomplex sweep`` as a DataFrame (``kind`` is
    ``tau`` for a delay's row and ``summary`` for the series' summary)."""
    from .._validation import check_choice, check_int
    from .sweep import sweep_records

    check_int(dim, "dim", O.MIN_DIM, O.MAX_DIM)
    check_choice(t_nat_method, "t_nat_method", ("auto",) + O.T_NAT_METHODS)
    taus = tuple(range(1, 101)) if tau is None else _taus(tau)
    options = dict(taus=taus, dim=dim, t_nat=t_nat, t_nat_method=t_nat_method, min_windows=min_windows,
                   summary_only=summary_only, clip_taus=tau is None)
    series = as_series(data, source, dt, nan, by, time_column, columns)
    return to_frame(collect(series, lambda s: sweep_records(s, **options)), _errors(errors))


def lyapunov(data, method: str = O.LYAPUNOV_METHODS[0], dim=None, lag=None, lag_method: str = O.LAG_METHODS[0],
             dim_method: str | None = None, theiler=None, n_steps=None, max_dim: int = 10,
             nan: str = "error", dt=None, by=None, time_column=None, columns=None, source=None,
             errors: str = "raise"):
    """The largest Lyapunov exponent of each series from data, with every automatic choice reported:
    ``tscomplex lyapunov`` as a DataFrame. ``dim`` and ``lag`` are the delay embedding's (record keys
    ``embedding_dim``, ``embedding_lag``), chosen from the data when None, as in :func:`max_lyapunov`."""
    from .._validation import check_choice
    from .lyapunov import lyapunov_records

    check_choice(method, "method", O.LYAPUNOV_METHODS)
    check_choice(lag_method, "lag_method", O.LAG_METHODS)
    if dim_method is not None:  # None: automatic (fnn, or for a map the one-step prediction's dimension)
        check_choice(dim_method, "dim_method", O.DIM_METHODS)
    options = dict(method=method, dim=dim, lag=lag, lag_method=lag_method, dim_method=dim_method,
                   theiler=theiler, steps=n_steps, max_dim=max_dim)
    series = as_series(data, source, dt, nan, by, time_column, columns)
    return to_frame(collect(series, lambda s: lyapunov_records(s, **options)), _errors(errors))


def patch(data, estimator: str = O.PATCH_ESTIMATORS[0], bins: int | None = None, order: int | None = None,
          dim: int = O.DEFAULT_DIM, value_range: float | None = None, center: bool | None = None,
          mode: str | None = None, alpha: float | None = None, rule: str = O.PATCH_RULES[0],
          threshold=O.PATCH_DEFAULT_THRESHOLD, jump=O.PATCH_DEFAULT_JUMP, min_len=None, max_len=None,
          summary_only: bool = False, nan: str = "error", dt=None, by=None, time_column=None, columns=None,
          source=None, errors: str = "raise", context_model=None, fit_on=None, fit_range=None, model=None,
          tokenizer: str | None = None, vocab_size: int | None = None, window=None, window_step=None,
          entropy=None):
    """Entropy-guided patch boundaries: ``tscomplex patch`` as a DataFrame, a ``summary`` row per series
    and (unless ``summary_only``) a ``patch`` row per patch (the ``record`` column says which).

    ``bins``, ``order``, ``value_range``, ``center``, ``alpha``, ``tokenizer``, ``vocab_size`` left None are
    the defaults (8, 2, 3.0, True, 0.5, "value", 256), or a ``model``'s; ``mode`` None is ``causal``, or
    ``fit`` with a context model (``context_model``, ``fit_on``, ``fit_range``, ``model``: see
    :func:`tscomplex.conditional_entropy`).
    ``window``, ``tokenizer="entrope"`` and ``entropy`` (a trace as long as each series) do it EntroPE's
    way (see :func:`tscomplex.patching.windowed_patches`); with a window, ``window`` rows hold each
    window's thresholds, and a context model is applied to each window's tokens."""
    from .._validation import check_choice
    from ..patching.fitted import uses_model
    from .patch import patch_records

    fitted = {"context_model": context_model, "fit_on": fit_on, "fit_range": fit_range, "model": model}
    if not uses_model(**fitted):
        fitted = {}
    if model is None:  # with a model, settings left None are the model's
        bins = O.PATCH_DEFAULT_BINS if bins is None else bins
        order = O.PATCH_DEFAULT_ORDER if order is None else order
        value_range = O.PATCH_DEFAULT_VALUE_RANGE if value_range is None else value_range
        center = True if center is None else center
        alpha = O.PATCH_DEFAULT_ALPHA if alpha is None else alpha
        tokenizer = "value" if tokenizer is None else tokenizer
        vocab_size = O.ENTROPE_VOCAB_SIZE if vocab_size is None else vocab_size
    mode = ("fit" if fitted else O.PATCH_MODES[0]) if mode is None else mode
    check_choice(estimator, "estimator", O.PATCH_ESTIMATORS)
    check_choice(mode, "mode", O.PATCH_MODES)
    check_choice(rule, "rule", O.PATCH_RULES)
    options = dict(estimator=estimator, bins=bins, order=order, dim=dim, value_range=value_range, center=center,
                   mode=mode, alpha=alpha, rule=rule, threshold=threshold, jump=jump, min_len=min_len,
                   max_len=max_len, **fitted)
    if tokenizer not in (None, "value") or window is not None or entropy is not None:
        if tokenizer is not None:
            check_choice(tokenizer, "tokenizer", O.PATCH_TOKENIZERS)
        options.update(tokenizer=tokenizer, vocab_size=vocab_size, window=window, window_step=window_step)
        if entropy is not None:
            options.update(entropy=entropy, entropy_source="array")
    series = as_series(data, source, dt, nan, by, time_column, columns)
    return to_frame(collect(series, lambda s: patch_records(s, summary_only, **options)), _errors(errors))
