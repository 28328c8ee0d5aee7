"""``tscomplex patch``: entropy-guided patch boundaries (EntroPE without a trained model)."""

from __future__ import annotations

import math

import click

from .driver import Run, refuse_chunk_size
from .errors import command_errors
from .options import inputs_with, output_options
from .inputs import iter_sources
from .patch_params import Threshold, ValueRange, read_entropy_file
from .values import parse_range
from .patch_models import apply_model_options, model_options, wants_model  # context models (issue 19 part B)

ESTIMATORS = ("value", "ordinal")
TOKENIZERS = ("value", "entrope")
MODES = ("causal", "fit")
RULES = ("global", "relative", "both", "either")
PLOT_MAX_SAMPLES = 5000
PLOT_DEFAULT_WINDOW = 2000
PLOT_MAX_WINDOW_SERIES = 4  # series drawn with --window, two panels each
PLOT_MAX_WINDOW_SAMPLES = 20000  # samples drawn with --window unless --plot-range says


def patch_analysis(values, **options) -> dict:
    """Entropy trace, resolved thresholds, patch starts and any threshold warning of one series
    (:func:`tscomplex.records.patch.patch_analysis`)."""
    from ..records.patch import patch_analysis as analysis

    return analysis(values, **options)


def records_from_analysis(series, analysis: dict, options: dict, summary_only: bool = False) -> list[dict]:
    """One summary record, then one record per patch (:mod:`tscomplex.records.patch`)."""
    from ..records.patch import records_from_analysis as build

    return build(series, analysis, options, summary_only)


def patch_chunked_records(table, summary_only: bool = False, **options) -> list[dict]:
    """The records of every series of a chunked table (:mod:`tscomplex.records.patch`), warnings as data."""
    from ..records.patch import patch_chunked_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(table, summary_only, **options))


def patch_records(series, summary_only: bool = False, **options) -> list[dict]:
    """Summary and patch records of one Series (:mod:`tscomplex.records.patch`)."""
    from ..records.patch import patch_records as build

    return build(series, summary_only, **options)


def patch_records_warning(series, summary_only: bool = False, **options) -> list[dict]:
    """:func:`patch_records`, with the summary's warning as data that the run prints on stderr."""
    from .notices import warnings_as_data

    return warnings_as_data(patch_records(series, summary_only, **options))


def default_window(series) -> tuple[int, int] | None:
    n = int(series.values.size)
    if n <= PLOT_MAX_SAMPLES:
        return None
    click.echo(f"tscomplex: note: the figure shows samples 0:{PLOT_DEFAULT_WINDOW} of {n}; "
               "choose others with --plot-range A:B", err=True)
    return (0, PLOT_DEFAULT_WINDOW)


def plot_title(series, summary: dict) -> str:
    """'source [series]' and, below it, the estimator and the outcome."""
    if summary["estimator"] == "value":
        how = f"value symbols ({summary['bins']} bins, order {summary['order']})"
    else:
        how = f"ordinal (dim {summary['dim']})"
    counts = f"{summary['mode']} counts"
    if summary.get("model_trained_on"):  # a context model (issue 19 part B)
        counts = f"{summary['context_model']}-order model of {summary['model_trained_on']}"
    return (f"{series.source} [{series.name}]\n{how}, {counts}, rule {summary['rule']}: "
            f"{summary['n_patches']} patches, mean length {summary['mean_patch_length']:.3g}")


def window_title(summary: dict) -> str:
    """The figure title of per-window patching: the tokens, the entropy source, the rule."""
    if summary.get("tokenizer") == "entrope":
        how = f"EntroPE tokens ({summary['vocab_size']}, {summary['range_rule']}), order {summary['order']}"
    elif summary["estimator"] == "value":
        how = f"value symbols ({summary['bins']} bins, order {summary['order']})"
    elif summary["estimator"] == "given":
        how = f"entropy from {summary['entropy_source']}"
    else:
        how = f"ordinal (dim {summary['dim']})"
    counts = f", {summary['mode']} counts" if summary["estimator"] != "given" else ""
    if summary.get("model_trained_on"):  # each panel names its model's training data
        counts = f", {summary['context_model']}-order model"
    return (f"windows of {summary['window_length']} (step {summary['window_step']}): {how}{counts}, "
            f"rule {summary['rule']}")


@click.command(short_help="Entropy-guided patch boundaries of each series.")
@inputs_with("With --system: the component(s) to cut into patches (default: all). Repeatable; -c NAME does the "
             "same.")
@click.option("--estimator", type=click.Choice(ESTIMATORS), default="value", show_default=True,
              help="value: symbols are value bins, context the last --order symbols. ordinal: the symbol is "
                   "the rank of the next value among the last dim-1, context the ordinal pattern of the last "
                   "--dim values.")
