"""``tscomplex plane``: the complexity-entropy plane with its curves, regimes and one point (or path) per series."""

from __future__ import annotations

import click

from .options import TauList, deprecated, inputs_with, record_options, worker_options
from .driver import Run
from .errors import command_errors
from .inputs import iter_sources
from .figures import check_plot, draw_plane, plane_figure_options
from .generalized import KINDS as GENERALIZED_KINDS, FloatList

FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


def plane_records(series, taus=(1,), dim: int = 5) -> list[dict]:
    """One record per delay (:mod:`tscomplex.records.plane`), printing the warning of a constant series."""
    from ..records.plane import plane_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(series, taus, dim))


@click.command(short_help="The complexity-entropy plane with a point per series.")
@inputs_with("With --system: the component(s) to place on the plane (default: all). Repeatable; -c NAME does "
             "the same.")
@click.option("--plot", "figure", type=click.Path(dir_okay=False), metavar="FILE",
              help="The figure file; .png, .svg or .pdf.")
@click.option("-d", "--dim", type=click.IntRange(4, 8), default=5, show_default=True,
              help="Ordinal pattern length d (the plane is drawn for 4 <= d <= 8).")
@click.option("-t", "--tau", "taus", type=TauList(1), default="1", show_default=True,
              help="Ordinal delay(s) in samples; several (1:50, 1,2,5) draw a path per series; 'ideal' puts "
                   "each series at its own ideal tau (as `tscomplex sweep` reports it).")
@click.option("--title", help="Figure title (default: the dimension and tau).")
@click.option("--kind", type=click.Choice(GENERALIZED_KINDS), default="shannon", show_default=True,
              help="shannon: the complexity-entropy plane below; fisher: the Fisher-Shannon plane (records "
                   "permutation_entropy, fisher_information); renyi or tsallis: each series' curve (H_q, C_q) "
                   "over q, one record per q (q, renyi_entropy, renyi_complexity or the tsallis_ keys).")
@click.option("-q", "--q", "q", type=FloatList(),
              help="With --kind renyi or tsallis: the orders q, e.g. 0.5,1,2 (default: 81 values from 0.01 to "
                   "100, log-spaced, q = 1 among them).")
@plane_figure_options
@record_options
@click.option("--records", "legacy_records", type=click.Path(dir_okay=False), metavar="FILE", hidden=True,
              help="Deprecated spelling of -o/--output.")
