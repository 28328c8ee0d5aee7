"""The run of one command: its output, its failures, and the batch map over its inputs.

Commands stay short: they declare options with the decorators of :mod:`tscomplex.cli.options`, open a
:class:`Run`, and hand its :meth:`Run.map` a module-level record function and the items of
:func:`tscomplex.cli.inputs.iter_sources`. A failing input is reported (one line on stderr and an error
record) and the others go on; the exit code is 1 at the end.
"""

from __future__ import annotations

import sys

import click

from ..io.printable import printable
from .errors import flag_words
from .options import BatchSettings

#: Key under which a record function may leave warnings (a string or a list) for the command line to print
#: as ``tscomplex: warning: SOURCE [SERIES]: TEXT``; it is taken out of the record before it is written, so
#: workers never print (warnings travel as data).
WARNINGS = "_stderr_warnings"
#: Key under which a record function may leave what a figure needs of its series (a curve, a fit: anything
#: that pickles); :meth:`Run.map` takes it out and keeps it, in input order, in :attr:`Run.figure_data`, so a
#: command with ``--plot`` runs through the same map (``--jobs``, ``--dask``, ``--resume``) as one without.
FIGURE_DATA = "_figure_data"



class WithFigureData:
    """A record function that also leaves, on its last record, what a figure needs of the series.

    ``figure_of(series, records, **options)`` returns it (anything that pickles); :meth:`Run.map` collects
    it in :attr:`Run.figure_data`. Picklable when ``func`` and ``figure_of`` are module-level functions.
    """

    def __init__(self, func, figure_of):
        self.func, self.figure_of = func, figure_of

    def __call__(self, series, **options):
        records = self.func(series, **options)
        if records and "error" not in records[-1]:
            records[-1][FIGURE_DATA] = self.figure_of(series, records, **options)
        return records



class _RecordWithCurves:
    """``result_of(series, **options) -> (record, curves)`` as a record function whose record carries
    ``((source, series), curves)`` as figure data."""

    def __init__(self, result_of):
        self.result_of = result_of

    def __call__(self, series, **options):
        record, curves = self.result_of(series, **options)
        name = series.name if series.name is not None else series.source
        return [{**record, FIGURE_DATA: ((series.source, name), curves)}]


def run_with_curves(run, records_of, result_of, source_args, options, curves, plot, draw) -> None:
    """Records through one batch map; with ``curves`` (a path) or ``plot`` each series' curves come back
    with its record, then the curves are written and the figure drawn by ``draw(kept, plot)``, ``kept``
    holding ``(label, None, curves)`` per series in input order; labels are the series names, with the
    file name where several files would otherwise give two series one label."""
    from .inputs import iter_sources

    items = iter_sources(run, *source_args)
    if not (curves or plot):
        run.map(records_of, items, **options)
    else:
        run.map(_RecordWithCurves(result_of), items, **options)
        from ..plots.plane import series_labels  # numpy-free; matplotlib loads only to draw

        labels = series_labels([key for key, _ in run.figure_data])
        kept = [(label, None, found) for label, (_, found) in zip(labels, run.figure_data)]
        if curves:
            write_curves(curves, [c for _, _, found in kept for c in found])
        if plot and kept:
            draw(kept, plot)
    run.finish()


def write_curves(path, curves) -> None:
    """The curves as NDJSON, one object per curve, written atomically."""
    import json

    from ..io import atomic_write, clean_record

    def write(fh):
        for curve in curves:
            fh.write((json.dumps(clean_record(curve), allow_nan=False) + "\n").encode())

    atomic_write(path, write, suffix=".ndjson")


