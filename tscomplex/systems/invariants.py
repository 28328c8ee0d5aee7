"""Computed invariants of the built-in systems: Lyapunov spectrum, Kaplan-Yorke dimension, natural period.

Every value here is computed from the catalog's own equations, never copied
from another catalog, and stored with the settings that produced it in
``catalog/invariants.json`` (read lazily, once per process, by :func:`stored`).

- the Lyapunov spectrum by tangent-space QR (:func:`tscomplex.lyapunov.lyapunov_spectrum`)
  at two run lengths, T and 2T (then doubled while the last two disagree, up to 8T
  and 16T); the system is *converged* when every exponent of the two runs agrees
  to 1% (of the larger of |lambda_i| and |lambda_max|, so that a zero exponent is
  judged against the largest rate; plus an absolute 1e-4); the shorter run's
  spectrum and the least converged exponent are stored beside it, and
  ``max_lyapunov_converged`` says the same of lambda_max alone;
- the Kaplan-Yorke dimension of the longer run;
- the natural period: 1 / the frequency of the most prominent peak of the power
  spectrum of the first component that has a peak (the component is stored;
  flows, delay, Hamiltonian; null for maps, and null when no component has a peak);
- the Lyapunov time 1 / lambda_max, only for a chaotic system;
- ``chaotic``: both runs give lambda_max > 1e-3 and lambda_max converged, or both give
  more than 0.01 and agree to 10% (the sign is certain; ``chaotic_reason`` says how
  close); false when both give at most 1e-3. Other runs that disagree are
  ``chaotic: null`` with the reason.

This module only reads and writes the store; the computation, which needs
:mod:`tscomplex.lyapunov`, lives above it in :mod:`tscomplex.lyapunov.catalog`, and
``python -m tscomplex.cli.catalog_invariants [--only NAME ...] [--missing] [--jobs N]``
fills the file.
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache


STORE = os.path.join(os.path.dirname(__file__), "catalog", "invariants.json")
FIELDS = ("max_lyapunov", "lyapunov_spectrum", "kaplan_yorke_dimension", "natural_period", "lyapunov_time",
          "chaotic", "converged")


def failure(name: str, error: str) -> dict:
    """The record of a system whose invariants could not be computed (kept, so the rest still count)."""
    from .. import __version__

    record = {"system": name, "status": "failed", "error": str(error)[:500]}
    record.update({key: None for key in FIELDS})
    record["settings"] = {"tscomplex_version": __version__}
    return record


@lru_cache(maxsize=1)
def _load(path: str = STORE) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {}
    return dict(data.get("systems", {}))


def stored(name: str | None = None):
    """The stored invariants of one system (a dict, or None if not computed), or of all (a dict by name).

    Examples
    --------
    >>> from tscomplex.systems.invariants import stored
    >>> inv = stored("lorenz")
    >>> inv["chaotic"], round(inv["max_lyapunov"], 1)
    (True, 0.9)
    """
    data = _load()
    if name is None:
        return dict(data)
    from .registry import lookup

    return data.get(lookup(name).name)


def save(records: dict, path: str = STORE) -> None:
    """Write ``records`` (by system name) to the store, atomically, sorted by name."""
    from ..io.atomic import atomic_write

    text = json.dumps({"description": "Invariants computed by tscomplex from its own equations "
                                      "(python -m tscomplex.cli.catalog_invariants); see docs/systems.md.",
                       "systems": {k: records[k] for k in sorted(records)}}, indent=1, allow_nan=False)
    atomic_write(path, lambda fh: fh.write(text.encode() + b"\n"))
    _load.cache_clear()


def finite_or_none(value):
    return float(value) if value is not None and math.isfinite(value) else None
