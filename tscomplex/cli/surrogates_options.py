"""``--surrogates N`` for analyze, lyapunov and sweep: the options, and the wrapper that adds the evidence.

The options are kept in the click context (like the batch options), so a
command adds them with one decorator and wraps its record function with one
call to :func:`with_surrogates`.
"""

from __future__ import annotations

import click

from ..options import UNIVARIATE_SURROGATES
from .options import _stack

_META = "tscomplex.surrogates"

#: methods for one series (``multivariate`` needs several columns at once: see `tscomplex surrogates`)
UNIVARIATE = UNIVARIATE_SURROGATES


def _remember(ctx, param, value):
    ctx.meta.setdefault(_META, {})[param.name] = value
    return value


surrogate_options = _stack(
    click.option("--surrogates", "surrogate_count", type=click.IntRange(min=1), metavar="N", expose_value=False,
                 callback=_remember,
                 help="Test every measure against N surrogates of its series: adds <measure>_surrogate_mean, "
                      "_surrogate_std, _z and a two-sided rank _p (the smallest p is 2/(N+1): N = 39 for "
                      "alpha 0.05, 99 for 0.02), and nonlinear. A complex or chaotic verdict then needs "
                      "nonlinear = true."),
    click.option("--surrogate-method", type=click.Choice(UNIVARIATE), default="iaaft", show_default=True,
                 expose_value=False, callback=_remember,
                 help="How surrogates are made (see `tscomplex surrogates --help`)."),
    click.option("--seed", "surrogate_seed", type=click.IntRange(min=0), expose_value=False, callback=_remember,
                 help="Seed of the surrogates and of analyze --ties noise (default: drawn, and reported as "
                      "surrogate_seed, ties_seed)."),
    click.option("--alpha", "surrogate_alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True),
                 default=0.05, show_default=True, expose_value=False, callback=_remember,
                 help="Level of the test that decides nonlinear (p <= alpha)."),
)


def surrogate_settings() -> dict:
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get(_META, {})) if ctx is not None else {}


def with_surrogates(func, stream=None, statistic="permutation_entropy", null_func=None, fixed=(),
                    match=("tau", "kind")):
    """(record function, stream function) for ``run.map``: ``func`` itself without --surrogates.

    With --surrogates the records are tested (:class:`~tscomplex.surrogates.records.WithSurrogates`)
    and chunked reading is off: surrogates need the whole series in memory.
    """
    wrapper = surrogate_wrapper(func, statistic, null_func, fixed, match)
    return (func, stream) if wrapper is None else (wrapper, None)


def surrogate_wrapper(func, statistic="permutation_entropy", null_func=None, fixed=(), match=("tau", "kind")):
    """The :class:`WithSurrogates` of the command line's options, or None without --surrogates."""
    settings = surrogate_settings()
    count = settings.get("surrogate_count")
    if not count:
        return None
    from ..surrogates import new_seed
    from ..surrogates.records import WithSurrogates

    seed = settings.get("surrogate_seed")
    alpha = float(settings.get("surrogate_alpha") or 0.05)
    if 2.0 / (count + 1) > alpha:
        import math

        click.echo(f"tscomplex: warning: with {count} surrogates the smallest p is 2/{count + 1} = "
                   f"{2.0 / (count + 1):.3g} > alpha = {alpha:g}, so nothing can be called nonlinear; "
                   f"use --surrogates {math.ceil(2.0 / alpha - 1)} or more", err=True)
    return WithSurrogates(func=func, count=int(count), method=settings.get("surrogate_method") or "iaaft",
                          seed=new_seed() if seed is None else int(seed),
                          alpha=alpha, statistic=statistic,
                          null_func=null_func, fixed=tuple(fixed), match=tuple(match))
