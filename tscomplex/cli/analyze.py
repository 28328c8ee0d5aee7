"""``tscomplex analyze``: ordinal measures per series and tau."""

from __future__ import annotations

import click

from .driver import Run
from .errors import command_errors
from .options import inputs_with, ordinal_options, output_options, tau_option
from .inputs import iter_sources
from .figures import check_plot, draw_plane, plane_figure_options
from .surrogates_options import surrogate_options, with_surrogates
from .window_options import (check_interval_settings, check_window_settings, interval_options, window_options,
                             with_intervals)

TIE_RULES = ("order", "noise")  # tscomplex.records.ties.TIE_RULES, without importing numpy for --help


@click.command(short_help="Permutation entropy, complexity and Fisher information per series.")
@inputs_with("With --system: the component(s) to analyze (default: all). Repeatable; -c NAME does the same.")
@ordinal_options
@tau_option()
@click.option("--ties", type=click.Choice(TIE_RULES), default="order", show_default=True,
              help="How equal values are ranked: order (the earlier sample is smaller) or noise (a seeded "
                   "uniform noise of a quarter of the smallest gap between distinct values breaks them at random; "
                   "--seed sets it; reported as ties, ties_seed and ties_noise_scale).")
@click.option("-q", "--q", "q", type=click.FloatRange(min=0, min_open=True, max=1000),
              help="Also report Rényi and Tsallis permutation entropies of order q (0 < q <= 1000).")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FIG",
              help="Draw the complexity-entropy plane with one point per series, a path when several taus "
                   "are given (.png, .svg, .pdf; needs 4 <= d <= 8).")
