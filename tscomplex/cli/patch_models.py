"""``tscomplex patch`` options of fitted context models: --context-model, --fit-on, --fit-range, --model,
--save-model, and what they do to the command's options before the run (issue 19, part B)."""

from __future__ import annotations

import click

CONTEXT_MODELS = ("fixed", "variable")
#: the command's parameters that a loaded model fixes, and the record key each stands for
MODEL_SETTINGS = {"bins": "bins", "order": "order", "value_range": "value_range", "no_center": "center",
                  "alpha": "alpha", "context_model": "context_model"}


def model_options(f):
    """The options of fitted context models (they reach the command as ``**model_args``)."""
    for option in reversed([
        click.option("--context-model", type=click.Choice(CONTEXT_MODELS),
                     help="value: fitted counts (order up to 8, up to 256 bins, sparse). fixed: the order-k context "
                          "with add-alpha; variable: every context length 0..k, each smoothed towards the shorter "
                          "one (interpolated KT). Implies --mode fit."),
        click.option("--fit-on", metavar="FILE", help="value: learn the counts on the series of FILE (same -c; one "
                     "series trains all, several train the series of the same name) and apply them, frozen."),
        click.option("--fit-range", metavar="A:B", help="value: learn the counts on samples A <= t < B (of the "
                     "--fit-on file, or else of each series) and apply them, frozen."),
        click.option("--model", "model_file", metavar="FILE", help="value: apply the model saved in FILE "
                     "(--save-model); its settings (tokenizer, range, window too) are used, and any given must "
                     "match them."),
        click.option("--save-model", metavar="FILE", help="Save the model fitted with --fit-on (an NPZ of numeric "
                     "arrays and a JSON header; see docs/patching.md)."),
    ]):
        f = option(f)
    return f


def wants_model(model_args: dict) -> bool:
    return any(value is not None for value in model_args.values())


def apply_model_options(options: dict, model_args: dict, spec) -> dict:
    """``options`` for a run with a fitted context model: the model loaded or fitted (once, here), the
    settings it fixes, mode fit; a wrong combination or a bad file is one usage error (exit 2)."""
    if not wants_model(model_args):
        return options
    from ..patching.fitted import check_model_against
    from ..patching.model_files import ModelFileError, load_context_model
    from ..patching.models import check_model_settings

    ctx = click.get_current_context()
    given = {name for name in (*MODEL_SETTINGS, "mode", "estimator")
             if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE}
    context_model, fit_on, fit_range, model_file, save_model = (
        model_args.get(key) for key in ("context_model", "fit_on", "fit_range", "model_file", "save_model"))
    if options["estimator"] != "value":
        raise click.UsageError("--context-model, --fit-on, --fit-range and --model need --estimator value")
    if "mode" in given and options["mode"] != "fit":
        raise click.UsageError(f"--mode {options['mode']} cannot be used with a fitted context model, which is "
                               "frozen: leave --mode out or give --mode fit")
    if model_file and (fit_on or fit_range):
        raise click.UsageError("give --model FILE, or --fit-on/--fit-range to fit a model, not both")
    if save_model and not fit_on:
        raise click.UsageError("--save-model saves the model fitted with --fit-on FILE; give --fit-on (add "
                               "--fit-range A:B to train on part of it)")
    options = {**options, "mode": "fit", "context_model": context_model}
    if fit_range:
        from .values import parse_range

        options["fit_range"] = parse_range(fit_range, "--fit-range")
    entrope = options.get("tokenizer") == "entrope"
    try:
        if model_file:
            model = load_context_model(model_file)
            # settings given on the command line must match the model's; the others are the model's
            kept = {key: options[key] if name in given else None for name, key in MODEL_SETTINGS.items()}
            for name in ("tokenizer", "vocab_size"):  # a command with EntroPE's tokenizer
                if name in ctx.params:
                    kept[name] = ctx.params[name] if ctx.get_parameter_source(name) == \
                        click.core.ParameterSource.COMMANDLINE else None
            check_model_against(model, **kept, window=options.get("window"), source=f"model file {model_file}")
            model.header["trained_on"] = f"{model_file}: {model.header.get('trained_on') or 'unknown data'}"
            check_window(options, model.order)
            if "tokenizer" in kept:  # the records describe the model's tokens
                kept["tokenizer"] = model.header["tokenizer"].get("name", "value")
            return {**options, "model": model, **kept}
        check_model_settings(options["order"], options.get("vocab_size") if entrope else options["bins"],
                             options["alpha"], context_model or "fixed")
    except (ModelFileError, ValueError) as exc:
        message = str(exc)
        if entrope and message.startswith("bins "):
            message = "vocab_size " + message[len("bins "):]
        for name, flag in (("order ", "--order "), ("bins ", "--bins "), ("vocab_size ", "--vocab-size "),
                           ("alpha ", "--alpha "),
                           ("context_model ", "--context-model ")):
            if message.startswith(name):
                message = flag + message[len(name):]
        raise click.UsageError(message) from None
    check_window(options, options["order"])
    if not fit_on:
        return options
    models = _fit_on_file(fit_on, options, spec)
    if save_model:
        from ..io import InputError
        from ..patching.model_files import save_context_model

        if len(models) != 1:
            raise click.UsageError(f"--save-model saves one model, and --fit-on {fit_on} has {len(models)} series "
                                   f"({', '.join(models)}): pick one with -c")
        try:
            save_context_model(next(iter(models.values())), save_model)
        except (OSError, InputError) as exc:
            why = getattr(exc, "strerror", None) or exc
            raise click.UsageError(f"--save-model {save_model}: cannot write it ({why})") from None
    # the models fix the settings they were fitted with (the records report the models')
    return {**options, "model": models, "fit_range": None, "bins": None, "order": None, "value_range": None,
            "center": None, "alpha": None, "context_model": None, "vocab_size": None}


def _fit_on_file(path: str, options: dict, spec) -> dict:
    """{series name: model} of the training file, read as the inputs are (-c, --time-column, --nan)."""
    from ..io import InputError, read_series
    from ..patching.fitted import fit_series_model

    def read(columns):
        try:
            return read_series(path, columns=columns, time_column=spec.time_column, nan=spec.nan), None
        except (InputError, OSError, ValueError) as exc:
            return None, f"--fit-on {path}: {getattr(exc, 'strerror', None) or exc}"

    training, problem = read(list(spec.columns) or None)
    if problem and spec.columns:  # the -c names are the analysed file's: a one-series training file still serves
        whole, _ = read(None)
        training, problem = (whole, None) if whole and len(whole) == 1 else (None, problem)
    if problem:
        raise click.UsageError(problem)
    models = {}
    for series in training:
        try:
            models[series.name] = fit_series_model(
                series.values, bins=options["bins"], order=options["order"], value_range=options["value_range"],
                center=options["center"], alpha=options["alpha"], context_model=options["context_model"],
                fit_range=options.get("fit_range"), trained_on=f"{path} [{series.name}]",
                tokenizer=options.get("tokenizer"), vocab_size=options.get("vocab_size"),
                window=options.get("window"))
        except ValueError as exc:
            raise click.UsageError(f"--fit-on {path} [{series.name}]: {exc}") from None
    return models


def check_window(options: dict, order: int) -> None:
    """A window must hold more samples than the model's order (one usage error)."""
    window = options.get("window")
    if window is not None and window <= order:
        raise click.BadParameter(f"a window of {window} samples is too short for order {order}: it needs at least "
                                 f"{order + 1}", param_hint="--window")
