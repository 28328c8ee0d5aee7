"""Ordinal transition networks: against a plain-numpy implementation written here, against ordpy when it is
installed, and on cases whose answer is known."""

from __future__ import annotations

import math
from itertools import permutations

import numpy as np
import pytest

from tscomplex import global_node_entropy, missing_transitions, ordinal_network
from tscomplex.ordinal.networks import transition_counts


# ---------------------------------------------------------------- a plain-numpy reference, independent of the package

def reference_codes(x, dim, tau):
    """Lexicographic rank of the stable argsort of every window."""
    x = np.asarray(x, dtype=float)
    rank = {p: i for i, p in enumerate(permutations(range(dim)))}
    n = x.size - (dim - 1) * tau
    return np.array([rank[tuple(np.argsort(x[t:t + (dim - 1) * tau + 1:tau], kind="stable"))] for t in range(n)])


def reference_network(x, dim, tau):
    """{(a, b): count} of successive patterns."""
    codes = reference_codes(x, dim, tau)
    edges = {}
    for a, b in zip(codes[:-1], codes[1:]):
        edges[(int(a), int(b))] = edges.get((int(a), int(b)), 0) + 1
    return edges


def reference_node_entropy(x, dim, tau):
    edges = reference_network(x, dim, tau)
    total = sum(edges.values())
    h = 0.0
    for node in {a for a, _ in edges} | {b for _, b in edges}:
        out = np.array([c for (a, _), c in edges.items() if a == node], dtype=float)
        p_in = sum(c for (_, b), c in edges.items() if b == node) / total
        if out.size:
            w = out / out.sum()
            h += p_in * -np.sum(w * np.log(w))
    return h


def series_cases():
    rng = np.random.default_rng(17)
    logistic = np.empty(3000)
    logistic[0] = 0.4
    for i in range(1, logistic.size):
        logistic[i] = 4 * logistic[i - 1] * (1 - logistic[i - 1])
    return {
        "noise": rng.normal(size=2000),
        "logistic": logistic,
        "walk": np.cumsum(rng.normal(size=1500)),
        "ties": rng.integers(0, 4, size=800).astype(float),
        "sine": np.sin(np.arange(1000) * 0.3),
    }


CASES = series_cases()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("dim,tau", [(2, 1), (3, 1), (4, 1), (3, 3), (5, 2)])
def test_network_matches_plain_numpy(name, dim, tau):
    x = CASES[name]
    net = ordinal_network(x, dim, tau)
    ref = reference_network(x, dim, tau)
    got = {(int(a), int(b)): int(c) for a, b, c in zip(net.sources, net.targets, net.counts)}
    assert got == ref
    assert net.transitions == x.size - (dim - 1) * tau - 1
    assert np.isclose(net.weights.sum(), 1.0)
    assert global_node_entropy(x, dim, tau) == pytest.approx(reference_node_entropy(x, dim, tau), abs=1e-12)
    possible = math.factorial(dim) * (dim if tau == 1 else math.factorial(dim))
    assert missing_transitions(x, dim, tau) == pytest.approx(1 - len(ref) / possible, abs=1e-15)


@pytest.mark.parametrize("dim,tau", [(2, 1), (3, 2), (5, 1), (7, 3), (10, 1)])
def test_pattern_codes_are_the_package_codes(dim, tau):
    from tscomplex import ordinal_codes
    from tscomplex.ordinal.networks import pattern_codes

    x = np.random.default_rng(dim).integers(0, 6, size=9000).astype(float)  # ties too
    np.testing.assert_array_equal(pattern_codes(x, dim, tau), ordinal_codes(x, dim, tau))
    np.testing.assert_array_equal(pattern_codes(x[:300], dim, tau), reference_codes(x[:300], dim, tau))


def test_sparse_path_matches_dense():
    codes = np.random.default_rng(3).integers(0, 24, size=5000)
    dense = transition_counts(codes, 24)
    import tscomplex.ordinal.networks as networks

    old = networks.DENSE_TRANSITIONS
    networks.DENSE_TRANSITIONS = 0
    try:
        sparse = transition_counts(codes, 24)
    finally:
        networks.DENSE_TRANSITIONS = old
    for a, b in zip(dense, sparse):
        np.testing.assert_array_equal(a, b)


def test_large_dim_is_sparse_and_right():
    x = np.random.default_rng(5).normal(size=3000)
    net = ordinal_network(x, 8, 1)  # 8!^2 = 1.6e9 possible pairs: counted by sorting
    assert net.counts.sum() == x.size - 8
    assert net.counts.size <= x.size
    assert global_node_entropy(x, 8, 1) == pytest.approx(reference_node_entropy(x, 8, 1), abs=1e-12)


def test_known_values():
    # monotone: one node, one self-loop, no uncertainty
    assert global_node_entropy(np.arange(50.0), 3) == 0.0
    assert missing_transitions(np.arange(50.0), 3) == pytest.approx(1 - 1 / 18)
    # period 2 at d = 2: 0 -> 1 -> 0 ...; each node has one successor
    alt = np.tile([0.0, 1.0], 40)
    net = ordinal_network(alt, 2)
    assert net.edges.tolist() == [[0, 1], [1, 0]]
    assert global_node_entropy(alt, 2) == 0.0
    # white noise, d = 2: after 'up' (x0 < x1) the next is 'up' iff x2 is the largest of three: 1/3
    x = np.random.default_rng(0).uniform(size=200_000)
    third = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3))
    assert global_node_entropy(x, 2) == pytest.approx(third, abs=0.01)
    assert missing_transitions(x, 4) == 0.0
    # ordpy's docstring example (dx=2)
    net = ordinal_network([4, 7, 9, 10, 6, 11, 8, 3, 7], dim=2)
    assert net.labels() == ["0|1", "1|0"]
    assert net.counts.tolist() == [2, 2, 2, 1]
    assert net.weights.tolist() == pytest.approx([2 / 7, 2 / 7, 2 / 7, 1 / 7])


def test_bad_input_is_one_clear_error():
    with pytest.raises(ValueError, match="too short"):
        ordinal_network([1.0, 2.0], 3)
    with pytest.raises(ValueError, match="dim"):
        ordinal_network(np.arange(10.0), 1)
    with pytest.raises(ValueError, match="NaN"):
        global_node_entropy([1.0, np.nan, 2.0, 3.0], 2)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 1), (4, 2), (5, 1)])
def test_against_ordpy(name, dim, tau):
    ordpy = pytest.importorskip("ordpy")
    x = CASES[name][:600]
    nodes, edges, weights = ordpy.ordinal_network(x, dx=dim, taux=tau)
    net = ordinal_network(x, dim, tau)
    labels = net.labels()
    assert list(nodes) == sorted(labels)
    ours = {(s, t): w for s, t, w in zip(net.labels(net.sources), net.labels(net.targets), net.weights)}
    theirs = {(str(a), str(b)): float(w) for (a, b), w in zip(edges, weights)}
    assert ours.keys() == theirs.keys()
    for key, w in theirs.items():
        assert ours[key] == pytest.approx(w, abs=1e-12)
    assert global_node_entropy(x, dim, tau) == pytest.approx(ordpy.global_node_entropy(x, dx=dim, taux=tau),
                                                              abs=1e-10)
    if tau == 1:
        _, fraction = ordpy.missing_links(x, dx=dim)
        assert missing_transitions(x, dim, tau) == pytest.approx(fraction, abs=1e-10)
