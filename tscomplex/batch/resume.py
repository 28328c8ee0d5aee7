"""What ``--resume`` checks: the run's parameters and the identity of its inputs, kept beside the output.

An NDJSON output ``OUT`` written with ``-o`` gets a sidecar ``OUT.run.json``
(written atomically, replaced whole), so that the NDJSON itself stays a plain
file of records that any NDJSON reader and ``wc -l`` count correctly::

    {"tscomplex_run": 1, "version": "0.4.0", "command": "tscomplex analyze",
     "parameters": {"dim": 5, "taus": [1, 2], "nan": "error", ...},
     "cwd": "/where/the/run/started",
     "inputs": [{"source": "many/a.csv", "path": "/data/many/a.csv", "device": 2049, "inode": 1234}, ...]}

On ``--resume``:

- parameters that change the records (everything but where inputs come from,
  where output goes and how the work is run) must equal the recorded ones, or
  the resume is refused (exit 2) with one line naming the first difference;
- an input is "done" when a record's source names the same real file (device
  and inode, else the resolved path), so ``many`` and ``./many/`` are one input;
- only the last input in the file may be incomplete (records of one input are
  written together); it is redone only when it is among the current inputs,
  and records of inputs not in the current list are never removed.
"""

from __future__ import annotations

import json
import os

SIDECAR_SUFFIX = ".run.json"

#: Parameters that do not change what a record holds: which inputs, where the records go, how the work runs.
NOT_PARAMETERS = frozenset({"inputs", "output", "records", "force", "fmt", "resume", "jobs", "dask", "dask_timeout",
                            "chunk_size", "plot", "recursive", "glob", "progress", "quiet", "verbose"})


class ResumeError(ValueError):
    """A resume that would mix records of different runs, or a file that is not ours."""


def sidecar_path(output: str) -> str:
    return output + SIDECAR_SUFFIX


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def run_parameters(ctx, settings: dict) -> dict:
    """The parameters of the running click command that decide its records, as JSON values."""
    params = dict(ctx.params) if ctx is not None else {}
    params.update(settings)
    return {k: _plain(v) for k, v in sorted(params.items()) if k not in NOT_PARAMETERS}


def option_name(ctx, key: str) -> str:
    """The option a parameter comes from, as the user types it (``--tau``)."""
    for param in getattr(ctx.command, "params", []) if ctx is not None else []:
        if param.name == key and getattr(param, "opts", None):
            return max(param.opts, key=len)
    return "--" + key.replace("_", "-")


def difference(old: dict, new: dict, ctx=None) -> str | None:
    """A one-line description of the first parameter that differs, or None. Keys one side lacks are skipped
    (a version that did not have the option)."""
    if old.get("command") != new.get("command"):
        return f"it was written by '{old.get('command')}', not '{new.get('command')}'"
    before, now = old.get("parameters") or {}, new.get("parameters") or {}
    for key in sorted(set(before) & set(now)):
        if before[key] != now[key]:
            def show(v):
                return ",".join(map(str, v)) if isinstance(v, list) else "unset" if v is None else str(v)

            return f"it was written with {option_name(ctx, key)} {show(before[key])}, this run has {show(now[key])}"
    return None


def read_sidecar(output: str) -> dict | None:
    """The sidecar of ``output``, or None when there is none; ResumeError when it is damaged."""
    path = sidecar_path(output)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ResumeError(f"{path} cannot be read ({exc}); remove it to resume without the checks") from None
    if not isinstance(data, dict) or data.get("tscomplex_run") != 1:
        raise ResumeError(f"{path} is not a tscomplex run description")
    return data


def write_sidecar(output: str, description: dict) -> None:
    from ..io import atomic_write

    text = json.dumps(description, indent=1, allow_nan=False, ensure_ascii=True) + "\n"
    atomic_write(sidecar_path(output), lambda fh: fh.write(text.encode()))


def identity(path: str, cwd: str | None = None) -> tuple:
    """What makes two spellings of a file the same input: (device, inode), else its resolved path."""
    if path == "-":
        return ("stdin",)
    full = os.path.join(cwd, path) if cwd and not os.path.isabs(path) else path
    try:
        info = os.stat(full)
        return ("inode", info.st_dev, info.st_ino)
    except OSError:
        return ("path", os.path.realpath(full))


def describe_input(source: str, location: str | None = None) -> dict:
    """A sidecar entry for one input."""
    if source == "-":
        return {"source": "-"}
    where = location or source
    entry = {"source": source, "path": os.path.realpath(where)}
    try:
        info = os.stat(where)
        entry.update(device=info.st_dev, inode=info.st_ino)
    except OSError:
        pass
    return entry


def load_records(path: str) -> tuple[list, int]:
    """The records of an NDJSON output as (byte offset of the line, record), and the length of its whole lines.

    A half-written last line (a kill mid-write) is left out. Anything that is
    not a JSON object with a ``source`` is a ResumeError: the file is not ours.
    """
    with open(path, "rb") as fh:
        data = fh.read()
    whole = data.rfind(b"\n") + 1
    parsed, offset = [], 0
    for number, line in enumerate(data[:whole].split(b"\n")[:-1], start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict) or "source" not in record:
                raise ResumeError(f"{path} is not an NDJSON file of tscomplex records (line {number})")
            parsed.append((offset, record))
        offset += len(line) + 1
    return parsed, whole
