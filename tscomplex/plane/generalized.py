"""Generalized planes: Fisher-Shannon (H, F) and the Rényi and Tsallis complexity-entropy curves over q.

For a probability vector p over the N = d! ordinal patterns:

* **Fisher-Shannon plane** (Vignat & Bercher 2003; Olivares, Plastino & Rosso
  2012): the point (H, F) with H the normalized Shannon entropy and F the
  Fisher information of :func:`tscomplex.information.fisher_information_from_probabilities`
  (lexicographic pattern order). A distribution on one pattern is (0, 1).
* **Tsallis curve** (Ribeiro, Jauregui, Zunino & Lenzi, PRE 95, 062106, 2017):
  H_q = sum p ln_q(1/p) / ln_q(N), and C_q = H_q K_q / K_q^max with the
  Jensen-Tsallis divergence from the uniform u,
  K_q = -1/2 sum p ln_q((p+u)/(2p)) - 1/2 sum u ln_q((p+u)/(2u)),
  and its largest value (their eq. 11)
  K_q^max = [2^(2-q) N - (1+N)^(1-q) - N(1+1/N)^(1-q) - N + 1] / [(1-q) 2^(2-q) N].
* **Rényi curve** (Jauregui, Zunino, Lenzi, Mendes & Ribeiro, Physica A 498, 74, 2018):
  H_q = ln(sum p^q) / ((1-q) ln N), C_q = H_q R_q / R_q^max with the
  Jensen-Rényi divergence
  R_q = [ln sum p^q ((p+u)/2)^(1-q) + ln sum u^q ((p+u)/2)^(1-q)] / (2(q-1))
  and R_q^max = [ln(((N+1)^(1-q) + N - 1) / (2^(1-q) N)) + (1-q) ln((N+1)/(2N))] / (2(q-1)).

At q = 1 both are the Shannon plane (H, C) of Rosso et al. (2007). A series
gives one curve (H_q, C_q) as q runs over (0, inf); its shape separates
chaos from noise (Ribeiro et al. 2017). The numbers agree with ordpy's
``fisher_shannon``, ``renyi_complexity_entropy`` and ``tsallis_complexity_entropy``.

**Bounds.** :func:`minimum_complexity_entropy` and :func:`maximum_complexity_entropy`
evaluate the two families of distributions that bound the Shannon plane
(Martin, Plastino & Rosso, Physica A 369, 439, 2006), with ordpy's
parametrization: the minimum family p = (p0, (1-p0)/(N-1), ...), p0 in [1/N, 1];
the maximum family with i patterns at zero, one at p0 in [0, 1/N] and the
rest equal. With ``kind="shannon"`` they are ordpy's ``minimum_complexity_entropy`` and
``maximum_complexity_entropy``. With ``kind="renyi"`` or ``"tsallis"`` the same
families are evaluated with (H_q, C_q): they are proven bounds only at q = 1;
for other q they are the envelope of these two families, which is how the
generalized planes are usually drawn, not a theorem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..options import DEFAULT_DIM, DEFAULT_TAU

#: the kinds of plane this module draws curves for
GENERALIZED_KINDS = ("shannon", "renyi", "tsallis")
#: default orders q of a complexity-entropy curve: 81 log-spaced values from 0.01 to 100, and q = 1
DEFAULT_Q = np.unique(np.concatenate([np.round(np.logspace(-2, 2, 81), 12), [1.0]]))


def _check_kind(kind: str) -> str:
    from .._validation import check_choice

    return check_choice(kind, "kind", GENERALIZED_KINDS)


def _check_q(q) -> np.ndarray:
    qs = np.atleast_1d(np.asarray(q, dtype=np.float64))
    if qs.ndim != 1 or qs.size == 0:
        raise ValueError("q must be a number or a 1-D list of numbers")
    if not np.all(np.isfinite(qs)) or np.any(qs <= 0):
        raise ValueError(f"q must be finite and > 0, got {q}")
    return qs


def _probability_vector(p) -> np.ndarray:
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 1 or p.size < 2:
        raise ValueError(f"p must be a 1-D probability vector over at least 2 outcomes, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or not abs(p.sum() - 1.0) < 1e-9:
        raise ValueError("p must be non-negative and sum to 1")
    return p


def _log_q(x, q: float):
    x = np.asarray(x, dtype=np.float64)
    return np.log(x) if q == 1 else (x ** (1.0 - q) - 1.0) / (1.0 - q)


def _shannon_pair(p: np.ndarray) -> tuple[float, float]:
    from ..information import complexity_entropy_from_probabilities

    return complexity_entropy_from_probabilities(p)


def _tsallis_pair(p: np.ndarray, q: float) -> tuple[float, float]:
    if q == 1:
        return _shannon_pair(p)
    n = p.size
    nz = p[p > 0]
    h = float(np.sum(nz * _log_q(1.0 / nz, q)) / _log_q(float(n), q))
    u = 1.0 / n
    divergence = (-0.5 * np.sum(nz * _log_q((nz + u) / (2.0 * nz), q))
                  - (0.5 / n) * np.sum(_log_q(n * (p + u) / 2.0, q)))
    largest = ((2.0 ** (2.0 - q)) * n - (1.0 + n) ** (1.0 - q) - n * (1.0 + 1.0 / n) ** (1.0 - q) - n + 1.0) / (
        (1.0 - q) * (2.0 ** (2.0 - q)) * n)
    return h, float(h * divergence / largest)


def _renyi_pair(p: np.ndarray, q: float) -> tuple[float, float]:
    if q == 1:
        return _shannon_pair(p)
    n = p.size
    nz = p[p > 0]
    h = float(math.log(np.sum(nz ** q)) / ((1.0 - q) * math.log(n)))
    u = 1.0 / n
    mid = ((p + u) / 2.0) ** (1.0 - q)
    divergence = (math.log(np.sum(mid * p ** q)) + math.log(np.sum(mid) * u ** q)) / (2.0 * (q - 1.0))
    largest = (math.log(((n + 1.0) ** (1.0 - q) + n - 1.0) / (2.0 ** (1.0 - q) * n))
               + (1.0 - q) * math.log((n + 1.0) / (2.0 * n))) / (2.0 * (q - 1.0))
    return h, float(h * divergence / largest)


_PAIRS = {"renyi": _renyi_pair, "tsallis": _tsallis_pair}


def renyi_complexity_entropy_from_probabilities(p, q) -> np.ndarray:
    """(H_q, C_q) in Rényi's formalism for one q (shape (2,)) or a list of q (shape (len(q), 2)).

    Examples
    --------
    >>> renyi_complexity_entropy_from_probabilities([1/3, 1/15, 4/15, 2/15, 1/5, 0], 1).round(8)
    array([0.83144548, 0.16576717])
    """
    return _pairs(p, q, "renyi")


def tsallis_complexity_entropy_from_probabilities(p, q) -> np.ndarray:
    """(H_q, C_q) in Tsallis' formalism for one q (shape (2,)) or a list of q (shape (len(q), 2))."""
    return _pairs(p, q, "tsallis")


