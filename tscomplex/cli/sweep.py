"""``tscomplex sweep``: H and C over a range of delays, the natural timescale, and PECCARY's ideal delay."""

from __future__ import annotations

import click

from .common import (IntList, Run, command_errors, inputs_with, iter_sources, output_options,
                     refuse_chunk_size)
from .driver import WithFigureData
from .surrogates_options import surrogate_options, surrogate_wrapper


def sweep_records(series, taus, dim: int = 5, t_nat=None, t_nat_method: str = "auto", min_windows=None,
                  summary_only: bool = False, clip_taus: bool = False) -> list[dict]:
    """Per-delay records and one summary record for one series (see ``tscomplex sweep --help``).

    Raises ValueError when the series cannot be swept (too short, a delay
    that leaves fewer than ``min_windows`` windows: the message names the
    largest usable delay). With ``clip_taus`` (the default range, which the
    user did not choose) delays past the largest usable one are dropped
    instead, and the summary's ``tau_clipped`` says so.
    """
    import math

    from ..ordinal import n_windows
    from ..plane import natural_timescale, series_regime_fields, tau_sweep_full

    taus = sorted(set(int(t) for t in taus))
    x = series.values
    dt = float(series.dt) if series.dt else 1.0
    if min_windows is None:
        min_windows = math.factorial(dim)
    taus, tau_clipped = _clip_taus(taus, x.size, dim, min_windows, clip_taus)
    from .constant import SWEEP, is_constant

    constant = is_constant(x)
    h, c, turns = tau_sweep_full(x, taus, dim, min_windows=min_windows)
    timescale = None
    if t_nat is None and not constant:
        try:
            timescale = natural_timescale(x, dt, t_nat_method)
        except ValueError as exc:
            timescale = exc

    def regime(tau, hv, cv, fv):
        return series_regime_fields(x, hv, cv, dim, tau, fv, n_windows(x.size, dim, tau))

    def at_tau(tau):
        hs, cs, fs = tau_sweep_full(x, [tau], dim, min_windows=min_windows)
        return float(hs[0]), float(cs[0]), float(fs[0])

    return _sweep_from(series.source, series.name, int(x.size), dt, dim, taus, h, c, turns, regime, at_tau,
                       timescale, t_nat, summary_only, [SWEEP] if constant else None, tau_clipped)


def _clip_taus(taus, size: int, dim: int, min_windows: int, clip: bool):
    """(taus, why they were clipped or None): with ``clip`` (the default range, which the user did not choose)
    delays that leave fewer than ``min_windows`` windows are dropped instead of refused."""
    largest = (size - min_windows) // (dim - 1)  # the largest tau that leaves min_windows windows
    if clip and 1 <= largest < taus[-1]:
        why = (f"the default taus {taus[0]}:{taus[-1]} were clipped to {taus[0]}:{largest}: a larger tau "
               f"leaves fewer than {min_windows} windows of {size} samples at dim={dim}")
        return [t for t in taus if t <= largest], why
    return list(taus), None


def sweep_chunked_records(table, taus, dim: int = 5, t_nat=None, t_nat_method: str = "auto", min_windows=None,
                          summary_only: bool = False, clip_taus: bool = False) -> list[dict]:
    """:func:`sweep_records` of every series of a :class:`~tscomplex.io.ChunkedTable`, one block at a time.

    H, C, the multi-turn fraction and the regimes equal the in-memory ones,
    and so do t_nat by crossings or maxima; the spectral estimate averages
    the periodograms of chunk-long segments (Welch), and the summary's
    warning says so when t_nat comes from it.
    """
    import math

    from ..chunked.sweep import natural_timescales, sweep_counts
    from ..ordinal import n_windows
    from ..plane import check_taus_fit, series_regime_fields

    taus = sorted(set(int(t) for t in taus))
    if min_windows is None:
        min_windows = math.factorial(dim)
    counts = sweep_counts(table, taus, dim)
    dt = float(table.dt) if table.dt else 1.0
    timescales = natural_timescales(table, dt, t_nat_method) if t_nat is None else {}
    records = []
    for name in table.names:
        acc = counts[name]
        series_taus, tau_clipped = _clip_taus(taus, acc.size, dim, min_windows, clip_taus)
        try:
            check_taus_fit(acc.size, series_taus, dim, min_windows)
        except ValueError as exc:
            records.append({"source": table.source, "series": name, "error": str(exc)})
            continue
        results = [acc.result(tau) for tau in series_taus]
        h, c, turns = ([r[i] for r in results] for i in range(3))

        def at_tau(tau, name=name, size=acc.size):
            check_taus_fit(size, [tau], dim, min_windows)
            one = sweep_counts(table, [tau], dim)[name]  # one more pass, for this series' ideal tau
            extra_regime[tau] = one.trackers.get(tau)
            return one.result(tau)

        extra_regime: dict = {}

        def regime_any(tau, hv, cv, fv, acc=acc, extra=extra_regime):
            period = acc.trackers.get(tau) if tau in acc.trackers else extra.get(tau)
            return series_regime_fields(None, hv, cv, dim, tau, fv, n_windows(acc.size, dim, tau), period=period)

        timescale = timescales.get(name)
        extra = []
        if timescale is not None and not isinstance(timescale, ValueError) and timescale.method == "spectrum":
            extra.append(f"read in chunks: t_nat_spectrum is the peak of periodograms averaged over segments of "
                         f"{timescale.segment} samples (Welch)")
        records.extend(_sweep_from(table.source, name, acc.size, dt, dim, series_taus, h, c, turns, regime_any,
                                   at_tau, timescale, t_nat, summary_only, extra, tau_clipped))
    return records


