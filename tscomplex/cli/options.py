"""The option decorators every command shares, their choices and defaults taken from :mod:`tscomplex.options`.

Options that belong together reach the command as one parameter: the input options as ``spec``
(:class:`~tscomplex.cli.inputs.InputSpec`, beside the individual values the command body reads), and
``--jobs``, ``--dask``, ``--dask-timeout``, ``--resume``, ``--chunk-size`` and ``--columns`` as ``batch``
(:class:`BatchSettings`), which the command hands to :class:`~tscomplex.cli.driver.Run`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import click

from .. import options as vocab
from .values import MAX_INT, MAX_LIST

# --------------------------------------------------------------------------- option types


class IntList(click.ParamType):
    """An integer, a comma list (1,2,5), or an inclusive range (1:20 or 1:20:2)."""

    name = "INTS"

    def __init__(self, minimum: int = 1):
        self.minimum = minimum

    def convert(self, value, param, ctx):
        if isinstance(value, (list, tuple)):
            return list(value)
        text = str(value).strip()
        try:
            values: list[int] = []
            for part in text.split(","):
                part = part.strip()
                if ":" in part:
                    bits = [int(b) for b in part.split(":")]
                    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] < 1):
                        raise ValueError
                    start, stop = bits[0], bits[1]
                    step = bits[2] if len(bits) == 3 else 1
                    if stop < start:
                        raise ValueError
                    if max(abs(start), abs(stop)) > MAX_INT:
                        self.fail(f"{part!r}: values must be at most {MAX_INT}", param, ctx)
                    if len(values) + len(range(start, stop + 1, step)) > MAX_LIST:
                        self.fail(f"{text!r} has more than {MAX_LIST} values", param, ctx)
                    values.extend(range(start, stop + 1, step))
                else:
                    values.append(int(part))
                    if abs(values[-1]) > MAX_INT:
                        self.fail(f"{part!r}: values must be at most {MAX_INT}", param, ctx)
                    if len(values) > MAX_LIST:
                        self.fail(f"{text!r} has more than {MAX_LIST} values", param, ctx)
        except ValueError:
            self.fail(f"{text!r} is not an integer, a list like 1,2,5 or a range like 1:20", param, ctx)
        bad = [v for v in values if v < self.minimum]
        if bad:
            self.fail(f"must be >= {self.minimum}, got {bad[0]}", param, ctx)
        return values


def parse_params(items) -> dict:
    """``k=v`` strings -> {k: float}."""
    out = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"{item!r} is not of the form name=number", param_hint="--param") from None
    return out


# --------------------------------------------------------------------------- settings passed as one parameter


@dataclass(frozen=True)
class BatchSettings:
    """How a command's work runs and where its records go, beyond -f/-o/--force.

    ``jobs`` worker processes (None: all cores), ``dask`` a scheduler address and ``dask_timeout`` how long
    to wait for it, ``resume`` append to -o's NDJSON skipping done inputs, ``chunk_size`` samples per chunk
    for long NPY/Parquet series (None: the reader's default, and no --chunk-size given), ``select_columns``
    the ``--columns A,B`` record keys to keep.
    """

    jobs: int | None = None
    dask: str | None = None
    dask_timeout: float | None = None
    resume: bool = False
    chunk_size: int | None = None
    select_columns: str | None = None

    @property
    def columns(self) -> list | None:
        """The record keys of ``--columns``, or None for all."""
        return [c.strip() for c in (self.select_columns or "").split(",") if c.strip()] or None


def _stack(*decorators):
    def apply(f):
        for d in reversed(decorators):
            f = d(f)
        return f
    return apply


def gathered(names: tuple, into: str, build):
    """A decorator: take the options ``names`` out of the command's keyword arguments and pass them as one
    parameter ``into``, ``build(current, values)`` (``current`` is what an outer decorator already put there)."""

    def decorator(f):
        @functools.wraps(f)  # carries click's __click_params__ along
        def wrapper(*args, **kwargs):
            values = {n: kwargs.pop(n) for n in names if n in kwargs}
            kwargs[into] = build(kwargs.get(into), values)
            return f(*args, **kwargs)

        return wrapper

    return decorator


def _batch(current, values):
    values = {k: v for k, v in values.items() if v is not None}
    return replace(current or BatchSettings(), **values)


def _input_spec(f):
    """Pass ``spec``, built from every input option; ``glob`` and ``group_by`` reach the command only there."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from .inputs import InputSpec

        kwargs["spec"] = InputSpec.from_options(kwargs)
        kwargs.pop("glob", None)
        kwargs.pop("group_by", None)
        return f(*args, **kwargs)

    return wrapper


# --------------------------------------------------------------------------- decorators

COMPONENT_HELP = "With --system: the component(s) to use (default: all). Repeatable; -c NAME does the same."


def inputs_with(component_help: str = COMPONENT_HELP):
    """The input options, with a --component help that speaks of the command using them."""
    return _stack(
        # readable=False: an unreadable entry is that entry's failure (exit 1), not a wrong command line
        click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True, readable=False)),
        click.option("--system", "system", metavar="NAME", help="Use a built-in system instead of files "
                     "(see `tscomplex systems list`)."),
        click.option("--component", "components", multiple=True, metavar="NAME", help=component_help),
        click.option("-n", "--length", type=click.IntRange(min=1), default=vocab.DEFAULT_SYSTEM_LENGTH,
                     show_default=True, help="With --system: number of samples to generate."),
        click.option("--param", "params", multiple=True, metavar="K=V",
                     help="With --system: override a parameter. Repeatable."),
        click.option("-c", "--column", "columns", multiple=True, metavar="NAME",
                     help="Column(s) to analyze (default: every numeric column); with --system, a component. "
                          "Repeatable."),
        click.option("--time-column", metavar="NAME",
                     help="Column holding time; gives dt (a column named 'time' or 't' is used automatically)."),
        click.option("--dt", type=click.FloatRange(min=0, min_open=True),
                     help="Sampling interval, in time units (default: from the time column, else 1 sample)."),
        click.option("--nan", type=click.Choice(vocab.NAN_POLICIES), default=vocab.NAN_POLICIES[0],
                     show_default=True, help="What to do with NaN, inf or blank values."),
        click.option("-r", "--recursive", is_flag=True, help="Search folders recursively."),
        click.option("--glob", "glob", multiple=True, metavar="PATTERN",
                     help="In folders, read the files matching PATTERN (e.g. '*.log'; repeatable) instead of "
                          "those with a data extension (.csv .tsv .txt .dat .parquet .pq .npy .npz, and "
                          ".gz/.bz2/.xz text; a .txt only when its first lines hold numbers)."),
        click.option("--group-by", metavar="COLUMN",
                     help="Long-format table: one series per value of COLUMN (the key goes in the record as "
                          "'group')."),
        _input_spec,
    )