def _pairs(p, q, kind) -> np.ndarray:
    p = _probability_vector(p)
    qs = _check_q(q)
    out = np.array([_PAIRS[kind](p, float(v)) for v in qs])
    return out[0] if np.ndim(q) == 0 else out


def fisher_shannon_from_probabilities(p) -> tuple[float, float]:
    """(H, F): normalized Shannon entropy and Fisher information of a vector over all d! patterns (zeros kept)."""
    from ..information import fisher_information_from_probabilities, shannon_entropy

    p = _probability_vector(p)
    return shannon_entropy(p), fisher_information_from_probabilities(p)


def _probabilities(x, dim, tau, tie_precision):
    from ..measures import ordinal_probabilities

    return ordinal_probabilities(x, dim, tau, tie_precision=tie_precision)


def fisher_shannon(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                   tie_precision: int | None = None) -> tuple[float, float]:
    """(H, F) of a series: its point on the Fisher-Shannon plane (Olivares, Plastino & Rosso 2012).

    Examples
    --------
    >>> h, f = fisher_shannon([4, 7, 9, 10, 6, 11, 3], dim=3)
    >>> round(h, 10), round(f, 10)
    (0.5887621559, 0.8)
    """
    return fisher_shannon_from_probabilities(_probabilities(x, dim, tau, tie_precision))


def renyi_complexity_entropy(x, q=1.0, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                             tie_precision: int | None = None) -> np.ndarray:
    """(H_q, C_q) of a series in Rényi's formalism (Jauregui et al. 2018), for one q or a list."""
    return renyi_complexity_entropy_from_probabilities(_probabilities(x, dim, tau, tie_precision), q)


