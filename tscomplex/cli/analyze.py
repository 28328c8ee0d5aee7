"""``tscomplex analyze``: ordinal measures per series and tau."""

from __future__ import annotations

import click

from .common import Run, command_errors, inputs_with, iter_sources, ordinal_options, output_options, tau_option
from .figures import draw_plane, plane_figure_options
from .surrogates_options import surrogate_options, with_surrogates


@click.command(short_help="Permutation entropy, complexity and Fisher information per series.")
@inputs_with("With --system: the component(s) to analyze (default: all). Repeatable; -c NAME does the same.")
@ordinal_options
@tau_option()
@click.option("-q", "--q", "q", type=click.FloatRange(min=0, min_open=True, max=1000),
              help="Also report Rényi and Tsallis permutation entropies of order q (0 < q <= 1000).")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FIG",
              help="Draw the complexity-entropy plane with one point per series, a path when several taus "
                   "are given (.png, .svg, .pdf; needs 4 <= d <= 8).")
@plane_figure_options
@surrogate_options
@output_options
@command_errors
def analyze(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
            dim, weighted, tie_precision, taus, q, plot, fmt, output, force, spec, batch, plane_style):
    """Permutation entropy, statistical complexity, Fisher information and
    missing patterns of each series, for each tau.

    INPUTS are files (CSV, TSV, TXT, Parquet, NPY, NPZ, also .gz), folders,
    globs, or '-' for stdin. Every numeric column is a series unless -c picks
    some; a column named 'time' or 't' gives dt instead.

    Records have the keys source, series, n, dt, dim, tau, weighted,
    permutation_entropy, statistical_complexity, fisher_information and
    missing_patterns (plus q, renyi_entropy, tsallis_entropy with -q, and
    group with --group-by), and regime (regular, complex or stochastic, for
    4 <= d <= 8 and at least 10 d! windows; see `tscomplex plane --help`)
    with what it was decided on: regime_rule, periodic_entropy_bound,
    noise_curve_complexity, regime_complexity_threshold and
    multi_turn_fraction. Measures are normalized to [0, 1] with natural
    logs, and match ordpy and peccary.

    With --surrogates N each measure is also computed on N surrogates of
    its series (IAAFT by default: same values, nearly the same spectrum),
    giving <measure>_surrogate_mean, _surrogate_std, _z and _p; nonlinear
    is the test of permutation_entropy at --alpha, and a point is called
    complex only when it is nonlinear (regime_rule says so).

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
    """
    if plot:
        _check_plot(plot, dim)
    run = Run(fmt, output, force, keep_records=bool(plot), batch=batch)
    items = iter_sources(run, spec)
    func, stream = with_surrogates(analyze_records, analyze_chunked_records, statistic="permutation_entropy")
    run.map(func, items, stream=stream,
            dim=dim, taus=tuple(taus), weighted=weighted, tie_precision=tie_precision, q=q)
    if plot and run.kept:
        draw_plane(run.kept, dim, plot, style=plane_style)  # a point per series, a path over its taus
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


def _record(source, name, n, dt, dim, tau, weighted, counts, q, x=None, plain_counts=None, period=None) -> dict:
    """One record: the measures of one count vector and the regime of its point on the plane.

    ``x`` (the series, when in memory) lets the regime recognise a periodic orbit whose windows
    span more than its period.
    """
    from ..measures import measures_from_counts
    from ..plane import multi_turn_fraction, series_regime_fields

    measures = measures_from_counts(counts, q, plain_counts)
    n_windows = n - (dim - 1) * tau
    return {"source": source, "series": name, "n": int(n), "dt": dt, "dim": dim, "tau": tau,
            "weighted": weighted, **measures,
            **series_regime_fields(x, measures["permutation_entropy"], measures["statistical_complexity"], dim,
                                   tau, multi_turn_fraction(counts), n_windows, period)}


def analyze_records(series, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None) -> list[dict]:
    """The records of one series: one per tau (an error record for a tau that fails)."""
    import numpy as np

    from ..ordinal import ordinal_counts

    records = []
    values = series.values
    constant = values.size and np.all(values == values[0])
    warning = _warn_constant(series.source, series.name, weighted) if constant else None
    usable, too_short = _split_taus(series.source, series.name, values.size, dim, taus)
    for tau in usable:
        if constant and weighted:  # every window weighs 0: no measure, by the one rule for constant series
            records.append(_null_record(series.source, series.name, values.size, series.dt, dim, tau, q, warning))
            continue
        try:
            counts = ordinal_counts(series.values, dim, tau, weighted, tie_precision)
            plain = ordinal_counts(series.values, dim, tau, False, tie_precision) if weighted else None
            records.append(_record(series.source, series.name, series.values.size, series.dt, dim, tau, weighted,
                                   counts, q, series.values, plain))
            if warning:
                records[-1]["warning"] = warning
        except ValueError as exc:
            records.append({"source": series.source, "series": series.name, "tau": tau, "error": str(exc)})
    records.extend(too_short)
    return records