@click.option("--bins", type=click.IntRange(min=2), default=8, show_default=True,
              help="value: number of uniform bins B.")
@click.option("--order", type=click.IntRange(min=0), default=2, show_default=True,
              help="value: context length k in symbols (B**k contexts).")
@click.option("--range", "value_range", type=ValueRange(), default=3.0, show_default=True,
              help="value: the bins cover [-R, R] mean absolute values; the rest clips. With --tokenizer entrope "
                   "also LOW:HIGH (the first and last bin centres), or qA:qB: percentiles of the standardized "
                   "training data (--fit-on, --fit-range; else the series), as EntroPE's current code (q2.5:q97.5).")
@click.option("--tokenizer", type=click.Choice(TOKENIZERS), default="value", show_default=True,
              help="value: --bins uniform bins. entrope: EntroPE's 256-token vocabulary (Chronos' mean-scale "
                   "uniform bins over --range, ids 0-3 special), for comparing with EntroPE.")
@click.option("--vocab-size", type=click.IntRange(min=7),
              help="entrope: tokens in the vocabulary (4 special, the rest value bins; default 256, EntroPE's).")
@click.option("--window", type=click.IntRange(min=1), metavar="W",
              help="Patch each window of W samples on its own, as EntroPE does (its look-back is 96): tokens, "
                   "counts (or a context model's entropy) and qNN thresholds per window, position 0 of each window a "
                   "patch start.")
@click.option("--window-step", type=click.IntRange(min=1), metavar="S",
              help="With --window: windows start every S samples (default W: they tile the series).")
@click.option("--entropy", "entropy_file", metavar="FILE",
              help="Apply the rules to this entropy trace (one column: text, CSV or NPY; one value per sample, "
                   "e.g. from EntroPE's model) instead of estimating one.")
@click.option("--no-center", is_flag=True, help="value: do not subtract the mean before scaling.")
@click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
              help="ordinal: pattern length D of the context (D! contexts, D symbols; it was 4 in 0.1.0: "
                   "give -d 4 for that).")
@click.option("--mode", type=click.Choice(MODES), default="causal", show_default=True,
              help="causal: counts from the past only; fit: counts from the whole series (a frozen model).")
@click.option("--alpha", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="Additive smoothing (1/2: Krichevsky-Trofimov; 0: plug-in).")
@click.option("--rule", type=click.Choice(RULES), default="global", show_default=True,
              help="global: H_t > THETA; relative: H_t - H_{t-1} > GAMMA; both: the two hold; either: one holds.")
@click.option("--threshold", type=Threshold(), default="q90", show_default=True, metavar="NATS|qNN",
              help="THETA in nats, or qNN: the NN-th percentile of H.")
@click.option("--jump", type=Threshold(), default="q90", show_default=True, metavar="NATS|qNN",
              help="GAMMA in nats, or qNN: the NN-th percentile of H_t - H_{t-1}.")
@click.option("--min-len", type=click.IntRange(min=1),
              help="Ignore a boundary closer than this to the current patch start (default: 8, or --max-len when "
                   "smaller; it was 1 in 0.1.0: give --min-len 1 for that).")
@click.option("--max-len", type=click.IntRange(min=1), help="Split patches longer than this.")
@click.option("--summary", "summary_only", is_flag=True, help="Write only the summary record of each series.")
@click.option("--plot", metavar="FILE", help="Draw the first series, its boundaries and its entropy trace "
                                             "(.png, .svg or .pdf); with --window the first 4 series, each window's "
                                             "threshold as a step.")
@click.option("--plot-range", metavar="A:B", help="With --plot: draw samples A <= t < B only "
              f"(default: all, or the first {PLOT_DEFAULT_WINDOW} of a series longer than {PLOT_MAX_SAMPLES}).")
