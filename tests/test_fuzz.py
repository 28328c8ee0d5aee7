"""Property-based fuzzing of the readers and of every numba kernel's public wrapper.

The contract under test: on any input a reader returns finite float64 series
or raises InputError, and a kernel wrapper returns finite numbers (in their
documented ranges) or raises ValueError with a message. Nothing else, ever:
no IndexError from a kernel, no numba crash, no NaN slipping out.

Example counts are modest so the whole file stays well under a minute of CPU.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tscomplex import complexity_entropy, fisher_information, missing_patterns, ordinal_codes, ordinal_counts
from tscomplex import permutation_entropy, statistical_complexity
from tscomplex.io import ChunkedTable, InputError, read_series, streamable
from tscomplex.lyapunov import max_lyapunov
from tscomplex.patching import boundaries_from_entropy, conditional_entropy, patch_boundaries
from tscomplex.plane import complexity_curves, tau_sweep, tau_sweep_full

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])

# finite floats of every scale, including subnormals, huge values and signed zeros
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
modest = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
series = st.lists(finite, min_size=0, max_size=60).map(lambda v: np.array(v, dtype=np.float64))


def series_of_at_least(n):
    """Series drawn long enough up front, so no example is thrown away (filtering trips Hypothesis's health check)."""
    return st.lists(finite, min_size=n, max_size=max(n, 60)).map(lambda v: np.array(v, dtype=np.float64))


@st.composite
def series_dim_tau(draw):
    """A (series, dim, tau) triple where the series has at least one (dim, tau) window."""
    dim, tau = draw(dims), draw(taus)
    return draw(series_of_at_least((dim - 1) * tau + 1)), dim, tau

dims = st.integers(2, 6)
taus = st.integers(1, 4)
bad_dims = st.sampled_from([0, 1, 11, -3, 2.5, True])
bad_taus = st.sampled_from([0, -1, 1.5, False])


def with_bad_value(x, bad, where):
    y = np.array(x, dtype=np.float64)
    y[where % y.size] = bad
    return y


# --------------------------------------------------------------------------- readers

# text made of the pieces that CSV files are made of, and of the pieces that break naive readers
cell = st.one_of(
    finite.map(repr), modest.map(lambda v: f"{v:.3g}"), st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["", " ", "nan", "NaN", "NA", "null", "inf", "-inf", "1e999", "-0", "0x10", "1,5", "1_000",
                     '"1.5"', "'2'", '"', "''", "#", "# comment", "time", "t", "x", "é", "∞", "١٢", "\ufeff",
                     "\x00", "\t", ";", "\\", "1e-320", "+.5", "5.", "--1", "True"]),
    st.text(max_size=6),
)
delimiter = st.sampled_from([",", "\t", ";", " ", ", ", "|"])
newline = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def text_tables(draw):
    sep, nl = draw(delimiter), draw(newline)
    rows = draw(st.lists(st.lists(cell, min_size=1, max_size=4), min_size=0, max_size=12))
    text = nl.join(sep.join(row) for row in rows)
    if draw(st.booleans()):
        text += nl
    return text


def assert_both_readers(path):
    """The whole-file reader, and for NPY and Parquet the chunked one analyze uses, keep the contract."""
    assert_reader_contract(path)
    if streamable(str(path)):
        try:
            table = ChunkedTable(str(path), chunk_samples=7)
            for block in table.blocks():
                assert all(np.all(np.isfinite(v)) for v in block.values())
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)


def assert_reader_contract(path, **options):
    try:
        out = read_series(str(path), **options)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
        return None
    assert out, "read_series returned no series without raising"
    for s in out:
        # float32 data stay float32 (counted as they are: no 2.25x copy); everything else becomes float64
        assert s.values.dtype in (np.float64, np.float32) and s.values.ndim == 1 and s.values.size > 0
        assert np.all(np.isfinite(s.values)), s
        assert s.dt is None or (math.isfinite(s.dt) and s.dt > 0)
    return out


# the magic numbers of the formats a reader may sniff, followed by anything
magic = st.sampled_from([b"", b"\x1f\x8b", b"\x1f\x8b\x08\x00", b"PAR1", b"\x93NUMPY", b"\x93NUMPY\x01\x00",
                         b"PK\x03\x04", b"\xef\xbb\xbf", b"BZh", b"\xfd7zXZ\x00"])


