"""How many threads one call may use: ``TSCOMPLEX_THREADS``, else the cores this process may use (1 in a worker)."""

from __future__ import annotations

import multiprocessing
import os


def thread_count() -> int:
    """Threads for one long computation: ``TSCOMPLEX_THREADS``, else the cores this process may use.

    Inside a worker process (``--jobs N`` spreads files over processes) it is 1,
    so the machine is never oversubscribed.
    """
    env = os.environ.get("TSCOMPLEX_THREADS", "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise ValueError(f"TSCOMPLEX_THREADS must be a whole number, got {env!r}") from None
    if multiprocessing.parent_process() is not None:
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
