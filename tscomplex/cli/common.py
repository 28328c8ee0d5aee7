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

from .._printable import printable
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


# --------------------------------------------------------------------------- decorators

_META = "tscomplex.batch"


def _remember(ctx, param, value):
    """Keep a batch option in the click context, so commands need no parameter for it."""
    ctx.meta.setdefault(_META, {})[param.name] = value
    return value


def batch_settings() -> dict:
    """The batch options of the running command (empty outside click)."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get(_META, {})) if ctx is not None else {}


def _stack(*decorators):
    def apply(f):
        for d in reversed(decorators):
            f = d(f)
        return f
    return apply


COMPONENT_HELP = "With --system: the component(s) to use (default: all). Repeatable; -c NAME does the same."


def inputs_with(component_help: str = COMPONENT_HELP):
    """The input options, with a --component help that speaks of the command using them."""
    return _stack(
        # readable=False: an unreadable entry is that entry's failure (exit 1), not a wrong command line
        click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True, readable=False)),
        click.option("--system", "system", metavar="NAME", help="Use a built-in system instead of files "
                     "(see `tscomplex systems list`)."),
        click.option("--component", "components", multiple=True, metavar="NAME", help=component_help),
        click.option("-n", "--length", type=click.IntRange(min=1), default=10_000, show_default=True,
                     help="With --system: number of samples to generate."),
        click.option("--param", "params", multiple=True, metavar="K=V",
                     help="With --system: override a parameter. Repeatable."),
        click.option("-c", "--column", "columns", multiple=True, metavar="NAME",
                     help="Column(s) to analyze (default: every numeric column); with --system, a component. "
                          "Repeatable."),
        click.option("--time-column", metavar="NAME",
                     help="Column holding time; gives dt (a column named 'time' or 't' is used automatically)."),
        click.option("--dt", type=click.FloatRange(min=0, min_open=True),
                     help="Sampling interval, in time units (default: from the time column, else 1 sample)."),
        click.option("--nan", type=click.Choice(["error", "drop", "interpolate"]), default="error",
                     show_default=True, help="What to do with NaN, inf or blank values."),
        click.option("-r", "--recursive", is_flag=True, help="Search folders recursively."),
        click.option("--glob", "glob", multiple=True, metavar="PATTERN", expose_value=False, callback=_remember,
                     help="In folders, read the files matching PATTERN (e.g. '*.log'; repeatable) instead of "
                          "those with a data extension (.csv .tsv .txt .dat .parquet .pq .npy .npz, and "
                          ".gz/.bz2/.xz text; a .txt only when its first lines hold numbers)."),
        click.option("--group-by", metavar="COLUMN", expose_value=False, callback=_remember,
                     help="Long-format table: one series per value of COLUMN (the key goes in the record as "
                          "'group')."),
    )


input_options = inputs_with()


def deprecated(old: str, new: str) -> None:
    """One line on stderr for an old spelling that still works for this release."""
    click.echo(f"tscomplex: warning: {old} is deprecated and will be removed in the next release; use {new}",
               err=True)


record_options = _stack(
    click.option("-f", "--format", "fmt",
                 type=click.Choice(["table", "wide", "csv", "tsv", "json", "ndjson", "parquet"]),
                 help="Output format (default: table on a terminal, NDJSON when piped, or by -o's suffix). "
                      "table fits the terminal width with the key columns first; wide shows every column."),
    click.option("-o", "--output", type=click.Path(dir_okay=False),
                 help="Write records to FILE (atomically; NDJSON is written line by line). One run at a time "
                      "writes a file, and never one of the inputs."),
    click.option("--force", is_flag=True, help="Overwrite an existing output file."),
    click.option("--columns", "select_columns", metavar="A,B,...", expose_value=False, callback=_remember,
                 help="Only these record keys, in this order (any format; an error column is kept)."),
)
"""Where records go: for commands that read no inputs (``systems list``, ``systems show``)."""

worker_options = _stack(
    click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", expose_value=False,
                 callback=_remember,
                 help="Worker processes (default: all cores; 1 runs in this process)."),
    click.option("--dask", metavar="ADDRESS", expose_value=False, callback=_remember,
                 help="Run on a dask.distributed scheduler, e.g. tcp://host:8786 (needs tscomplex[dask])."),
    click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True, max=3600), default=10.0,
                 show_default=True, metavar="SECONDS", expose_value=False, callback=_remember,
                 help="With --dask: give up (exit 1) when no scheduler answers within SECONDS."),
)
"""Where the work runs: --jobs and --dask."""

output_options = _stack(
    record_options,
    worker_options,
    click.option("--resume", is_flag=True, expose_value=False, callback=_remember,
                 help="Append to the NDJSON file of -o, skipping inputs whose records it already holds."),
    click.option("--chunk-size", type=click.IntRange(min=1000), metavar="SAMPLES", expose_value=False,
                 callback=_remember,
                 help="NPY/Parquet series longer than this are analyzed in chunks of this many samples "
                      "(default 1048576), in bounded memory."),
)

ordinal_options = _stack(
    click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
                 help="Ordinal pattern length d (d! patterns)."),
    click.option("--weighted", is_flag=True, help="Weight each window by its variance (weighted PE)."),
    click.option("--tie-precision", type=click.IntRange(min=0), metavar="K",
                 help="Round data to K decimals before ranking, so near-equal values tie."),
)


def tau_option(default="1", help_text="Ordinal delay in samples: 5, a list 1,2,5 or a range 1:20."):
    return click.option("-t", "--tau", "taus", type=IntList(1), default=default, show_default=True, help=help_text)


# --------------------------------------------------------------------------- the run loop


class Run:
    """One command's output, its failures, and the batch map over its inputs.

    ``--jobs``, ``--dask``, ``--resume`` and ``--chunk-size`` (added by
    :data:`output_options`) are read from the click context unless given here.
    """

    def __init__(self, fmt, output, force, jobs=None, dask=None, resume=None, chunk_size=None, progress=None,
                 keep_records=False):
        from ..batch import default_jobs
        from ..io import CHUNK_SAMPLES, InputError, RecordWriter, check_output_path, format_for_path

        settings = batch_settings()
        self.jobs = jobs or settings.get("jobs") or default_jobs()
        self.dask = dask or settings.get("dask")
        self.dask_timeout = settings.get("dask_timeout")
        if self.dask:
            from ..batch_dask import check_address

            problem = check_address(self.dask)
            if problem:
                raise click.UsageError(f"--dask: {problem}")
        self.chunk_size = chunk_size or settings.get("chunk_size") or CHUNK_SAMPLES
        resume = resume if resume is not None else bool(settings.get("resume"))
        try:
            self.fmt = format_for_path(output, fmt, sys.stdout.isatty())
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
        self.done_sources: set = set()
        self.done_series: set = set()
        self.resumed_failures = 0
        self.failures = 0
        self.records = 0
        self.kept = [] if keep_records else None  # successful records, for a figure drawn at the end
        columns = [c.strip() for c in (settings.get("select_columns") or "").split(",") if c.strip()] or None
        if columns and resume:
            raise click.UsageError("--columns cannot be combined with --resume (it needs whole records)")
        self.output = output
        self._old, self._cwd, self._tail = None, None, None
        self._done_ids: set = set()  # real-file identities of the inputs already in a resumed output
        self._done_series_ids: set = set()
        append = False
        self.lock = guard_outputs(output, resume)  # before --resume reads (and trims) the output
        if resume:
            if not output or self.fmt != "ndjson":
                raise click.UsageError("--resume needs -o FILE with NDJSON output (-f ndjson or a .ndjson name)")
            append = self._load_done(output)
        if output and not append:
            try:
                check_output_path(output, force)
            except InputError as exc:
                raise click.UsageError(str(exc)) from None
        ctx = click.get_current_context(silent=True)
        try:
            self.writer = RecordWriter(self.fmt, output, append=append, columns=columns,
                                       command=ctx.info_name if ctx else None,
                                       notes=lambda text: click.echo(text, err=True) if sys.stderr.isatty() else None)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
        self.progress_enabled = progress
        self._progress = None

    def _load_done(self, path) -> bool:
        from .resume import load_done

        return load_done(self, path)

    def start_inputs(self, items: list) -> list:
        """With ``-o`` NDJSON: settle a resume against this run's inputs and write ``OUTPUT.run.json``; returns
        the items not already in the output (see :mod:`tscomplex.cli.resume`)."""
        from .resume import start_inputs

        return start_inputs(self, items)

    def _already_done(self, record: dict) -> bool:
        from ..batch import record_keys

        return bool(self.done_series) and record_keys(record)[1] in self.done_series

    def emit(self, record: dict, series=None) -> None:
        """Write one record; with ``series``, a long table's group key goes into it as ``run.map`` does."""
        if series is not None and "group" in series.meta:
            from ..batch import tag_group

            record = tag_group([record], series)[0]
        if self._already_done(record):
            return
        from ..interrupts import deferred

        with deferred():  # a record line is written whole
            self.records += 1
            self.writer.write(record)

    def fail(self, source: str, reason: str, series: str | None = None, group=None) -> None:
        record = {"source": source, **({"group": group} if group is not None else {}), "series": series,
                  "error": reason}
        self._report(record)
        if self.fmt != "table" and not self._already_done(record):
            self.writer.write(record)

    def _report(self, record: dict) -> None:
        """Count an error record and print its one line: ``tscomplex: error: SOURCE [SERIES] group G: REASON``."""
        self.failures += 1
        where = record.get("source")
        if where == "-":
            where = "- (stdin)"
        if record.get("series") is not None:
            where = f"{where} [{record['series']}]"
        if record.get("group") is not None:
            where = f"{where} group {record['group']}"
        if self._progress is not None:
            self._progress.clear()
        click.echo(printable(f"tscomplex: error: {where}: {record['error']}"), err=True)

    def map(self, func, items, stream=None, label: str = "", **options) -> None:
        """Run ``func(series, **options) -> list[dict]`` over ``items`` and write the records as they come.

        ``items`` are Sources, Series or SeriesFailures (see :func:`iter_sources`);
        ``func`` must be a module-level function so it can be sent to worker
        processes. ``stream(table, **options)`` optionally analyzes an NPY or
        Parquet file longer than ``--chunk-size`` in chunks. Records come out in
        input order; the records of one input are written together, so a killed
        run never leaves half an input behind for ``--resume``.
        """
        import contextlib

        from ..batch import BatchError, Progress, Source, execute, item_key
        from ..interrupts import deferred

        items = list(items)
        note_first_compile(now=True)
        if self.done_series:
            items = [it for it in items if not (item_key(it) in self.done_sources
                                                 if isinstance(it, Source) else item_key(it) in self.done_series)]
        ctx = click.get_current_context(silent=True)
        self._progress = Progress(len(items), label or (ctx.info_name if ctx else ""), enabled=self.progress_enabled)
        # closing(): on any stop the executor's clean-up (terminating workers) runs now, not at exit
        results = contextlib.closing(execute(func, items, options, jobs=self.jobs, dask=self.dask, stream=stream,
                                             chunk_samples=self.chunk_size, dask_timeout=self.dask_timeout))
        try:
            with results as pairs:
                self._write_all(pairs)
        except BatchError as exc:
            self._progress.close()
            self.writer.abort()
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (see tscomplex.interrupts)
            from ..interrupts import acknowledge

            acknowledge()
            with deferred():
                self._progress.close()
                self.writer.abort()  # NDJSON keeps its whole lines; a table, CSV, JSON or Parquet is not published
            self.interrupted(exc)
        finally:
            self._progress.close()
            self._progress = None

    def interrupted(self, exc: BaseException) -> None:
        """Say what an interruption left behind, and exit with 128 + the signal number."""
        from ..interrupts import Interrupted, exit_code

        partial = self.fmt != "ndjson" and self.writer.path
        how = f" by {exc.name}" if isinstance(exc, Interrupted) and exc.signum != 2 else ""
        click.echo(f"tscomplex: interrupted{how} after {self.records} records"
                   + ("; rerun with --resume to finish" if self.fmt == "ndjson" and self.writer.path else "")
                   + (f"; {self.writer.path} was not written" if partial else ""),
                   err=True)
        sys.exit(exit_code(exc))

    def _write_all(self, pairs) -> None:
        """Write the records of each (item, records) pair as it comes; one input's records in one piece."""
        from ..interrupts import deferred

        for _item, records in pairs:
            with deferred():  # a signal waits until this input's records are written whole
                for record in records:
                    if "error" in record:
                        self._report(record)
                    else:
                        self.records += 1
                        if self.kept is not None:
                            self.kept.append(record)
                if self.writer.path is None:  # records may go to the same terminal as the bar
                    self._progress.clear()
                self.writer.write_many(records if self.fmt != "table" else
                                       [r for r in records if "error" not in r])
            self._progress.update()

    def finish(self) -> None:
        from ..interrupts import deferred

        try:
            with deferred():  # rendering and renaming the output are not cut in half
                self.writer.close()
        except KeyboardInterrupt as exc:  # a signal held while the output was written: it is complete
            from ..interrupts import acknowledge, exit_code

            acknowledge()
            where = f"; {self.writer.path} is complete" if self.writer.path else ""
            click.echo(f"tscomplex: interrupted after all {self.records} records were written{where}", err=True)
            sys.exit(exit_code(exc))
        if self.lock is not None:
            self.lock.release()
        if self.failures:
            sys.exit(1)


