"""Generalized planes: plain-numpy formulas written here, ordpy to 1e-10, the q = 1 limit, bounds."""

import numpy as np
import pytest

from tscomplex.information import complexity_entropy_from_probabilities
from tscomplex.plane import generalized as g

QS = [0.05, 0.5, 0.99, 1.0, 1.01, 2.0, 7.5]


def logistic(n, r=4.0, x0=0.3):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = r * x[i] * (1 - x[i])
    return x


def series():
    rng = np.random.default_rng(2017)
    return {"noise": rng.normal(size=2000), "logistic": logistic(2000), "sine": np.sin(np.arange(500) * 0.3)}


def plain_tsallis(p, q):
    """Ribeiro et al. 2017, eqs. (3), (10), (11), written out for one q != 1."""
    n = p.size
    u = np.full(n, 1 / n)
    lnq = lambda x: (x ** (1 - q) - 1) / (1 - q)  # noqa: E731
    nz = p > 0
    h = np.sum(p[nz] * lnq(1 / p[nz])) / lnq(n)
    m = (p + u) / 2
    k = -0.5 * np.sum(p[nz] * lnq(m[nz] / p[nz])) - 0.5 * np.sum(u * lnq(m / u))
    kmax = (2 ** (2 - q) * n - (1 + n) ** (1 - q) - n * (1 + 1 / n) ** (1 - q) - n + 1) / ((1 - q) * 2 ** (2 - q) * n)
    return h, h * k / kmax


def plain_renyi(p, q):
    """Jauregui et al. 2018, eqs. (2), (4), (5), for one q != 1."""
    n = p.size
    u = np.full(n, 1 / n)
    nz = p > 0
    h = np.log(np.sum(p[nz] ** q)) / ((1 - q) * np.log(n))
    m = (p + u) / 2
    r = (np.log(np.sum(p[nz] ** q * m[nz] ** (1 - q))) + np.log(np.sum(u ** q * m ** (1 - q)))) / (2 * (q - 1))
    rmax = (np.log(((n + 1) ** (1 - q) + n - 1) / (2 ** (1 - q) * n)) + (1 - q) * np.log((n + 1) / (2 * n))) / (
        2 * (q - 1))
    return h, h * r / rmax


@pytest.mark.parametrize("kind,plain", [("tsallis", plain_tsallis), ("renyi", plain_renyi)])
def test_curves_match_the_written_out_formulas(kind, plain):
    from tscomplex.measures import ordinal_probabilities

    for x in series().values():
        p = ordinal_probabilities(x, 4)
        got = g.complexity_entropy_curve(x, kind, [0.3, 0.8, 1.7, 4.0], dim=4)
        for q, h, c in zip(got.q, got.entropy, got.complexity):
            rh, rc = plain(p, q)
            assert h == pytest.approx(rh, abs=1e-12) and c == pytest.approx(rc, abs=1e-12)


@pytest.mark.parametrize("kind", ["tsallis", "renyi"])
def test_q_one_is_the_shannon_plane_and_the_limit_is_continuous(kind):
    from tscomplex.measures import ordinal_probabilities

    p = ordinal_probabilities(series()["logistic"], 5)
    shannon = complexity_entropy_from_probabilities(p)
    pairs = g._pairs(p, [0.999999, 1.0, 1.000001], kind)
    np.testing.assert_allclose(pairs[1], shannon, atol=1e-14)
    np.testing.assert_allclose(pairs[0], shannon, atol=1e-5)
    np.testing.assert_allclose(pairs[2], shannon, atol=1e-5)


def test_uniform_and_single_pattern_corners():
    n = 24
    for kind in ("tsallis", "renyi"):
        for q in QS:
            h, c = g._pairs(np.full(n, 1 / n), q, kind)
            assert h == pytest.approx(1, abs=1e-12) and c == pytest.approx(0, abs=1e-12)
            delta = np.zeros(n)
            delta[3] = 1
            h, c = g._pairs(delta, q, kind)
            assert h == pytest.approx(0, abs=1e-12) and c == pytest.approx(0, abs=1e-12)