@FUZZ
@example(data=b"\x1f\x8b", suffix=".csv")  # found by this test: a truncated gzip under a .csv name
@example(data=b"PK\x03\x04", suffix=".npy")  # and a zip header under .npy (BadZipFile)
@given(data=st.builds(lambda head, tail: head + tail, magic, st.binary(max_size=400)),
       suffix=st.sampled_from([".csv", ".tsv", ".txt", ".npy", ".npz", ".parquet", ".csv.gz", ".dat"]))
def test_random_bytes_never_crash_a_reader(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    assert_both_readers(path)


def _valid_files() -> dict:
    """Small valid files of every binary format, as bytes, to be damaged by the test below."""
    import gzip
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    x = np.linspace(-1.0, 1.0, 40) ** 3
    out = {}
    buf = io.BytesIO()
    np.save(buf, x)
    out[".npy"] = buf.getvalue()
    buf = io.BytesIO()
    np.save(buf, np.column_stack([x, -x]).astype(np.float32))
    out[".npy2"] = buf.getvalue()
    buf = io.BytesIO()
    np.savez_compressed(buf, a=x, b=x[::-1])
    out[".npz"] = buf.getvalue()
    buf = io.BytesIO()
    pq.write_table(pa.table({"time": np.arange(40) * 0.01, "x": x}), buf, row_group_size=16)
    out[".parquet"] = buf.getvalue()
    out[".csv.gz"] = gzip.compress(("t,x\n" + "".join(f"{i * 0.5},{v!r}\n" for i, v in enumerate(x))).encode())
    return out


VALID_FILES = _valid_files()


@FUZZ
@given(kind=st.sampled_from(sorted(VALID_FILES)), cut=st.integers(0, 10**6),
       flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4))
def test_damaged_binary_files_fail_cleanly(tmp_path, kind, cut, flips):
    """A valid NPY, NPZ, Parquet or gzip file, truncated and with a few bytes changed."""
    data = bytearray(VALID_FILES[kind])
    for where, value in flips:
        data[where % len(data)] = value
    if cut % 3 == 0:  # a third of the cases keep the full length
        del data[len(data) - cut % (len(data) + 1):]
    path = tmp_path / f"damaged{kind.rstrip('2')}"
    path.write_bytes(bytes(data))
    assert_both_readers(path)


@FUZZ
@given(text=text_tables(), nan=st.sampled_from(["error", "drop", "interpolate"]))
def test_random_text_tables_never_crash_a_reader(tmp_path, text, nan):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert_reader_contract(path, nan=nan)


@FUZZ
@given(values=st.lists(st.one_of(finite, st.just(math.nan), st.just(math.inf)), min_size=1, max_size=40),
       header=st.booleans(), nan=st.sampled_from(["error", "drop", "interpolate"]))
def test_numeric_columns_read_back_exactly(tmp_path, values, header, nan):
    """A column of numbers (and holes) written with repr reads back bit for bit, holes per the policy.

    A hole is an empty line. Empty lines at the very end of the file (and at
    its start when there is no header) are not data: they are how editors end
    files, so they are not counted as blank cells.
    """
    path = tmp_path / "col.csv"
    cells = ["" if math.isnan(v) else repr(v) for v in values]
    path.write_text(("value\n" if header else "") + "\n".join(cells) + "\n")
    out = assert_reader_contract(path, nan=nan)
    while values and math.isnan(values[-1]):
        values = values[:-1]
    while not header and values and math.isnan(values[0]):
        values = values[1:]
    if not values:
        assert out is None
        return
    arr = np.array(values)
    good = np.isfinite(arr)
    if nan == "error" and not good.all() or not good.any() or (nan == "interpolate" and good.sum() < 2
                                                               and not good.all()):
        assert out is None
        return
    if out is None:  # e.g. a file whose only rows are blank
        return
    (s,) = out
    if nan in ("error", "drop"):
        np.testing.assert_array_equal(s.values, arr[good])
    else:
        assert s.values.size == arr.size
        np.testing.assert_array_equal(s.values[good], arr[good])


@FEW
@given(x=st.lists(modest, min_size=1, max_size=30), kind=st.sampled_from(["f8", "f4", "i4", "u1", "c16", "U3",
                                                                          "O", "b1"]))