def note_first_compile(now: bool = False) -> None:
    """Say once on stderr when this command's kernels are compiled for the first time (see cli/firstrun.py)."""
    from .firstrun import note_first_compile

    ctx = click.get_current_context(silent=True)
    note_first_compile(ctx.info_name if ctx is not None else None, now)


def guard_outputs(output=None, resume=False):
    """Refuse, before anything is opened, an output or figure that is also an input, and lock ``output``.

    Reads the command's inputs and every output name (-o, --records, --plot, a
    plane figure) from the click context. Returns the lock (None for stdout, a
    device or a FIFO); a second run on a locked output is a usage error, exit 2.
    """
    from ..outputs import OutputError, check_output_path, lock_output, special_kind

    ctx = click.get_current_context(silent=True)
    params = ctx.params if ctx is not None else {}
    inputs = params.get("inputs") or ()
    try:
        for key in ("output", "records", "plot", "figure"):
            if isinstance(params.get(key), str):
                check_output_path(params[key], True, inputs, "output" if key in ("output", "records") else "figure")
        if resume and output and special_kind(output):
            raise OutputError(f"--resume needs a regular file; {output} is a {special_kind(output)}")
        lock = lock_output(output) if output else None
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    if lock is not None and ctx is not None:
        ctx.call_on_close(lock.release)  # however the command ends (a later usage error, a failed batch)
    return lock


