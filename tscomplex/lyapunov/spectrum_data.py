"""The Lyapunov spectrum from a scalar series: local linear maps in the delay embedding, re-orthonormalised by QR.

Around each reference point of the reconstructed orbit the map y_i -> y_{i+s}
is fitted by least squares on the point's nearest neighbours (an affine map:
the neighbourhood's mean is subtracted before the fit). A set of tangent
vectors is carried along the orbit by these matrices and re-orthonormalised
by a QR decomposition at every step; the time averages of log |R_jj| are the
exponents (Eckmann, Kamphorst, Ruelle & Ciliberto 1986; Sano & Sawada 1985;
TISEAN ``lyap_spec``).

An embedding of m dimensions gives m exponents, and those beyond the system's
own are spurious. The estimate is repeated on the time-reversed series: the
true exponents change sign there, the spurious ones do not (Parlitz 1992).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_int, check_scalar
from ..embedding import delay_embedding
from ..embedding.delay import _as_series
from .data import choose_embedding
from .spectrum import kaplan_yorke_dimension

__all__ = ["LyapunovSpectrumFromData", "lyapunov_spectrum_from_data", "local_map_spectrum"]

#: a reversed exponent matches -lambda within this fraction of the spectrum's largest magnitude ...
MATCH_RELATIVE = 0.05
#: ... or within this fraction of |lambda| itself, whichever is larger
MATCH_OWN = 0.1
#: Tikhonov term of each local fit, relative to the neighbourhood's variance: a direction the data do not span
#: (an over-large embedding) is shrunk, not fitted to rounding noise
RIDGE = 1e-6


@dataclass
class LyapunovSpectrumFromData:
    """The Lyapunov spectrum estimated from a series.

    ``exponents`` are descending, per time unit (per sample when dt = 1);
    ``reversed_exponents`` are the same estimate on the time-reversed series,
    and ``spurious[i]`` is True when ``-exponents[i]`` has no partner among them
    (None when the check was not made, or cannot judge that exponent: see
    ``spurious_rule``). ``kaplan_yorke_dimension`` is that of all the exponents,
    as TISEAN reports it: read it with the flags.
    """

    exponents: np.ndarray
    kaplan_yorke_dimension: float | None
    spurious: list | None
    reversed_exponents: np.ndarray | None
    dim: int
    lag: int
    theiler: int
    neighbors: int
    evolution_steps: int
    dt: float
    n_references: int
    history: np.ndarray = field(repr=False, default=None)
    spurious_rule: str | None = None
    lag_bounded: bool = False  # the automatic lag was cut to a quarter of the mean period (not a record key)

    def as_record(self) -> dict:
        lam = [float(v) for v in self.exponents]
        return {
            "lyapunov_spectrum": lam, "max_lyapunov": lam[0] if lam else None,
            "kaplan_yorke_dimension": self.kaplan_yorke_dimension,
            "spurious_exponents": self.spurious, "spurious_exponents_rule": self.spurious_rule,
            "reversed_lyapunov_spectrum": None if self.reversed_exponents is None
            else [float(v) for v in self.reversed_exponents],
            "embedding_dim": self.dim, "embedding_lag": self.lag, "theiler": self.theiler,
            "neighbors": self.neighbors, "evolution_steps": self.evolution_steps,
            "reference_points": self.n_references,
        }


def local_map_spectrum(y, steps: int = 1, neighbors: int | None = None, theiler: int = 0,
                       max_references: int | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """(exponents per step, running estimates, references used) of the orbit ``y`` (points x dims).

    The local map y_i -> y_{i+steps} is fitted on the ``neighbors`` nearest
    points (excluding those within ``theiler`` samples in time) around the
    reference points i = 0, steps, 2·steps, ..., and the tangent vectors are
    carried from one reference to the next.
    """
    from scipy.spatial import cKDTree

    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be a 2-D array of points")
    n, m = y.shape
    steps = check_int(steps, "steps", minimum=1)
    if neighbors is None:
        neighbors = max(2 * m + 2, 10)
    neighbors = check_int(neighbors, "neighbors", minimum=m + 1)
    usable = n - steps  # points whose image is known
    if usable < neighbors + 2 * theiler + 2:
        raise ValueError(f"an embedding of {n} points is too short for {neighbors} neighbours with "
                         f"theiler={theiler} and steps={steps}")
    refs = np.arange(0, usable, steps)
    if max_references is not None and refs.size > max_references:
        refs = refs[:max_references]
    tree = cKDTree(y[:usable])
    k = min(usable, neighbors + 2 * theiler + 1)
    _, idx = tree.query(y[refs], k=k)
    idx = np.atleast_2d(idx)
    keep = np.abs(idx - refs[:, None]) > theiler
    keep[:, 0] |= idx[:, 0] == refs  # the reference itself anchors the fit
    # first `neighbors` admissible columns of each row (stable: nearest first)
    order = np.argsort(~keep, axis=1, kind="stable")[:, :neighbors]
    chosen = np.take_along_axis(idx, order, axis=1)
    valid = np.take_along_axis(keep, order, axis=1).all(axis=1)
    X = y[chosen]                       # (r, k, m)
    Y = y[chosen + steps]
    X = X - X.mean(axis=1, keepdims=True)
    Y = Y - Y.mean(axis=1, keepdims=True)
    G = np.einsum("rki,rkj->rij", X, X)
    C = np.einsum("rki,rkj->rij", X, Y)
    # (a neighbourhood of identical points has G = 0: the floor keeps the solve defined, and its map, 0, is skipped)
    ridge = (RIDGE * np.trace(G, axis1=1, axis2=2)[:, None, None] + 1e-300) * np.eye(m)
    A = np.transpose(np.linalg.solve(G + ridge, C), (0, 2, 1))   # Y ≈ X A^T: rows are maps of each point
    sums, history, used = _carry(np.ascontiguousarray(A), valid)
    if used == 0:
        raise ValueError("no neighbourhood could be fitted: the series is too short or degenerate")
    return sums / used, history, used


def _carry_py(A, valid):
    """Carry an orthonormal frame through the maps A[r] (r x m x m): Q R = A Q by modified Gram-Schmidt,
    summing log R_jj; a map that is invalid or singular is skipped (the frame restarts)."""
    r_count, m, _ = A.shape
    Q = np.eye(m)
    V = np.empty((m, m))
    sums = np.zeros(m)
    history = np.empty((r_count, m))
    used = 0
    for r in range(r_count):
        ok = valid[r]
        if ok:
            for i in range(m):
                for j in range(m):
                    acc = 0.0
                    for k in range(m):
                        acc += A[r, i, k] * Q[k, j]
                    V[i, j] = acc
            logs = np.empty(m)
            for j in range(m):
                for i in range(j):
                    dot = 0.0
                    for k in range(m):
                        dot += V[k, i] * V[k, j]
                    for k in range(m):
                        V[k, j] -= dot * V[k, i]
                norm = 0.0
                for k in range(m):
                    norm += V[k, j] * V[k, j]
                norm = math.sqrt(norm)
                if not (norm > 0.0 and math.isfinite(norm)):
                    ok = False
                    break
                logs[j] = math.log(norm)
                for k in range(m):
                    V[k, j] /= norm
            if ok:
                for j in range(m):
                    sums[j] += logs[j]
                    for k in range(m):
                        Q[k, j] = V[k, j]
                used += 1
            else:
                Q[:, :] = np.eye(m)
        for j in range(m):
            history[r, j] = sums[j] / max(used, 1)
    return sums, history, used


_CARRY = None


def _carry(A, valid):
    global _CARRY
    if _CARRY is None:
        from numba import njit

        _CARRY = njit(cache=True, nogil=True)(_carry_py)
    return _CARRY(A, valid & np.isfinite(A).all(axis=(1, 2)))


def _match(forward, backward):
    """spurious[i]: no reversed exponent equals -forward[i] (one-to-one, nearest pairs first)."""
    scale = max(float(np.max(np.abs(forward))), 1e-12)
    pairs = sorted((abs(f + b), i, j) for i, f in enumerate(forward) for j, b in enumerate(backward))
    free_f, free_b = set(range(len(forward))), set(range(len(backward)))
    spurious = [True] * len(forward)
    for dist, i, j in pairs:
        if i in free_f and j in free_b and dist <= max(MATCH_RELATIVE * scale, MATCH_OWN * abs(forward[i])):
            spurious[i] = False
            free_f.discard(i)
            free_b.discard(j)
    return spurious


def lyapunov_spectrum_from_data(x, dim: int | None = None, lag: int | None = None, theiler: int | None = None,
                                dt: float = 1.0, steps: int | None = None, neighbors: int | None = None,
                                lag_method: str = "mi", dim_method: str | None = None, max_dim: int = 10,
                                reversal_check: bool = True,
                                max_references: int | None = None) -> LyapunovSpectrumFromData:
    """The Lyapunov spectrum of a scalar series from local linear maps in its delay embedding.

    Parameters
    ----------
    x : array_like, 1-D
        The series, uniformly sampled.
    dim, lag, theiler : int, optional
        The embedding dimension, delay and Theiler window, chosen from the data
        as :func:`max_lyapunov` chooses them unless given.
    dt : float, default 1.0
        Sampling interval; exponents are per time unit.
    steps : int, optional
        Samples the local map looks ahead (default: the lag, i.e. 1 for maps).
    neighbors : int, optional
        Points in each least-squares fit (default max(2·dim + 2, 10)).
    reversal_check : bool, default True
        Repeat on the time-reversed series and flag the exponents whose negative
        has no partner there as spurious.
    max_references : int, optional
        Use at most this many reference points.

    Returns
    -------
    LyapunovSpectrumFromData
        ``exponents`` (descending, per time unit), ``kaplan_yorke_dimension``
        (of all the exponents; None when it cannot be computed), ``spurious``, ``reversed_exponents``, the embedding, and
        ``history`` (running estimates, per time unit).

    Raises
    ------
    ValueError
        A constant or non-finite series, bad options, or a series too short
        for the requested embedding.

    Notes
    -----
    Along the orbit, T_i maps y_j - <y> near y_i to y_{j+s} - <y'> (least
    squares over the neighbours); Q_{i+1} R_i = T_i Q_i and
    lambda_j = <log |R_i,jj|> / (s·dt). An exponent lambda is true when the
    reversed series has an exponent within max(0.05·max|lambda|, 0.1·|lambda|)
    of -lambda (each used once, nearest pairs first). The check is reliable
    for maps; for a flow the reversed series' strongly expanding direction
    (the forward contraction, -14.6 for Lorenz) is poorly resolved, so the
    largest and most negative exponents of a flow would be flagged although
    true. A sampled flow shows itself by a delay lag above 1; there only the
    exponent nearest zero is judged (a flow's zero exponent is zero both ways)
    and the other flags are None, as ``spurious_rule`` says.

    References
    ----------
    J.-P. Eckmann, S. O. Kamphorst, D. Ruelle and S. Ciliberto, Phys. Rev. A 34, 4971 (1986).
    M. Sano and Y. Sawada, Phys. Rev. Lett. 55, 1082 (1985).
    U. Parlitz, Int. J. Bifurcation Chaos 2, 155 (1992).
    R. Hegger, H. Kantz and T. Schreiber, Chaos 9, 413 (1999) (TISEAN, lyap_spec).

    Examples
    --------
    >>> x = np.empty(20_000); a, b = 0.1, 0.0
    >>> for i in range(20_000): a, b = 1 - 1.4 * a * a + b, 0.3 * a; x[i] = a
    >>> s = lyapunov_spectrum_from_data(x, dim=2, lag=1)
    >>> [round(float(v), 1) for v in s.exponents]
    [0.4, -1.6]
    """
    x = _as_series(x)
    check_scalar(dt, "dt", minimum=0, include_min=False)
    embedding = choose_embedding(x, dim, lag, theiler, lag_method, dim_method, max_dim)
    if steps is None:
        steps = embedding.lag
    steps = check_int(steps, "steps", minimum=1)
    if embedding.dim < 1:
        raise ValueError("dim must be at least 1")
    y = delay_embedding(x, embedding.dim, embedding.lag)
    theiler_w = embedding.theiler
    lam, history, used = local_map_spectrum(y, steps, neighbors, theiler_w, max_references)
    scale = 1.0 / (steps * dt)
    lam = np.sort(lam)[::-1] * scale
    spurious = backward = rule = None
    if reversal_check:
        yb = delay_embedding(np.ascontiguousarray(x[::-1]), embedding.dim, embedding.lag)
        backward = np.sort(local_map_spectrum(yb, steps, neighbors, theiler_w, max_references)[0])[::-1] * scale
        spurious = _match(lam, backward)
        rule = "time reversal (Parlitz 1992): an exponent is true when the reversed series has one near its negative"
        if embedding.lag > 1 and lam.size > 1:
            keep = int(np.argmin(np.abs(lam)))
            spurious = [flag if i == keep else None for i, flag in enumerate(spurious)]
            rule = ("time reversal, exponent nearest zero only: a delay lag above 1 marks a sampled flow, whose "
                    "reversed series does not resolve the contracting direction, so the other exponents are "
                    "not judged (null)")
    try:
        dky = kaplan_yorke_dimension(lam)
    except ValueError:
        dky = None
    used_neighbors = neighbors if neighbors is not None else max(2 * embedding.dim + 2, 10)
    return LyapunovSpectrumFromData(
        exponents=lam, kaplan_yorke_dimension=dky, spurious=spurious, reversed_exponents=backward,
        dim=embedding.dim, lag=embedding.lag, theiler=theiler_w, neighbors=used_neighbors,
        evolution_steps=steps, dt=float(dt), n_references=used, history=np.sort(history, axis=1)[:, ::-1] * scale,
        spurious_rule=rule, lag_bounded=embedding.lag_bounded)