@model_options
@output_options
@command_errors
def patch(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
          estimator, bins, order, value_range, tokenizer, vocab_size, window, window_step, entropy_file, no_center,
          dim, mode, alpha, rule, threshold, jump, min_len, max_len, summary_only, plot, plot_range, fmt, output,
          force, spec, batch, **model_args):
    """Entropy-guided patch boundaries: cut each series where its next value
    is hard to predict (EntroPE, arXiv 2509.26157, with a count model
    instead of a trained transformer).

    H_t is the entropy (nats) of the next symbol given the past, from counts
    of order-k contexts with add-1/2 smoothing. A patch starts at 0 and where
    the rule holds; --max-len splits first, then --min-len drops boundaries
    too close to the current start.

    Records: one with record=summary per series (n_patches,
    mean_patch_length, median_patch_length, entropy_rate in nats per
    sample, the threshold and jump used), then one with record=patch per
    patch (patch, start, end exclusive, length, mean_entropy, max_entropy).
    The patches tile the series.

    EntroPE's way: --window W patches each window of W samples on its own
    (tokens, counts and qNN thresholds per window; a record=window per
    window gives its threshold and jump); --tokenizer entrope uses
    EntroPE's 256 tokens (Chronos' mean-scale uniform bins); --entropy
    FILE applies the rules to a trace computed elsewhere.

    A model trained on other data (--fit-on FILE, --fit-range A:B, or
    --model FILE saved with --save-model) is applied frozen, to each
    window with --window, and to EntroPE's tokens with --tokenizer
    entrope, whose qA:qB range then comes from the training data. The
    model file stores its tokenizer, range and window; applying it with
    other ones is refused. --entropy FILE takes no model.

    NPY and Parquet series longer than --chunk-size are read in chunks, in
    bounded memory and with the same results, in a few passes (the entropy
    trace is recomputed, never stored; a qNN threshold is an exact
    percentile from a histogram pass and a pass over its bin). With --plot,
    --window, --tokenizer entrope or --entropy, series are read whole and
    --chunk-size is refused.

    \b
    Example:
      tscomplex patch data.csv -c flux --threshold q95 --max-len 64
      tscomplex patch --system logistic --estimator ordinal --summary
      tscomplex patch series.txt --mode fit --plot patches.png -o patches.csv
      tscomplex patch data.csv --window 96 --tokenizer entrope --mode fit
      tscomplex patch data.csv --entropy entropy.npy --rule relative
      # EntroPE's way: train on the training split, then per 96-sample window
      tscomplex patch test.csv --window 96 --tokenizer entrope --range q2.5:q97.5 \\
          --fit-on train.csv --context-model variable --save-model m.npz
      tscomplex patch new.csv --window 96 --model m.npz --plot windows.png
    """
    from ..io import InputError
    from ..patching import check_estimator

    from ..patching import default_min_len

    min_len = default_min_len(min_len, max_len)
    if max_len is not None and max_len < min_len:
        raise click.BadParameter(f"--max-len ({max_len}) must be >= --min-len ({min_len})", param_hint="--max-len")
    extended = check_extended(estimator, tokenizer, value_range, order, dim, window, window_step, entropy_file,
                              vocab_size, wants_model(model_args))
    try:
        if not wants_model(model_args) and (not extended or (tokenizer == "value" and window is None
                                                              and entropy_file is None)):
            # context models and EntroPE's tokens are sparse: no dense table to bound
            check_estimator(estimator, bins=bins, order=order, dim=dim)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if plot:
        from ..plots import check_figure_path

        refuse_chunk_size("patch --plot", "the figure is drawn from series held in memory", batch)

        try:
            check_figure_path(plot)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
    plot_window = parse_range(plot_range) if plot_range else None
    options = {"estimator": estimator, "bins": bins, "order": order, "dim": dim, "value_range": value_range,
               "center": not no_center, "mode": mode, "alpha": alpha, "rule": rule, "threshold": threshold,
               "jump": jump, "min_len": min_len, "max_len": max_len}
    if extended:  # keys appear in the records only when these options are used
        refuse_chunk_size("patch --window, --tokenizer entrope or --entropy",
                          "windows, tokens and a given trace are taken from series held in memory", batch)
        options.update(tokenizer=tokenizer, vocab_size=vocab_size or 256, window=window, window_step=window_step)
    if wants_model(model_args):
        if entropy_file is not None:
            raise click.UsageError("--entropy FILE is a trace computed elsewhere; a context model (--fit-on, "
                                   "--fit-range, --model, --context-model) would compute another: use one or the other")
        refuse_chunk_size("patch with a context model", "the model is applied to series held in memory", batch)
        options = apply_model_options(options, model_args, spec)
    if entropy_file is not None:
        options.update(entropy=read_entropy_file(entropy_file), entropy_source=entropy_file)
    run = Run(fmt, output, force, batch=batch)
    items = iter_sources(run, spec)
    if not plot:  # the batch layer spreads the work (--jobs, --dask, --resume)
        run.map(patch_records_warning, items, stream=None if (extended or wants_model(model_args))
                else patch_chunked_records,
                summary_only=summary_only, **options)
        run.finish()
        return
    # the same map; the figure shows the first series that gives records, whose curve comes back with them
    run.figure_limit = PLOT_MAX_WINDOW_SERIES if window is not None else 1
    run.map(patch_figure_records, items, summary_only=summary_only, **options)
    if not run.figure_data:
        click.echo(f"tscomplex: warning: no series to plot; {plot} not written", err=True)
    elif window is not None:
        plot_windows(plot, run, rule, threshold, plot_window)
    else:
        from ..io import Series
        from ..plots.patching import plot_patches

        source, name, values, analysis, title = run.figure_data[0]
        plot_patches(plot, values, analysis["entropy"], analysis["starts"],
                     threshold=analysis["threshold"], jump=analysis["jump"], rule=rule,
                     threshold_spec=threshold, jump_spec=jump,
                     title=title, window=plot_window or default_window(Series(source, name, values)))
        if run.figure_offered > 1:
            click.echo(f"tscomplex: note: {plot} shows only the first series, {source} [{name}]; "
                       "choose another with -c", err=True)
    run.finish()


