"""Ordinal transition networks: the weighted directed graph of successive ordinal patterns.

Small (2013), McCullough et al. (2015) and Pessa & Ribeiro (2019): every
pattern seen is a node, and the window at t+1 following the window at t is an
edge from the pattern at t to the pattern at t+1 (one sample apart, whatever
tau), weighted by how often it occurs. Numbers follow ordpy's
``ordinal_network`` (normalized weights: count / number of transitions),
``global_node_entropy`` and ``missing_links``.

Counts are kept sparse: a transition is the integer key ``a * d! + b``, counted
densely in a numba kernel while (d!)^2 is small (d <= 6, and at most 32 N) and
by sorting the keys otherwise, so memory is O(N + edges seen), never a d! x d! matrix at d >= 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..options import DEFAULT_DIM, DEFAULT_TAU
from .codes import _code_add, _lag_prefixes

#: Largest (d!)^2 counted in a dense histogram (d <= 6: 518 400 cells, about 4 MB).
DENSE_TRANSITIONS = 1 << 20


@njit(cache=True, nogil=True)
def _pattern_codes(x, dim, tau, table, out, block):
    """out[t] = lexicographic pattern code of window t: rank codes by the shared comparisons of
    :func:`tscomplex.ordinal.codes._count_codes` (d-1 per sample, in blocks), mapped through ``table``."""
    fact = np.ones(dim, np.int32)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    nw = out.shape[0]
    prefix = np.zeros((dim, block + (dim - 2) * tau), np.int8)  # prefix[0] stays zero
    codes = np.empty(block, np.int32)
    for start in range(0, nw, block):
        m = min(block, nw - start)
        _lag_prefixes(x, dim, tau, start, m, prefix)
        codes[:m] = 0
        for i in range(dim - 1):
            _code_add(prefix[dim - 1 - i, i * tau:i * tau + m], codes, fact[i], m)
        for t in range(m):
            out[start + t] = table[codes[t]]


def pattern_codes(x, dim: int, tau: int, tie_precision: int | None = None) -> np.ndarray:
    """The pattern code of every window (as :func:`tscomplex.ordinal_codes`, by the faster shared comparisons)."""
    from .codes import COUNT_BLOCK, pattern_table
    from .series import n_windows, prepare_series

    x = prepare_series(x, dim, tau, tie_precision)
    out = np.empty(n_windows(x.size, dim, tau), dtype=np.int64)
    _pattern_codes(x, int(dim), int(tau), pattern_table(dim), out, COUNT_BLOCK)
    return out


@njit(cache=True, nogil=True)
def _dense_transition_counts(codes, n_patterns, hist):
    for t in range(codes.size - 1):
        hist[codes[t] * n_patterns + codes[t + 1]] += 1


@njit(cache=True, nogil=True)
def _transition_keys(codes, n_patterns, keys):
    for t in range(codes.size - 1):
        keys[t] = codes[t] * n_patterns + codes[t + 1]


@njit(cache=True, nogil=True)
def _run_lengths(sorted_keys, keys_out, counts_out):
    """Distinct values of a sorted array and how often each occurs; returns how many there are."""
    m = 0
    n = sorted_keys.size
    i = 0
    while i < n:
        j = i + 1
        while j < n and sorted_keys[j] == sorted_keys[i]:
            j += 1
        keys_out[m] = sorted_keys[i]
        counts_out[m] = j - i
        m += 1
        i = j
    return m


def transition_counts(codes: np.ndarray, n_patterns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source codes, target codes, counts) of the transitions between successive pattern codes, sorted by
    (source, target); only the transitions that occur."""
    codes = np.ascontiguousarray(codes, dtype=np.int64)
    if codes.size < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    # dense only where the histogram is small and not much longer than the series (zeroing and scanning a cell
    # costs far less than a step of sorting the keys)
    if n_patterns * n_patterns <= min(DENSE_TRANSITIONS, 32 * codes.size):
        hist = np.zeros(n_patterns * n_patterns, dtype=np.int64)
        _dense_transition_counts(codes, n_patterns, hist)
        keys = np.flatnonzero(hist)
        counts = hist[keys]
    else:
        keys = np.empty(codes.size - 1, dtype=np.int64)
        _transition_keys(codes, n_patterns, keys)
        keys.sort(kind="quicksort")
        unique = np.empty_like(keys)
        counts = np.empty_like(keys)
        m = _run_lengths(keys, unique, counts)
        keys, counts = unique[:m], counts[:m]
    return keys // n_patterns, keys % n_patterns, counts