def test_npy_of_any_dtype(tmp_path, x, kind):
    path = tmp_path / "a.npy"
    if kind == "O":
        np.save(path, np.array(x, dtype=object), allow_pickle=True)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            np.save(path, np.array(x).astype(kind))
    out = assert_reader_contract(path)
    if kind in ("f8", "i4", "u1", "b1") and out is not None:
        assert out[0].values.size == len(x)
    if out is not None:
        assert out[0].values.dtype == (np.float32 if kind == "f4" else np.float64), kind
    if kind in ("O", "U3", "c16"):
        assert out is None


# --------------------------------------------------------------------------- ordinal kernels


@FUZZ
@given(x=series, dim=dims, tau=taus, weighted=st.booleans(), tie=st.one_of(st.none(), st.integers(0, 4)))
def test_ordinal_counts_and_codes(x, dim, tau, weighted, tie):
    need = (dim - 1) * tau + 1
    if x.size < need:
        with pytest.raises(ValueError, match="too short"):
            ordinal_counts(x, dim, tau, weighted, tie)
        with pytest.raises(ValueError, match="too short"):
            ordinal_codes(x, dim, tau, tie)
        return
    try:
        counts = ordinal_counts(x, dim, tau, weighted, tie)
    except ValueError as exc:  # weights are window variances: refused, not NaN, where they overflow
        assert weighted and ("overflow" in str(exc) or "positive weight" in str(exc)), exc
        return
    assert counts.shape == (math.factorial(dim),) and np.all(counts >= 0)
    codes = ordinal_codes(x, dim, tau, tie)
    assert codes.size == x.size - (dim - 1) * tau
    assert codes.min() >= 0 and codes.max() < math.factorial(dim)
    if not weighted:
        np.testing.assert_array_equal(counts, np.bincount(codes, minlength=math.factorial(dim)))
    else:
        assert np.all(np.isfinite(counts))


@FUZZ
@given(x=series_of_at_least(1), dim=dims, tau=taus, bad=st.sampled_from([math.nan, math.inf,
                                                                                      -math.inf]),
       where=st.integers(0, 10**6))
def test_ordinal_refuses_nonfinite(x, dim, tau, bad, where):
    y = with_bad_value(x, bad, where)
    with pytest.raises(ValueError, match="NaN or infinite"):
        ordinal_counts(y, dim, tau)
    with pytest.raises(ValueError, match="NaN or infinite"):
        permutation_entropy(y, dim, tau)


@FEW
@given(x=series, dim=bad_dims, tau=bad_taus)
def test_ordinal_refuses_bad_dim_and_tau(x, dim, tau):
    with pytest.raises(ValueError, match="dim"):
        ordinal_counts(x, dim, 1)
    with pytest.raises(ValueError, match="tau"):
        ordinal_counts(x, 3, tau)
    with pytest.raises(ValueError, match="dim|tau"):
        ordinal_codes(x, dim, tau)


@FUZZ
@given(case=series_dim_tau())
def test_measures_are_finite_and_in_range(case):
    x, dim, tau = case
    h, c = complexity_entropy(x, dim, tau)
    values = {"H": h, "C": c, "H2": permutation_entropy(x, dim, tau), "C2": statistical_complexity(x, dim, tau),
              "F": fisher_information(x, dim, tau), "missing": missing_patterns(x, dim, tau)}
    for name, v in values.items():
        assert math.isfinite(v) and -1e-12 <= v <= 1 + 1e-12, (name, v)
    assert values["H"] == values["H2"] and values["C"] == values["C2"]


# --------------------------------------------------------------------------- plane


@FUZZ
@given(x=series, dim=dims, ts=st.lists(taus, min_size=1, max_size=4))
def test_tau_sweep_matches_pointwise_or_refuses(x, dim, ts):
    need = (dim - 1) * max(ts) + 1
    if x.size < need:
        with pytest.raises(ValueError, match="too short|leaves"):
            tau_sweep(x, ts, dim)
        return
    h, c, turns = tau_sweep_full(x, ts, dim)
    assert np.all(np.isfinite(h)) and np.all(np.isfinite(c)) and np.all(np.isfinite(turns))
    for tau, hv, cv in zip(ts, h, c):
        h1, c1 = complexity_entropy(x, dim, tau)
        assert hv == pytest.approx(h1, abs=1e-12) and cv == pytest.approx(c1, abs=1e-12)
    assert np.all((turns >= 0) & (turns <= 1))


