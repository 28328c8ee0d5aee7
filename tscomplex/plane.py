"""The complexity-entropy plane: its bounding curves, the noise curve, regimes, tau sweeps and ideal sampling.

A series becomes a point (H, C) of permutation entropy and Jensen-Shannon
statistical complexity (:mod:`tscomplex.information`). Which points are
possible, and what a point means, is read off a few lines of the plane:

* the exact lower and upper bounds C_min(H) and C_max(H) of every
  distribution over d! outcomes (Martin, Plastino & Rosso, Physica A 369,
  439, 2006);
* PECCARY's periodic bounds H_min,per and H_max,per: a periodic signal
  sampled finer than its period has at most 2(2(d-2)+1) patterns, so
  H <= H_max,per (Hyman, Daniel & Schaffner 2024);
* the curve traced by power-law noises with spectrum f^-k, 0 <= k <= 3.5,
  which separates chaos (above) from noise (on it) (Rosso et al., PRL 99,
  154102, 2007). It is computed here from seeded synthetic noise and cached
  on disk, not typed in.

PECCARY's ideal sampling picks the delay tau so that the pattern spans
t_pat = (d-1) tau dt = 0.4 t_nat (0.3 .. 0.5), where t_nat is the natural
timescale of the series (:func:`natural_timescale`, :func:`ideal_tau`).
:func:`tau_sweep` computes H and C for many delays in one numba call.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass, field

import numpy as np
from numba import njit

from .information import jensen_shannon_normalization
from .ordinal import _count_codes, check_dim, max_tau, n_windows

MIN_DIM = 3
MAX_DIM = 8

REGIMES = ("regular", "complex", "stochastic")

#: PECCARY's recommended range of t_pat / t_nat, and the value it prefers.
IDEAL_RATIO_BAND = (0.3, 0.5)
IDEAL_RATIO = 0.4
#: PECCARY asks for a duration of at least this many natural timescales.
MIN_DURATION_OVER_T_NAT = 1.5


def check_plane_dim(dim) -> int:
    """Validate an embedding dimension for the plane's curves (3 <= d <= 8)."""
    dim = check_dim(dim)
    if not MIN_DIM <= dim <= MAX_DIM:
        raise ValueError(f"the complexity-entropy plane is available for dim {MIN_DIM} to {MAX_DIM}, got {dim}")
    return dim


# --------------------------------------------------------------------------- bounds of the plane


def _xlogx(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0)), 0.0)


