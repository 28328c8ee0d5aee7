"""Chunked NPY reading without copies (issue 14): float32 counted as float32, a memory map read in place."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from tscomplex.chunked.counts import table_counts
from tscomplex.io import ChunkedTable
from tscomplex.ordinal import OrdinalPatterns, ordinal_counts
from tscomplex.records.analyze import analyze_chunked_records


def ties_in_float32(n, seed=0):
    """Values exactly representable in float32 (multiples of 1/8 in a small range): many ties."""
    return (np.random.default_rng(seed).integers(-40, 40, n) / 8.0).astype(np.float32)


@pytest.mark.parametrize("layout", ["1d", "c", "fortran"])
def test_native_blocks_keep_float32_and_map_float64(tmp_path, layout):
    x32 = ties_in_float32(5000)
    for data in (x32, x32.astype(np.float64)):
        arr = data if layout == "1d" else np.column_stack([data, -data])
        if layout == "fortran":
            arr = np.asfortranarray(arr)
        path = tmp_path / f"{data.dtype}.npy"
        np.save(path, arr)
        table = ChunkedTable(str(path), chunk_samples=700)
        table.native_floats = True
        blocks = list(table.blocks())
        first = blocks[0][table.names[0]]
        assert first.dtype == data.dtype
        if layout != "c":  # a contiguous column is the map itself: no copy, and read-only
            assert not first.flags.writeable
        assert np.array_equal(np.concatenate([b[table.names[0]] for b in blocks]), data)
        default = next(ChunkedTable(str(path), chunk_samples=700).blocks())[table.names[0]]
        assert default.dtype == np.float64 and default.flags.writeable  # other readers still get copies


@pytest.mark.parametrize("weighted", [False, True])
def test_float32_file_counts_equal_float64_counts(tmp_path, weighted):
    x32 = ties_in_float32(6000, seed=3)
    counts = {}
    for dtype in (np.float32, np.float64):
        path = tmp_path / f"x_{np.dtype(dtype).name}.npy"
        np.save(path, x32.astype(dtype))
        table = ChunkedTable(str(path), chunk_samples=999)
        table.native_floats = True
        counts[dtype] = table_counts(table, 5, [1, 3], weighted=weighted)["value"]
    for tau in (1, 3):
        one = counts[np.float32].counters[tau].counts()
        assert np.array_equal(one, counts[np.float64].counters[tau].counts())
        assert np.array_equal(one, ordinal_counts(x32.astype(np.float64), 5, tau, weighted))


def test_analyze_of_a_float32_file_in_chunks_equals_in_memory(tmp_path):
    from tscomplex.io.series import Series
    from tscomplex.records.analyze import analyze_records

    x32 = ties_in_float32(4000, seed=5)
    path = tmp_path / "x.npy"
    np.save(path, x32)
    chunked = analyze_chunked_records(ChunkedTable(str(path), chunk_samples=512), dim=4, taus=(1, 2))
    whole = analyze_records(Series("test", "value", x32, None), dim=4, taus=(1, 2))
    for a, b in zip(chunked, whole):
        for key in ("permutation_entropy", "statistical_complexity", "missing_patterns", "tied_windows"):
            assert a[key] == pytest.approx(b[key], abs=1e-12), key


def test_counter_without_segment_copies_no_block(tmp_path):
    """The counter reads a mapped block in place: traced allocations stay far below one block."""
    n, chunk = 1 << 20, 1 << 18
    path = tmp_path / "big.npy"
    np.save(path, np.random.default_rng(1).standard_normal(n))
    table = ChunkedTable(str(path), chunk_samples=chunk)
    table.native_floats = True
    counter = OrdinalPatterns(5, 2).counter()
    counter.update(np.arange(10.0), segment=False)  # load the kernels outside the trace
    counter = OrdinalPatterns(5, 2).counter()
    tracemalloc.start()
    try:
        for block in table.blocks():
            counter.update(block["value"], segment=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < chunk * 8 // 4  # a float64 copy of one block would be 2 MB (measured 4.2 MB), the file 8 MB
    assert counter.windows == n - 8
    assert np.array_equal(counter.counts(), ordinal_counts(np.load(path), 5, 2))


def test_counter_refusing_nan_is_left_as_it_was():
    counter = OrdinalPatterns(3, 1).counter()
    counter.update(np.arange(50.0), segment=False)
    before = counter.counts().copy()
    bad = np.arange(40.0)
    bad[17] = np.nan
    with pytest.raises(ValueError, match=r"^chunk has 1 NaN or infinite values \(first at index 17\)$"):
        counter.update(bad, segment=False)
    assert np.array_equal(counter.counts(), before) and counter.windows == 48


@pytest.mark.parametrize("sizes", [[1, 1, 1, 30], [3, 2, 50, 1, 7], [60]])
@pytest.mark.parametrize("weighted", [False, True])
def test_counter_pieces_of_any_size_equal_one_call(sizes, weighted):
    x = np.round(np.random.default_rng(len(sizes)).standard_normal(sum(sizes)), 1)
    counter = OrdinalPatterns(4, 2, weighted).counter()
    start = 0
    for size in sizes:
        counter.update(x[start:start + size], segment=False)
        start += size
    assert counter.windows == x.size - 6
    assert np.array_equal(counter.counts(), ordinal_counts(x, 4, 2, weighted))
