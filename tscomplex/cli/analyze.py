"""``tscomplex analyze``: ordinal measures per series and tau."""

from __future__ import annotations

import click

from .common import Run, command_errors, input_options, iter_series, ordinal_options, output_options, tau_option


@click.command()
@input_options
@ordinal_options
@tau_option()
@click.option("-q", "--q", "q", type=click.FloatRange(min=0, min_open=True),
              help="Also report Rényi and Tsallis permutation entropies of order q.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FIG",
              help="Draw the complexity-entropy plane with one point per series, a path when several taus "
                   "are given (.png, .svg, .pdf; needs 4 <= d <= 8).")
@output_options
@command_errors
def analyze(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
            dim, weighted, tie_precision, taus, q, plot, fmt, output, force):
    """Permutation entropy, statistical complexity, Fisher information and
    missing patterns of each series, for each tau.

    INPUTS are files (CSV, TSV, TXT, Parquet, NPY, NPZ, also .gz), folders,
    globs, or '-' for stdin. Every numeric column is a series unless -c picks
    some; a column named 'time' or 't' gives dt instead.

    Records have the keys source, series, n, dt, dim, tau, weighted,
    permutation_entropy, statistical_complexity, fisher_information and
    missing_patterns (plus q, renyi_entropy, tsallis_entropy with -q), and
    regime (regular, complex or stochastic, for 4 <= d <= 8 and at least
    10 d! windows; see `tscomplex plane --help`) with what it was decided on: regime_rule,
    periodic_entropy_bound, noise_curve_complexity,
    regime_complexity_threshold and multi_turn_fraction. Measures are
    normalized to [0, 1] with natural logs, and match ordpy and peccary.

    \b
    Example:
      tscomplex analyze --system logistic
      tscomplex analyze data.csv -c flux -d 6 -t 1,2,5 -f json
      cat series.txt | tscomplex analyze - -t 1:10 -o out.csv
      tscomplex analyze a.csv b.csv --plot plane.png
    """
    from ..measures import measures_from_counts
    from ..ordinal import n_windows, ordinal_counts
    from ..plane import multi_turn_fraction, regime_fields

    if plot:
        _check_plot(plot, dim)
    groups = []
    run = Run(fmt, output, force)
    for series in iter_series(run, inputs, system, components, length, params, columns, time_column, dt, nan,
                              recursive):
        group = []
        for tau in taus:
            try:
                counts = ordinal_counts(series.values, dim, tau, weighted, tie_precision)
                measures = measures_from_counts(counts, q)
            except ValueError as exc:
                run.fail(series.source, str(exc), series.name)
                continue
            record = {
                "source": series.source, "series": series.name, "n": int(series.values.size), "dt": series.dt,
                "dim": dim, "tau": tau, "weighted": weighted, **measures,
                **regime_fields(measures["permutation_entropy"], measures["statistical_complexity"], dim,
                                multi_turn_fraction(counts), n_windows(series.values.size, dim, tau)),
            }
            run.emit(record)
            group.append(record)
        if group:
            groups.append(group)
    if plot and groups:
        from ..plots.plane import plane_figure, points_from_records

        plane_figure(points_from_records(groups), dim, plot)
    run.finish()


def _check_plot(plot, dim):
    from ..io import InputError
    from ..plots import check_figure_path

    if not 4 <= dim <= 8:
        raise click.BadParameter(f"the plane is drawn for 4 <= d <= 8, got d={dim}", param_hint="--plot")
    try:
        check_figure_path(plot)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--plot") from None
