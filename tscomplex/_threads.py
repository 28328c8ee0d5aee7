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


#: Items per block of :func:`block_sums`: fixed, so that float sums do not depend on the thread count.
SUM_BLOCK = 1 << 12


def block_sums(part, n: int, threads: int | None = None, block: int = SUM_BLOCK):
    """Sum the tuples of arrays ``part(lo, hi)`` over fixed blocks [lo, hi) of ``range(n)``, in block order.

    ``part`` is a call of a ``nogil`` kernel over items lo .. hi-1 that returns
    a tuple of arrays (partial sums, counts). Blocks are always the same
    (``block`` items each) and their results are added in block order, so the
    float sums are the same on 1 thread or many: only who computes a block
    changes. Blocks go to ``threads`` threads (default :func:`thread_count`)
    when there are at least two.
    """
    starts = list(range(0, max(n, 1), block))
    if threads is None:
        threads = thread_count() if len(starts) > 1 else 1
    threads = max(1, min(int(threads), len(starts)))
    if threads == 1:
        results = (part(lo, min(lo + block, n)) for lo in starts)
        return _add_in_order(results)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads) as pool:
        return _add_in_order(pool.map(lambda lo: part(lo, min(lo + block, n)), starts))


def _add_in_order(results):
    total = None
    for result in results:
        if total is None:
            total = [a.copy() for a in result]
        else:
            for acc, a in zip(total, result):
                acc += a
    return tuple(total)
