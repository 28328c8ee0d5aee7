"""The curve of f^-k power-law noises in the complexity-entropy plane, its shipped tables and the user cache.

It separates chaos (above) from noise (on it) (Rosso et al., PRL 99, 154102,
2007). It is computed here from seeded synthetic noise, shipped in
tscomplex/data/ for the current generation settings, and otherwise cached on
disk, not typed in.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
from dataclasses import dataclass, field

import numpy as np

from ..information import jensen_shannon_normalization
from .bounds import MAX_DIM, MIN_DIM, check_plane_dim
from .sweep import _sweep
from .turns import _rank_code_turn_mask

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
SHIPPED_NOISE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


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
    from ..io import atomic_write

    folder = SHIPPED_NOISE_DIR if folder is None else folder
    os.makedirs(folder, exist_ok=True)
    paths = []
    for dim in dims:
        settings = noise_curve_settings(dim)
        k, h, c = _generate_noise_curve(settings)
        path = os.path.join(folder, f"noise_curve_d{dim}.npz")
        atomic_write(path, lambda fh, k=k, h=h, c=c, settings=settings: np.savez_compressed(
            fh, k=k, h=h, c=c, settings=json.dumps(settings, sort_keys=True)), suffix=".npz")
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
    """Write the cache file atomically (:func:`tscomplex.io.atomic_write`); a cache that cannot be written
    is not an error."""
    from ..io import atomic_write

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write(path, lambda fh: np.savez(fh, **arrays), suffix=".npz")
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
