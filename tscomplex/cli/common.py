"""What every command shares: input options, output options, tau lists, and the per-input error loop.

Commands stay short: they declare options with the decorators here, open a
:class:`Run`, and for each series call the API and hand a record to
``run.emit``. A failing input is reported by ``run.fail`` (one line on stderr
and an error record) and the others go on; the exit code is 1 at the end.
"""

from __future__ import annotations

import functools
import sys

import click

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
                    values.extend(range(start, stop + 1, step))
                else:
                    values.append(int(part))
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


# --------------------------------------------------------------------------- decorators


def _stack(*decorators):
    def apply(f):
        for d in reversed(decorators):
            f = d(f)
        return f
    return apply


input_options = _stack(
    click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True)),
    click.option("--system", "system", metavar="NAME", help="Use a built-in system instead of files "
                 "(see `tscomplex systems list`)."),
    click.option("--component", "components", multiple=True, metavar="NAME",
                 help="With --system: the component(s) to analyze (default: all). Repeatable."),
    click.option("-n", "--length", type=click.IntRange(min=1), default=10_000, show_default=True,
                 help="With --system: number of samples."),
    click.option("--param", "params", multiple=True, metavar="K=V",
                 help="With --system: override a parameter. Repeatable."),
    click.option("-c", "--column", "columns", multiple=True, metavar="NAME",
                 help="Column(s) to analyze (default: every numeric column). Repeatable."),
    click.option("--time-column", metavar="NAME",
                 help="Column holding time; gives dt (a column named 'time' or 't' is used automatically)."),
    click.option("--dt", type=click.FloatRange(min=0, min_open=True),
                 help="Sampling interval, in time units (default: from the time column, else 1 sample)."),
    click.option("--nan", type=click.Choice(["error", "drop", "interpolate"]), default="error", show_default=True,
                 help="What to do with NaN, inf or blank values."),
    click.option("-r", "--recursive", is_flag=True, help="Search folders recursively."),
)

output_options = _stack(
    click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "ndjson", "parquet"]),
                 help="Output format (default: table on a terminal, NDJSON when piped, or by -o's suffix)."),
    click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write records to FILE (atomically)."),
    click.option("--force", is_flag=True, help="Overwrite an existing output file."),
)

ordinal_options = _stack(
    click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
                 help="Embedding dimension d (pattern length)."),
    click.option("--weighted", is_flag=True, help="Weight each window by its variance (weighted PE)."),
    click.option("--tie-precision", type=click.IntRange(min=0), metavar="K",
                 help="Round data to K decimals before ranking, so near-equal values tie."),
)


def tau_option(default="1", help_text="Embedding delay in samples: 5, a list 1,2,5 or a range 1:20."):
    return click.option("-t", "--tau", "taus", type=IntList(1), default=default, show_default=True, help=help_text)


# --------------------------------------------------------------------------- the run loop


class Run:
    """One command's output and failures."""

    def __init__(self, fmt, output, force):
        from ..io import InputError, RecordWriter, check_output_path, format_for_path

        if output:
            try:
                check_output_path(output, force)
            except InputError as exc:
                raise click.UsageError(str(exc)) from None
        self.fmt = format_for_path(output, fmt, sys.stdout.isatty())
        try:
            self.writer = RecordWriter(self.fmt, output)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
        self.failures = 0
        self.records = 0

    def emit(self, record: dict) -> None:
        self.records += 1
        self.writer.write(record)

    def fail(self, source: str, reason: str, series: str | None = None) -> None:
        self.failures += 1
        where = source if series is None else f"{source} [{series}]"
        click.echo(f"tscomplex: error: {where}: {reason}", err=True)
        if self.fmt != "table":
            self.writer.write({"source": source, "series": series, "error": reason})

    def finish(self) -> None:
        self.writer.close()
        if self.failures:
            sys.exit(1)


def iter_series(run: Run, inputs, system, components, length, params, columns, time_column, dt, nan, recursive):
    """Yield every Series of the inputs; failures are reported on ``run`` and skipped."""
    from ..io import InputError, Series, expand_inputs, read_series

    if system and inputs:
        raise click.UsageError("give input files or --system, not both")
    if not system and not inputs:
        raise click.UsageError("no input: give files, folders, globs, '-' for stdin, or --system NAME")
    if system:
        yield from system_series(system, components, length, parse_params(params), dt)
        return
    for item in inputs:
        try:
            paths = expand_inputs([item], recursive)
        except InputError as exc:
            run.fail(item, str(exc).removeprefix(f"{item}: "))
            continue
        for path in paths:
            try:
                series_list = read_series(path, columns, time_column, dt, nan)
            except InputError as exc:
                run.fail(path, str(exc))
                continue
            yield from series_list


def system_series(name, components, length, params, dt=None):
    """The components of a built-in system as Series (source 'system:NAME')."""
    from .. import systems
    from ..io import Series

    try:
        traj = systems.simulate(name, length, params=params or None, **({"dt": dt} if dt else {}))
    except (KeyError, ValueError) as exc:
        raise click.UsageError(str(exc).strip("'\"")) from None
    keys = list(components) or list(traj.components)
    out = []
    for key in keys:
        try:
            values = traj.component(key)
        except KeyError as exc:
            raise click.UsageError(str(exc).strip("'\"")) from None
        out.append(Series(source=f"system:{name}", name=str(key), values=values, dt=traj.dt,
                          meta={"params": traj.params}))
    return out


def command_errors(f):
    """Turn a broken pipe (``| head``) into a quiet exit."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except BrokenPipeError:
            quiet_broken_pipe()

    return wrapper


def quiet_broken_pipe():
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)
