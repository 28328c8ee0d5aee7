"""``tscomplex sweep``: H and C over a range of delays, the natural timescale, and PECCARY's ideal delay."""

from __future__ import annotations

import click

from .options import IntList, inputs_with, output_options
from .driver import Run, refuse_chunk_size
from .figures import check_plot
from .errors import command_errors
from .inputs import iter_sources
from .driver import WithFigureData
from .surrogates_options import surrogate_options, surrogate_wrapper


def sweep_records(series, **options) -> list[dict]:
    """Per-delay records and one summary record of one series (:mod:`tscomplex.records.sweep`)."""
    from ..records.sweep import sweep_records as build

    return build(series, **options)


def sweep_null_records(series, **options) -> list[dict]:
    """The measures of one surrogate's sweep, without regimes (:func:`tscomplex.surrogates.records.sweep_null_records`)."""
    from ..surrogates.records import sweep_null_records as build

    return build(series, **options)


def sweep_chunked_records(table, **options) -> list[dict]:
    """:func:`sweep_records` of every series of a chunked table (:mod:`tscomplex.records.sweep`)."""
    from ..records.sweep import sweep_chunked_records as build

    return build(table, **options)


@click.command(short_help="H and C over tau, the natural timescale and the ideal tau.")
@inputs_with("With --system: the component(s) to sweep over tau (default: all). Repeatable; -c NAME does the "
             "same.")
@click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
              help="Ordinal pattern length d; regimes need 4 <= d <= 8.")
@click.option("-t", "--tau", "taus", type=IntList(1), default="1:100", show_default=True,
              help="Ordinal delays to sweep, in samples: a range 1:200, 1:200:5, or a list 1,2,5.")
@click.option("--t-nat", "t_nat", type=click.FloatRange(min=0, min_open=True), metavar="T",
              help="Natural timescale in time units, if known (default: estimated from the series).")
@click.option("--t-nat-method", type=click.Choice(["auto", "crossings", "maxima", "spectrum"]), default="auto",
              show_default=True, help="How to estimate t_nat (auto: a clear spectral peak, else mean crossings).")
@click.option("--min-windows", type=click.IntRange(min=1), metavar="N",
              help="Refuse delays that leave fewer than N windows (default: d!, so every pattern can occur).")
@click.option("--summary", "summary_only", is_flag=True, help="Emit only the summary record of each series.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE",
              help="Draw H(tau) and C(tau) with a t_pat/t_nat axis and the recommended band (.png, .svg, .pdf).")
