"""What a command reads: one frozen :class:`InputSpec` built from the input options, and the work items
(:func:`iter_sources`) or series (:func:`iter_series`) it stands for."""

from __future__ import annotations

from dataclasses import dataclass, fields

import click

from ..io.printable import printable
from ..options import DEFAULT_SYSTEM_LENGTH
from .errors import flag_words
from .options import parse_params


@dataclass(frozen=True)
class InputSpec:
    """The inputs of one command: files, folders, globs or ``-`` (``inputs``), or a built-in ``system``.

    ``components``, ``length`` and ``params`` (``K=V`` strings as typed) apply to ``system``; ``columns``,
    ``time_column``, ``dt`` and ``nan`` to how a table becomes series; ``recursive`` and ``glob`` to how
    folders are searched; ``group_by`` splits a long table into one series per key.
    """

    inputs: tuple = ()
    system: str | None = None
    components: tuple = ()
    length: int = DEFAULT_SYSTEM_LENGTH
    params: tuple = ()
    columns: tuple = ()
    time_column: str | None = None
    dt: float | None = None
    nan: str = "error"
    recursive: bool = False
    glob: tuple = ()
    group_by: str | None = None

    def __post_init__(self):
        for name in ("inputs", "components", "params", "columns", "glob"):  # click gives tuples, callers lists
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))

    @classmethod
    def from_options(cls, options: dict) -> InputSpec:
        """The spec of a command's options (the names of :data:`tscomplex.cli.options.input_options`);
        keys that are not input options are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in options.items() if k in names and v is not None})

    def problem(self) -> str | None:
        """Why this is not a usable request (a wrong command line), or None."""
        if list(self.inputs).count("-") > 1:
            return "'-' (stdin) can be given only once"
        if self.system and self.inputs:
            return "give input files or --system, not both"
        if not self.system and not self.inputs:
            return "no input: give files, folders, globs, '-' for stdin, or --system NAME"
        if not self.system and (self.components or self.params):  # else silently ignored: the data were not changed
            return ("--component applies to --system only; choose a file's columns with -c" if self.components else
                    "--param applies to --system only: it sets a parameter of the simulated system, not of the data")
        return None

    @property
    def chosen_components(self) -> tuple:
        """With ``system``: the components asked for; ``-c`` names a component as ``--component`` does."""
        return self.components + self.columns


def _as_spec(spec, legacy) -> InputSpec:
    """``spec`` itself, or the spec of the old positional call (inputs, system, components, length, params,
    columns, time_column, dt, nan, recursive), whose --glob and --group-by come from the running command."""
    if isinstance(spec, InputSpec):
        return spec
    names = ("inputs", "system", "components", "length", "params", "columns", "time_column", "dt", "nan",
             "recursive")
    values = dict(zip(names, (spec, *legacy)))
    ctx = click.get_current_context(silent=True)
    for key in ("glob", "group_by"):
        if ctx is not None and ctx.params.get(key):
            values[key] = ctx.params[key]
    return InputSpec.from_options(values)


def iter_sources(run, spec, *legacy):
    """The work items of a command's inputs (an :class:`InputSpec`), for :meth:`Run.map`.

    Files become :class:`~tscomplex.batch.Source` items that the workers read
    themselves; stdin, --system and the groups of a --group-by table are read
    here and travel as Series; inputs that fail here become SeriesFailures, so
    their error appears in input order. (The old call with the ten input values after ``run`` still works.)
    """
    from ..batch import Source
    from ..io import InputError, SeriesFailure, read_groups, read_series

    spec = _as_spec(spec, legacy)
    problem = spec.problem()
    if problem:
        raise click.UsageError(problem)
    run.warm_up(integrates=bool(spec.system))  # a valid command line: a first run may compile while inputs are read
    columns, time_column, dt, nan, group_by = spec.columns, spec.time_column, spec.dt, spec.nan, spec.group_by
    if spec.system:  # -c names a component of a system as it names a column of a file
        series = system_series(spec.system, spec.chosen_components, spec.length, parse_params(spec.params), dt)
        return run.start_inputs(list(series))
    from ..io.folders import discover

    found = discover(spec.inputs, spec.recursive, spec.glob)
    note = found.skipped_message()
    if note:
        click.echo(f"tscomplex: note: {printable(flag_words(note))}", err=True)
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


def iter_series(run, spec, *legacy):
    """Yield every Series of the inputs (an :class:`InputSpec`), read here; failures are reported on ``run``
    and skipped.

    Prefer ``run.map(func, iter_sources(...))``, which reads in the workers and
    adds --jobs, --dask and the group key of --group-by to the records.
    """
    from ..io import InputError, Series, SeriesFailure, read_series

    from .driver import note_first_compile

    note_first_compile()
    for item in iter_sources(run, _as_spec(spec, legacy)):
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
        raise click.ClickException(flag_words(str(exc))) from None
    except (KeyError, ValueError) as exc:
        raise click.UsageError(flag_words(str(exc).strip("'\""))) from None
    keys = list(components) or list(traj.components)
    out = []
    for key in keys:
        try:
            values = traj.component(key)
        except KeyError as exc:
            raise click.UsageError(flag_words(str(exc).strip("'\""))) from None
        out.append(Series(source=f"system:{systems.get(name).name}", name=str(key), values=values, dt=traj.dt,
                          meta={"params": traj.params}))
    return out
