"""NaN policies (error, drop, interpolate) against plain numpy, and the interpolation overflow check."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.io.chunked import ChunkedTable
from tscomplex.io.cleaning import clean_nonfinite
from tscomplex.io.errors import InputError
from tscomplex.io.readers import read_series


def test_nan_policies_against_plain_numpy(tmp_path):
    x = np.sin(np.arange(40) / 3.0)
    x[[0, 7, 8, 20, 39]] = np.nan
    path = tmp_path / "g.csv"
    path.write_text("v\n" + "\n".join("NA" if np.isnan(v) else repr(float(v)) for v in x) + "\n")
    with pytest.raises(InputError, match="5 NaN, inf or blank values \\(first at data row 1\\)"):
        read_series(str(path))
    dropped = read_series(str(path), nan="drop")[0].values
    assert np.array_equal(dropped, x[np.isfinite(x)])
    filled = read_series(str(path), nan="interpolate")[0].values
    # plain reference: linear between neighbours, constant beyond the ends
    ref = x.copy()
    good = [i for i in range(x.size) if np.isfinite(x[i])]
    for i in range(x.size):
        if np.isfinite(x[i]):
            continue
        left = max((g for g in good if g < i), default=None)
        right = min((g for g in good if g > i), default=None)
        if left is None:
            ref[i] = x[right]
        elif right is None:
            ref[i] = x[left]
        else:
            ref[i] = x[left] + (x[right] - x[left]) * (i - left) / (right - left)
    np.testing.assert_allclose(filled, ref, rtol=0, atol=1e-15)
    with pytest.raises(InputError, match="fewer than 2 finite values"):
        clean_nonfinite(np.array([np.nan, 1.0, np.inf]), "interpolate", "v")
    with pytest.raises(InputError, match="^nan must be one of error, drop, interpolate"):
        read_series(str(path), nan="zero")


def test_interpolation_that_overflows_is_refused(tmp_path):
    """Midway between -1.7e308 and 1.7e308 np.interp computes (b - a), which is inf; both readers say so."""
    x = np.array([1.0, -1.7e308, np.nan, np.nan, 1.7e308, 2.0])
    csv = tmp_path / "big.csv"
    csv.write_text("v\n" + "\n".join("" if np.isnan(v) else repr(float(v)) for v in x) + "\n")
    npy = tmp_path / "big.npy"
    np.save(npy, x)
    for path in (csv, npy):
        with pytest.raises(InputError, match="overflows float64"):
            read_series(str(path), nan="interpolate")
    for chunk in (1, 2, 3, 100):
        with pytest.raises(InputError, match="overflows float64"):
            list(ChunkedTable(str(npy), nan="interpolate", chunk_samples=chunk).blocks())
    ok = x.copy()
    ok[[1, 4]] = [-1e300, 1e300]  # large but with room for the difference
    np.save(npy, ok)
    filled = read_series(str(npy), nan="interpolate")[0].values
    np.testing.assert_allclose(filled[2:4], [-1e300 / 3, 1e300 / 3], rtol=1e-12)