@dataclass(frozen=True)
class OrdinalNetwork:
    """The ordinal transition network of a series.

    ``nodes``: the codes of the patterns seen (sorted; the numbering of :func:`tscomplex.ordinal_codes`);
    ``sources``, ``targets``: the codes at the two ends of each edge, sorted by (source, target);
    ``counts``: how often each transition occurs; ``weights``: counts / transitions (ordpy's
    ``normalized=True``).
    """

    dim: int
    tau: int
    nodes: np.ndarray
    sources: np.ndarray
    targets: np.ndarray
    counts: np.ndarray

    @property
    def transitions(self) -> int:
        """Number of successive window pairs: windows - 1."""
        return int(self.counts.sum())

    @property
    def weights(self) -> np.ndarray:
        return self.counts / self.transitions if self.transitions else self.counts.astype(np.float64)

    @property
    def edges(self) -> np.ndarray:
        """(edges, 2) array of (source, target) codes."""
        return np.column_stack([self.sources, self.targets])

    @property
    def self_loops(self) -> int:
        return int(np.count_nonzero(self.sources == self.targets))

    @property
    def possible_transitions(self) -> int:
        """Transitions a series can show: d! * d for tau = 1 (the next window shares d-1 samples, so only
        the rank of the new sample is free), (d!)^2 for tau > 1 (successive windows share no sample)."""
        f = math.factorial(self.dim)
        return f * self.dim if self.tau == 1 else f * f

    def labels(self, codes=None) -> list[str]:
        """ordpy's node names: the argsort permutation of each pattern joined by '|' (e.g. '0|2|1')."""
        from .codes import pattern_of_code

        codes = self.nodes if codes is None else codes
        return ["|".join(str(int(v)) for v in pattern_of_code(int(c), self.dim)) for c in codes]


def ordinal_network(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                    tie_precision: int | None = None) -> OrdinalNetwork:
    """The ordinal transition network of ``x``: nodes, edges and edge counts/weights.

    Parameters
    ----------
    x : array_like
        One-dimensional finite series of at least (dim-1)*tau + 1 samples.
    dim, tau : int
        Pattern length and delay. Edges join windows one sample apart (as ordpy).
    tie_precision : int, optional
        Round to this many decimals first (ordpy's ``tie_precision``).

    Returns
    -------
    OrdinalNetwork
        ``nodes``, ``sources``, ``targets``, ``counts`` and ``weights`` (counts / transitions).

    References
    ----------
    Small, ISCAS 2013; McCullough et al., Chaos 25, 053101 (2015);
    Pessa & Ribeiro, Phys. Rev. E 100, 042304 (2019).

    Examples
    --------
    >>> net = ordinal_network([4, 7, 9, 10, 6, 11, 8, 3, 7], dim=2)
    >>> net.edges.tolist(), net.counts.tolist()
    ([[0, 0], [0, 1], [1, 0], [1, 1]], [2, 2, 2, 1])
    """
    codes = pattern_codes(x, dim, tau, tie_precision)
    dim, tau = int(dim), int(tau)
    sources, targets, counts = transition_counts(codes, math.factorial(dim))
    nodes = _nodes(codes, sources)
    return OrdinalNetwork(dim, tau, nodes, sources, targets, counts)


