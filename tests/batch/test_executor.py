"""The batch library (tscomplex.batch): failures isolated per item, a dead worker, chunked reading chosen per
file, the progress bar. The command-line side of batches is in tests/cli/test_batch.py."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from tscomplex.batch import Progress, Source, execute


def test_execute_isolates_failures_of_a_record_function():
    from tscomplex.io import Series

    items = [Series("s", str(i), np.arange(10.0) * i) for i in range(5)]
    out = list(execute(_fails_on_two, items, {"k": 3}, jobs=2))
    assert [item.name for item, _ in out] == ["0", "1", "2", "3", "4"]
    assert out[2][1] == [{"source": "s", "series": "2", "error": "two is bad"}]
    assert out[4][1] == [{"source": "s", "series": "4", "value": 4 * 45.0 + 3}]
    crashed = list(execute(_crashes, items[:1], {}))[0][1][0]["error"]
    assert crashed.startswith("internal error (KeyError") and "please report it" in crashed


def test_a_dead_worker_stops_the_batch_with_a_clear_error():
    from tscomplex.batch import BatchError
    from tscomplex.io import Series

    items = [Series("s", str(i), np.arange(10.0)) for i in range(4)]
    with pytest.raises(BatchError, match="a worker process died"):
        list(execute(_dies_on_two, items, {}, jobs=2))


def _dies_on_two(series):
    if series.name == "2":
        os._exit(3)
    return [{"series": series.name}]


def _fails_on_two(series, k):
    if series.name == "2":
        raise ValueError("two is bad")
    return [{"source": series.source, "series": series.name, "value": float(series.values.sum()) + k}]


def _crashes(series):
    raise KeyError("boom")


def test_chunked_run_item_uses_the_stream_function_only_for_long_files(tmp_path):
    from tscomplex.batch import run_item

    path = tmp_path / "x.npy"
    np.save(path, np.arange(50.0))
    options = {"dim": 3, "taus": (1,)}
    assert run_item(_count_calls, Source(str(path)), options, stream=_streamed, chunk_samples=10) == [{"via": "stream"}]
    assert run_item(_count_calls, Source(str(path)), options, stream=_streamed, chunk_samples=50) == [{"via": "memory"}]


def _count_calls(series, **options):
    return [{"via": "memory"}]


def _streamed(table, **options):
    return [{"via": "stream"}]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only():
    term = _Terminal()
    bar = Progress(4, "analyze", stream=term, interval=0.0)
    for _ in range(4):
        bar.update()
    bar.close()
    text = term.getvalue()
    assert "\r" in text and "4/4" in text and "100.0%" in text and text.endswith("\r\x1b[K")
    piped = io.StringIO()
    quiet = Progress(4, "analyze", stream=piped, interval=0.0)
    quiet.update(4)
    quiet.close()
    assert piped.getvalue() == ""