def _family_hc(pk, m, z, n_outcomes):
    """(H, C) of the distribution with one probability pk, m equal probabilities (1-pk)/m and z zeros.

    Every bound of the plane is made of such distributions; arrays broadcast.
    """
    pk = np.asarray(pk, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    log_n = math.log(n_outcomes)
    pj = (1.0 - pk) / m
    s = -(_xlogx(pk) + m * _xlogx(pj))
    u = 1.0 / n_outcomes
    s_mid = -(_xlogx(0.5 * (pk + u)) + m * _xlogx(0.5 * (pj + u)) + z * (0.5 * u) * math.log(0.5 * u))
    j = s_mid - 0.5 * s - 0.5 * log_n
    h = s / log_n
    c = jensen_shannon_normalization(n_outcomes) * j * h
    return h, np.maximum(c, 0.0)


def _solve_pk(target_h, lo, hi, m, z, n_outcomes, increasing, iterations=64):
    """Bisection for pk in [lo, hi] with H(pk) = target_h, vectorized over all points."""
    lo = np.array(lo, dtype=np.float64, copy=True)
    hi = np.array(hi, dtype=np.float64, copy=True)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        h, _c = _family_hc(mid, m, z, n_outcomes)
        below = h < target_h
        go_up = below if increasing else ~below
        lo = np.where(go_up, mid, lo)
        hi = np.where(go_up, hi, mid)
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class ComplexityCurves:
    """The exact bounds of the complexity-entropy plane for one dimension, each sorted by H."""

    dim: int
    h_min: np.ndarray
    c_min: np.ndarray
    h_max: np.ndarray
    c_max: np.ndarray


def complexity_curves(dim: int = 5, h_step: float = 1e-3) -> ComplexityCurves:
    """Minimum and maximum statistical complexity as functions of permutation entropy.

    Parameters
    ----------
    dim : int
        Embedding dimension d, 3 <= d <= 8 (N = d! outcomes).
    h_step : float
        Largest spacing in H between neighbouring points of a curve. Every
        point lies exactly on its curve; the vertices of C_max (the uniform
        distributions over 1 .. N outcomes) are always included, so the max
        curve of d = 8 has about 40 000 points.

    Returns
    -------
    ComplexityCurves
        ``h_min, c_min`` and ``h_max, c_max``, each sorted by increasing H,
        from (0, 0) to (1, 0).

    Notes
    -----
    Martin, Plastino & Rosso (2006): C_min(H) is traced by one probability
    p in [1/N, 1] with the other N-1 equal, (1-p)/(N-1). C_max(H) is the
    union over i = 1 .. N-1 of the families with i-1 zero probabilities, one
    probability p in [0, 1/(N-i+1)] and the other N-i equal; family i joins
    the uniform distributions over N-i and N-i+1 outcomes. For each
    distribution H = S(P)/ln N and C = Q0 J(P, U) H with J the
    Jensen-Shannon divergence from the uniform U. Points are placed at equal
    steps of H by bisection on p.

    References
    ----------
    M. T. Martin, A. Plastino, O. A. Rosso, Physica A 369, 439 (2006).

    Examples
    --------
    >>> curves = complexity_curves(5)
    >>> i = curves.c_max.argmax()
    >>> round(float(curves.h_max[i]), 3), round(float(curves.c_max[i]), 4)
    (0.615, 0.4248)
    """
    dim = check_plane_dim(dim)
    if not 0 < h_step <= 0.5:
        raise ValueError(f"h_step must be in (0, 0.5], got {h_step}")
    return _curves(dim, float(h_step))


@functools.lru_cache(maxsize=16)
def _curves(dim: int, h_step: float) -> ComplexityCurves:
    n = math.factorial(dim)
    log_n = math.log(n)

    # C_min: H runs from 1 (p = 1/N) down to 0 (p = 1); H decreases with p.
    count = int(math.ceil(1.0 / h_step)) + 1
    h_target = np.linspace(0.0, 1.0, count)
    pk = _solve_pk(h_target, np.full(count, 1.0 / n), np.ones(count), n - 1, 0, n, increasing=False)
    pk[0], pk[-1] = 1.0, 1.0 / n
    h_min, c_min = _family_hc(pk, n - 1, 0, n)

    # C_max: family i = N-1 .. 1 (m = N-i equal probabilities) covers H in [ln m, ln(m+1)] / ln N.
    m_values = np.arange(1, n, dtype=np.float64)
    lo_h = np.log(m_values) / log_n
    width = np.log1p(1.0 / m_values) / log_n
    per_segment = np.maximum(1, np.ceil(width / h_step - 1e-9)).astype(np.int64)
    m = np.repeat(m_values, per_segment)
    offset = np.arange(per_segment.sum()) - np.repeat(np.cumsum(per_segment) - per_segment, per_segment)
    frac = offset / np.repeat(per_segment, per_segment)
    h_target = np.repeat(lo_h, per_segment) + frac * np.repeat(width, per_segment)
    z = (n - 1) - m
    pk = _solve_pk(h_target, np.zeros_like(m), 1.0 / (m + 1.0), m, z, n, increasing=True)
    pk[offset == 0] = 0.0  # the vertices exactly
    h_max, c_max = _family_hc(pk, m, z, n)
    h_max = np.append(h_max, 1.0)
    c_max = np.append(c_max, 0.0)
    for a in (h_min, c_min, h_max, c_max):
        a.setflags(write=False)
    return ComplexityCurves(dim, h_min, c_min, h_max, c_max)


def complexity_peak(dim: int = 5) -> tuple[float, float]:
    """(H, C) at the highest point of C_max, refined to about 1e-10 in H.

    Examples
    --------
    >>> h, c = complexity_peak(5)
    >>> round(h, 6), round(c, 6)
    (0.615027, 0.42482)
    """
    from scipy.optimize import minimize_scalar

    dim = check_plane_dim(dim)
    n = math.factorial(dim)
    curves = _curves(dim, 1e-3)
    h_guess = curves.h_max[int(np.argmax(curves.c_max))]
    m_guess = int(math.floor(math.exp(h_guess * math.log(n)) + 1e-9))
    best = (0.0, 0.0)
    for m in range(max(1, m_guess - 1), min(n - 1, m_guess + 1) + 1):
        z = n - 1 - m

        def negative_c(p, m=m, z=z):
            return -float(_family_hc(p, m, z, n)[1])

        res = minimize_scalar(negative_c, bounds=(0.0, 1.0 / (m + 1)), method="bounded",
                              options={"xatol": 1e-13})
        h, c = _family_hc(res.x, m, z, n)
        if float(c) > best[1]:
            best = (float(h), float(c))
    return best


def max_complexity(h, dim: int = 5):
    """C_max at entropy ``h`` (scalar or array), interpolated on the exact curve (error < 1e-6)."""
    curves = _curves(check_plane_dim(dim), 1e-4 if dim <= 6 else 1e-3)
    return np.interp(h, curves.h_max, curves.c_max)


def min_complexity(h, dim: int = 5):
    """C_min at entropy ``h`` (scalar or array), interpolated on the exact curve (error < 1e-6)."""
    curves = _curves(check_plane_dim(dim), 1e-4)
    return np.interp(h, curves.h_min, curves.c_min)


def periodic_entropy_bounds(dim: int = 5) -> tuple[float, float]:
    """PECCARY's (H_min,per, H_max,per) = (ln 2, ln(2(2(d-2)+1))) / ln d!.

    A periodic signal whose patterns are shorter than its period shows at
    least the two monotonic patterns and at most 2(2(d-2)+1) patterns, so
    its entropy lies between these bounds (Hyman, Daniel & Schaffner 2024).

    Examples
    --------
    >>> [round(b, 6) for b in periodic_entropy_bounds(5)]
    [0.144783, 0.55124]
    """
    dim = check_plane_dim(dim)
    log_n = math.log(math.factorial(dim))
    return math.log(2.0) / log_n, math.log(2.0 * (2.0 * (dim - 2) + 1.0)) / log_n


# --------------------------------------------------------------------------- tau sweep kernels
# Counting is :func:`tscomplex.ordinal._count_codes`; H and C are symmetric in
# the outcomes, so the rank-code order of its histogram is never permuted.


@njit(cache=True, nogil=True)
def _hc_of_counts(counts, q0):
    """(H, C) of a count vector over all N outcomes (zeros included).

    J = S((p+u)/2) - S(p)/2 - S(u)/2 is summed as the non-negative terms
    (p ln p + u ln u)/2 - q ln q, q = (p+u)/2, which avoids the cancellation
    of three sums near ln N; both sums are compensated (Kahan), so N = 9!
    terms lose no more than numpy's pairwise sums.
    """
    n = counts.shape[0]
    total = 0.0
    for i in range(n):
        total += counts[i]
    u = 1.0 / n
    u_log_u = u * np.log(u)
    s = 0.0
    s_err = 0.0
    j = 0.0
    j_err = 0.0
    for i in range(n):
        p = counts[i] / total
        p_log_p = p * np.log(p) if p > 0.0 else 0.0
        q = 0.5 * (p + u)
        y = -p_log_p - s_err
        t = s + y
        s_err = (t - s) - y
        s = t
        y = 0.5 * (p_log_p + u_log_u) - q * np.log(q) - j_err
        t = j + y
        j_err = (t - j) - y
        j = t
    h = s / np.log(n)
    c = q0 * max(j, 0.0) * h
    return h, c


@njit(cache=True, nogil=True)
def _sweep(x, dim, taus, q0, turn_mask, h_out, c_out, turns_out):
    """H, C and the multi-turn fraction for each delay; turn_mask is indexed by rank code."""
    n = 1
    for k in range(2, dim + 1):
        n *= k
    rows = 4 if n <= 40320 else 1  # interleaved histograms only while they stay small
    hist = np.zeros((rows, n), np.int64)
    counts = np.empty(n, np.float64)
    for k in range(taus.shape[0]):
        tau = taus[k]
        hist[:, :] = 0
        block = min(max(4096, 4 * (dim - 1) * tau), x.shape[0] - (dim - 1) * tau)
        _count_codes(x, dim, tau, hist, block)
        total = 0.0
        turned = 0.0
        for c in range(n):
            counts[c] = 0.0
            for r in range(rows):
                counts[c] += hist[r, c]
            total += counts[c]
            if turn_mask[c]:
                turned += counts[c]
        h_out[k], c_out[k] = _hc_of_counts(counts, q0)
        turns_out[k] = turned / total


# --------------------------------------------------------------------------- the noise curve

NOISE_CURVE_VERSION = 1
NOISE_SEED = 154102  # PRL 99, 154102
NOISE_EXPONENTS = tuple(round(0.05 * i, 2) for i in range(71))  # k = 0, 0.05, ..., 3.5


def noise_curve_settings(dim: int) -> dict:
    """How the noise curve of dimension ``dim`` is generated; the cache is keyed by this."""
    dim = check_plane_dim(dim)
    length = 1 << max(18, int(math.ceil(math.log2(32 * math.factorial(dim)))))
    return {"version": NOISE_CURVE_VERSION, "dim": dim, "length": length, "seed": NOISE_SEED,
            "exponents": list(NOISE_EXPONENTS), "method": "fourier-filtered gaussian, first half of 2x length"}


def cache_dir() -> str:
    """Folder for cached curves: $TSCOMPLEX_CACHE_DIR, else $XDG_CACHE_HOME/tscomplex, else ~/.cache/tscomplex."""
    explicit = os.environ.get("TSCOMPLEX_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tscomplex")


@dataclass(frozen=True)
class NoiseCurve:
    """(H, C) of power-law noise with spectrum f^-k for each exponent k, at one dimension."""

    dim: int
    k: np.ndarray
    h: np.ndarray
    c: np.ndarray
    settings: dict = field(default_factory=dict)


def power_law_noise(length: int, k: float, seed: int = NOISE_SEED) -> np.ndarray:
    """Gaussian noise with power spectrum ~ f^-k, by Fourier filtering of white noise.

    White noise of twice the length is filtered by f^(-k/2) (the mean is
    removed) and the first half is kept, which weakens the wrap-around of the
    periodic FFT for the steep spectra (k >= 2).

    Examples
    --------
    >>> x = power_law_noise(4096, 2.0, seed=1)
    >>> x.shape
    (4096,)
    """
    return next(_power_law_noises(int(length), [float(k)], int(seed)))


def _power_law_noises(length, exponents, seed):
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(2 * length))
    spectrum[0] = 0.0  # zero mean for every k
    log_f = np.log(np.fft.rfftfreq(2 * length)[1:])
    for k in exponents:
        filtered = spectrum.copy()
        filtered[1:] *= np.exp(-0.5 * k * log_f)
        yield np.fft.irfft(filtered, 2 * length)[:length]