@plane_figure_options
@surrogate_options
@window_options
@interval_options
@output_options
@command_errors
def analyze(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
            dim, weighted, tie_precision, taus, ties, q, plot, fmt, output, force, spec, batch, plane_style,
            surrogates, windows, intervals):
    """Permutation entropy, statistical complexity, Fisher information and
    missing patterns of each series, for each tau.

    INPUTS are files (CSV, TSV, TXT, Parquet, NPY, NPZ, also .gz), folders,
    globs, or '-' for stdin. Every numeric column is a series unless -c picks
    some; a column named 'time' or 't' gives dt instead.

    Records have the keys source, series, n, dt, dim, tau, weighted,
    permutation_entropy, statistical_complexity, fisher_information and
    missing_patterns (plus q, renyi_entropy, tsallis_entropy with -q, and
    group with --group-by), tied_windows (the fraction of windows with two
    equal values; past 1% a warning says the ties bias the patterns, after
    Zunino et al. 2017: try --ties noise), and regime (regular, complex or stochastic, for
    4 <= d <= 8 and at least 10 d! windows; see `tscomplex plane --help`)
    with what it was decided on: regime_rule, periodic_entropy_bound,
    noise_curve_complexity, regime_complexity_threshold,
    multi_turn_fraction, time_reversal_p_value, forbidden_pattern_fraction,
    pattern_recurrence_lag, time_asymmetry_p_value and
    spectral_line_fraction. Measures are normalized to [0, 1] with natural
    logs, and match ordpy and peccary.

    With --surrogates N each measure is also computed on N surrogates of
    its series (IAAFT by default) and on N surrogates of its Gaussian
    scores given its values by rank (the measures see only ranks; skewed
    linear data fail the first null, tones the second), giving
    <measure>_surrogate_mean, _surrogate_std, _z, _p and _p_scores;
    nonlinear is the test of permutation_entropy at --alpha (both p), and
    a point is called complex only when it is nonlinear (regime_rule says
    so). The scores' surrogates are made only when the values' test
    rejects (otherwise nonlinear is false whatever they give: _p_scores
    null, surrogate_scores_tested false).

    With --window W (and --step S) each series gives one record per window
    of W samples instead, with window_start and window_end (sample indices,
    end exclusive), window_start_time and window_end_time where dt is known,
    and the regime of each window: a regime timeline, which --plot draws
    (H and C against time over bands coloured by regime).

    With --ci LEVEL each record gains a confidence interval for H and C
    (permutation_entropy_ci_low/_ci_high/_std_error, the same for
    statistical_complexity): by the delta method with the long-run
    covariance of the overlapping patterns, or a moving-block bootstrap.

    A constant series is not an error (the same rule in every command): it
    gets its record (H = 0, C = 0) with a warning key saying so, a warning
    line on stderr, and the exit status stays 0.

    Many inputs run on all cores (--jobs) or a Dask cluster (--dask), and
    records come out in input order. NPY and Parquet series longer than
    --chunk-size are read in chunks, in bounded memory, with the same results.

    \b
    Example:
      tscomplex analyze --system logistic
      tscomplex analyze data.csv -c flux -d 6 -t 1,2,5 -f json
      cat series.txt | tscomplex analyze - -t 1:10 -o out.csv
      tscomplex analyze runs/ -r --jobs 8 -o runs.ndjson --resume
      tscomplex analyze orbits.parquet --group-by particle_id --time-column t
      tscomplex analyze a.csv b.csv --plot plane.png
      tscomplex analyze data.csv --surrogates 99 --seed 1
      tscomplex analyze counts.csv --ties noise --seed 7
      tscomplex analyze data.csv -t ideal
      tscomplex analyze data.csv --window 2000 --step 500 --plot timeline.png
      tscomplex analyze data.csv --ci 0.95 --ci-method bootstrap --seed 1
    """
    check_window_settings(windows, taus, weighted, q, surrogates)
    check_interval_settings(intervals, windows, weighted)
    if windows.window is not None:
        from .windows import run_windows

        return run_windows(spec, batch, fmt, output, force, plot, dim=dim, taus=tuple(taus),
                           tie_precision=tie_precision, ties=ties, seed=surrogates.seed, windows=windows)
    if plot:
        _check_plot(plot, dim)
    if ties == "noise":
        from ..surrogates import new_seed

        seed = new_seed() if surrogates.seed is None else int(surrogates.seed)  # one seed for the run, reported in every record
    else:
        seed = None
    run = Run(fmt, output, force, keep_records=bool(plot), batch=batch)
    items = iter_sources(run, spec)
    # -t ideal: the surrogates are tested at the data's ideal tau, not each at its own
    fixed = (("taus", "tau"),) if list(taus) == ["ideal"] else ()
    # ordinal measures are statistics of ranks: also tested against surrogates of the Gaussian scores
    func, stream = with_surrogates(analyze_records, surrogates, analyze_chunked_records,
                                   statistic="permutation_entropy", null_func=analyze_null_records, fixed=fixed,
                                   gaussianize=True)
    func, stream = with_intervals(func, intervals, stream, surrogates.seed)
    run.map(func, items, stream=stream,
            dim=dim, taus=tuple(taus), weighted=weighted, tie_precision=tie_precision, q=q, ties=ties, seed=seed)
    drawn = [r for r in run.kept or () if r.get("permutation_entropy") is not None]  # -t ideal may find none
    if plot and drawn:
        draw_plane(drawn, dim, plot, style=plane_style)  # a point per series, a path over its taus
    run.finish()


def _check_plot(plot, dim):
    if not 4 <= dim <= 8:
        raise click.BadParameter(f"the plane is drawn for 4 <= d <= 8, got d={dim}", param_hint="--plot")
    check_plot(plot)


def analyze_records(series, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None, ties="order",
                    seed=None) -> list[dict]:
    """The records of one series (built by :mod:`tscomplex.records.analyze`), its warnings as data."""
    from ..records.analyze import analyze_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(series, dim, taus, weighted, tie_precision, q, ties, seed))


def analyze_null_records(series, **options) -> list[dict]:
    """The measures of one surrogate, without the regime (:func:`tscomplex.surrogates.records.ordinal_null_records`)."""
    from ..surrogates.records import ordinal_null_records

    return ordinal_null_records(series, **options)


def analyze_chunked_records(table, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None, ties="order",
                            seed=None) -> list[dict]:
    """The records of every series of a chunked table (:mod:`tscomplex.records.analyze`), warnings as data."""
    from ..records.analyze import analyze_chunked_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(table, dim, taus, weighted, tie_precision, q, ties, seed))
