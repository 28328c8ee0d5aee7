"""The model file: a context model as an NPZ of plain numeric arrays and a JSON header, never a pickle.

Layout (``numpy.savez``; read it with ``numpy.load(path, allow_pickle=False)``):

=================  ========  =====================================================================
array              dtype     meaning
=================  ========  =====================================================================
``header``         uint8     UTF-8 JSON: format, version, context_model, order, n_symbols, alpha,
                             tokenizer (name and settings, and window W when each window of W
                             samples was tokenized alone), training_samples
``level_orders``   int64     context length of each level, shortest first
``level_offsets``  int64     level l owns contexts level_offsets[l] .. level_offsets[l+1]-1
``keys``           uint64    packed context keys, sorted within each level
``totals``         int64     counts per context
``row_offsets``    int64     context c owns entries row_offsets[c] .. row_offsets[c+1]-1
``symbols``        int64     next symbols, sorted within each context
``counts``         int64     their counts
=================  ========  =====================================================================
"""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np

from .models import (
    ARRAYS,
    CONTEXT_MODELS,
    MAX_MODEL_ORDER,
    MAX_MODEL_SYMBOLS,
    MODEL_FORMAT,
    MODEL_VERSION,
    ContextModel,
)


class ModelFileError(ValueError):
    """A model file that cannot be used: unreadable, corrupt, another format or version, other settings."""