def _nodes(codes: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """The sorted distinct codes: every window but the last is the source of a transition, and ``sources`` is
    sorted, so no sort of N codes is needed."""
    if sources.size:
        first = np.empty(sources.size, dtype=np.bool_)  # np.r_ costs more than the rest at N = 10^3
        first[0] = True
        np.not_equal(sources[1:], sources[:-1], out=first[1:])
        nodes = sources[first]
    else:
        nodes = sources
    last = codes[-1]
    at = int(np.searchsorted(nodes, last))
    if at == nodes.size or nodes[at] != last:
        nodes = np.insert(nodes, at, last)
    return nodes


def node_entropy_of(network: OrdinalNetwork) -> float:
    """Global node entropy of a network: sum over nodes of (weight into the node) x (Shannon entropy, natural
    log, of its outgoing weights renormalized to 1); a node without outgoing edges adds 0 (as ordpy)."""
    if network.transitions == 0:
        return 0.0
    w = network.weights
    src = np.searchsorted(network.nodes, network.sources)  # position among the nodes: O(nodes), not O(d!)
    tgt = np.searchsorted(network.nodes, network.targets)
    out_total = np.bincount(src, weights=w, minlength=network.nodes.size)
    in_total = np.bincount(tgt, weights=w, minlength=network.nodes.size)
    q = w / out_total[src]
    h = np.bincount(src, weights=-q * np.log(q), minlength=network.nodes.size)
    return float(np.sum(in_total * h))


def global_node_entropy(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                        tie_precision: int | None = None) -> float:
    """Global node entropy of the ordinal network of ``x`` (McCullough et al. 2015; Pessa & Ribeiro 2019).

    H_GN = sum_i p_i H_i, with p_i the weight of the edges into node i and H_i = -sum_j w'_ij ln w'_ij the
    entropy of its outgoing weights renormalized to 1. Natural log, not normalized (as ordpy): 0 for a
    deterministic succession of patterns, ln d for white noise at tau = 1 as N grows.

    Examples
    --------
    >>> global_node_entropy([1, 2, 3, 4, 5, 6, 7, 8, 9], dim=2)
    0.0
    """
    codes = pattern_codes(x, dim, tau, tie_precision)
    n_patterns = math.factorial(int(dim))
    if n_patterns * n_patterns <= min(DENSE_TRANSITIONS, 32 * codes.size):  # one pass, no network built
        return float(_dense_node_entropy(codes, n_patterns, np.zeros(n_patterns * n_patterns, dtype=np.int64)))
    sources, targets, counts = transition_counts(codes, n_patterns)
    return node_entropy_of(OrdinalNetwork(int(dim), int(tau), _nodes(codes, sources), sources, targets, counts))


@njit(cache=True, nogil=True)
def _dense_node_entropy(codes, n_patterns, hist):
    """Global node entropy from the dense transition histogram (as :func:`node_entropy_of`)."""
    transitions = codes.size - 1
    if transitions <= 0:
        return 0.0
    for t in range(transitions):
        hist[codes[t] * n_patterns + codes[t + 1]] += 1
    total = 0.0
    for i in range(n_patterns):
        out = 0
        for j in range(n_patterns):
            out += hist[i * n_patterns + j]
        if out == 0:
            continue
        h = 0.0
        for j in range(n_patterns):
            c = hist[i * n_patterns + j]
            if c > 0:
                q = c / out
                h -= q * math.log(q)
        into = 0
        for j in range(n_patterns):
            into += hist[j * n_patterns + i]
        total += (into / transitions) * h
    return total


def missing_transitions(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                        tie_precision: int | None = None) -> float:
    """Fraction of the possible transitions between patterns that the series never shows.

    Possible: d! * d at tau = 1 (ordpy's ``missing_links``, which assumes tau = 1), (d!)^2 at tau > 1.

    Examples
    --------
    >>> missing_transitions([1, 2, 3, 4, 5, 6, 7, 8, 9], dim=2)
    0.75
    """
    codes = pattern_codes(x, dim, tau, tie_precision)
    n_patterns = math.factorial(int(dim))
    possible = n_patterns * int(dim) if int(tau) == 1 else n_patterns * n_patterns
    if n_patterns * n_patterns <= min(DENSE_TRANSITIONS, 32 * codes.size):  # one pass over a bitmap
        seen = np.zeros(n_patterns * n_patterns, dtype=np.bool_)
        return 1.0 - _distinct_transitions(codes, n_patterns, seen) / possible
    return 1.0 - transition_counts(codes, n_patterns)[2].size / possible


@njit(cache=True, nogil=True)
def _distinct_transitions(codes, n_patterns, seen):
    """How many distinct (codes[t], codes[t+1]) pairs there are, marking them in ``seen`` (n_patterns^2 cells)."""
    distinct = 0
    for t in range(codes.size - 1):
        key = codes[t] * n_patterns + codes[t + 1]
        if not seen[key]:
            seen[key] = True
            distinct += 1
    return distinct
