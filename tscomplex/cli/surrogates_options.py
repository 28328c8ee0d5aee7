"""``--surrogates N`` for analyze, lyapunov and sweep: the options, and the wrapper that adds the evidence.

A command adds the options with one decorator and receives them as one parameter, ``surrogates``
(a :class:`SurrogateSettings`), which it hands to :func:`with_surrogates` or :func:`surrogate_wrapper`.
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from ..options import UNIVARIATE_SURROGATES
from .options import _stack, gathered

#: methods for one series (``multivariate`` needs several columns at once: see `tscomplex surrogates`)
UNIVARIATE = UNIVARIATE_SURROGATES


@dataclass(frozen=True)
class SurrogateSettings:
    """``--surrogates`` (count; None: no test), ``--surrogate-method``, ``--seed`` and ``--alpha``."""

    count: int | None = None
    method: str = "iaaft"
    seed: int | None = None
    alpha: float = 0.05


_NAMES = ("surrogate_count", "surrogate_method", "surrogate_seed", "surrogate_alpha")


def _settings(current, values) -> SurrogateSettings:
    return SurrogateSettings(count=values.get("surrogate_count"),
                             method=values.get("surrogate_method") or "iaaft",
                             seed=values.get("surrogate_seed"),
                             alpha=float(values.get("surrogate_alpha") or 0.05))


surrogate_options = _stack(
    gathered(_NAMES, "surrogates", _settings),
    click.option("--surrogates", "surrogate_count", type=click.IntRange(min=1), metavar="N",
                 help="Test every measure against N surrogates of its series: adds <measure>_surrogate_mean, "
                      "_surrogate_std, _z and a two-sided rank _p (the smallest p is 2/(N+1): N = 39 for "
                      "alpha 0.05, 99 for 0.02), and nonlinear. A complex or chaotic verdict then needs "
                      "nonlinear = true. analyze and sweep, whose measures see only ranks, also test against "
                      "N surrogates of the series' Gaussian scores given its values by rank (_p_scores), and "
                      "nonlinear then needs both: skewed linear data fail the first null, tones the second (the second "
                      "set is made only when the first test rejects; else _p_scores are null, "
                      "surrogate_scores_tested false)."),
    click.option("--surrogate-method", type=click.Choice(UNIVARIATE), default="iaaft", show_default=True,
                 help="How surrogates are made (see `tscomplex surrogates --help`)."),
    click.option("--seed", "surrogate_seed", type=click.IntRange(min=0),
                 help="Seed of the surrogates and of analyze --ties noise (default: drawn, and reported as "
                      "surrogate_seed, ties_seed)."),
    click.option("--alpha", "surrogate_alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True),
                 default=0.05, show_default=True,
                 help="Level of the test that decides nonlinear (p <= alpha)."),
)


def with_surrogates(func, settings: SurrogateSettings, stream=None, statistic="permutation_entropy",
                    null_func=None, fixed=(), match=("tau", "kind"), gaussianize=False):
    """(record function, stream function) for ``run.map``: ``func`` itself without --surrogates.

    With --surrogates the records are tested (:class:`~tscomplex.surrogates.records.WithSurrogates`)
    and chunked reading is off: surrogates need the whole series in memory.
    """
    wrapper = surrogate_wrapper(func, settings, statistic, null_func, fixed, match, gaussianize)
    return (func, stream) if wrapper is None else (wrapper, None)


def surrogate_wrapper(func, settings: SurrogateSettings, statistic="permutation_entropy", null_func=None,
                      fixed=(), match=("tau", "kind"), gaussianize=False):
    """The :class:`WithSurrogates` of the command line's options, or None without --surrogates.

    ``gaussianize``: the measures are statistics of ranks (ordinal patterns), also tested against surrogates
    of the series' Gaussian scores (:mod:`tscomplex.surrogates.ranks`); nonlinear needs both tests."""
    count = settings.count
    if not count:
        return None
    from ..surrogates import new_seed
    from ..surrogates.records import WithSurrogates

    seed, alpha = settings.seed, settings.alpha
    if 2.0 / (count + 1) > alpha:
        import math

        click.echo(f"tscomplex: warning: with {count} surrogates the smallest p is 2/{count + 1} = "
                   f"{2.0 / (count + 1):.3g} > alpha = {alpha:g}, so nothing can be called nonlinear; "
                   f"use --surrogates {math.ceil(2.0 / alpha - 1)} or more", err=True)
    return WithSurrogates(func=func, count=int(count), method=settings.method,
                          seed=new_seed() if seed is None else int(seed),
                          alpha=alpha, statistic=statistic,
                          null_func=null_func, fixed=tuple(fixed), match=tuple(match),
                          gaussianize=bool(gaussianize))