def _generate_noise_curve(settings: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dim = settings["dim"]
    k = np.asarray(settings["exponents"], dtype=np.float64)
    n = math.factorial(dim)
    q0 = jensen_shannon_normalization(n)
    h = np.empty(k.size)
    c = np.empty(k.size)
    turns = np.empty(1)
    one = np.ones(1, dtype=np.int64)
    mask = _rank_code_turn_mask(dim)
    for i, x in enumerate(_power_law_noises(settings["length"], k, settings["seed"])):
        _sweep(np.ascontiguousarray(x), dim, one, q0, mask, h[i:i + 1], c[i:i + 1], turns)
    return k, h, c


def noise_curve(dim: int = 5, use_cache: bool = True) -> NoiseCurve:
    """The curve of f^-k power-law noises in the complexity-entropy plane (Rosso et al. 2007).

    Parameters
    ----------
    dim : int
        Embedding dimension d, 3 <= d <= 8 (delay 1).
    use_cache : bool
        Use the curve shipped with the package (tscomplex/data/, one NPZ
        per d, used only while its stored generation settings equal the
        current ones), else read and write the curve in :func:`cache_dir`.
        The cache file name holds d and a hash of the generation settings,
        so changed settings never read a stale curve; a missing or unreadable
        file is recomputed (about 1 s for d <= 7, 10 s for d = 8) and an
        unwritable folder is ignored. False always generates.

    Returns
    -------
    NoiseCurve
        ``k`` (0 to 3.5 in steps of 0.05) and the matching ``h`` and ``c``.

    Notes
    -----
    One seeded white Gaussian series of 2L samples (L = 2^18, or the power of
    two above 32 d! for d = 8) is filtered to each spectrum f^-k; the first L
    samples give one (H, C) point at delay 1. Using the same white noise for
    every k makes the curve smooth in k. As k grows, H falls from 1 and C
    rises: white noise sits at (1, 0), and k = 3.5 at the low-entropy end.

    References
    ----------
    O. A. Rosso, H. A. Larrondo, M. T. Martin, A. Plastino, M. A. Fuentes,
    PRL 99, 154102 (2007).

    Examples
    --------
    >>> curve = noise_curve(5)
    >>> float(curve.k[0]), round(float(curve.h[0]), 3)
    (0.0, 1.0)
    """
    settings = noise_curve_settings(dim)
    return _noise_curve(settings["dim"], bool(use_cache))


#: Folder of the curves shipped with the package (one NPZ per dim, see :func:`write_shipped_noise_curves`).
SHIPPED_NOISE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def shipped_noise_curve_path(dim: int) -> str:
    return os.path.join(SHIPPED_NOISE_DIR, f"noise_curve_d{dim}.npz")


def _load_noise_npz(path: str, settings: dict, check_settings: bool):
    """(k, h, c) from an NPZ written for exactly these settings, else None."""
    try:
        with np.load(path) as data:
            k, h, c = data["k"], data["h"], data["c"]
            if check_settings and json.loads(str(data["settings"])) != settings:
                return None
    except (OSError, KeyError, ValueError):
        return None
    if k.shape == h.shape == c.shape == (len(settings["exponents"]),):
        return k, h, c
    return None


def write_shipped_noise_curves(folder: str | None = None, dims=range(MIN_DIM, MAX_DIM + 1)) -> list[str]:
    """Generate the noise curves and write the NPZ files that ship with the package (for maintainers).

    ``python -c "from tscomplex.plane import write_shipped_noise_curves as w; print(w())"``
    rewrites tscomplex/data/noise_curve_d3.npz .. d8.npz; each stores its
    generation settings, so a curve is only used while they are unchanged.
    """
    folder = SHIPPED_NOISE_DIR if folder is None else folder
    os.makedirs(folder, exist_ok=True)
    paths = []
    for dim in dims:
        settings = noise_curve_settings(dim)
        k, h, c = _generate_noise_curve(settings)
        path = os.path.join(folder, f"noise_curve_d{dim}.npz")
        np.savez_compressed(path, k=k, h=h, c=c, settings=json.dumps(settings, sort_keys=True))
        paths.append(path)
    return paths


@functools.lru_cache(maxsize=16)
def _noise_curve(dim: int, use_cache: bool) -> NoiseCurve:
    settings = noise_curve_settings(dim)
    if use_cache:
        shipped = _load_noise_npz(shipped_noise_curve_path(dim), settings, check_settings=True)
        if shipped is not None:
            return _frozen_noise_curve(dim, *shipped, settings)
    digest = hashlib.sha1(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
    path = os.path.join(cache_dir(), f"noise_curve_d{dim}_{digest}.npz")
    if use_cache:
        cached = _load_noise_npz(path, settings, check_settings=False)
        if cached is not None:
            return _frozen_noise_curve(dim, *cached, settings)
    k, h, c = _generate_noise_curve(settings)
    if use_cache:
        _save_npz(path, k=k, h=h, c=c, settings=json.dumps(settings))
    return _frozen_noise_curve(dim, k, h, c, settings)


def _frozen_noise_curve(dim, k, h, c, settings):
    arrays = [np.array(a, dtype=np.float64) for a in (k, h, c)]
    for a in arrays:
        a.setflags(write=False)
    return NoiseCurve(dim, *arrays, settings=settings)


def _save_npz(path: str, **arrays) -> None:
    """Write atomically; a cache that cannot be written is not an error."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".noise-", suffix=".npz", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
    except OSError:
        pass


def noise_complexity(h, dim: int = 5):
    """C of the power-law noise curve at entropy ``h`` (linear interpolation in H; clamped at its ends)."""
    hs, cs = _sorted_noise(check_plane_dim(dim))
    return np.interp(h, hs, cs)


@functools.lru_cache(maxsize=16)
def _sorted_noise(dim):
    curve = noise_curve(dim)
    order = np.argsort(curve.h, kind="stable")
    return curve.h[order], curve.c[order]


# --------------------------------------------------------------------------- turning points


@njit(cache=True, nogil=True)
def _turn_mask_kernel(dim, out):
    """out[L] = True when the window whose rank vector has Lehmer code L turns twice or more."""
    fact = np.ones(dim, np.int64)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    free = np.empty(dim, np.int64)
    ranks = np.empty(dim, np.int64)
    for code in range(out.shape[0]):
        for i in range(dim):
            free[i] = i
        left = dim
        for i in range(dim):
            # c_i = number of later samples smaller than sample i: its rank is the c_i-th smallest left
            c = (code // fact[i]) % (dim - i)
            ranks[i] = free[c]
            for k in range(c, left - 1):
                free[k] = free[k + 1]
            left -= 1
        turns = 0
        for i in range(1, dim - 1):
            if (ranks[i] > ranks[i - 1]) != (ranks[i + 1] > ranks[i]):
                turns += 1
        out[code] = turns >= 2


@functools.lru_cache(maxsize=16)
def _rank_code_turn_mask(dim: int) -> np.ndarray:
    out = np.empty(math.factorial(dim), dtype=np.bool_)
    _turn_mask_kernel(dim, out)
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=16)
def multi_turn_mask(dim: int) -> np.ndarray:
    """Boolean mask over the d! patterns (lexicographic order): True where the pattern turns twice or more.

    A pattern's up/down sequence compares neighbouring samples of the
    window; a turn is a change from up to down or back. Monotonic patterns
    have no turn, and a window of a periodic signal shorter than half its
    period has at most one. Of the d! patterns, d! - (2^d - 2) turn twice
    or more.
    """
    from .ordinal import pattern_table

    dim = check_dim(dim)
    mask = np.empty(math.factorial(dim), dtype=np.bool_)
    mask[pattern_table(dim)] = _rank_code_turn_mask(dim)
    mask.setflags(write=False)
    return mask


def multi_turn_fraction(counts) -> float:
    """Fraction of windows (or weight) whose ordinal pattern turns twice or more.

    ``counts`` are counts or probabilities of all d! patterns in
    lexicographic order (:func:`tscomplex.ordinal_counts`).

    Examples
    --------
    >>> import numpy as np
    >>> from tscomplex import ordinal_counts
    >>> multi_turn_fraction(ordinal_counts(np.sin(np.arange(1000) / 10), dim=5))
    0.0
    """
    counts = np.asarray(counts, dtype=np.float64)
    dim = _dim_of_size(counts.size)
    total = counts.sum()
    if not total > 0:
        raise ValueError("no pattern has positive weight")
    return float(counts[multi_turn_mask(dim)].sum() / total)


def _dim_of_size(size: int) -> int:
    for d in range(2, 11):
        if math.factorial(d) == size:
            return d
    raise ValueError(f"expected d! pattern counts, got {size} values")


# --------------------------------------------------------------------------- regimes

#: Where between the noise curve (0) and the maximum curve (1) the chaos/noise split lies, at most
#: (for few windows) and at least (for many); see :func:`split_fraction`.
SPLIT_FRACTION = 0.5
MIN_SPLIT_FRACTION = 0.1
#: Multiple of d!/W, the scale of a noise's finite-sample excess over the noise curve.
SPLIT_NOISE_FACTOR = 5.0
#: Smallest excess of C over the noise curve that can count as complex. Near H = 1 both curves meet,
#: and a fraction of their tiny gap is below the sampling noise of C.
MIN_COMPLEXITY_EXCESS = 0.005


def split_fraction(dim: int, windows: int | None = None) -> float:
    """Where between C_noise(H) (0) and C_max(H) (1) a point starts to count as complex.

    Finite samples of noise sit above the noise curve by a fraction of the
    gap that falls like d!/W with the number of windows W (95th percentile
    about 2 d!/W for f^-k noises, k = 0..3, d = 5, 6). The split is
    5 d!/W, clipped to [0.1, 0.5]: 0.5 at the minimum of 10 d! windows,
    0.1 from 50 d! on. Flows sampled at PECCARY's ideal delay sit 0.13 to
    0.9 of the way, chaotic maps beyond 0.75. Without W the split is 0.5.
    """
    if windows is None or windows <= 0:
        return SPLIT_FRACTION
    return min(SPLIT_FRACTION, max(MIN_SPLIT_FRACTION, SPLIT_NOISE_FACTOR * math.factorial(dim) / windows))
#: Largest fraction of windows with two or more turns that a regular (periodic) series may show.
MAX_REGULAR_MULTI_TURN = 0.05


def periodic_pattern_count(dim: int) -> int:
    """2(2(d-2)+1): the most patterns PECCARY's periodic bound H_max,per allows (14 at d = 5)."""
    return 2 * (2 * (dim - 2) + 1)


class PatternPeriodTracker:
    """Finds whether a sequence of pattern codes fed in pieces repeats exactly with a short period.

    Keeps the candidate periods p = 1 .. 2(2(d-2)+1) that every code so far
    agrees with (code[t + p] == code[t]) and the last few codes, so a series
    read in chunks gives the same answer as one read whole.
    """

    def __init__(self, dim: int):
        self.longest = periodic_pattern_count(dim)
        self.candidates = list(range(1, self.longest + 1))
        self.tail = np.empty(0, dtype=np.int64)
        self.count = 0

    def feed(self, codes) -> None:
        codes = np.asarray(codes, dtype=np.int64)
        if not self.candidates or codes.size == 0:
            return
        joined = np.concatenate((self.tail, codes))
        start = self.tail.size  # compare each new code with the one p before it
        self.candidates = [p for p in self.candidates
                           if np.array_equal(joined[max(start, p):], joined[max(start, p) - p:joined.size - p])]
        self.tail = joined[-self.longest:].copy()  # a view would keep the whole block alive per tracker
        self.count += codes.size

    def period(self) -> int | None:
        """The smallest period that held throughout and was seen at least twice over, or None."""
        for p in self.candidates:
            if self.count > 2 * p:
                return p
        return None


def find_pattern_period(x, dim: int = 5, tau: int = 1, block: int = 1 << 20) -> int | None:
    """The period of the sequence of ordinal patterns, if it repeats exactly with a short period.

    Returns the smallest p <= 2(2(d-2)+1) with pattern(t + p) = pattern(t) for
    every window t, or None. A periodic orbit of period p has one; banded chaos
    (the logistic map at r = 3.7, 13 patterns at d = 5), which may use as few
    patterns, does not. Noise added to a periodic signal breaks exact repetition,
    so this only ever makes the verdict "regular" for clean periodic data.
    Memory is bounded by ``block`` windows.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.empty(2000); v = 0.5
    >>> for i in range(2000):
    ...     x[i] = v; v = 3.5 * v * (1 - v)
    >>> find_pattern_period(x[1000:], 5)   # the logistic map's period-4 orbit
    4
    """
    from .ordinal import ordinal_codes

    tracker = PatternPeriodTracker(dim)
    span = (dim - 1) * tau
    windows = len(x) - span
    for start in range(0, max(windows, 0), block):
        stop = min(windows, start + block)
        tracker.feed(ordinal_codes(np.ascontiguousarray(x[start:stop + span]), dim, tau))
        if not tracker.candidates:
            return None
    return tracker.period()


def regime_details(h: float, c: float, dim: int = 5, multi_turn_fraction: float | None = None,
                   windows: int | None = None, pattern_period: int | None = None) -> dict:
    """The regime of a point (H, C) and the lines it was compared with, as record fields.

    Returns a dict with ``regime`` (see :func:`classify`), ``regime_rule``
    (which test decided), ``periodic_entropy_bound`` (H_max,per),
    ``noise_curve_complexity`` (C of the f^-k noise curve at this H),
    ``regime_complexity_threshold`` (the C above which a point is complex)
    and ``multi_turn_fraction`` (as given, or None).

    Examples
    --------
    >>> d = regime_details(0.678, 0.399, 5)
    >>> d["regime"], d["regime_rule"]
    ('complex', 'C >= threshold(H)')
    """
    dim = _check_regime_dim(dim)
    h, c = float(h), float(c)
    if not (math.isfinite(h) and math.isfinite(c)):
        raise ValueError(f"H and C must be finite numbers, got H={h}, C={c}")
    if multi_turn_fraction is not None and not 0.0 <= float(multi_turn_fraction) <= 1.0:
        raise ValueError(f"multi_turn_fraction must be in [0, 1], got {multi_turn_fraction}")
    h_per = periodic_entropy_bounds(dim)[1]
    c_noise = float(noise_complexity(h, dim))
    c_max = float(max_complexity(h, dim))
    gap = max(c_max - c_noise, 0.0)
    threshold = c_noise + max(split_fraction(dim, windows) * gap, min(MIN_COMPLEXITY_EXCESS, gap))
    turns_ok = multi_turn_fraction is None or float(multi_turn_fraction) <= MAX_REGULAR_MULTI_TURN
    prefix = "" if h > h_per or turns_ok else "H <= H_max_per but multi-turn windows > 5%; "
    if h <= h_per and turns_ok:
        regime, rule = "regular", "H <= H_max_per"
    elif h <= h_per and pattern_period:
        regime, rule = "regular", f"H <= H_max_per, patterns repeat with period {int(pattern_period)}"
    elif c >= threshold:
        regime, rule = "complex", prefix + "C >= threshold(H)"
    else:
        regime, rule = "stochastic", prefix + "C < threshold(H)"
    return {"regime": regime, "regime_rule": rule, "periodic_entropy_bound": h_per,
            "noise_curve_complexity": c_noise, "regime_complexity_threshold": threshold,
            "multi_turn_fraction": None if multi_turn_fraction is None else float(multi_turn_fraction)}


def classify(h: float, c: float, dim: int = 5, multi_turn_fraction: float | None = None,
             windows: int | None = None, pattern_period: int | None = None) -> str:
    """Regime of a point of the complexity-entropy plane: "regular", "complex" or "stochastic".

    Parameters
    ----------
    h, c : float
        Normalized permutation entropy and statistical complexity (delay
        chosen by the user; PECCARY's ideal delay is :func:`ideal_tau`).
    dim : int
        Embedding dimension d, 4 <= d <= 8. At d = 3 a periodic signal can
        show all 6 patterns (H_max,per = 1), so no regime can be told apart.
    multi_turn_fraction : float, optional
        Fraction of windows whose pattern turns twice or more
        (:func:`multi_turn_fraction`; the commands always pass it). It checks
        the assumption behind H_max,per, and matters mostly at d = 4.

    Returns
    -------
    str
        ``"regular"``, ``"complex"`` or ``"stochastic"``.

    Notes
    -----
    The rule uses three lines of the plane, in this order:

    1. **regular** if H <= H_max,per = ln(2(2(d-2)+1)) / ln d!, PECCARY's
       largest entropy of a periodic signal whose patterns span less than
       half its period (Hyman, Daniel & Schaffner 2024), and, when
       ``multi_turn_fraction`` is given, at most 5% of the windows turn
       twice or more. Such a window cannot come from a periodic signal
       sampled that way, so a point that fails this goes on to step 2.
    2. Otherwise the point is compared with the f^-k noise curve C_noise(H)
       (Rosso et al. 2007; :func:`noise_curve`) and the maximum curve
       C_max(H) (Martin et al. 2006): **complex** if
       C >= C_noise(H) + max(s gap, min(0.005, gap)), gap = C_max(H) - C_noise(H),
       where the split s = 5 d!/W, clipped to [0.1, 0.5], shrinks with the
       number of windows W (:func:`split_fraction`; s = 0.5 when W is not
       given): a point well above where a noise of that length can fall;
    3. else **stochastic** (near, on or below the noise curve).

    A periodic orbit sampled so that a window spans more than its period
    (the logistic map's period-4 orbit at tau = 1) turns in every window; it
    is still regular when ``pattern_period`` is given: its pattern sequence
    repeats exactly (:func:`find_pattern_period`, which the commands compute where
    it matters). Banded chaos (the logistic map at r = 3.7, 13 patterns at
    d = 5) does not repeat, and reads as complex.

    Finite-sample noise sits above the noise curve by a fraction of the gap
    that falls like d!/W: about 0.6 of the way to C_max at 2 d! windows,
    0.2 at 10 d!, 0.05 at 50 d! (95th percentiles, f^-k noises, k = 0..3).
    With fewer than 10 d! windows the commands report no regime. Chaotic
    maps lie beyond 0.75 of the way; chaotic flows sampled at PECCARY's
    ideal delay lie 0.13 to 0.9 of the way (Lorenz x, d = 5: 0.33), which
    a fixed split at 0.5 would call stochastic. Sine waves at delays up to
    PECCARY's ideal one have no multi-turn window, chaotic maps 50-100%.
    At d = 4 the plane alone cannot tell the Hénon map (H = 0.69,
    C = 0.31) from a sine at its ideal delay (H = 0.66, C = 0.32): only the
    turn test does. A periodic signal oversampled (t_pat > t_nat/2) leaves
    the regular zone and may read as complex: choose the delay with
    :func:`ideal_tau`.

    References
    ----------
    S. M. Hyman, K. J. Daniel, D. A. Schaffner, PECCARY (2024);
    O. A. Rosso et al., PRL 99, 154102 (2007);
    M. T. Martin, A. Plastino, O. A. Rosso, Physica A 369, 439 (2006).

    Examples
    --------
    >>> classify(0.2144, 0.1916, 5)   # sin(2 pi i / 100), d = 5, tau = 1
    'regular'
    >>> classify(0.6785, 0.3992, 5)   # logistic map r = 4
    'complex'
    >>> classify(0.9989, 0.0019, 5)   # white noise
    'stochastic'
    >>> classify(0.6883, 0.3101, 4), classify(0.6883, 0.3101, 4, multi_turn_fraction=0.71)  # Henon map
    ('regular', 'complex')
    """
    return regime_details(h, c, dim, multi_turn_fraction, windows, pattern_period)["regime"]


def _check_regime_dim(dim) -> int:
    dim = check_plane_dim(dim)
    if dim < 4:
        raise ValueError(f"regimes need dim >= 4: at dim {dim} a periodic signal can show every pattern "
                         f"(H_max,per = 1)")
    return dim


# --------------------------------------------------------------------------- timescales and ideal sampling

T_NAT_METHODS = ("crossings", "maxima", "spectrum")


@dataclass(frozen=True)
class NaturalTimescale:
    """A series' natural timescale, the method that gave it, and every method's estimate (time units)."""

    t_nat: float
    method: str
    crossings: float
    maxima: float
    spectrum: float


def natural_timescale(x, dt: float = 1.0, method: str = "auto") -> NaturalTimescale:
    """Natural timescale t_nat of a series: its typical period, in the units of ``dt``.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series (finite values).
    dt : float
        Sampling interval.
    method : {"auto", "crossings", "maxima", "spectrum"}
        ``crossings``: twice the mean spacing of the crossings of the mean,
        with hysteresis: a crossing counts once the series has moved from
        below mean - s/4 to above mean + s/4 or back (s: standard
        deviation), so noise jittering about the mean adds no crossings.
        PECCARY's default ("ncross") counts every sign change over the
        duration. ``maxima``: mean spacing of local maxima (a flat top
        counts once). ``spectrum``: 1 / frequency of the highest
        periodogram peak above zero frequency. ``auto`` uses the spectral
        peak when it stands out (its 5 bins hold at least 20% of the
        power, as for a periodic signal even under strong noise), else the
        crossings when there are at least 4 (two cycles), else the
        spectral peak.

    Returns
    -------
    NaturalTimescale
        ``t_nat``, ``method`` (the one used) and the estimates of all three
        methods (NaN where a method has too few events).

    Notes
    -----
    All three agree for a clean sine wave. Under noise, maxima follow the
    noise's wiggles and crossings need the hysteresis band; for chaos and
    broad spectra the spectral peak is erratic and the crossings give the
    period of the dominant oscillation.

    References
    ----------
    S. M. Hyman, K. J. Daniel, D. A. Schaffner, PECCARY (2024), ``tNatApprox``.

    Examples
    --------
    >>> import numpy as np
    >>> ts = natural_timescale(np.sin(2 * np.pi * np.arange(10_000) / 100), dt=0.01)
    >>> ts.method, round(ts.t_nat, 6), round(ts.crossings, 6)
    ('spectrum', 1.0, 1.0)
    """
    if method not in ("auto",) + T_NAT_METHODS:
        raise ValueError(f"method must be auto, crossings, maxima or spectrum, got {method!r}")
    dt = float(dt)
    if not (dt > 0 and math.isfinite(dt)):
        raise ValueError(f"dt must be a positive number, got {dt}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or x.size < 3:
        raise ValueError("natural_timescale needs a one-dimensional series of at least 3 samples")
    if not np.isfinite(x).all():
        raise ValueError("series has NaN or infinite values")
    from .ordinal import scale_to_unit_magnitude

    x, _ = scale_to_unit_magnitude(x)  # timescales do not depend on the amplitude; squares of 1e300 overflow
    at = _mean_crossings(x)
    n_cross = int(at.size)
    crossings = 2.0 * float(np.mean(np.diff(at))) * dt if n_cross >= 2 else math.nan
    maxima = _mean_maxima_spacing(x) * dt
    period, share = _spectral_peak(x)
    spectrum = period * dt
    if method == "auto":
        method = "spectrum" if share >= SPECTRAL_PEAK_SHARE or n_cross < 4 else "crossings"
    t_nat = {"crossings": crossings, "maxima": maxima, "spectrum": spectrum}[method]
    if not math.isfinite(t_nat):
        raise ValueError(f"cannot estimate a natural timescale by {method}: the series has too few "
                         f"{'crossings' if method == 'crossings' else 'maxima' if method == 'maxima' else 'variation'}")
    return NaturalTimescale(float(t_nat), method, float(crossings), float(maxima), float(spectrum))


#: Half-width of the hysteresis band of the crossing count, in standard deviations.
CROSSING_HYSTERESIS = 0.25


def _mean_crossings(x: np.ndarray) -> np.ndarray:
    """Times (in samples) of the crossings of the mean, with a hysteresis band of +-0.25 std.

    Samples inside the band keep the previous state; each change of state is
    timed at the mean crossing, interpolated, inside the stretch of samples
    between the two states.
    """
    return crossing_times(x, x.mean(), CROSSING_HYSTERESIS * x.std())


def crossing_times(x: np.ndarray, mean: float, band: float) -> np.ndarray:
    """:func:`_mean_crossings` with the mean and the half-width of the band given (a chunked series knows
    them from an earlier pass)."""
    state = np.where(x > mean + band, 1, np.where(x < mean - band, -1, 0))
    decided = np.flatnonzero(state)
    if decided.size < 2:
        return np.empty(0)
    change = np.flatnonzero(state[decided[1:]] != state[decided[:-1]])
    start, stop = decided[change], decided[change + 1]  # last sample of old state, first of new
    # every sign change of x - mean, i.e. between samples f and f+1; each stretch [a, b] holds at least one
    above = x >= mean
    flips = np.flatnonzero(above[1:] != above[:-1])
    first = np.searchsorted(flips, start, "left")
    count = np.searchsorted(flips, stop, "left") - first
    i = flips[first + count // 2]  # the middle crossing of the mean inside the stretch
    lo, hi = x[i] - mean, x[i + 1] - mean
    return i + lo / (lo - hi)


def _mean_maxima_spacing(x: np.ndarray) -> float:
    """Mean distance in samples between local maxima; a plateau peak counts once, at its middle."""
    keep = np.concatenate(([True], x[1:] != x[:-1]))
    idx = np.flatnonzero(keep)
    runs_end = np.append(idx[1:], x.size) - 1
    v = x[idx]
    if v.size < 3:
        return math.nan
    peak = (v[1:-1] > v[:-2]) & (v[1:-1] > v[2:])
    centers = 0.5 * (idx[1:-1][peak] + runs_end[1:-1][peak])
    return float(np.mean(np.diff(centers))) if centers.size >= 2 else math.nan


#: auto uses the spectral peak when the 5 periodogram bins around it hold this share of the power.
SPECTRAL_PEAK_SHARE = 0.2


def _spectral_peak(x: np.ndarray) -> tuple[float, float]:
    """(period in samples, share of the power in the 5 bins around it) of the highest periodogram peak."""
    power = np.abs(np.fft.rfft((x - x.mean()) * np.hanning(x.size)))[1:] ** 2
    return peak_of_power(power, x.size)


def peak_of_power(power: np.ndarray, length: int) -> tuple[float, float]:
    """(period in samples, share of the power in the 5 bins around it) of the highest peak of a one-sided
    power spectrum without its zero-frequency bin, over records of ``length`` samples."""
    if power.size < 1 or not power.max() > 0:
        return math.nan, 0.0
    k = int(np.argmax(power))
    share = float(power[max(0, k - 2):k + 3].sum() / power.sum())
    freq = k + 1.0  # cycles per record
    if 0 < k < power.size - 1 and np.all(power[k - 1:k + 2] > 0):
        # vertex of the parabola through the log powers of the peak and its neighbours (Gaussian interpolation)
        a, b, c = np.log(power[k - 1:k + 2])
        if a - 2 * b + c < 0:
            freq += 0.5 * (a - c) / (a - 2 * b + c)
    return length / freq, share


def pattern_time(tau, dim: int = 5, dt: float = 1.0):
    """PECCARY's pattern timescale t_pat = (d-1) tau dt (scalar or array)."""
    return (dim - 1) * np.asarray(tau) * dt if np.ndim(tau) else (dim - 1) * tau * dt


def ideal_tau(t_nat: float, dim: int = 5, dt: float = 1.0, ratio: float = IDEAL_RATIO) -> int:
    """PECCARY's ideal delay: the integer tau >= 1 whose t_pat = (d-1) tau dt is nearest ratio * t_nat.

    PECCARY recommends 0.3 <= t_pat / t_nat <= 0.5 and uses 0.4. When t_nat
    is shorter than about 2.5 (d-1) dt even tau = 1 overshoots the band:
    check ``pattern_time(tau, dim, dt) / t_nat``.

    Examples
    --------
    >>> ideal_tau(100.0, dim=5)    # t_pat = 40 = 0.4 t_nat
    10
    >>> ideal_tau(1.0, dim=5, dt=0.01)
    10
    """
    dim = check_dim(dim)
    if not (t_nat > 0 and math.isfinite(t_nat)):
        raise ValueError(f"t_nat must be a positive number, got {t_nat}")
    if not (dt > 0 and math.isfinite(dt)):
        raise ValueError(f"dt must be a positive number, got {dt}")
    if not ratio > 0:
        raise ValueError(f"ratio must be positive, got {ratio}")
    return max(1, int(round(ratio * t_nat / ((dim - 1) * dt))))


# --------------------------------------------------------------------------- tau sweep


def tau_sweep(x, taus, dim: int = 5, min_windows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Permutation entropy and statistical complexity for every delay in ``taus``, in one numba call.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series (finite values; ties: the earlier sample counts as smaller).
    taus : array_like of int
        Delays, each >= 1, in any order.
    dim : int
        Embedding dimension d, 2 <= d <= 10.
    min_windows : int
        Refuse a delay that leaves fewer windows than this; the message
        names the largest usable delay.

    Returns
    -------
    h, c : ndarray of float64, shape (len(taus),)
        H(tau) and C(tau), equal to :func:`tscomplex.complexity_entropy` per delay.

    Notes
    -----
    Each delay is one pass over the series that costs d-1 comparisons per
    sample (see the kernel comment in this module).
    :func:`tau_sweep_full` also returns the multi-turn fraction per delay.

    Examples
    --------
    >>> import numpy as np
    >>> h, c = tau_sweep(np.sin(2 * np.pi * np.arange(10_000) / 100), [1, 10, 50], dim=5)
    >>> np.round(h, 6).tolist(), np.round(c, 6).tolist()
    ([0.214437, 0.5254, 0.669743], [0.19158, 0.38689, 0.404629])
    """
    h, c, _turns = tau_sweep_full(x, taus, dim, min_windows)
    return h, c


def tau_sweep_full(x, taus, dim: int = 5, min_windows: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Like :func:`tau_sweep`, and also the :func:`multi_turn_fraction` of every delay: (h, c, turns).

    Examples
    --------
    >>> import numpy as np
    >>> h, c, turns = tau_sweep_full(np.sin(2 * np.pi * np.arange(10_000) / 100), [1, 10, 50], dim=5)
    >>> np.round(turns, 3).tolist()
    [0.0, 0.0, 0.997]
    """
    dim = check_dim(dim)
    taus = np.atleast_1d(np.asarray(taus))
    if taus.ndim != 1 or taus.size == 0:
        raise ValueError("taus must be a non-empty list of delays")
    if not np.issubdtype(taus.dtype, np.integer):
        if not np.all(np.isfinite(taus)) or np.any(taus != np.round(taus)):
            raise ValueError("every tau must be an integer")
    taus = taus.astype(np.int64)
    if taus.min() < 1:
        raise ValueError(f"tau must be >= 1, got {int(taus.min())}")
    x = np.ascontiguousarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"expected a one-dimensional series, got shape {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError("series has NaN or infinite values")
    check_taus_fit(x.size, taus, dim, min_windows)
    n = math.factorial(dim)
    h = np.empty(taus.size)
    c = np.empty(taus.size)
    turns = np.empty(taus.size)
    _sweep(x, dim, taus, jensen_shannon_normalization(n), _rank_code_turn_mask(dim), h, c, turns)
    return h, c, turns


def check_taus_fit(n: int, taus, dim: int, min_windows: int = 1) -> None:
    """Raise ValueError naming the largest usable tau when some tau leaves fewer than min_windows windows."""
    min_windows = max(1, int(min_windows))
    largest = int(np.max(taus))
    if n_windows(n, dim, largest) < min_windows:
        usable = max_tau(n, dim, min_windows)
        if usable < 1:
            raise ValueError(f"a series of {n} samples is too short for dim={dim}: even tau=1 leaves "
                             f"{n_windows(n, dim, 1)} windows, fewer than {min_windows}")
        raise ValueError(f"tau={largest} leaves {n_windows(n, dim, largest)} windows of {n} samples at dim={dim}, "
                         f"fewer than {min_windows}; the largest usable tau is {usable}")


REGIME_KEYS = ("regime", "regime_rule", "periodic_entropy_bound", "noise_curve_complexity",
               "regime_complexity_threshold", "multi_turn_fraction")


#: A regime is reported only for at least this many windows per possible pattern (N >= 10 d!).
MIN_WINDOWS_PER_PATTERN = 10


def regime_fields(h, c, dim: int, multi_turn_fraction: float | None = None, windows: int | None = None,
                  pattern_period: int | None = None) -> dict:
    """:func:`regime_details` for output records; ``regime`` is None where no regime can be given.

    No regime is given for dim outside 4..8, a missing H or C, or fewer
    than 10 d! windows: with so few, finite-sample noise sits well above
    the noise curve (at 2 d! windows it is halfway to C_max) and would read
    as complex. The lines compared with are still reported where defined.
    """
    if not MIN_DIM + 1 <= dim <= MAX_DIM or h is None or c is None or not (math.isfinite(h) and math.isfinite(c)):
        out = dict.fromkeys(REGIME_KEYS)
        out["multi_turn_fraction"] = multi_turn_fraction
        out["regime_rule"] = (f"no regime: regimes are defined for {MIN_DIM + 1} <= d <= {MAX_DIM}, got d={dim}"
                              if not MIN_DIM + 1 <= dim <= MAX_DIM else "no regime: no finite H and C")
        return out
    out = regime_details(h, c, dim, multi_turn_fraction, windows, pattern_period)
    need = MIN_WINDOWS_PER_PATTERN * math.factorial(dim)
    if windows is not None and windows < need:
        out["regime"] = None
        out["regime_rule"] = f"no regime: {windows} windows < 10 d! = {need}"
    return out


def series_regime_fields(x, h, c, dim: int, tau: int, multi_turn: float | None, windows: int | None,
                         period=None) -> dict:
    """:func:`regime_fields` of a series at one delay, looking for an exactly repeating pattern sequence
    only where it can change the verdict (H <= H_max,per with multi-turn windows).

    ``x`` is the series in memory; a series read in chunks gives ``period``, a
    :class:`PatternPeriodTracker` fed with its codes, instead.
    """
    if isinstance(period, PatternPeriodTracker):
        period = period.period()
    if (period is None and x is not None and h is not None and multi_turn is not None
            and MIN_DIM + 1 <= dim <= MAX_DIM and multi_turn > MAX_REGULAR_MULTI_TURN
            and h <= periodic_entropy_bounds(dim)[1]):
        period = find_pattern_period(x, dim, tau)
    return regime_fields(h, c, dim, multi_turn, windows, period)
