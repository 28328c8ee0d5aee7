"""Divergence curves of Lyapunov from data on threads: the same numbers on 1, 2 and 3 threads (issue 14)."""

import numpy as np
import pytest

import tscomplex._threads as threads_module
from tscomplex.embedding import delay_embedding
from tscomplex.lyapunov.divergence import divergence_curve


def logistic(n, r=4.0, x0=0.2):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = r * x[i] * (1 - x[i])
    return x


def plain_rosenstein(y, n_steps, theiler):
    """Independent curve: brute-force nearest neighbour beyond the Theiler window, mean ln distance per step."""
    m = len(y)
    d2 = ((y[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    idx = np.arange(m)
    d2[np.abs(idx[:, None] - idx[None, :]) <= theiler] = np.inf
    nearest = d2.argmin(axis=1)
    curve = []
    for k in range(n_steps + 1):
        ok = (idx + k < m) & (nearest + k < m)
        d = np.linalg.norm(y[idx[ok] + k] - y[nearest[ok] + k], axis=1)
        d = d[d > 0]
        curve.append(np.log(d).mean() if d.size else np.nan)
    return np.array(curve)


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_divergence_on_threads_is_the_same_curve(monkeypatch, method):
    x = np.round(logistic(4600), 3)  # rounding: ties and duplicated points; > 4096 references: KD-tree workers
    y = delay_embedding(x, 3, 1)
    monkeypatch.setattr(threads_module, "SUM_BLOCK", 97)  # many blocks, an uneven last one
    curves = []
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("TSCOMPLEX_THREADS", threads)
        curves.append(divergence_curve(y, 12, theiler=2, method=method))
    assert np.array_equal(curves[0], curves[1], equal_nan=True)
    assert np.array_equal(curves[0], curves[2], equal_nan=True)
    if method == "rosenstein":
        small = delay_embedding(logistic(1500), 3, 1)
        np.testing.assert_allclose(divergence_curve(small, 12, theiler=2), plain_rosenstein(small, 12, 2),
                                   rtol=1e-9, atol=1e-9)


def test_block_sums_do_not_depend_on_threads():
    rng = np.random.default_rng(0)
    values = rng.standard_normal(10_000) * 10.0 ** rng.integers(-8, 8, 10_000)  # order matters for these sums

    def part(lo, hi):
        return np.array([values[lo:hi].sum()]), np.array([hi - lo])

    got = [threads_module.block_sums(part, values.size, threads=t, block=333) for t in (1, 2, 3, 7)]
    for sums, counts in got:
        assert np.array_equal(sums, got[0][0]) and counts[0] == values.size
    plain = 0.0
    for lo in range(0, values.size, 333):  # the blocks added in their order
        plain += values[lo:lo + 333].sum()
    assert got[0][0][0] == plain
