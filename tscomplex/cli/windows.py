"""``analyze --window``: one record per sliding window, and the regime timeline figure."""

from __future__ import annotations

from .driver import Run
from .figures import check_plot
from .inputs import iter_sources


def run_windows(spec, batch, fmt, output, force, plot, dim, taus, tie_precision, ties, seed, windows) -> None:
    """Run the windowed analysis over every input, and draw the timeline with ``plot``."""
    if plot:
        check_plot(plot)
    if ties == "noise" and seed is None:
        from ..surrogates import new_seed

        seed = new_seed()  # one seed for the run, reported in every record
    step = windows.step if windows.step is not None else windows.window
    run = Run(fmt, output, force, keep_records=bool(plot), batch=batch)
    items = iter_sources(run, spec)
    run.map(window_records, items, stream=window_chunked_records, dim=dim, taus=taus, window=windows.window,
            step=step, tie_precision=tie_precision, ties=ties, seed=seed)
    drawn = [r for r in run.kept or () if r.get("permutation_entropy") is not None]
    if plot and drawn:
        from ..plots.windows import timeline_figure

        timeline_figure(drawn, dim, plot)
    run.finish()


def window_records(series, dim=5, taus=(1,), window=None, step=None, tie_precision=None, ties="order",
                   seed=None) -> list[dict]:
    """The window records of one series (:mod:`tscomplex.records.windows`), its warnings as data."""
    from ..records.windows import window_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(series, dim, taus, window, step, tie_precision, ties, seed))


def window_chunked_records(table, dim=5, taus=(1,), window=None, step=None, tie_precision=None, ties="order",
                           seed=None) -> list[dict]:
    """The window records of every series of a chunked table, its warnings as data."""
    from ..records.windows import window_chunked_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(table, dim, taus, window, step, tie_precision, ties, seed))
