"""The thread-count rule: one thread inside a worker process, so --jobs N never oversubscribes the cores."""

import multiprocessing

from tscomplex._threads import block_sums, thread_count


def test_worker_process_uses_one_thread(monkeypatch):
    monkeypatch.delenv("TSCOMPLEX_THREADS", raising=False)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(thread_count) == 1
    assert thread_count() >= 1


def test_block_sums_of_nothing_and_of_one_block():
    import numpy as np

    def part(lo, hi):
        return np.array([float(hi - lo)]), np.array([hi - lo])

    assert block_sums(part, 0, threads=3)[1][0] == 0
    assert block_sums(part, 5, threads=3, block=8)[0][0] == 5.0