@surrogate_options
@output_options
@command_errors
def sweep(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
          dim, taus, t_nat, t_nat_method, min_windows, summary_only, plot, fmt, output, force, spec, batch,
          surrogates):
    """Permutation entropy H and statistical complexity C of each series for
    every delay tau, its natural timescale t_nat, and PECCARY's ideal delay.

    The pattern timescale is t_pat = (d-1) tau dt. PECCARY recommends
    0.3 <= t_pat/t_nat <= 0.5 (0.4 preferred) and a duration of at least
    1.5 t_nat; a shorter series is warned about on stderr. Without --dt or a
    time column, dt is 1 and times are in samples. Without -t, the default
    range 1:100 is clipped to the delays that leave d! windows, and the
    summary's tau_clipped says so; a -t you give is never clipped.

    NPY and Parquet series longer than --chunk-size are read in chunks, in
    bounded memory, with the same H, C, regimes and crossings; the spectral
    estimate of t_nat then averages the periodograms of chunk-long segments
    (Welch), which the summary's warning notes. With --plot, series are read
    whole and --chunk-size is refused.

    \b
    Records (kind = "tau"), one per delay:
      source, series, n, dt, dim, kind, tau, t_pat, t_pat_over_t_nat,
      permutation_entropy, statistical_complexity, tied_windows (the
      fraction of windows with two equal values), regime, and what the
      regime was decided on: regime_rule, periodic_entropy_bound (H_max,per),
      noise_curve_complexity (the f^-k noise curve's C at this H),
      regime_complexity_threshold (C above which a point is complex),
      multi_turn_fraction (windows whose pattern turns twice or more),
      time_reversal_p_value, forbidden_pattern_fraction,
      pattern_recurrence_lag, time_asymmetry_p_value and
      spectral_line_fraction (the regime's evidence).
    Then one record (kind = "summary") per series:
      source, series, n, dt, dim, kind, tau_min, tau_max, tau_clipped
      (null, or how the default range was clipped), duration, t_nat, t_nat_method
      (crossings, maxima, spectrum, given, or power_law: a red power-law
      spectrum, which has no t_nat, so t_nat and ideal_tau are null; a red
      spectrum whose patterns at the smallest tau are 10% forbidden is not
      noise, and its t_nat is the spacing of maxima, with a warning),
      t_nat_crossings, t_nat_maxima, t_nat_spectrum, spectral_exponent
      (beta of a P ~ f^-beta fit of the periodogram), duration_over_t_nat,
      ideal_tau, ideal_t_pat, ideal_t_pat_over_t_nat, regime_tau (the tau
      of what follows: the ideal tau; 1 for a scale-free, power_law
      spectrum, whose ordinal patterns do not depend on tau, with the
      regime checked at tau 2, 4, 8 and null if it differs there), and
      permutation_entropy, statistical_complexity, tied_windows and the
      regime keys at regime_tau; warning (null or a message: also a
      t_nat over a tenth of the record, and over 1% tied windows).

    Regimes (see `tscomplex plane --help`): complex if reversible with 10%
    forbidden patterns and a continuous spectrum (conservative chaos);
    regular if the patterns repeat, or H <= H_max,per with few multi-turn
    windows and reversible; reversible: regular with 10% forbidden patterns
    (quasi-periodic), null with half the power in spectral lines, else
    stochastic; irreversible (patterns or amplitudes): complex if C lies well
    above the noise curve or patterns are forbidden, else stochastic. No
    regime (null) with fewer than 10 d! windows, fewer than 10 pattern
    lengths, or over 10% tied windows. Read in chunks (--chunk-size) the
    evidence and the regimes are the same.

    With --surrogates N every record is also computed on N surrogates of
    the series (with the data's t_nat), and on N of its Gaussian scores
    given its values by rank, as for analyze: permutation_entropy and
    statistical_complexity gain _surrogate_mean, _surrogate_std, _z, _p and
    _p_scores (made only when a tau's values test rejects), and nonlinear
    (permutation_entropy's two tests at --alpha) decides whether a complex
    regime stands.

    \b
    Example:
      tscomplex sweep data.csv -c flux --dt 0.01 -t 1:200 --plot sweep.png
      tscomplex sweep --system logistic -t 1:20 --summary
    """

    plots = None
    if plot:
        check_plot(plot)
        plots = []
        refuse_chunk_size("sweep --plot", "the figure is drawn from series held in memory", batch)
    run = Run(fmt, output, force, batch=batch)
    options = dict(taus=taus, dim=dim, t_nat=t_nat, t_nat_method=t_nat_method, min_windows=min_windows,
                   summary_only=summary_only, clip_taus=_default_taus())
    tested = surrogate_wrapper(sweep_records_warning, surrogates, null_func=sweep_null_records,
                               fixed=(("t_nat", "t_nat"),), gaussianize=True)  # ordinal measures: ranks
    items = iter_sources(run, spec)
    if plots is None:  # no figure: the batch layer spreads the work (--jobs, --dask, --resume)
        # surrogates need each series whole, so a tested sweep is not read in chunks
        run.map(tested or sweep_records_warning, items, stream=None if tested else sweep_chunked_records_warning,
                **options)
    else:  # the same map; each series also brings its curve for the figure
        run.map(WithFigureData(tested or sweep_records_warning, _sweep_figure_data), items, **options)
        if run.figure_data:
            from ..plots.plane import sweep_figure

            sweep_figure(run.figure_data, dim, plot)
    run.finish()


def _sweep_figure_data(series, records, taus, dim, **_options):
    return _sweep_for_plot(series, taus, dim, records[-1], records)


def _default_taus() -> bool:
    """True when -t was not given: the default range is then clipped to what each series allows."""
    ctx = click.get_current_context()
    return ctx.get_parameter_source("taus") == click.core.ParameterSource.DEFAULT


def sweep_records_warning(series, **options) -> list[dict]:
    """:func:`sweep_records`, also printing the summary's warning on stderr (workers share the parent's stderr)."""
    from .notices import warnings_as_data

    return warnings_as_data(sweep_records(series, **options))


def sweep_chunked_records_warning(table, **options) -> list[dict]:
    """:func:`sweep_chunked_records`, printing each summary's warning on stderr."""
    from .notices import warnings_as_data

    return warnings_as_data(sweep_chunked_records(table, **options))


def _sweep_for_plot(series, taus, dim, summary, records):
    per_tau = [r for r in records if r["kind"] == "tau"]
    if not per_tau:  # --summary: the curve is still wanted in the figure
        from ..plane import tau_sweep

        taus = [t for t in sorted(set(taus)) if t <= summary["tau_max"]]  # the default range may be clipped
        h, c = tau_sweep(series.values, taus, dim)
    else:
        taus = [r["tau"] for r in per_tau]
        h = [r["permutation_entropy"] for r in per_tau]
        c = [r["statistical_complexity"] for r in per_tau]
    return {"label": f"{series.source} [{series.name}]", "taus": taus, "h": h, "c": c, "dt": summary["dt"],
            "t_nat": summary["t_nat"], "ideal_tau": summary["ideal_tau"]}
