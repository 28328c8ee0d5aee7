"""``tscomplex score``: score a forecast against the truth, one record per series (column) and horizon."""

from __future__ import annotations

import click

from .driver import Run
from .errors import command_errors
from .options import record_options


#: score_records' messages about an option (the others are about the data)
OPTION_ERRORS = ("--lyapunov-time", "horizon", "threshold")


def _read_columns(path: str, columns, time_column, what: str):
    """(dict name -> values, dt from the time column or None) of one file."""
    from ..io import InputError, read_series

    try:
        series = read_series(path, columns=list(columns) or None, time_column=time_column)
    except (InputError, OSError, ValueError) as exc:  # the data are bad, not the command line: exit 1
        raise click.ClickException(f"--{what} {path}: {exc}") from None
    return {s.name: s.values for s in series}, (series[0].dt if series else None)


@click.command(short_help="Score forecasts: sMAPE, MASE, RMSE, valid prediction time.")
@click.option("--truth", required=True, metavar="FILE", help="The true continuation (CSV, TSV, Parquet, NPY, ...).")
@click.option("--forecast", required=True, metavar="FILE", help="The forecast, with the same columns and length.")
@click.option("-c", "--column", "columns", multiple=True, metavar="NAME",
              help="Score only this column (repeatable; default: every numeric column).")
@click.option("--time-column", metavar="NAME", help="The time column (default: one named time or t).")
@click.option("--dt", type=click.FloatRange(min=0, min_open=True),
              help="Sampling step in time units (default: from the truth's time column, else 1 sample).")
@click.option("--system", metavar="NAME", help="The system forecast: its stored Lyapunov time counts the valid "
                                                "prediction time (a tscomplex or dysts name).")
@click.option("--lyapunov-time", type=click.FloatRange(min=0, min_open=True), metavar="T",
              help="The Lyapunov time 1/lambda_max in time units (overrides --system's).")
@click.option("--horizon", "horizons", type=click.IntRange(min=1), multiple=True, metavar="N",
              help="Score the first N samples (repeatable: one record per horizon; default: all).")
@click.option("--threshold", type=click.FloatRange(min=0, min_open=True), default=0.4, show_default=True,
              help="Normalized error |truth - forecast| / std(truth) that ends the valid prediction time.")
@record_options
@command_errors
def score(truth, forecast, columns, time_column, dt, system, lyapunov_time, horizons, threshold, fmt, output,
          force, batch):
    """Score the forecast FILE against the truth FILE: one record per column
    and horizon, with sMAPE (percent, 0-200), MASE (scaled by the truth's
    one-step naive forecast), RMSE, the correlation of forecast and truth, the
    valid prediction time (the lead at which |truth - forecast| / std(truth)
    first passes --threshold, in time units and in Lyapunov times) and two
    distances between the value distributions (histogram KL divergence and
    the 1-Wasserstein distance).

    The Lyapunov time comes from --lyapunov-time, else from the stored
    invariants of --system; without either, valid_prediction_lyapunov_times
    is null and the record says why. The truth may be a test split written
    by tscomplex dataset.

    \b
    Example:
      tscomplex score --truth bench/lorenz/test.parquet --forecast model.parquet --system lorenz
      tscomplex score --truth t.csv --forecast f.csv --dt 0.01 --lyapunov-time 1.1 --horizon 100 --horizon 500
    """
    from ..records.score import score_records

    truth_cols, truth_dt = _read_columns(truth, columns, time_column, "truth")
    forecast_cols, _ = _read_columns(forecast, columns, time_column, "forecast")
    if dt is not None:
        step, source = dt, "given"
    elif truth_dt is not None:
        step, source = truth_dt, "the truth's time column"
    else:
        step, source = None, "none: 1 sample"
    try:
        records = score_records(truth_cols, forecast_cols, step, horizons=horizons, lyapunov_time=lyapunov_time,
                                system=system, threshold=threshold, truth_source=truth, forecast_source=forecast,
                                dt_source=source)
    except (KeyError, ValueError) as exc:
        message = str(exc).strip("'\"").replace("lyapunov_time", "--lyapunov-time")
        if isinstance(exc, KeyError) or message.startswith(OPTION_ERRORS):  # an option wrong: exit 2
            raise click.UsageError(message) from None
        raise click.ClickException(message) from None  # truth and forecast do not fit together: exit 1
    run = Run(fmt, output, force, batch=batch)
    for record in records:
        run.emit(record)
    run.finish()