def refuse_chunk_size(command: str, why: str) -> None:
    """One clear line when --chunk-size is given to a command that needs each series whole."""
    if batch_settings().get("chunk_size") is not None:
        raise click.UsageError(f"--chunk-size: {command} reads each series whole ({why}); "
                               "drop --chunk-size, or split the series")


def iter_sources(run: Run, inputs, system, components, length, params, columns, time_column, dt, nan, recursive):
    """The work items of a command's inputs, for :meth:`Run.map`.

    Files become :class:`~tscomplex.batch.Source` items that the workers read
    themselves; stdin, --system and the groups of a --group-by table are read
    here and travel as Series; inputs that fail here become SeriesFailures, so
    their error appears in input order.
    """
    from ..batch import Source
    from ..io import InputError, SeriesFailure, read_groups, read_series

    if list(inputs).count("-") > 1:
        raise click.UsageError("'-' (stdin) can be given only once")
    group_by = batch_settings().get("group_by")
    if system and inputs:
        raise click.UsageError("give input files or --system, not both")
    if not system and not inputs:
        raise click.UsageError("no input: give files, folders, globs, '-' for stdin, or --system NAME")
    if system:  # -c names a component of a system as it names a column of a file
        series = system_series(system, tuple(components) + tuple(columns), length, parse_params(params), dt)
        return run.start_inputs(list(series))
    from ..io_folders import discover

    found = discover(inputs, recursive, batch_settings().get("glob") or ())
    note = found.skipped_message()
    if note:
        click.echo(f"tscomplex: note: {printable(note)}", err=True)
    items: list = []
    for path, reason in found.entries:
        if reason is not None:
            items.append(SeriesFailure(printable(path), None, reason))
            continue
        shown = printable(path)  # the record's source: one line, valid UTF-8; the file is opened by its real name
        if path != "-" and not group_by:
            items.append(Source(shown, tuple(columns or ()), time_column, dt, nan,
                                location=None if shown == path else path))
            continue
        try:
            with _interrupts_kept():
                if group_by:
                    read = read_groups(path, group_by, columns, time_column, dt, nan)
                else:
                    read = read_series(path, columns, time_column, dt, nan)
        except InputError as exc:
            items.append(SeriesFailure(shown, None, str(exc)))
            continue
        except MemoryError:
            items.append(SeriesFailure(shown, None, "out of memory while reading"))
            continue
        except OSError as exc:
            items.append(SeriesFailure(shown, None, f"cannot read ({exc.strerror or exc})"))
            continue
        except Exception as exc:  # a reader bug must not cost the other inputs their records; Ctrl-C goes through
            items.append(SeriesFailure(shown, None, f"internal error while reading ({type(exc).__name__}: "
                                                    f"{exc}); please report it"))
            continue
        for one in read:
            one.source = shown
        items.extend(read)
    return run.start_inputs(items)