input_options = inputs_with()


def deprecated(old: str, new: str) -> None:
    """One line on stderr for an old spelling that still works for this release."""
    click.echo(f"tscomplex: warning: {old} is deprecated and will be removed in the next release; use {new}",
               err=True)


record_options = _stack(
    click.option("-f", "--format", "fmt", type=click.Choice(vocab.FORMATS),
                 help="Output format (default: table on a terminal, NDJSON when piped, or by -o's suffix). "
                      "table fits the terminal width with the key columns first; wide shows every column."),
    click.option("-o", "--output", type=click.Path(dir_okay=False),
                 help="Write records to FILE (atomically; NDJSON is written line by line). One run at a time "
                      "writes a file, and never one of the inputs."),
    click.option("--force", is_flag=True, help="Overwrite an existing output file."),
    click.option("--columns", "select_columns", metavar="A,B,...",
                 help="Only these record keys, in this order (any format; a failed input keeps its source, series "
                      "and error)."),
    gathered(("select_columns",), "batch", _batch),
)
"""Where records go: for commands that read no inputs (``systems list``, ``systems show``)."""

worker_options = _stack(
    click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                 help="Worker processes (default: all cores, except a --system or stdin of at most 10^6 samples in "
                      "all, which runs in this process; 1 runs in this process)."),
    click.option("--dask", metavar="ADDRESS",
                 help="Run on a dask.distributed scheduler, e.g. tcp://host:8786 (needs tscomplex[dask])."),
    click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True, max=3600), default=10.0,
                 show_default=True, metavar="SECONDS",
                 help="With --dask: give up (exit 1) when no scheduler answers within SECONDS."),
    gathered(("jobs", "dask", "dask_timeout"), "batch", _batch),
)
"""Where the work runs: --jobs and --dask."""

output_options = _stack(
    record_options,
    worker_options,
    click.option("--resume", is_flag=True,
                 help="Append to the NDJSON file of -o, skipping inputs whose records it already holds."),
    click.option("--chunk-size", type=click.IntRange(min=1000), metavar="SAMPLES",
                 help="NPY/Parquet series longer than this are analyzed in chunks of this many samples "
                      "(default 1048576), in bounded memory."),
    gathered(("resume", "chunk_size"), "batch", _batch),
)

ordinal_options = _stack(
    click.option("-d", "--dim", type=click.IntRange(vocab.MIN_DIM, vocab.MAX_DIM), default=vocab.DEFAULT_DIM,
                 show_default=True, help="Ordinal pattern length d (d! patterns)."),
    click.option("--weighted", is_flag=True, help="Weight each window by its variance (weighted PE)."),
    click.option("--tie-precision", type=click.IntRange(min=0), metavar="K",
                 help="Round data to K decimals before ranking, so near-equal values tie."),
)


class TauList(IntList):
    """:class:`IntList` of delays, or ``ideal``: each series at its own ideal delay (a list of one "ideal")."""

    name = "TAUS"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip().lower() == "ideal":
            return ["ideal"]
        if isinstance(value, str) and "ideal" in value.lower():
            self.fail(f"{value!r}: 'ideal' stands alone (each series at its own ideal tau), not in a list",
                      param, ctx)
        return super().convert(value, param, ctx)


def tau_option(default=str(vocab.DEFAULT_TAU),
               help_text="Ordinal delay in samples: 5, a list 1,2,5, a range 1:20, or 'ideal': each series at "
                         "its own ideal tau (PECCARY's, as `tscomplex sweep` reports it), recorded with "
                         "tau_rule, t_nat and t_nat_method (a scale-free, red power-law spectrum has no ideal "
                         "tau: tau 1, tau_rule scale_free).", ideal: bool = True):
    return click.option("-t", "--tau", "taus", type=TauList(1) if ideal else IntList(1), default=default,
                        show_default=True, help=help_text)
