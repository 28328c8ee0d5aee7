"""``analyze --window W --step S`` (sliding windows) and ``--ci LEVEL`` (confidence intervals): the options.

Each group reaches the command as one parameter (``windows``, ``ci``), so the command body stays a few lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from .options import _stack, gathered


@dataclass(frozen=True)
class WindowSettings:
    """``--window`` (samples per window; None: the whole series) and ``--step``."""

    window: int | None = None
    step: int | None = None


def _windows(current, values) -> WindowSettings:
    return WindowSettings(window=values.get("window"), step=values.get("step"))


window_options = _stack(
    gathered(("window", "step"), "windows", _windows),
    click.option("--window", type=click.IntRange(min=1), metavar="W",
                 help="One record per window of W samples (a regime timeline): keys window_start, window_end "
                      "(sample indices, end exclusive), window_start_time and window_end_time where dt is known. "
                      "Windows slide by --step; counting is incremental, so S = 1 is cheap."),
    click.option("--step", type=click.IntRange(min=1), metavar="S",
                 help="Samples between successive windows (default: W, windows side by side)."),
)


def check_window_settings(windows: WindowSettings, taus, weighted, q, surrogates) -> None:
    """One clear line for the options that --window does not combine with."""
    if windows.window is None:
        if windows.step is not None:
            raise click.UsageError("--step needs --window W")
        return
    for bad, name in ((weighted, "--weighted"), (q is not None, "-q"), (surrogates.count, "--surrogates"),
                      (list(taus) == ["ideal"], "-t ideal")):
        if bad:
            raise click.UsageError(f"--window does not combine with {name} (yet): drop one of them")


@dataclass(frozen=True)
class IntervalSettings:
    """``--ci`` (level; None: no interval), ``--ci-method``, ``--resamples``, ``--block-length``,
    ``--miller-madow``."""

    level: float | None = None
    method: str = "analytic"
    resamples: int = 500
    block_length: int | None = None
    miller_madow: bool = False

    @property
    def wanted(self) -> bool:
        return self.level is not None or self.miller_madow


_CI_NAMES = ("ci_level", "ci_method", "ci_resamples", "ci_block_length", "miller_madow")


def _intervals(current, values) -> IntervalSettings:
    return IntervalSettings(level=values.get("ci_level"), method=values.get("ci_method") or "analytic",
                            resamples=values.get("ci_resamples") or 500,
                            block_length=values.get("ci_block_length"),
                            miller_madow=bool(values.get("miller_madow")))


interval_options = _stack(
    gathered(_CI_NAMES, "intervals", _intervals),
    click.option("--ci", "ci_level", type=click.FloatRange(0, 1, min_open=True, max_open=True), metavar="LEVEL",
                 help="Add a confidence interval at LEVEL (e.g. 0.95) for H and C: permutation_entropy_ci_low, "
                      "_ci_high, _std_error, the same for statistical_complexity, ci_method and ci_level."),
    click.option("--ci-method", "ci_method", type=click.Choice(("analytic", "bootstrap")), default="analytic",
                 show_default=True,
                 help="analytic: delta method with the long-run covariance of the patterns (ci_bandwidth lags); "
                      "bootstrap: moving-block bootstrap of the pattern sequence (ci_block_length, ci_resamples, "
                      "ci_seed from --seed or drawn)."),
    click.option("--resamples", "ci_resamples", type=click.IntRange(min=10), default=500, show_default=True,
                 metavar="N", help="Bootstrap resamples for --ci-method bootstrap."),
    click.option("--block-length", "ci_block_length", type=click.IntRange(min=1), metavar="B",
                 help="Bootstrap block length in windows (default: max(n^(1/3), 2 (d-1) tau + 2))."),
    click.option("--miller-madow", "miller_madow", is_flag=True,
                 help="Also report permutation_entropy_miller_madow, H + (m-1)/(2 n ln d!) with m patterns seen "
                      "in n windows (Miller 1955)."),
)


def with_intervals(func, settings: IntervalSettings, stream, seed):
    """(record function, stream function) for ``run.map``: ``func`` itself without --ci or --miller-madow;
    else the records gain their intervals and the series are read whole."""
    if not settings.wanted:
        return func, stream
    if settings.method == "bootstrap" and settings.level is not None and seed is None:
        from ..surrogates import new_seed

        seed = new_seed()  # one seed for the run, reported as ci_seed
    from ..records.uncertainty import WithIntervals

    return WithIntervals(func, settings.level, settings.method, settings.resamples, settings.block_length, seed,
                         settings.miller_madow), None


def check_interval_settings(intervals: IntervalSettings, windows: WindowSettings, weighted) -> None:
    if not intervals.wanted:
        if intervals.method != "analytic" or intervals.block_length is not None:
            raise click.UsageError("--ci-method and --block-length need --ci LEVEL")
        return
    if windows.window is not None:
        raise click.UsageError("--window does not combine with --ci or --miller-madow (yet): drop one of them")
    if weighted:
        raise click.UsageError("--ci and --miller-madow are for plain permutation entropy: drop --weighted")
