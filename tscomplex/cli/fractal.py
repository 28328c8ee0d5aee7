"""``tscomplex fractal``: DFA, the Hurst exponent, MFDFA and the correlation dimension per series."""

from __future__ import annotations

import click

from .driver import Run
from .errors import command_errors
from .options import input_options, output_options
from .entropy import check_side_outputs, run_with_curves

MEASURES = ("dfa", "hurst", "mfdfa", "correlation")


def fractal_result(series, **options):
    """(record, curves) of one Series (:mod:`tscomplex.records.fractal`), its warnings as data."""
    from ..records.fractal import fractal_result as build
    from .notices import warnings_as_data

    records, curves = build(series, **options)
    return warnings_as_data(records)[0], curves


def fractal_records(series, **options) -> list[dict]:
    """The record of one Series; module level so it can run in worker processes."""
    return [fractal_result(series, **options)[0]]


@click.command(short_help="DFA, Hurst exponent, MFDFA and correlation dimension per series.")
@input_options
@click.option("--measure", "measures", type=click.Choice(MEASURES), multiple=True,
              help="Measure(s) to compute (default: all). Repeatable.")
@click.option("--order", type=click.IntRange(1, 3), default=1, show_default=True,
              help="Detrending order of DFA and MFDFA.")
@click.option("--min-scale", type=click.IntRange(min=3), metavar="SAMPLES",
              help="Smallest DFA/MFDFA scale (default 4(order+1)+2).")
@click.option("--max-scale", type=click.IntRange(min=4), metavar="SAMPLES",
              help="Largest DFA/MFDFA scale (default N/10).")
@click.option("--q-max", type=click.FloatRange(0.5, 20), default=5.0, show_default=True,
              help="MFDFA moments q from -Q to Q in steps of 0.5.")
@click.option("-m", "--embedding-dim", type=click.IntRange(1, 30),
              help="Correlation dimension: embedding dimension (default: false nearest neighbours).")
@click.option("--lag", type=click.IntRange(min=1),
              help="Correlation dimension: embedding delay (default: first minimum of the mutual information).")
@click.option("--theiler", type=click.IntRange(min=0), help="Theiler window in samples (default: the mean period).")
@click.option("--max-dim", type=click.IntRange(1, 30), default=10, show_default=True,
              help="Largest dimension the automatic choice may take.")
@click.option("--curves", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the curves behind each number (F(n), R/S, h(q), C(r) per dimension) as NDJSON.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE",
              help="Draw the curves with the fitted regions marked.")
@output_options
@command_errors
def fractal(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
            measures, order, min_scale, max_scale, q_max, embedding_dim, lag, theiler, max_dim, curves, plot,
            fmt, output, force, spec, batch):
    """Fluctuation and fractal measures of each series: DFA alpha, the Hurst
    exponent, the MFDFA spectrum width and the correlation dimension.

    DFA (Peng 1994) of --order 1..3 over about 10 log-spaced scales per decade
    from 4(order+1)+2 to N/10: dfa_alpha with its fit range dfa_fit_start,
    dfa_fit_end (samples) and dfa_fit_r2. Where F(n) bends (a crossover:
    two lines over 6+ scales each, slopes 0.3 apart, a tenth of the
    residual), alpha is fitted over the side spanning more scales; the record
    gives dfa_crossover, dfa_alpha_short, dfa_alpha_long, dfa_fit_regime and
    dfa_fit_reason. Rescaled range: hurst_exponent
    (Anis-Lloyd-Peters corrected) and hurst_exponent_uncorrected, scales 16
    to N/4. MFDFA (Kantelhardt 2002): mfdfa_h2 and mfdfa_width (width of the
    singularity spectrum, q from -Q to Q). Correlation dimension
    (Grassberger-Procaccia, Theiler window, the embedding chosen as
    `tscomplex lyapunov` chooses it and reported as embedding_dim,
    embedding_lag, theiler_window): correlation_dimension over the automatic
    scaling region correlation_dimension_fit_start..fit_end (radii in data
    units), correlation_dimension_takens (Takens' estimator), and
    correlation_dimension_converged (false for noise, with a note: D2 grows
    with the embedding dimension).

    \b
    Example:
      tscomplex fractal --system henon --measure correlation
      tscomplex fractal data.csv -c rr --measure dfa --order 2
      tscomplex fractal --system lorenz --component x --curves curves.ndjson --plot fractal.png
    """
    if min_scale and max_scale and max_scale < min_scale:
        raise click.BadParameter(f"must be at least --min-scale ({min_scale}), got {max_scale}",
                                 param_hint="--max-scale")
    check_side_outputs(plot, curves, force)
    options = dict(measures=tuple(measures) or MEASURES, order=order, min_scale=min_scale, max_scale=max_scale,
                   q_max=q_max, embedding_dim=embedding_dim, lag=lag, theiler=theiler, max_dim=max_dim)
    def draw(kept, path):
        from ..plots.fractal import fractal_figure

        fractal_figure([(label, cs) for label, _, cs in kept], path)

    run_with_curves(Run(fmt, output, force, batch=batch), fractal_records, fractal_result, (spec,),
                    options, curves, plot, draw)
