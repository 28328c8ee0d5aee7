"""``--resume`` for :class:`~tscomplex.cli.driver.Run`: check the output's run description, note what is done,
and settle the last (perhaps cut) input once this run's inputs are known. The rules are in
:mod:`tscomplex.batch.resume`.

The run is passed in, never imported: :mod:`.driver` imports this module, and this module imports nothing
of the command line.
"""

from __future__ import annotations

import click


def load_done(run, path) -> bool:
    """Check a resume against ``path`` and its ``.run.json``, and note what it holds. True if it exists.

    See :mod:`tscomplex.batch.resume`. A half-written last line is cut off
    here; the last input's records (perhaps incomplete) are redone only if
    that input is named again, which :func:`start_inputs` decides.
    """
    import os

    from ..batch.resume import ResumeError, difference, load_records, read_sidecar

    if not os.path.exists(path):
        return False
    try:
        old = read_sidecar(path)
        parsed, whole = load_records(path)
    except ResumeError as exc:
        raise click.UsageError(f"--resume: {exc}") from None
    except OSError as exc:
        raise click.UsageError(f"--resume: cannot read {path} ({exc.strerror or exc})") from None
    ctx = click.get_current_context(silent=True)
    if old is not None:
        diff = difference(old, description(ctx), ctx)
        if diff:
            raise click.UsageError(f"--resume: {path}: {diff}; give the same options, or write another file")
    else:
        click.echo(f"tscomplex: note: resuming {path} without its .run.json: options not checked", err=True)
    run._old = old
    run._cwd = (old or {}).get("cwd") or os.getcwd()
    # a record's source is the printable name; the run description knows the real file behind it
    run._real = {e["source"]: e["path"] for e in (old or {}).get("inputs", []) if e.get("source") and e.get("path")}
    if whole < os.path.getsize(path):  # killed mid-line: that record is incomplete
        with open(path, "rb+") as fh:
            fh.truncate(whole)
    if parsed:  # the records of the last input go out together but may have been cut short
        last = parsed[-1][1].get("source")
        first = len(parsed)
        while first and parsed[first - 1][1].get("source") == last:
            first -= 1
        run._tail = (source_identity(run, str(last)), parsed[first][0], [r for _, r in parsed[first:]])
        parsed = parsed[:first]
    for _, record in parsed:
        mark_done(run, record)
    click.echo(f"tscomplex: resuming {path}: {len(run.done_sources) + bool(run._tail)} inputs already there"
               + (f" ({run.resumed_failures} error records among them)" if run.resumed_failures else ""),
               err=True)
    return True


def source_identity(run, source: str) -> tuple:
    """The identity of the file a record's ``source`` names: through the run description where it has the
    source (an escaped, non-UTF-8 name names no file itself), else the name as a path."""
    from ..batch.resume import identity

    real = getattr(run, "_real", {}).get(source)
    return identity(real, run._cwd) if real else identity(source, run._cwd)


def mark_done(run, record: dict) -> None:
    from ..batch import record_keys

    by_source, by_series = record_keys(record)
    run.done_sources.add(by_source)
    run.done_series.add(by_series)
    key = source_identity(run, str(by_source[0]))
    run._done_ids.add(key)
    run._done_series_ids.add((key, *by_series[1:]))
    if "error" in record:
        run.resumed_failures += 1
        run.failures += 1


def description(ctx) -> dict:
    import os

    from .. import __version__
    from ..batch.resume import run_parameters

    return {"tscomplex_run": 1, "version": __version__,
            "command": ctx.command_path if ctx is not None else None,
            "parameters": run_parameters(ctx, {}), "cwd": os.getcwd(), "inputs": []}


def start_inputs(run, items: list) -> list:
    """With ``-o`` NDJSON: settle a resume against the inputs of this run and write ``OUTPUT.run.json``.

    Returns ``items`` without those already in the output (compared by real
    file, so two spellings of a path are one input).
    """
    from ..batch import Source
    from ..batch.resume import describe_input, identity, write_sidecar

    if not run.output or run.fmt != "ndjson":
        return items

    def key(item):
        if isinstance(item, Source):
            return identity(item.location or item.path)
        return identity(item.source)

    keys = [key(item) for item in items]
    if run._tail is not None:
        tail_key, offset, records = run._tail
        if tail_key in keys:  # named again: redo it whole
            with open(run.output, "rb+") as fh:
                fh.truncate(offset)
        else:  # not ours to judge: its records stay
            for record in records:
                mark_done(run, record)
        run._tail = None
    if run._done_ids:
        kept = []
        for item, k in zip(items, keys):
            if isinstance(item, Source):
                done = k in run._done_ids
            else:
                done = (k, item.meta.get("group"), item.name) in run._done_series_ids
            if not done:
                kept.append(item)
        items = kept
    about = description(click.get_current_context(silent=True))
    inputs, seen = [], set()
    old_cwd = run._cwd
    for entry in (run._old or {}).get("inputs", []):
        k = identity(entry.get("path") or entry.get("source", ""), old_cwd)
        if k not in seen:
            seen.add(k)
            inputs.append(entry)
    for item, k in zip(items, keys if not run._done_ids else [key(i) for i in items]):
        if k not in seen:
            seen.add(k)
            inputs.append(describe_input(item.path if isinstance(item, Source) else item.source,
                                         item.location if isinstance(item, Source) else None))
    about["inputs"] = inputs
    try:
        write_sidecar(run.output, about)
    except OSError as exc:
        raise click.ClickException(f"cannot write {run.output}.run.json ({exc.strerror or exc})") from None
    return items