def tsallis_complexity_entropy(x, q=1.0, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                               tie_precision: int | None = None) -> np.ndarray:
    """(H_q, C_q) of a series in Tsallis' formalism (Ribeiro et al. 2017), for one q or a list."""
    return tsallis_complexity_entropy_from_probabilities(_probabilities(x, dim, tau, tie_precision), q)


@dataclass(frozen=True)
class ComplexityEntropyCurve:
    """One series' curve (H_q, C_q) over the orders q, in Rényi's or Tsallis' formalism."""

    kind: str
    q: np.ndarray
    entropy: np.ndarray
    complexity: np.ndarray

    def records(self, **head) -> list[dict]:
        """One flat record per q: ``{**head, kind, q, entropy, complexity}``."""
        return [{**head, "kind": self.kind, "q": float(q), "entropy": float(h), "complexity": float(c)}
                for q, h, c in zip(self.q, self.entropy, self.complexity)]


def complexity_entropy_curve(x, kind: str = "tsallis", q=None, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                             tie_precision: int | None = None, probabilities=None) -> ComplexityEntropyCurve:
    """The complexity-entropy curve of a series (or of ``probabilities``) over ``q`` (default :data:`DEFAULT_Q`)."""
    kind = _check_kind(kind)
    if kind == "shannon":
        raise ValueError("kind must be 'renyi' or 'tsallis' for a curve over q (the Shannon plane has one point)")
    qs = _check_q(DEFAULT_Q if q is None else q)
    p = _probabilities(x, dim, tau, tie_precision) if probabilities is None else probabilities
    pairs = _pairs(p, qs, kind)
    return ComplexityEntropyCurve(kind, qs, pairs[:, 0], pairs[:, 1])


# --------------------------------------------------------------------------- bounds

def _n_outcomes(dim: int, dy: int = 1) -> int:
    from .._validation import check_int

    size = check_int(dim, "dim", 2) * check_int(dy, "dy", 1)
    if size > 7:  # the maximum family costs (N-1) m vectors of N entries: 7! = 5040 takes about a second
        raise ValueError(f"the bounds are computed over all (dim*dy)! patterns: dim*dy must be at most 7, got {size}")
    return math.factorial(size)


def _pair(p, kind, q):
    return _shannon_pair(p) if kind == "shannon" else _PAIRS[kind](p, q)


def minimum_complexity_entropy(dim: int = 3, size: int = 100, kind: str = "shannon", q: float = 1.0,
                               dy: int = 1) -> np.ndarray:
    """The lower bound of the plane as ``size`` points (H, C), from H = 1 down to H = 0 (ordpy's order).

    The family p = (p0, (1-p0)/(N-1), ..., (1-p0)/(N-1)), p0 from 1/N to 1, N = (dim*dy)!.
    """
    kind = _check_kind(kind)
    q = float(_check_q(q)[0])
    n = _n_outcomes(dim, dy)
    out = []
    for p0 in np.linspace(1.0 / n, 1.0, num=size):
        p = np.full(n, (1.0 - p0) / (n - 1))
        p[0] = p0
        out.append(_pair(p, kind, q))
    return np.flip(np.array(out), axis=0)


def maximum_complexity_entropy(dim: int = 3, m: int = 1, kind: str = "shannon", q: float = 1.0,
                               dy: int = 1) -> np.ndarray:
    """The upper bound of the plane as (N-1)*m points (H, C) sorted by H, N = (dim*dy)!.

    For i = 0 .. N-2: i patterns at zero, one at p0 (m values from 0 to 1/N), the other N-i-1 equal.
    """
    kind = _check_kind(kind)
    q = float(_check_q(q)[0])
    n = _n_outcomes(dim, dy)
    hs, cs = np.zeros((n - 1, m)), np.zeros((n - 1, m))
    for i in range(n - 1):
        for k, p0 in enumerate(np.linspace(0.0, 1.0 / n, num=m)):
            p = np.zeros(n)
            p[0] = p0
            p[1:n - i] = (1.0 - p0) / (n - i - 1)
            hs[i, k], cs[i, k] = _pair(p, kind, q)
    hs, cs = hs.ravel(), cs.ravel()
    order = np.argsort(hs, kind="stable")
    return np.column_stack([hs[order], cs[order]])