@worker_options
@command_errors
def plane(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
          figure, dim, taus, title, kind, q, fmt, output, force, legacy_records, spec, batch, plane_style):
    """Draw the complexity-entropy plane for dimension d: the exact maximum
    and minimum complexity curves (Martin, Plastino & Rosso 2006), PECCARY's
    periodic bounds H_min,per and H_max,per, the curve of f^-k power-law
    noises (Rosso et al. 2007), the split between complex and stochastic,
    regime labels, and one labelled point per series (a path over tau when
    several delays are given; its open marker is the smallest tau).

    Regimes (docs/plane.md), from the series' own evidence: time
    reversal (chi-square of each pattern against its time reverse, also
    with a change of sign, and a t test of the amplitudes' asymmetry, which
    observational noise does not hide; linear Gaussian processes are
    reversible), forbidden patterns, spectral lines, and recurrence of the
    pattern sequence (first 2^16 windows). Complex if reversible with 10%
    forbidden patterns and under half the power in spectral lines
    (conservative chaos). Regular if H <= H_max,per = ln(2(2(d-2)+1))/ln d!
    with at most 5% of windows turning twice and reversible, or if the
    patterns repeat (periodic orbits, square, sawtooth and pulse waves
    included); reversible: regular with 10% forbidden patterns
    (quasi-periodic), null with half the power in lines (noisy
    quasi-periodic or phase-coherent chaos), else stochastic; not reversible: complex if
    C >= C_noise(H) + s (C_max(H) - C_noise(H)), s = 5 d!/W clipped to
    [0.1, 0.5] for W windows, or with 10% forbidden patterns, else
    stochastic (nonlinear noise sits on the noise curve). No regime (null,
    with the reason) with fewer than 10 d! windows, a record spanning
    fewer than 10 pattern lengths (d-1) tau, or over 10% tied windows.
    Choose tau with `tscomplex sweep` or -t ideal.

    Records (one per series and tau, on stdout or -o): source, series,
    n, dt, dim, tau, permutation_entropy, statistical_complexity,
    tied_windows (the fraction of windows with two equal values; past 1%
    a warning), regime, regime_rule, periodic_entropy_bound,
    noise_curve_complexity, regime_complexity_threshold,
    multi_turn_fraction, time_reversal_p_value, forbidden_pattern_fraction,
    pattern_recurrence_lag, time_asymmetry_p_value, spectral_line_fraction;
    with -t ideal also tau_rule, t_nat and
    t_nat_method (tau and the regime null, with the reason, where a series
    has no ideal tau: too short, too few crossings; a scale-free, red
    power-law spectrum has none either, and is read at tau = 1 with
    tau_rule scale_free, checked at tau = 2, 4, 8).

    Many inputs run on all cores (--jobs) or a Dask cluster (--dask); the
    points keep the input order. Up to a dozen series are labelled beside
    their points, more get a legend, and past 30 the points are coloured by
    regime (--labels, --label-by, --color-by choose otherwise).

    \b
    Example:
      tscomplex plane a.csv b.csv --plot plane.png
      tscomplex plane runs/*.npy --jobs 8 --plot plane.pdf -o runs.csv
      tscomplex plane runs/ --color-by series --labels none --plot plane.png
      tscomplex plane --system logistic -d 6 -t 1:10 --plot plane.pdf -f csv
      tscomplex plane a.npy b.npy --kind tsallis -q 0.5,1,2 --plot tsallis.png

    --kind fisher, renyi or tsallis draws a generalized plane instead: the
    Fisher-Shannon plane (Olivares, Plastino & Rosso 2012), or one Rényi
    or Tsallis complexity-entropy curve per series over the orders q
    (Jauregui et al. 2018; Ribeiro et al. 2017), with ordpy's conventions.

    The figure was -o FIG before; `plane ... -o fig.png` still works for this
    release, with a warning, and so does --records for -o.
    """
    output, figure = _legacy_outputs(output, figure, legacy_records)
    check_plot(figure)
    if kind != "shannon" or q is not None:  # the generalized planes (tscomplex.plane.generalized)
        from .generalized import run_generalized

        return run_generalized(spec, batch, fmt, output, force, figure, title, kind, dim, taus, q)
    taus = taus if taus == ["ideal"] else sorted(set(taus))
    run = Run(fmt, output, force, keep_records=True, batch=batch)
    items = iter_sources(run, spec)
    run.map(plane_records, items, taus=tuple(taus), dim=dim)
    drawn = [r for r in run.kept or () if r.get("permutation_entropy") is not None]  # -t ideal may find none
    if drawn:
        draw_plane(drawn, dim, figure, title, style=plane_style)
    else:
        click.echo(f"tscomplex: warning: no series to draw; {figure} not written", err=True)
    run.finish()


def _legacy_outputs(output, figure, legacy_records):
    """(records file, figure) from -o, --plot and the old spellings: -o FIG.png and --records FILE."""
    if output and not figure and output.lower().endswith(FIGURE_SUFFIXES):
        deprecated("plane -o FIG (the figure)", "--plot FIG; -o is the records file in every command")
        output, figure = None, output
    if legacy_records:
        if output:
            raise click.UsageError("give -o/--output only (--records is its deprecated spelling)")
        deprecated("plane --records FILE", "-o/--output FILE")
        output = legacy_records
    if not figure:
        raise click.UsageError("plane draws a figure: give --plot FILE (.png, .svg or .pdf); "
                               "-o is the records file")
    return output, figure
