"""Records out: :class:`RecordWriter` streams NDJSON and JSON, and renders tables, CSV/TSV and Parquet at the end.

NDJSON and JSON write names that are not valid UTF-8 as JSON escapes that
decode back to the same Python string; the other formats are rendered by
:mod:`tscomplex.io.render`. Every file is published atomically (:mod:`.atomic`).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys

from ..options import FORMATS
from .atomic import AtomicFile, atomic_write, special_kind
from .errors import InputError
from .render import _shorten, clean_record, parquet_bytes, render_delimited, render_table, table_columns


def format_for_path(path: str | None, fmt: str | None, stdout_is_tty: bool) -> str:
    """Pick the output format: explicit, else by the output file's suffix, else table on a terminal, NDJSON piped."""
    if fmt:
        return fmt
    if path:
        ext = os.path.splitext(path.lower())[1]
        by_ext = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
                  ".parquet": "parquet", ".pq": "parquet", ".txt": "table"}
        if ext in by_ext:
            return by_ext[ext]
        if special_kind(path):  # /dev/null, /dev/stdout, a named pipe: the format of a pipe
            return "ndjson"
        raise InputError(f"cannot tell the output format from {path!r}: name it .csv, .tsv, .json, .ndjson, "
                         ".parquet or .txt, or give -f")
    return "table" if stdout_is_tty else "ndjson"


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_note(text: str) -> None:
    """A hint for the person at the terminal (columns left out), not for a log: only when stderr is a terminal."""
    if _is_terminal(sys.stderr):
        print(text, file=sys.stderr)


def _fit_wanted(stdout) -> bool:
    """Fit the table to a width when it goes to a terminal, or when COLUMNS says how wide the reader is."""
    return _is_terminal(stdout) or bool(os.environ.get("COLUMNS"))


#: what --columns keeps of an error record besides the columns asked for: which input failed, and why
_NAMES_OF_A_FAILURE = ("source", "series", "group", "error")


def _json_item(record: dict) -> str:
    """One record as an element of the indented JSON list (as ``json.dumps(list, indent=2)`` writes it)."""
    return "  " + json.dumps(record, indent=2, allow_nan=False).replace("\n", "\n  ")


class RecordWriter:
    """Writes records in one format to stdout or a file.

    NDJSON is streamed: each record is written and flushed as it arrives, so an
    interrupted run leaves a valid file. JSON is streamed too (``[``, the
    records, ``]``), into a temporary file renamed into place at :meth:`close`.
    Tables, CSV/TSV and Parquet need every column first: they are rendered at
    :meth:`close`, to a temporary file renamed into place. A device or FIFO is
    written by opening it. ``columns`` keeps only those keys (and ``error``).
    """

    def __init__(self, fmt: str, path: str | None = None, stdout=None, append: bool = False, columns=None,
                 command: str | None = None, notes=None):
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        if fmt == "parquet" and path is None and (stdout or sys.stdout).isatty():
            raise InputError("parquet output needs -o FILE (it is binary)")
        self.fmt, self.path, self.records = fmt, path, []
        self.columns = list(columns) if columns else None
        self.command = command
        self._notes = notes if notes is not None else _terminal_note
        self._stdout = stdout or sys.stdout
        self._stream = None
        self._file = None  # the AtomicFile behind a streamed JSON file
        self._append = append
        self._json_count = 0
        # a streamed file is opened at the first record (or at close), not here: a command line that
        # turns out to be wrong must not truncate, or create, the output file
        self._streaming = fmt in ("ndjson", "json")
        self._closed = False
        self.keys: set = set()  # every key of the records written (not errors), to tell a --columns name none has

    def _open(self):
        if self._stream is None:
            if self.fmt == "json" and self.path:
                self._file = AtomicFile(self.path, ".json")
                self._stream = io.TextIOWrapper(self._file.fh, encoding="utf-8", newline="\n")
            elif self.path:
                self._stream = open(self.path, "a" if self._append else "w", encoding="utf-8")  # noqa: SIM115
            else:
                self._stream = self._stdout
        return self._stream

    def _select(self, record: dict) -> dict:
        record = clean_record(record)
        if self.columns:
            failed = "error" in record
            if not failed:
                self.keys.update(record)
            keep = (*self.columns, *_NAMES_OF_A_FAILURE) if failed else self.columns
            record = {k: record[k] for k in keep if k in record}
        return record

    def unknown_columns(self) -> list:
        """The ``columns`` that no record written so far has (none before the first record that is not an error)."""
        return [c for c in self.columns or () if self.keys and c not in self.keys]

    def write(self, record: dict) -> None:
        self.write_many([record])

    def write_many(self, records: list[dict]) -> None:
        """Write several records; NDJSON lines go out in one write, so they land together."""
        if not self._streaming:
            self.records.extend(self._select(r) for r in records)
            return
        if not records:
            return
        stream = self._open()
        if self.fmt == "ndjson":
            stream.write("".join(json.dumps(self._select(r), allow_nan=False) + "\n" for r in records))
        else:
            parts = []
            for r in records:
                parts.append(("[\n" if self._json_count == 0 else ",\n") + _json_item(self._select(r)))
                self._json_count += 1
            stream.write("".join(parts))
        stream.flush()

    def abort(self) -> None:
        """Stop without publishing: NDJSON keeps what it streamed (it is valid); other formats write nothing,
        so an interrupted run never leaves a complete-looking partial table at the output path."""
        if self.fmt == "ndjson":
            self.close()
        elif self._file is not None:
            self._stream = None
            self._file.discard()
        self.records = []
        self._closed = True

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._streaming:
            stream = self._open()
            if self.fmt == "json":
                stream.write("\n]\n" if self._json_count else "[]\n")
                stream.flush()
            if self._file is not None:
                stream.detach()
                self._file.commit()
            elif self.path:
                stream.close()
            self._stream = None
            return
        text = self._render()
        if self.path:
            if text:  # no record to show (a table of inputs that all failed): no empty file, as for a figure
                atomic_write(self.path, lambda fh: fh.write(text))
        elif self.fmt == "parquet":
            self._stdout.buffer.write(text)
            self._stdout.flush()
        else:
            self._stdout.write(text.decode())
            self._stdout.flush()

    def _render(self) -> bytes:
        records = self.records
        if self.fmt in ("table", "wide"):
            records = [r for r in records if "error" not in r]
            if not records:
                return b""
            width = None
            if self.fmt == "table" and not self.columns and not self.path and _fit_wanted(self._stdout):
                width = shutil.get_terminal_size((80, 24)).columns
                records = [{k: _shorten(v) if k == "source" else v for k, v in r.items()} for r in records]
            cols, hidden = table_columns(records, self.command, width, self.columns)
            if hidden:
                self._notes(f"tscomplex: note: {len(hidden)} more columns not shown to fit {width} characters "
                            f"({', '.join(hidden)}); see them with -f wide or --columns")
            return render_table(records, cols).encode()
        if not records:
            return b""
        cols = [c for c in (self.columns or []) if any(c in r for r in records)] or None
        if cols and any("error" in r for r in records):
            cols += [k for k in _NAMES_OF_A_FAILURE  # the input that failed, and why
                     if k not in cols and any(r.get(k) is not None for r in records if "error" in r)]
        if self.fmt in ("csv", "tsv"):
            return render_delimited(records, "," if self.fmt == "csv" else "\t", cols).encode()
        return parquet_bytes(records, cols)