def _split_taus(source, name, size, dim, taus):
    """(the taus a series of ``size`` samples can take, one error record for all the others).

    One record names every tau that is too large and the largest usable one, so
    that -t 1:3000 on a short series is one line, not thousands. The in-memory
    and chunked paths share it, so their records are identical.
    """
    from ..ordinal import max_tau

    usable = [t for t in taus if (dim - 1) * t + 1 <= size]
    too_large = [t for t in taus if (dim - 1) * t + 1 > size]
    if not too_large:
        return usable, []
    low = min(too_large)
    which = f"tau={low}" if len(too_large) == 1 else f"{len(too_large)} values of tau from {low} to {max(too_large)}"
    largest = max_tau(size, dim)
    reason = (f"series of {size} samples is too short for dim={dim}, {which}: "
              f"needs at least (dim-1)*tau+1 = {(dim - 1) * low + 1}"
              + (f"; the largest usable tau is {largest}" if largest >= 1 else ""))
    return usable, [{"source": source, "series": name, "tau": low, "error": reason}]


def _warn_constant(source, name, weighted=False) -> str:
    """A constant series still gets its record (H = 0, exit 0), with a line on stderr; returns the message."""
    from .constant import ORDINAL, WEIGHTED, warn_constant

    return warn_constant(source, name, WEIGHTED if weighted else ORDINAL)


def _null_record(source, name, n, dt, dim, tau, q, warning) -> dict:
    """The record of a weighted constant series: every measure null, and why."""
    from ..plane import regime_fields

    return {"source": source, "series": name, "n": int(n), "dt": dt,
            "dim": dim, "tau": tau, "weighted": True, "permutation_entropy": None, "statistical_complexity": None,
            "fisher_information": None, "missing_patterns": None,
            **({"q": q, "renyi_entropy": None, "tsallis_entropy": None} if q is not None else {}),
            **regime_fields(None, None, dim), "warning": warning}


def analyze_chunked_records(table, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None) -> list[dict]:
    """The records of every series of a :class:`~tscomplex.io.ChunkedTable`, one block of samples at a time.

    Ordinal counts are additive: each block is prefixed with the last
    (dim-1)*max(taus) samples of the one before, and for each tau only the
    windows not counted yet are fed to the same accumulator, in the same
    order as the in-memory path, so even weighted counts are bit-identical.
    """
    import math

    import numpy as np

    from ..ordinal import accumulate_raw_counts, check_dim, check_tau, ordinal_codes, raw_to_pattern_counts, round_ties
    from ..plane import PatternPeriodTracker

    dim = check_dim(dim)
    taus = [check_tau(t) for t in taus]
    keep = (dim - 1) * max(taus)
    raw = {name: {tau: np.zeros(math.factorial(dim)) for tau in taus} for name in table.names}
    plain = {name: {tau: np.zeros(math.factorial(dim)) for tau in taus} for name in table.names} if weighted else None
    # the periodic-orbit check of the regime needs the pattern sequence, which is followed chunk by chunk
    trackers = {name: {tau: PatternPeriodTracker(dim) for tau in taus} for name in table.names} \
        if 4 <= dim <= 8 else None
    tails = {name: np.empty(0) for name in table.names}
    sizes = dict.fromkeys(table.names, 0)
    first = {}  # the first sample of each series, and whether every sample since equals it
    constant = dict.fromkeys(table.names, True)
    for block in table.blocks():
        for name, values in block.items():
            if values.size:
                first.setdefault(name, values[0])
                constant[name] = constant[name] and bool(np.all(values == first[name]))
            if tie_precision is not None:
                values = round_ties(values, tie_precision)
            tail = tails[name]
            buf = np.concatenate((tail, values)) if tail.size else values
            for tau in taus:
                span = (dim - 1) * tau
                seg = buf[max(0, tail.size - span):]  # windows ending in this block only
                if seg.size > span:
                    seg = np.ascontiguousarray(seg)
                    accumulate_raw_counts(seg, dim, tau, weighted, raw[name][tau])
                    if weighted:  # missing patterns are counted on plain counts
                        accumulate_raw_counts(seg, dim, tau, False, plain[name][tau])
                    if trackers is not None and trackers[name][tau].candidates:
                        trackers[name][tau].feed(ordinal_codes(seg, dim, tau))
            tails[name] = buf[max(0, buf.size - keep):].copy()
            sizes[name] += values.size
    records = []
    for name in table.names:
        is_constant = constant[name] and sizes[name]
        warning = _warn_constant(table.source, name, weighted) if is_constant else None
        usable, too_short = _split_taus(table.source, name, sizes[name], dim, taus)
        for tau in usable:
            if is_constant and weighted:  # as analyze_records: no weight to count, every measure null
                records.append(_null_record(table.source, name, sizes[name], table.dt, dim, tau, q, warning))
                continue
            try:
                records.append(_record(table.source, name, sizes[name], table.dt, dim, tau, weighted,
                                       raw_to_pattern_counts(raw[name][tau], dim), q, None,
                                       raw_to_pattern_counts(plain[name][tau], dim) if weighted else None,
                                       trackers[name][tau] if trackers is not None else None))
                if warning:
                    records[-1]["warning"] = warning
            except ValueError as exc:
                records.append({"source": table.source, "series": name, "tau": tau, "error": str(exc)})
        records.extend(too_short)
    return records