class Run:
    """One command's output, its failures, and the batch map over its inputs.

    ``batch`` (:class:`~tscomplex.cli.options.BatchSettings`, which :data:`~tscomplex.cli.options.output_options`
    passes to the command) says how the work runs; ``jobs``, ``dask``, ``resume`` and ``chunk_size`` given
    here win over it. Without ``batch`` the defaults apply (one process per core, no Dask, no resume).
    """

    def __init__(self, fmt, output, force, jobs=None, dask=None, resume=None, chunk_size=None, progress=None,
                 keep_records=False, batch: BatchSettings | None = None):
        from ..batch import default_jobs
        from ..io import CHUNK_SAMPLES, InputError, RecordWriter, check_output_path, format_for_path

        settings = batch if batch is not None else BatchSettings()
        self.batch = settings
        self.jobs = jobs or settings.jobs or default_jobs()
        self.jobs_given = bool(jobs or settings.jobs)
        self.dask = dask or settings.dask
        self.dask_timeout = settings.dask_timeout
        if self.dask:
            from ..batch.dask import check_address

            problem = check_address(self.dask)
            if problem:
                raise click.UsageError(f"--dask: {problem}")
        self.chunk_size = chunk_size or settings.chunk_size or CHUNK_SAMPLES
        resume = resume if resume is not None else bool(settings.resume)
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
        self.figure_data: list = []  # what record functions left under FIGURE_DATA, in input order
        self.figure_limit: int | None = None  # keep only the first this many (a figure of one series)
        self.figure_offered = 0  # how many records brought figure data, kept or not
        columns = settings.columns
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

    def warm_up(self, integrates: bool = False) -> None:
        """On the first run after install, compile this command's kernels side by side on the cores it may use
        (:func:`tscomplex.cli.firstrun.start_warm_up`; ``integrates``: this process compiles an integrator
        meanwhile); :meth:`map` waits for them."""
        from .firstrun import start_warm_up

        ctx = click.get_current_context(silent=True)
        start_warm_up(ctx.info_name if ctx is not None else None, 1 if self.dask else self.jobs, integrates)

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
        self._warn(record)
        if self._already_done(record):
            return
        from ..batch.interrupts import deferred

        with deferred():  # a record line is written whole
            self.records += 1
            self.writer.write(record)

    def fail(self, source: str, reason: str, series: str | None = None, group=None) -> None:
        record = {"source": source, **({"group": group} if group is not None else {}), "series": series,
                  "error": flag_words(reason)}
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

    def _warn(self, record: dict) -> None:
        """Print the warnings a worker left in ``record`` under :data:`WARNINGS` (and take them out of it)."""
        lines = record.pop(WARNINGS, None)
        if not lines:
            return
        if self._progress is not None:
            self._progress.clear()
        where = record.get("source") if record.get("series") is None else \
            f"{record.get('source')} [{record.get('series')}]"  # a file without series (an image) is named alone
        if record.get("group") is not None:
            where = f"{where} group {record['group']}"
        for line in [lines] if isinstance(lines, str) else lines:
            click.echo(printable(f"tscomplex: warning: {where}: {flag_words(line)}"), err=True)

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
        from ..batch.interrupts import deferred

        items = list(items)
        jobs = self.jobs if self.jobs_given or not _small_in_memory(items) else 1
        note_first_compile(now=bool(self.dask) or (jobs > 1 and len(items) > 1))
        if self.done_series:
            items = [it for it in items if not (item_key(it) in self.done_sources
                                                 if isinstance(it, Source) else item_key(it) in self.done_series)]
        ctx = click.get_current_context(silent=True)
        self._progress = Progress(len(items), label or (ctx.info_name if ctx else ""), enabled=self.progress_enabled)
        # closing(): on any stop the executor's clean-up (terminating workers) runs now, not at exit
        results = contextlib.closing(execute(func, items, options, jobs=jobs, dask=self.dask, stream=stream,
                                             chunk_samples=self.chunk_size, dask_timeout=self.dask_timeout))
        try:
            from .firstrun import wait_warm_up

            wait_warm_up()  # the kernels a first run compiles side by side are in the cache after this
            with results as pairs:
                self._write_all(pairs)
        except BatchError as exc:
            self._progress.close()
            self.writer.abort()
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (see tscomplex.batch.interrupts)
            from ..batch.interrupts import acknowledge

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
        from ..batch.interrupts import Interrupted, exit_code

        partial = self.fmt != "ndjson" and self.writer.path
        how = f" by {exc.name}" if isinstance(exc, Interrupted) and exc.signum != 2 else ""
        click.echo(f"tscomplex: interrupted{how} after {self.records} records"
                   + ("; rerun with --resume to finish" if self.fmt == "ndjson" and self.writer.path else "")
                   + (f"; {self.writer.path} was not written" if partial else ""),
                   err=True)
        sys.exit(exit_code(exc))

    def _write_all(self, pairs) -> None:
        """Write the records of each (item, records) pair as it comes; one input's records in one piece."""
        from ..batch.interrupts import deferred

        for _item, records in pairs:
            with deferred():  # a signal waits until this input's records are written whole
                for record in records:
                    self._warn(record)
                    if FIGURE_DATA in record:
                        data = record.pop(FIGURE_DATA)
                        self.figure_offered += 1
                        if self.figure_limit is None or len(self.figure_data) < self.figure_limit:
                            self.figure_data.append(data)
                    if "error" in record:
                        record["error"] = flag_words(record["error"])
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
        from ..batch.interrupts import deferred

        try:
            with deferred():  # rendering and renaming the output are not cut in half
                self.writer.close()
        except KeyboardInterrupt as exc:  # a signal held while the output was written: it is complete
            from ..batch.interrupts import acknowledge, exit_code

            acknowledge()
            where = f"; {self.writer.path} is complete" if self.writer.path else ""
            click.echo(f"tscomplex: interrupted after all {self.records} records were written{where}", err=True)
            sys.exit(exit_code(exc))
        for key in self.writer.unknown_columns():  # a typo would otherwise be records with nothing in them
            keys = ", ".join(sorted(self.writer.keys))
            click.echo(printable(f"tscomplex: warning: --columns {key}: no record has this key (they have {keys})"),
                       err=True)
        if self.lock is not None:
            self.lock.release()
        if self.failures:
            sys.exit(1)


#: In-memory series (--system, stdin) of at most this many samples in all run in this process unless --jobs is
#: given: starting workers, each loading the kernels, costs more than it saves on so little work.
SMALL_IN_MEMORY_SAMPLES = 1_000_000


def _small_in_memory(items) -> bool:
    from ..io import Series

    return all(isinstance(it, Series) for it in items) and sum(it.values.size for it in items) <= SMALL_IN_MEMORY_SAMPLES


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
    from ..io.outputs import OutputError, check_output_path, lock_output
    from ..io.atomic import special_kind

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


def refuse_chunk_size(command: str, why: str, batch: BatchSettings | None = None) -> None:
    """One clear line when --chunk-size is given to a command that needs each series whole."""
    if (batch if batch is not None else BatchSettings()).chunk_size is not None:
        raise click.UsageError(f"--chunk-size: {command} reads each series whole ({why}); "
                               "drop --chunk-size, or split the series")
