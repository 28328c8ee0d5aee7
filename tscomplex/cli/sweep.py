"""``tscomplex sweep``: H and C over a range of delays, the natural timescale, and PECCARY's ideal delay."""

from __future__ import annotations

import click

from .common import IntList, Run, command_errors, input_options, iter_series, iter_sources, output_options
from .surrogates_options import surrogate_options, surrogate_wrapper


def sweep_records(series, taus, dim: int = 5, t_nat=None, t_nat_method: str = "auto", min_windows=None,
                  summary_only: bool = False) -> list[dict]:
    """Per-delay records and one summary record for one series (see ``tscomplex sweep --help``).

    Raises ValueError when the series cannot be swept (too short, a delay
    that leaves fewer than ``min_windows`` windows: the message names the
    largest usable delay).
    """
    import math

    from ..ordinal import n_windows
    from ..plane import (IDEAL_RATIO_BAND, MIN_DURATION_OVER_T_NAT, ideal_tau, natural_timescale, pattern_time,
                         regime_fields, series_regime_fields, tau_sweep_full)

    taus = sorted(set(int(t) for t in taus))
    x = series.values
    dt = float(series.dt) if series.dt else 1.0
    if min_windows is None:
        min_windows = math.factorial(dim)
    h, c, turns = tau_sweep_full(x, taus, dim, min_windows=min_windows)
    base = {"source": series.source, "series": series.name, "n": int(x.size), "dt": dt, "dim": dim}
    warnings = []

    timescale = None
    if t_nat is not None:
        t_nat, t_nat_method = float(t_nat), "given"
    else:
        try:
            timescale = natural_timescale(x, dt, t_nat_method)
            t_nat, t_nat_method = timescale.t_nat, timescale.method
        except ValueError as exc:
            t_nat, t_nat_method = None, None
            warnings.append(str(exc))
    duration = (x.size - 1) * dt

    records = []
    if not summary_only:
        for tau, hv, cv, fv in zip(taus, h, c, turns):
            t_pat = pattern_time(tau, dim, dt)
            records.append({**base, "kind": "tau", "tau": tau, "t_pat": t_pat,
                            "t_pat_over_t_nat": t_pat / t_nat if t_nat else None,
                            "permutation_entropy": float(hv), "statistical_complexity": float(cv),
                            **series_regime_fields(x, float(hv), float(cv), dim, tau, float(fv),
                                                   n_windows(x.size, dim, tau))})

    summary = {**base, "kind": "summary", "duration": duration, "t_nat": t_nat, "t_nat_method": t_nat_method,
               "t_nat_crossings": timescale.crossings if timescale else None,
               "t_nat_maxima": timescale.maxima if timescale else None,
               "t_nat_spectrum": timescale.spectrum if timescale else None,
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
                hs, cs, fs = tau_sweep_full(x, [best], dim, min_windows=min_windows)
                hb, cb, fb = float(hs[0]), float(cs[0]), float(fs[0])
            except ValueError as exc:
                hb = cb = None
                warnings.append(f"ideal tau not usable: {exc}")
        if hb is not None:
            summary.update(permutation_entropy=hb, statistical_complexity=cb,
                           **series_regime_fields(x, hb, cb, dim, best, fb, n_windows(x.size, dim, best)))
    if not 4 <= dim <= 8:
        warnings.append(f"no regimes at dim={dim} (they need 4 <= dim <= 8)")
    summary["warning"] = "; ".join(warnings) or None
    records.append(summary)
    return records


@click.command(short_help="H and C over tau, the natural timescale and the ideal tau.")
@input_options
@click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
              help="Embedding dimension d (pattern length); regimes need 4 <= d <= 8.")
@click.option("-t", "--tau", "taus", type=IntList(1), default="1:100", show_default=True,
              help="Delays to sweep, in samples: a range 1:200, 1:200:5, or a list 1,2,5.")
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
          dim, taus, t_nat, t_nat_method, min_windows, summary_only, plot, fmt, output, force):
    """Permutation entropy H and statistical complexity C of each series for
    every delay tau, its natural timescale t_nat, and PECCARY's ideal delay.

    The pattern timescale is t_pat = (d-1) tau dt. PECCARY recommends
    0.3 <= t_pat/t_nat <= 0.5 (0.4 preferred) and a duration of at least
    1.5 t_nat; a shorter series is warned about on stderr. Without --dt or a
    time column, dt is 1 and times are in samples.

    \b
    Records (kind = "tau"), one per delay:
      source, series, n, dt, dim, kind, tau, t_pat, t_pat_over_t_nat,
      permutation_entropy, statistical_complexity, regime, and what the
      regime was decided on: regime_rule, periodic_entropy_bound (H_max,per),
      noise_curve_complexity (the f^-k noise curve's C at this H),
      regime_complexity_threshold (C above which a point is complex) and
      multi_turn_fraction (windows whose pattern turns twice or more).
    Then one record (kind = "summary") per series:
      source, series, n, dt, dim, kind, duration, t_nat, t_nat_method
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
    run = Run(fmt, output, force)
    options = dict(taus=taus, dim=dim, t_nat=t_nat, t_nat_method=t_nat_method, min_windows=min_windows,
                   summary_only=summary_only)
    tested = surrogate_wrapper(sweep_records_warning, null_func=sweep_records, fixed=(("t_nat", "t_nat"),))
    if plots is None:  # no figure: the batch layer spreads the work (--jobs, --dask, --resume)
        items = iter_sources(run, inputs, system, components, length, params, columns, time_column, dt, nan,
                             recursive)
        run.map(tested or sweep_records_warning, items, **options)
        run.finish()
        return
    for series in iter_series(run, inputs, system, components, length, params, columns, time_column, dt, nan,
                              recursive):
        try:
            records = (tested or sweep_records_warning)(series, **options)
        except ValueError as exc:
            run.fail(series.source, str(exc), series.name, series.meta.get("group"))
            continue
        summary = records[-1]
        for record in records:
            run.emit(record, series)
        if plots is not None:
            plots.append(_sweep_for_plot(series, taus, dim, summary, records))
    if plots:
        from ..plots.plane import sweep_figure

        sweep_figure(plots, dim, plot)
    run.finish()


def sweep_records_warning(series, **options) -> list[dict]:
    """:func:`sweep_records`, also printing the summary's warning on stderr (workers share the parent's stderr)."""
    records = sweep_records(series, **options)
    summary = records[-1]
    if summary.get("warning"):
        click.echo(f"tscomplex: warning: {series.source} [{series.name}]: {summary['warning']}", err=True)
    return records


def _sweep_for_plot(series, taus, dim, summary, records):
    per_tau = [r for r in records if r["kind"] == "tau"]
    if not per_tau:  # --summary: the curve is still wanted in the figure
        from ..plane import tau_sweep

        taus = sorted(set(taus))
        h, c = tau_sweep(series.values, taus, dim)
    else:
        taus = [r["tau"] for r in per_tau]
        h = [r["permutation_entropy"] for r in per_tau]
        c = [r["statistical_complexity"] for r in per_tau]
    return {"label": f"{series.source} [{series.name}]", "taus": taus, "h": h, "c": c, "dt": summary["dt"],
            "t_nat": summary["t_nat"], "ideal_tau": summary["ideal_tau"]}