@FEW
@given(x=st.lists(modest, min_size=20, max_size=40).map(np.array),
       ts=st.sampled_from([[0], [-2, 1], [1.5], [], [[1, 2]]]))
def test_tau_sweep_refuses_bad_taus(x, ts):
    with pytest.raises(ValueError, match="tau"):
        tau_sweep(x, ts, 3)


@FEW
@given(x=st.lists(modest, min_size=20, max_size=40).map(np.array), bad=st.sampled_from([math.nan, math.inf]),
       where=st.integers(0, 100), dim=bad_dims)
def test_tau_sweep_refuses_bad_series_and_dim(x, bad, where, dim):
    with pytest.raises(ValueError, match="NaN or infinite"):
        tau_sweep(with_bad_value(x, bad, where), [1, 2], 3)
    with pytest.raises(ValueError, match="dim"):
        tau_sweep(x, [1], dim)


@pytest.mark.parametrize("dim", [3, 4, 5, 6])
def test_complexity_curves_are_finite_and_ordered(dim):
    curves = complexity_curves(dim, h_step=0.01)
    for name in ("h_max", "c_max", "h_min", "c_min"):
        arr = np.asarray(getattr(curves, name))
        assert arr.size and np.all(np.isfinite(arr)) and np.all((arr >= -1e-12) & (arr <= 1 + 1e-12)), name
    # on a common grid of H the maximum curve lies above the minimum curve
    grid = np.linspace(0.05, 0.95, 19)
    order_max, order_min = np.argsort(curves.h_max), np.argsort(curves.h_min)
    cmax = np.interp(grid, np.asarray(curves.h_max)[order_max], np.asarray(curves.c_max)[order_max])
    cmin = np.interp(grid, np.asarray(curves.h_min)[order_min], np.asarray(curves.c_min)[order_min])
    assert np.all(cmax >= cmin - 1e-9)


@pytest.mark.parametrize("dim, h_step", [(1, 0.01), (11, 0.01), (2.5, 0.01), (5, 0.0), (5, 0.7), (5, math.nan)])
def test_complexity_curves_refuse_bad_arguments(dim, h_step):
    with pytest.raises(ValueError):
        complexity_curves(dim, h_step=h_step)


# --------------------------------------------------------------------------- patching


entropy_options = st.one_of(
    st.fixed_dictionaries({"estimator": st.just("value"), "bins": st.integers(2, 6), "order": st.integers(0, 3),
                           "mode": st.sampled_from(["causal", "fit"]), "alpha": st.sampled_from([0.0, 0.5, 1.0]),
                           "center": st.booleans(), "value_range": st.sampled_from([0.5, 3.0])}),
    st.fixed_dictionaries({"estimator": st.just("ordinal"), "dim": st.integers(2, 5),
                           "mode": st.sampled_from(["causal", "fit"]), "alpha": st.sampled_from([0.0, 0.5])}),
)


@FUZZ
@given(x=series, opts=entropy_options)
def test_conditional_entropy_is_finite_and_bounded(x, opts):
    k = opts.get("order", 0) if opts["estimator"] == "value" else opts["dim"]
    if x.size <= k:
        with pytest.raises(ValueError, match="too short"):
            conditional_entropy(x, **opts)
        return
    h = conditional_entropy(x, **opts)
    n_sym = opts["bins"] if opts["estimator"] == "value" else opts["dim"]
    assert h.shape == x.shape and np.all(np.isfinite(h))
    assert np.all(h >= -1e-12) and np.all(h <= math.log(n_sym) + 1e-9)


@FUZZ
@given(x=series_of_at_least(6), opts=entropy_options,
       rule=st.sampled_from(["global", "relative", "both", "either"]),
       threshold=st.sampled_from(["q50", "q90", 0.0, 1.0, 100.0]), min_len=st.integers(1, 5),
       max_len=st.one_of(st.none(), st.integers(5, 20)))
def test_patch_boundaries_tile_the_series(x, opts, rule, threshold, min_len, max_len):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        starts = patch_boundaries(x, rule=rule, threshold=threshold, jump=threshold, min_len=min_len,
                                  max_len=max_len, **opts)
    assert starts[0] == 0 and np.all(np.diff(starts) > 0) and starts[-1] < x.size
    lengths = np.diff(np.append(starts, x.size))
    if max_len is not None:
        assert lengths.max() <= max_len