def model_bytes(model: ContextModel) -> bytes:
    """The NPZ file of ``model``, as bytes."""
    buffer = io.BytesIO()
    header = np.frombuffer(json.dumps(model.header, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    np.savez(buffer, header=header, **{name: np.ascontiguousarray(a, dtype=ARRAYS[name])
                                      for name, a in model.arrays().items()})
    return buffer.getvalue()


def save_context_model(model: ContextModel, path: str) -> None:
    """Write ``model`` to ``path`` whole or not at all (the file keeps what it held if writing fails)."""
    from ..io.atomic import atomic_write_bytes

    atomic_write_bytes(path, model_bytes(model))


def load_context_model(path: str) -> ContextModel:
    """Read a model file written by :func:`save_context_model`; raise :class:`ModelFileError` saying why not."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ModelFileError(f"model file {path}: cannot read it ({exc.strerror or exc})") from None
    return model_from_bytes(data, path)


def model_from_bytes(data: bytes, name: str = "model") -> ContextModel:
    """Parse and check the bytes of a model file (``name`` labels the messages)."""
    def bad(why: str) -> ModelFileError:
        return ModelFileError(f"model file {name}: {why}")

    if not data.startswith(b"PK"):  # every NPZ is a zip archive; anything else np.load would try to unpickle
        kind = "a single NPY array" if data.startswith(b"\x93NUMPY") else "not an NPZ archive"
        raise bad(f"is not a tscomplex model file ({kind})")
    try:
        npz = np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError as exc:
        if "pickle" in str(exc):
            raise bad("holds pickled Python objects, which tscomplex never loads") from None
        raise bad("is not a tscomplex model file (not an NPZ archive)") from None
    except (OSError, EOFError, zipfile.BadZipFile):
        raise bad("is not a tscomplex model file (not an NPZ archive)") from None
    with npz:
        names = set(npz.files)
        if "header" not in names:
            raise bad("is not a tscomplex model file (no header)")
        arrays = {}
        try:
            for key in ["header", *ARRAYS]:
                if key in names:
                    arrays[key] = npz[key]
        except ValueError as exc:
            if "pickle" in str(exc):
                raise bad("holds pickled Python objects, which tscomplex never loads") from None
            raise bad(f"is corrupt ({exc})") from None
        except (OSError, EOFError, zipfile.BadZipFile, KeyError) as exc:
            raise bad(f"is corrupt ({exc})") from None
    header = _header(arrays["header"], bad)
    missing = [key for key in ARRAYS if key not in arrays]
    if missing:
        raise bad(f"is corrupt (missing arrays: {', '.join(missing)})")
    for key, dtype in ARRAYS.items():
        a = arrays[key]
        if a.dtype != np.dtype(dtype) or a.ndim != 1:
            raise bad(f"is corrupt (array {key} is {a.dtype} of shape {a.shape}, expected 1-D {np.dtype(dtype)})")
    model = ContextModel(header, **{key: arrays[key] for key in ARRAYS})
    _check_structure(model, bad)
    return model


def _header(raw, bad) -> dict:
    if raw.dtype != np.uint8 or raw.ndim != 1:
        raise bad("is not a tscomplex model file (header is not UTF-8 JSON bytes)")
    try:
        header = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise bad("is corrupt (its header is not valid JSON)") from None
    if not isinstance(header, dict) or header.get("format") != MODEL_FORMAT:
        raise bad(f"is not a tscomplex model file (format {header.get('format') if isinstance(header, dict) else None!r}"
                  f", expected {MODEL_FORMAT!r})")
    if header.get("version") != MODEL_VERSION:
        raise bad(f"is model format version {header.get('version')!r}; this tscomplex reads version {MODEL_VERSION}")
    checks = {"order": lambda v: isinstance(v, int) and 0 <= v <= MAX_MODEL_ORDER,
              "n_symbols": lambda v: isinstance(v, int) and 2 <= v <= MAX_MODEL_SYMBOLS,
              "alpha": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0,
              "context_model": lambda v: v in CONTEXT_MODELS, "tokenizer": lambda v: isinstance(v, dict)}
    for key, ok in checks.items():
        if key not in header or not ok(header[key]):
            raise bad(f"is corrupt (header {key} = {header.get(key)!r})")
    return header


def _check_structure(model: ContextModel, bad) -> None:
    """Offsets monotone and in range, keys sorted per level, symbols in range and sorted per row, counts
    positive and summing to the totals: a model that passes cannot index out of bounds in the kernels."""
    order, n_sym = model.order, model.n_symbols
    expected = [0, order] if model.context_model == "fixed" and order > 0 else \
        [0] if model.context_model == "fixed" else list(range(order + 1))
    if model.level_orders.tolist() != expected:
        raise bad(f"is corrupt (levels {model.level_orders.tolist()} do not match order {order})")
    n_ctx, n_ent = model.keys.size, model.symbols.size
    lo, ro = model.level_offsets, model.row_offsets
    if lo.size != model.level_orders.size + 1 or lo[0] != 0 or lo[-1] != n_ctx or np.any(np.diff(lo) < 0):
        raise bad("is corrupt (level offsets)")
    if model.totals.size != n_ctx or ro.size != n_ctx + 1 or ro[0] != 0 or ro[-1] != n_ent \
            or np.any(np.diff(ro) <= 0) or model.counts.size != n_ent:
        raise bad("is corrupt (row offsets)")
    if n_ent and (model.symbols.min() < 0 or model.symbols.max() >= n_sym or model.counts.min() <= 0):
        raise bad("is corrupt (symbols or counts out of range)")
    for level in range(model.level_orders.size):
        keys = model.keys[lo[level]:lo[level + 1]]
        if keys.size > 1 and np.any(keys[1:] <= keys[:-1]):
            raise bad("is corrupt (context keys not sorted)")
    starts = ro[:-1]
    row_of = np.repeat(np.arange(n_ctx), np.diff(ro))
    same_row = row_of[1:] == row_of[:-1]
    if np.any(same_row & (model.symbols[1:] <= model.symbols[:-1])):
        raise bad("is corrupt (symbols not sorted within a context)")
    if n_ctx and not np.array_equal(np.add.reduceat(model.counts, starts), model.totals):
        raise bad("is corrupt (counts do not add up to the context totals)")


def check_model_matches(model: ContextModel, wanted: dict, source: str = "model", window_checked: bool = False) \
        -> None:
    """Refuse a model whose settings differ from those asked for (``wanted``: any of order, alpha,
    context_model and the tokenizer's keys), one sentence naming the first few differences. Settings asked
    as None are not compared, except ``window`` when ``window_checked``: a model of per-window tokens is
    applied per window of the same length, and a model of whole-series tokens to whole series."""
    have = {"order": model.order, "alpha": model.alpha, "context_model": model.context_model,
            **{key: value for key, value in model.header["tokenizer"].items() if key != "name"},
            "tokenizer": model.header["tokenizer"].get("name")}
    have.setdefault("window", None)
    def show(key, value):
        return "none, the whole series" if key == "window" and value is None else repr(value)

    differ = [f"{key} {show(key, have.get(key))} (asked: {show(key, value)})" for key, value in wanted.items()
              if (value is not None or (key == "window" and window_checked)) and have.get(key) != value
              and not _same_number(have.get(key), value)]
    if differ:
        raise ModelFileError(f"{source} was fitted with other settings: {', '.join(differ)}")


def _same_number(a, b) -> bool:
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
        and not isinstance(b, bool) and float(a) == float(b)