class _interrupts_kept:
    """Make sure a Ctrl-C while reading here reaches the command's one handler.

    Some libraries swallow a KeyboardInterrupt raised inside them (pyarrow
    importing pandas while it converts a column did: the run then went on as
    if nothing had happened). The signal is noted here, and raised again when
    the block ends. Only in the main thread, where Python delivers signals.
    """

    def __enter__(self):
        import signal
        import threading

        self.hit = False
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.getsignal(signal.SIGINT)
            if self.previous in (signal.SIG_IGN, None):  # Ctrl-C ignored (a background job): leave it so
                self.previous = None
                return self

            def note(signum, frame):
                self.hit = True
                if callable(self.previous):
                    self.previous(signum, frame)
                raise KeyboardInterrupt

            signal.signal(signal.SIGINT, note)
        return self

    def __exit__(self, kind, value, tb):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.hit and kind is None:
            raise KeyboardInterrupt
        return False


def iter_series(run: Run, inputs, system, components, length, params, columns, time_column, dt, nan, recursive):
    """Yield every Series of the inputs, read here; failures are reported on ``run`` and skipped.

    Prefer ``run.map(func, iter_sources(...))``, which reads in the workers and
    adds --jobs, --dask and the group key of --group-by to the records.
    """
    from ..io import InputError, Series, SeriesFailure, read_series

    note_first_compile()
    for item in iter_sources(run, inputs, system, components, length, params, columns, time_column, dt, nan,
                             recursive):
        if isinstance(item, SeriesFailure):
            run.fail(item.source, item.reason, item.name, item.meta.get("group"))
        elif isinstance(item, Series):
            yield item
        else:
            try:
                series_list = read_series(item.path, item.columns or None, item.time_column, item.dt, item.nan)
            except InputError as exc:
                run.fail(item.path, str(exc))
                continue
            yield from series_list


def system_series(name, components, length, params, dt=None):
    """The components of a built-in system as Series (source 'system:NAME')."""
    from .. import systems
    from ..io import Series

    try:
        traj = systems.simulate(name, length, params=params or None, **({"dt": dt} if dt else {}))
    except systems.DivergenceError as exc:  # a well-formed request whose run failed: exit 1, as simulate does
        raise click.ClickException(str(exc)) from None
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
