"""Run one analysis over many series: in this process, on a local process pool, or on a Dask cluster.

An *item* is what travels to a worker: a :class:`Source` (a file path and how
to read it; the worker reads it, so the parent only lists paths), a
:class:`~tscomplex.io.Series` (stdin, a built-in system, a group of a long
table), or a :class:`~tscomplex.io.SeriesFailure` (reported as it is). A
*record function* ``func(series, **options) -> list[dict]`` is a module-level
function, so it pickles by name. :func:`execute` maps it over the items and
yields ``(item, records)`` **in input order** whatever the executor, keeping
only a small window of tasks in flight, so output is deterministic and memory
stays bounded however many items there are.

A failure never stops the batch: a record function that raises ValueError (or
a reader that raises InputError) becomes an error record
``{"source", "series", "error"}`` for that item alone.

Examples
--------
>>> from tscomplex.batch import Source, execute
>>> for item, records in execute(my_records, [Source("a.csv"), Source("b.csv")], {"dim": 4}, jobs=2):
...     print(records)                                                  # doctest: +SKIP
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass

from ..io import (CHUNK_SAMPLES, ChunkedTable, InputError, Series, SeriesFailure, read_series, streamable,
                 warm_text_reader)


class BatchError(RuntimeError):
    """The batch itself cannot go on (no Dask scheduler, a worker process died)."""


@dataclass(frozen=True)
class Source:
    """A file to be read by whichever worker runs it.

    ``path`` is the name the user gave (it becomes the record's ``source``);
    ``location`` is where a worker opens it (an absolute path, so that Dask
    workers with another working folder find it on a shared file system).
    """

    path: str
    columns: tuple = ()
    time_column: str | None = None
    dt: float | None = None
    nan: str = "error"
    location: str | None = None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def item_key(item) -> tuple:
    """What ``--resume`` compares with the records already written: (source,) or (source, group, series)."""
    if isinstance(item, Source):
        return (item.path,)
    return (item.source, item.meta.get("group"), item.name)


def record_keys(record: dict) -> tuple[tuple, tuple]:
    """The (source,) and (source, group, series) keys of an output record."""
    source = record.get("source")
    return (source,), (source, record.get("group"), record.get("series"))


# --------------------------------------------------------------------------- running one item


def error_record(source, series, reason, meta=None) -> dict:
    record = {"source": source}
    if meta and "group" in meta:
        record["group"] = meta["group"]
    record["series"] = series
    record["error"] = reason
    return record


def tag_group(records: list[dict], series: Series) -> list[dict]:
    """Put the group key of a long table's series into its records, right after ``source``; and what reading
    it chose or did (``time_column``, ``dt_unit``, ``nan_dropped``/``nan_filled``), after the measures."""
    trace = series.meta.get("record")
    if trace:
        records = with_trace(records, lambda name: trace)
    if "group" not in series.meta:
        return records
    out = []
    for r in records:
        tagged = {"source": r.get("source", series.source), "group": series.meta["group"]}
        tagged.update((k, v) for k, v in r.items() if k != "source")
        out.append(tagged)
    return out


def with_trace(records: list[dict], trace_of) -> list[dict]:
    """Each record (not an error) with the reading trace of its series (``trace_of(series name)``) after its own
    keys; a warning the reader left in the trace goes with the first record of its series only, so it is
    printed once."""
    from ..io.cleaning import WARNINGS

    out, warned = [], set()
    for r in records:
        if "error" in r:
            out.append(r)
            continue
        trace = trace_of(r.get("series"))
        extra = {k: v for k, v in trace.items() if k not in r and k != WARNINGS}
        if trace.get(WARNINGS) and r.get("series") not in warned:
            warned.add(r.get("series"))
            extra[WARNINGS] = list(r.get(WARNINGS) or []) + list(trace[WARNINGS])
        out.append({**r, **extra})
    return out


def _guarded(call, source, name) -> list[dict]:
    """``call()``'s records, or one error record if it raises."""
    try:
        return list(call())
    except (ValueError, ArithmeticError) as exc:  # InputError is a ValueError
        return [error_record(source, name, str(exc))]
    except MemoryError:
        return [error_record(source, name, "out of memory")]
    except Exception as exc:  # a bug must not cost the other thousand series their records
        return [error_record(source, name, f"internal error ({type(exc).__name__}: {exc}); please report it")]


def apply(func, series: Series, options: dict) -> list[dict]:
    """``func(series, **options)``, with any failure turned into one error record."""
    return tag_group(_guarded(lambda: func(series, **options), series.source, series.name), series)


def run_item(func, item, options: dict, stream=None, chunk_samples: int = CHUNK_SAMPLES) -> list[dict]:
    """All records of one item. Files are read here, in the worker.

    When ``stream`` is given (``stream(table, **options) -> list[dict]``) and
    the item is an NPY or Parquet file longer than ``chunk_samples`` rows, the
    file is analyzed in chunks by ``stream`` instead of being read whole.
    """
    if isinstance(item, SeriesFailure):
        return [error_record(item.source, item.name, item.reason, item.meta)]
    if isinstance(item, Series):
        return apply(func, item, options)
    where = item.location or item.path
    try:
        if stream is not None and streamable(where):
            table = ChunkedTable(where, item.columns or None, item.time_column, item.dt, item.nan, chunk_samples)
            if table.n_rows > chunk_samples:
                table.source = item.path
                records = _guarded(lambda: stream(table, **options), item.path, None)
                return with_trace(records, table.trace)  # time axis and NaN counts, as read_series
        series_list = read_series(where, item.columns or None, item.time_column, item.dt, item.nan)
    except InputError as exc:
        return [error_record(item.path, None, str(exc))]
    except MemoryError:
        return [error_record(item.path, None, "out of memory while reading; try a smaller file or NPY/Parquet")]
    except OSError as exc:
        return [error_record(item.path, None, f"cannot read ({exc.strerror or exc})")]
    except Exception as exc:  # a reader bug must not cost the other files their records
        return [error_record(item.path, None, f"internal error while reading ({type(exc).__name__}: {exc}); "
                                              "please report it")]
    records = []
    for series in series_list:
        series.source = item.path
        records.extend(apply(func, series, options))
    return records


def run_items(func, items, options: dict, stream=None, chunk_samples: int = CHUNK_SAMPLES) -> list[list[dict]]:
    """:func:`run_item` over a few items: the unit of work sent to a process or a Dask worker."""
    if len(items) > 1:
        warm_text_reader()
    return [run_item(func, item, options, stream, chunk_samples) for item in items]


# --------------------------------------------------------------------------- executors


def _batches(items, per_task: int, max_samples: int = 4_000_000):
    """Group consecutive items into tasks of at most ``per_task`` items (and about ``max_samples`` samples)."""
    batch, samples = [], 0
    for item in items:
        size = item.values.size if isinstance(item, Series) else 0
        if batch and (len(batch) >= per_task or samples + size > max_samples):
            yield batch
            batch, samples = [], 0
        batch.append(item)
        samples += size
    if batch:
        yield batch


def _per_task(n_items: int | None, workers: int) -> int:
    """Items per task: enough to hide the cost of a round trip, few enough to balance and stream."""
    if n_items is None:
        return 4
    return max(1, min(32, n_items // (workers * 16)))


def execute(func, items, options: dict, jobs: int = 1, dask: str | None = None, stream=None,
            chunk_samples: int = CHUNK_SAMPLES, dask_timeout: float | None = None):
    """Yield ``(item, records)`` for every item, in input order.

    ``jobs == 1`` (or a single item) runs here; ``jobs > 1`` uses a local
    process pool; ``dask`` is the address of a running ``dask.distributed``
    scheduler (``tcp://host:8786``) and takes precedence over ``jobs``.
    """
    items = list(items)
    if dask:
        yield from _execute_dask(func, items, options, dask, stream, chunk_samples, dask_timeout)
    elif jobs <= 1 or len(items) <= 1:
        if len(items) > 1:
            warm_text_reader()
        for item in items:
            yield item, run_item(func, item, options, stream, chunk_samples)
    else:
        yield from _execute_pool(func, items, options, min(jobs, len(items)), stream, chunk_samples)


def _in_order(submit, batches, window: int):
    """Keep ``window`` tasks in flight and yield their results in submission order."""
    pending = collections.deque()
    batches = iter(batches)
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            break
    while pending:
        batch, result = pending.popleft()
        records = result()
        for nxt in batches:
            pending.append((nxt, submit(nxt)))
            break
        yield from zip(batch, records)


def _start_context():
    """fork when this process has one thread (workers start at once, with our imports); else a safe method.

    Forking a process that runs other threads (a Dask client, a host
    application) can copy a lock that some thread holds, and deadlock.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _execute_pool(func, items, options, workers, stream, chunk_samples):
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .interrupts import worker_setup

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_start_context(), initializer=worker_setup)
    clean = False
    try:
        def submit(batch):
            future = pool.submit(run_items, func, batch, options, stream, chunk_samples)
            return future.result

        batches = _batches(items, _per_task(len(items), workers))
        try:
            yield from _in_order(submit, batches, 4 * workers)
        except KeyboardInterrupt:
            from .interrupts import acknowledge

            acknowledge()  # caught: the workers are terminated below, without being interrupted again
            raise
        except BrokenProcessPool:
            raise BatchError("a worker process died (out of memory, or killed); "
                             "rerun with --resume and fewer --jobs") from None
        clean = True
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:  # interrupted, a closed pipe, a dead worker: stop now, without finishing the tasks handed out
            _terminate_pool(pool)


def _terminate_pool(pool, grace: float = 1.0) -> None:
    """Cancel what is queued, terminate the worker processes, and kill any that outlive ``grace`` seconds."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1.0)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass
    # let the pool's manager thread finish closing its wakeup pipe now: at exit, concurrent.futures wakes every
    # manager it still knows, and one caught mid-close wrote to the closed pipe ("Exception ignored ...
    # Traceback ... Bad file descriptor" after a Ctrl-C, on a loaded machine)
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(max(0.0, deadline + 1.0 - time.monotonic()))


def _execute_dask(func, items, options, address, stream, chunk_samples, dask_timeout=None):
    if dask_timeout is None:
        from .dask import DEFAULT_TIMEOUT as dask_timeout
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise BatchError("--dask needs dask.distributed: pip install 'tscomplex[dask]'") from None
    from .dask import DaskConnectError, connect

    try:
        client = connect(address, dask_timeout)
    except DaskConnectError as exc:
        raise BatchError(str(exc)) from None
    in_flight: set = set()
    clean = False
    try:
        workers = max(1, sum(client.nthreads().values()))
        located = [Source(**{**item.__dict__, "location": os.path.abspath(item.path)})
                   if isinstance(item, Source) and item.location is None else item for item in items]

        def submit(batch):
            future = client.submit(run_items, func, batch, options, stream, chunk_samples, pure=False)
            in_flight.add(future)

            def result():
                records = future.result()
                in_flight.discard(future)
                return records
            return result

        batches = _batches(located, _per_task(len(items), workers))
        try:
            for (item, records), original in zip(_in_order(submit, batches, 4 * workers), items):
                yield original, records
        except KeyboardInterrupt:
            from .interrupts import acknowledge

            acknowledge()
            raise
        clean = True
    finally:
        if not clean and in_flight:  # interrupted or a closed pipe: the scheduler drops what we handed out
            try:
                client.cancel(list(in_flight), force=True)
            except Exception:  # the connection may be gone already; closing below is what matters
                pass
        client.close(timeout=2)