def test_fisher_shannon_plain_numpy():
    from tscomplex.measures import ordinal_probabilities

    for x in series().values():
        p = ordinal_probabilities(x, 4)
        h, f = g.fisher_shannon(x, 4)
        nz = p[p > 0]
        assert h == pytest.approx(-np.sum(nz * np.log(nz)) / np.log(24), abs=1e-12)
        assert f == pytest.approx(0.5 * np.sum(np.diff(np.sqrt(p)) ** 2), abs=1e-12)
    assert g.fisher_shannon(np.arange(50.0), 3) == (0.0, 1.0)  # one pattern: ordpy's (0, 1)


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_agrees_with_ordpy(dim):
    ordpy = pytest.importorskip("ordpy")
    import warnings

    for x in series().values():
        np.testing.assert_allclose(g.renyi_complexity_entropy(x, QS, dim),
                                   ordpy.renyi_complexity_entropy(x, alpha=QS, dx=dim), atol=1e-10, rtol=0)
        np.testing.assert_allclose(g.tsallis_complexity_entropy(x, QS, dim),
                                   ordpy.tsallis_complexity_entropy(x, q=QS, dx=dim), atol=1e-10, rtol=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = ordpy.fisher_shannon(x, dx=dim)
        np.testing.assert_allclose(g.fisher_shannon(x, dim), expected, atol=1e-10, rtol=0)


@pytest.mark.parametrize("dim", [3, 4])
def test_bounds_agree_with_ordpy(dim):
    ordpy = pytest.importorskip("ordpy")
    np.testing.assert_allclose(g.minimum_complexity_entropy(dim, 40), ordpy.minimum_complexity_entropy(dx=dim, size=40),
                               atol=1e-10, rtol=0)
    np.testing.assert_allclose(g.maximum_complexity_entropy(dim, 4), ordpy.maximum_complexity_entropy(dx=dim, m=4),
                               atol=1e-10, rtol=0)


def test_shannon_bounds_match_the_plane_curves():
    from tscomplex.plane.bounds import max_complexity, min_complexity

    low = g.minimum_complexity_entropy(4, 60)
    np.testing.assert_allclose(low[1:-1, 1], min_complexity(low[1:-1, 0], 4), atol=1e-6)
    high = g.maximum_complexity_entropy(4, 30)
    inside = (high[:, 0] > 0.01) & (high[:, 0] < 0.99)
    assert np.all(high[inside, 1] <= max_complexity(high[inside, 0], 4) + 1e-6)


@pytest.mark.parametrize("kind", ["tsallis", "renyi"])
@pytest.mark.parametrize("q", [0.5, 2.0])
def test_series_lie_between_the_generalized_families(kind, q):
    for x in series().values():
        h, c = g.complexity_entropy_curve(x, kind, [q], dim=3).entropy[0], g.complexity_entropy_curve(
            x, kind, [q], dim=3).complexity[0]
        low = g.minimum_complexity_entropy(3, 2000, kind, q)
        high = g.maximum_complexity_entropy(3, 400, kind, q)
        lo = np.interp(h, low[::-1, 0], low[::-1, 1])
        hi = np.interp(h, high[:, 0], high[:, 1])
        assert lo - 1e-3 <= c <= hi + 1e-3


def test_curve_records_and_default_q():
    curve = g.complexity_entropy_curve(series()["noise"], "renyi", dim=3)
    assert 1.0 in curve.q and curve.q.min() == pytest.approx(0.01) and curve.q.max() == pytest.approx(100)
    rows = curve.records(source="a", series="x")
    assert rows[0]["kind"] == "renyi" and set(rows[0]) == {"source", "series", "kind", "q", "entropy", "complexity"}


@pytest.mark.parametrize("call,message", [
    (lambda: g.complexity_entropy_curve(np.arange(10.0), "gini"), "kind must be one of"),
    (lambda: g.complexity_entropy_curve(np.arange(10.0), "shannon"), "renyi' or 'tsallis"),
    (lambda: g.renyi_complexity_entropy_from_probabilities([0.5, 0.5], 0), "q must be finite and > 0"),
    (lambda: g.tsallis_complexity_entropy_from_probabilities([0.5, 0.6], 2), "sum to 1"),
    (lambda: g.maximum_complexity_entropy(8), "at most 7"),
])
def test_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_exported_from_the_package():
    import tscomplex

    for name in ("fisher_shannon", "renyi_complexity_entropy", "tsallis_complexity_entropy",
                 "complexity_entropy_curve", "maximum_complexity_entropy", "minimum_complexity_entropy",
                 "complexity_entropy_2d", "ordinal_counts_2d"):
        assert callable(getattr(tscomplex, name)) and name in tscomplex.__all__


def test_figures_render(tmp_path):
    from PIL import Image

    from tscomplex.plots.generalized import complexity_entropy_curves_figure, fisher_shannon_figure

    data = series()
    curves = [g.complexity_entropy_curve(x, "renyi", dim=3) for x in data.values()]
    complexity_entropy_curves_figure(curves, list(data), 3, str(tmp_path / "curves.png"))
    many = [g.complexity_entropy_curve(np.random.default_rng(i).normal(size=300), "tsallis", dim=3) for i in range(30)]
    complexity_entropy_curves_figure(many, [str(i) for i in range(30)], 3, str(tmp_path / "many.png"))
    fisher_shannon_figure([(k, *g.fisher_shannon(x, 3)) for k, x in data.items()], str(tmp_path / "fs.png"))
    for name in ("curves.png", "many.png", "fs.png"):
        with Image.open(tmp_path / name) as img:
            assert img.width > 600 and img.height > 400


def test_docstring_examples_run():
    import doctest

    from tscomplex.ordinal import image

    for module in (g, image):
        failures, tried = doctest.testmod(module)
        assert failures == 0 and tried > 0