def plot_windows(plot: str, run, rule: str, threshold, plot_window) -> None:
    """The figure of per-window patching: up to PLOT_MAX_WINDOW_SERIES series, each with its windows."""
    from ..plots.patching import plot_window_patches

    data = run.figure_data
    n = max(int(values.size) for _, _, values, _, _ in data)
    if plot_window is None and n > PLOT_MAX_WINDOW_SAMPLES:
        click.echo(f"tscomplex: note: the figure shows samples 0:{PLOT_MAX_WINDOW_SAMPLES} of {n}; "
                   "choose others with --plot-range A:B", err=True)
        plot_window = (0, PLOT_MAX_WINDOW_SAMPLES)
    panels = [(fig["label"], values, fig["traces"], fig["window_starts"], fig["threshold"], fig["start"])
              for _, _, values, fig, _ in data]
    plot_window_patches(plot, panels, rule=rule, threshold_spec=threshold, title=data[0][4], window=plot_window)
    if run.figure_offered > len(data):
        click.echo(f"tscomplex: note: {plot} shows the first {len(data)} of {run.figure_offered} series; "
                   "choose others with -c", err=True)


def check_extended(estimator, tokenizer, value_range, order, dim, window, window_step, entropy_file,
                   vocab_size, model=False) -> bool:
    """Whether EntroPE's options (--tokenizer entrope, --window, --entropy) are used; refuses their bad
    combinations in one line each (exit 2)."""
    if isinstance(value_range, str) and tokenizer != "entrope":
        raise click.BadParameter(f"{value_range!r}: LOW:HIGH and qA:qB apply to --tokenizer entrope; "
                                 "give a number R", param_hint="--range")
    if vocab_size is not None and tokenizer != "entrope":
        raise click.UsageError("--vocab-size applies to --tokenizer entrope")
    if tokenizer == "entrope" and estimator != "value":
        raise click.UsageError("--tokenizer entrope makes value symbols: it needs --estimator value")
    if window_step is not None and window is None:
        raise click.UsageError("--window-step needs --window")
    if window is not None and entropy_file is None and not model:  # a model's order is checked with the model
        k, what = (dim, "--dim") if estimator == "ordinal" else (order, "--order")
        if window <= k:
            raise click.BadParameter(f"a window of {window} samples is too short for {what} {k}: it needs at "
                                     f"least {k + 1}", param_hint="--window")
    if tokenizer == "entrope" and not model and order * math.log2(vocab_size or 256) >= 62:
        raise click.BadParameter(f"order {order} with {vocab_size} tokens gives contexts beyond 64 bits",
                                 param_hint="--order")
    return tokenizer != "value" or window is not None or entropy_file is not None


def patch_figure_records(series, summary_only: bool = False, **options) -> list[dict]:
    """:func:`patch_records_warning`, the first record carrying what the figure of this series needs."""
    from .notices import warnings_as_data
    from .driver import FIGURE_DATA

    from ..records.patch import model_for_series

    if options.get("window") is not None:  # per-window traces and thresholds
        from ..records.patch_windows import windowed_records

        held: dict = {}
        records = warnings_as_data(windowed_records(series, summary_only, figure=held, **options))
        figure = {key: held[key] for key in ("traces", "window_starts", "threshold", "start")}
        figure["label"] = f"{series.source} [{series.name}]" + (
            f", model of {records[0]['model_trained_on']}" if records[0].get("model_trained_on") else "")
        records[0][FIGURE_DATA] = (series.source, series.name, series.values, figure, window_title(records[0]))
        return records
    analysis = patch_analysis(series.values, **model_for_series(series, options))
    records = warnings_as_data(records_from_analysis(series, analysis, options, summary_only))
    figure = {key: analysis[key] for key in ("entropy", "starts", "threshold", "jump")}
    records[0][FIGURE_DATA] = (series.source, series.name, series.values, figure, plot_title(series, records[0]))
    return records