@FEW
@given(x=st.lists(modest, min_size=10, max_size=30).map(np.array), bad=st.sampled_from([math.nan, math.inf]),
       where=st.integers(0, 100))
def test_patching_refuses_bad_input(x, bad, where):
    with pytest.raises(ValueError, match="NaN or infinite"):
        conditional_entropy(with_bad_value(x, bad, where))
    with pytest.raises(ValueError, match="dim"):
        conditional_entropy(x, "ordinal", dim=11)
    with pytest.raises(ValueError, match="bins"):
        conditional_entropy(x, bins=1)
    with pytest.raises(ValueError, match="estimator"):
        conditional_entropy(x, "words")
    h = conditional_entropy(x)
    with pytest.raises(ValueError):
        boundaries_from_entropy(h, "sideways", 0.0, 0.0)
    with pytest.raises(ValueError):
        boundaries_from_entropy(h, "global", 0.0, 0.0, min_len=0)


# --------------------------------------------------------------------------- lyapunov


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=st.lists(st.one_of(modest, finite), min_size=0, max_size=120).map(np.array),
       method=st.sampled_from(["rosenstein", "kantz"]),
       dim=st.one_of(st.none(), st.integers(1, 4)), lag=st.one_of(st.none(), st.integers(1, 3)))
def test_max_lyapunov_small_series(x, method, dim, lag):
    try:
        result = max_lyapunov(x, dim=dim, lag=lag, method=method, max_dim=4)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for name in ("max_lyapunov", "max_lyapunov_per_sample", "fit_r2", "fit_intercept"):
        value = getattr(result, name)
        assert value is None or math.isfinite(value), (name, value)
    assert result.dim >= 1 and result.lag >= 1 and result.theiler >= 0
    assert result.chaotic in (True, False, None)  # None: the data cannot decide, with the reason
    assert result.chaotic is not None or result.reason
    if result.chaotic:
        assert result.max_lyapunov > 0


@FEW
@given(x=st.lists(modest, min_size=50, max_size=80).map(lambda v: np.append(v, v[0] + 1.0)),  # never constant
       bad=st.sampled_from([math.nan, math.inf]), where=st.integers(0, 100))
def test_max_lyapunov_refuses_bad_input(x, bad, where):
    with pytest.raises(ValueError, match="NaN or infinite"):
        max_lyapunov(with_bad_value(x, bad, where))
    with pytest.raises(ValueError, match="constant"):
        max_lyapunov(np.full(x.size, x[0]))
    with pytest.raises(ValueError, match="dt"):
        max_lyapunov(x, dt=0.0)
    with pytest.raises(ValueError, match="method"):
        max_lyapunov(x, method="wolf")
    with pytest.raises(ValueError):
        max_lyapunov(x, dim=0)
    with pytest.raises(ValueError):
        max_lyapunov(x, lag=-1)


# --------------------------------------------------------------------------- amplitude


@pytest.mark.parametrize("power", [-1000, -400, 400, 900])
def test_extreme_amplitudes_give_the_same_answers(power):
    """Timescales, Lyapunov slopes and value symbols do not depend on the amplitude, even near the limits
    of a double (found by fuzzing: 1e300-sized data gave an IndexError, 1e-310-sized data a NaN)."""
    from tscomplex.plane import natural_timescale
    from tscomplex.systems import simulate

    x = simulate("logistic", 3000).component(0)
    s = 2.0 ** power  # a power of two: scaling is exact, so the answers must be identical
    assert np.all(np.isfinite(x * s)) and np.all(x * s / s == x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no overflow or invalid-value warnings on the way
        plain, scaled = max_lyapunov(x), max_lyapunov(x * s)
        assert scaled.max_lyapunov == plain.max_lyapunov and scaled.dim == plain.dim
        assert scaled.fit_intercept == pytest.approx(plain.fit_intercept + power * math.log(2.0), abs=1e-9)
        assert natural_timescale(x * s) == natural_timescale(x)
        np.testing.assert_array_equal(conditional_entropy(x * s), conditional_entropy(x))
        assert complexity_entropy(x * s) == complexity_entropy(x)
        np.testing.assert_array_equal(np.array(tau_sweep(x * s, [1, 2, 3])), np.array(tau_sweep(x, [1, 2, 3])))
