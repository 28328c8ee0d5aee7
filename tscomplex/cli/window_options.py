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
