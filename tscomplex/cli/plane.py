"""``tscomplex plane``: the complexity-entropy plane with its curves, regimes and one point (or path) per series."""

from __future__ import annotations

import click

from .common import IntList, Run, command_errors, input_options, iter_sources, worker_options
from .figures import draw_plane, plane_figure_options


def plane_records(series, taus=(1,), dim: int = 5) -> list[dict]:
    """One record per delay: H, C and the regime with what it was compared with."""
    from ..ordinal import n_windows
    from ..plane import series_regime_fields, tau_sweep_full

    n = int(series.values.size)
    h, c, turns = tau_sweep_full(series.values, taus, dim)
    return [{"source": series.source, "series": series.name, "n": n, "dt": series.dt, "dim": dim, "tau": int(tau),
             "permutation_entropy": float(hv), "statistical_complexity": float(cv),
             **series_regime_fields(series.values, float(hv), float(cv), dim, int(tau), float(fv),
                                    n_windows(n, dim, int(tau)))}
            for tau, hv, cv, fv in zip(taus, h, c, turns)]


@click.command(short_help="The complexity-entropy plane with a point per series.")
@input_options
@click.option("-o", "--output", "figure", required=True, type=click.Path(dir_okay=False), metavar="FIG",
              help="Figure file; .png, .svg or .pdf.")
@click.option("-d", "--dim", type=click.IntRange(4, 8), default=5, show_default=True,
              help="Embedding dimension d (the plane is drawn for 4 <= d <= 8).")
@click.option("-t", "--tau", "taus", type=IntList(1), default="1", show_default=True,
              help="Delay(s) in samples; several (1:50, 1,2,5) draw a path per series.")
@click.option("--title", help="Figure title (default: the dimension and tau).")
@plane_figure_options
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "wide", "csv", "tsv", "json", "ndjson", "parquet"]),
              help="Format of the records (default: table on a terminal, NDJSON when piped).")
@click.option("--records", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the records to FILE instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite an existing --records file.")
@worker_options
@command_errors
def plane(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
          figure, dim, taus, title, fmt, records, force):
    """Draw the complexity-entropy plane for dimension d: the exact maximum
    and minimum complexity curves (Martin, Plastino & Rosso 2006), PECCARY's
    periodic bounds H_min,per and H_max,per, the curve of f^-k power-law
    noises (Rosso et al. 2007), the split between complex and stochastic,
    regime labels, and one labelled point per series (a path over tau when
    several delays are given; its open marker is the smallest tau).

    Regimes: regular if H <= H_max,per = ln(2(2(d-2)+1))/ln d! and at most
    5% of the windows turn twice or more (a periodic signal sampled within
    half its period never does); otherwise complex if
    C >= C_noise(H) + s (C_max(H) - C_noise(H)), and at least 0.005 above
    C_noise where the gap allows, with s = 5 d!/W clipped to [0.1, 0.5] for W
    windows: well above where a noise of that length can fall; otherwise
    stochastic. No regime (null) is given with fewer than 10 d! windows,
    where even white noise reads as complex. A periodic orbit whose windows
    span more than its period turns in every window and reads as complex:
    choose tau with `tscomplex sweep`.

    Records (one per series and tau, on stdout or --records): source, series,
    n, dt, dim, tau, permutation_entropy, statistical_complexity, regime,
    regime_rule, periodic_entropy_bound, noise_curve_complexity,
    regime_complexity_threshold, multi_turn_fraction.

    Many inputs run on all cores (--jobs) or a Dask cluster (--dask); the
    points keep the input order. Up to a dozen series are labelled beside
    their points, more get a legend, and past 30 the points are coloured by
    regime (--labels, --label-by, --color-by choose otherwise).

    \b
    Example:
      tscomplex plane a.csv b.csv -o plane.png
      tscomplex plane runs/*.npy --jobs 8 -o plane.pdf --records runs.csv
      tscomplex plane runs/ --color-by series --labels none -o plane.png
      tscomplex plane --system logistic -d 6 -t 1:10 -o plane.pdf -f csv
    """
    from ..io import InputError
    from ..plots import check_figure_path

    try:
        check_figure_path(figure)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="-o/--output") from None
    taus = sorted(set(taus))
    run = Run(fmt, records, force, keep_records=True)
    items = iter_sources(run, inputs, system, components, length, params, columns, time_column, dt, nan, recursive)
    run.map(plane_records, items, taus=tuple(taus), dim=dim)
    if run.kept:
        draw_plane(run.kept, dim, figure, title)
    else:
        click.echo(f"tscomplex: warning: no series to draw; {figure} not written", err=True)
    run.finish()
