"""Run one function over many inputs: in this process, on a process pool or on a Dask cluster.

``executor`` (:func:`execute`: serial, pool, Dask; input order kept), ``progress`` (the bar),
``resume`` (what ``--resume`` checks), ``dask`` (the scheduler connection),
``interrupts`` (signals: one clean way out, workers that stop with the parent).
No click here: the command line lives in :mod:`tscomplex.cli`.

Examples
--------
>>> from tscomplex.batch import Source, execute
>>> for item, records in execute(my_records, [Source("a.csv"), Source("b.csv")], {"dim": 4}, jobs=2):
...     print(records)                                                  # doctest: +SKIP
"""

from __future__ import annotations

import importlib

# Loaded on first use, so that ``tscomplex --help`` (which installs the signal handlers of .interrupts) does not
# import numpy and the readers through .executor.
_FROM_EXECUTOR = ("BatchError", "Source", "_batches", "_execute_dask", "_execute_pool", "_guarded", "_in_order",
                  "_per_task", "_start_context", "_terminate_pool", "apply", "default_jobs", "error_record",
                  "execute", "item_key", "record_keys", "run_item", "run_items", "tag_group")
__all__ = [n for n in _FROM_EXECUTOR if not n.startswith("_")] + ["Progress"]


def __getattr__(name):
    if name in _FROM_EXECUTOR:
        return getattr(importlib.import_module(".executor", __name__), name)
    if name == "Progress":
        return importlib.import_module(".progress", __name__).Progress
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