def _sweep_from(source, name, n, dt, dim, taus, h, c, turns, regime, at_tau, timescale, t_nat, summary_only,
                warnings=None, tau_clipped=None) -> list[dict]:
    """The records of a sweep from its parts: H, C and turns per tau, ``regime(tau, h, c, turns)`` -> regime
    keys, ``at_tau(tau)`` -> (h, c, turns) at a tau not swept, and the timescale (or the ValueError that
    stopped it) unless ``t_nat`` was given."""
    from ..plane import IDEAL_RATIO_BAND, MIN_DURATION_OVER_T_NAT, ideal_tau, pattern_time, regime_fields

    base = {"source": source, "series": name, "n": n, "dt": dt, "dim": dim}
    warnings = list(warnings or [])
    if t_nat is not None:
        t_nat, t_nat_method, timescale = float(t_nat), "given", None
    elif isinstance(timescale, ValueError):
        t_nat, t_nat_method = None, None
        warnings.append(str(timescale))
        timescale = None
    elif timescale is None:  # not estimated (a constant series, whose warning says why)
        t_nat, t_nat_method = None, None
    else:
        t_nat, t_nat_method = timescale.t_nat, timescale.method
    duration = (n - 1) * dt

    def finite(v):
        return v if v is None or v == v else None

    records = []
    if not summary_only:
        for tau, hv, cv, fv in zip(taus, h, c, turns):
            t_pat = pattern_time(tau, dim, dt)
            records.append({**base, "kind": "tau", "tau": tau, "t_pat": t_pat,
                            "t_pat_over_t_nat": t_pat / t_nat if t_nat else None,
                            "permutation_entropy": float(hv), "statistical_complexity": float(cv),
                            **regime(tau, float(hv), float(cv), float(fv))})

    summary = {**base, "kind": "summary", "tau_min": taus[0], "tau_max": taus[-1], "tau_clipped": tau_clipped,
               "duration": duration, "t_nat": t_nat, "t_nat_method": t_nat_method,
               "t_nat_crossings": timescale.crossings if timescale else None,
               "t_nat_maxima": timescale.maxima if timescale else None,
               "t_nat_spectrum": finite(timescale.spectrum) if timescale else None,
               "duration_over_t_nat": duration / t_nat if t_nat else None,
               "ideal_tau": None, "ideal_t_pat": None, "ideal_t_pat_over_t_nat": None,
               "permutation_entropy": None, "statistical_complexity": None, **regime_fields(None, None, dim)}
    if t_nat:
        if duration < MIN_DURATION_OVER_T_NAT * t_nat:
            warnings.append(f"duration is {duration / t_nat:.2f} t_nat, under the {MIN_DURATION_OVER_T_NAT} t_nat "
                            f"PECCARY asks for")
        best = ideal_tau(t_nat, dim, dt)
        ratio = pattern_time(best, dim, dt) / t_nat
        summary.update(ideal_tau=best, ideal_t_pat=pattern_time(best, dim, dt), ideal_t_pat_over_t_nat=ratio)
        if not IDEAL_RATIO_BAND[0] <= ratio <= IDEAL_RATIO_BAND[1]:
            warnings.append(f"t_nat is only {t_nat / dt:.3g} samples: tau={best} gives t_pat/t_nat = {ratio:.2f}, "
                            f"outside {IDEAL_RATIO_BAND[0]}-{IDEAL_RATIO_BAND[1]} (sample faster or lower -d)"
                            if best == 1 and ratio > IDEAL_RATIO_BAND[1] else
                            f"tau={best} gives t_pat/t_nat = {ratio:.2f}, outside "
                            f"{IDEAL_RATIO_BAND[0]}-{IDEAL_RATIO_BAND[1]}")
        if best in taus:
            i = taus.index(best)
            hb, cb, fb = float(h[i]), float(c[i]), float(turns[i])
        else:
            try:
                hb, cb, fb = at_tau(best)
            except ValueError as exc:
                hb = cb = None
                warnings.append(f"ideal tau not usable: {exc}")
        if hb is not None:
            summary.update(permutation_entropy=hb, statistical_complexity=cb, **regime(best, hb, cb, fb))
    if not 4 <= dim <= 8:
        warnings.append(f"no regimes at dim={dim} (they need 4 <= dim <= 8)")
    summary["warning"] = "; ".join(warnings) or None
    records.append(summary)
    return records


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
          dim, taus, t_nat, t_nat_method, min_windows, summary_only, plot, fmt, output, force, spec, batch):
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
      permutation_entropy, statistical_complexity, regime, and what the
      regime was decided on: regime_rule, periodic_entropy_bound (H_max,per),
      noise_curve_complexity (the f^-k noise curve's C at this H),
      regime_complexity_threshold (C above which a point is complex) and
      multi_turn_fraction (windows whose pattern turns twice or more).
    Then one record (kind = "summary") per series:
      source, series, n, dt, dim, kind, tau_min, tau_max, tau_clipped
      (null, or how the default range was clipped), duration, t_nat, t_nat_method
      (crossings, maxima, spectrum or given), t_nat_crossings, t_nat_maxima,
      t_nat_spectrum, duration_over_t_nat, ideal_tau, ideal_t_pat,
      ideal_t_pat_over_t_nat, and permutation_entropy, statistical_complexity
      and the regime keys at the ideal tau; warning (null or a message).

    Regimes (see `tscomplex plane --help`): regular if H <= H_max,per and at
    most 5% of windows turn twice; else complex if C lies well above the
    noise curve (a fraction 5 d!/W, clipped to [0.1, 0.5], of the way to the
    maximum curve, for W windows); else stochastic. No regime (null) with
    fewer than 10 d! windows.

    With --surrogates N every record is also computed on N surrogates of
    the series (with the data's t_nat): permutation_entropy and
    statistical_complexity gain _surrogate_mean, _surrogate_std, _z and _p,
    and nonlinear (permutation_entropy's test at --alpha) decides whether a
    complex regime stands.

    \b
    Example:
      tscomplex sweep data.csv -c flux --dt 0.01 -t 1:200 --plot sweep.png
      tscomplex sweep --system logistic -t 1:20 --summary
    """
    from ..io import InputError

    plots = None
    if plot:
        from ..plots import check_figure_path

        try:
            check_figure_path(plot)
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint="--plot") from None
        plots = []
        refuse_chunk_size("sweep --plot", "the figure is drawn from series held in memory", batch)
    run = Run(fmt, output, force, batch=batch)
    options = dict(taus=taus, dim=dim, t_nat=t_nat, t_nat_method=t_nat_method, min_windows=min_windows,
                   summary_only=summary_only, clip_taus=_default_taus())
    tested = surrogate_wrapper(sweep_records_warning, null_func=sweep_records, fixed=(("t_nat", "t_nat"),))
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
    records = sweep_records(series, **options)
    summary = records[-1]
    if summary.get("warning"):
        click.echo(f"tscomplex: warning: {series.source} [{series.name}]: {summary['warning']}", err=True)
    return records


def sweep_chunked_records_warning(table, **options) -> list[dict]:
    """:func:`sweep_chunked_records`, printing each summary's warning on stderr."""
    records = sweep_chunked_records(table, **options)
    for summary in records:
        if summary.get("kind") == "summary" and summary.get("warning"):
            click.echo(f"tscomplex: warning: {table.source} [{summary['series']}]: {summary['warning']}", err=True)
    return records


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
