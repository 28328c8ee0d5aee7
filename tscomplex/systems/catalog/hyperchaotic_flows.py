"""Hyperchaotic and high-dimensional flows (four or more variables; two positive exponents where computed).

Every ``f(t, y, p, out)`` writes dy/dt into ``out`` and every ``j(t, y, p, J)`` writes its
Jacobian; ``p`` holds the parameters in the order of the ``params`` dict. The equations and
default parameters follow the dysts catalog (Gilpin 2021); ``source`` cites the original
paper where one is known. A description says "hyperchaotic" only where the computed
spectrum at the default parameters has two positive exponents (tests/systems/test_catalog_alg_hyper.py).
"""

from __future__ import annotations

from ._flow import _sys

XYZW = ("x", "y", "z", "w")


def _hyper(name, description, equations, source, params, ic, f, j, **kw):
    kw.setdefault("dt", 0.005)
    kw.setdefault("transient", 20.0)
    kw.setdefault("spectrum_dt", 0.001)
    kw.setdefault("spectrum_time", 1000.0)
    return _sys(name, description, equations, source, params, ic, f, j, components=XYZW, **kw)


def qi_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0]) + y[1] * y[2] * y[3]
    out[1] = b * (y[0] + y[1]) - y[0] * y[2] * y[3]
    out[2] = -c * y[2] + y[0] * y[1] * y[3]
    out[3] = -d * y[3] + y[0] * y[1] * y[2]


def qi_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    x, v, z, w = y[0], y[1], y[2], y[3]
    J[0, 0] = -a
    J[0, 1] = a + z * w
    J[0, 2] = v * w
    J[0, 3] = v * z
    J[1, 0] = b - z * w
    J[1, 1] = b
    J[1, 2] = -x * w
    J[1, 3] = -x * z
    J[2, 0] = v * w
    J[2, 1] = x * w
    J[2, 2] = -c
    J[2, 3] = x * v
    J[3, 0] = v * z
    J[3, 1] = x * z
    J[3, 2] = x * v
    J[3, 3] = -d


_hyper("qi", "Qi's four-dimensional flow with cubic cross-product terms; chaotic with one positive exponent, not "
       "hyperchaotic at these parameters",
       "dx/dt = a (y - x) + y z w\ndy/dt = b (x + y) - x z w\ndz/dt = -c z + x y w\ndw/dt = -d w + x y z",
       "Qi, van Wyk, van Wyk & Chen, Phys. Lett. A (2008), as dysts cites it; the form with cubic terms goes "
       "back to Qi et al., Chaos Solitons Fractals 23 (2005)",
       {"a": 45.0, "b": 10.0, "c": 1.0, "d": 10.0},
       (0.2562042648386667, 0.1956116640569919, 7.259823760387948, 1.3162558970131963), qi_f, qi_j,
       dt=0.002, spectrum_dt=0.0005, dysts_name="Qi")


def hyper_bao_f(t, y, p, out):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    out[0] = a * (y[1] - y[0]) + y[3]
    out[1] = c * y[1] - y[0] * y[2]
    out[2] = y[0] * y[1] - b * y[2]
    out[3] = e * y[0] + d * y[1] * y[2]


def hyper_bao_j(t, y, p, J):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 3] = 1.0
    J[1, 1] = c
    J[1, 0] = -y[2]
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b
    J[3, 0] = e
    J[3, 1] = d * y[2]
    J[3, 2] = d * y[1]


_hyper("hyper_bao", "Bao-Liu hyperchaotic flow, a four-dimensional extension of Lü's attractor",
       "dx/dt = a (y - x) + w\ndy/dt = c y - x z\ndz/dt = x y - b z\ndw/dt = e x + d y z",
       "Bao & Liu, Chin. Phys. Lett. 25, 2396 (2008)", {"a": 36.0, "b": 3.0, "c": 20.0, "d": 0.1, "e": 21.0},
       (9.271308063781017, 9.752247178805291, 23.919154915696105, -16.69675939965203), hyper_bao_f, hyper_bao_j,
       dysts_name="HyperBao")


def hyper_cai_f(t, y, p, out):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    out[0] = a * (y[1] - y[0])
    out[1] = b * y[0] + c * y[1] - y[0] * y[2] + y[3]
    out[2] = -d * y[2] + y[1] * y[1]
    out[3] = -e * y[0]


def hyper_cai_j(t, y, p, J):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[1, 0] = b - y[2]
    J[1, 1] = c
    J[1, 2] = -y[0]
    J[1, 3] = 1.0
    J[2, 1] = 2.0 * y[1]
    J[2, 2] = -d
    J[3, 0] = -e


_hyper("hyper_cai", "Cai-Huang hyperchaotic flow, a four-dimensional variant of a finance system",
       "dx/dt = a (y - x)\ndy/dt = b x + c y - x z + w\ndz/dt = -d z + y^2\ndw/dt = -e x",
       "Cai & Huang, Int. J. Nonlinear Sci. (2007)", {"a": 27.5, "b": 3.0, "c": 19.3, "d": 2.9, "e": 3.3},
       (-10.691273602120157, -15.541159376570342, 18.388272900250726, -14.904493939514888), hyper_cai_f,
       hyper_cai_j, dysts_name="HyperCai")


def hyper_jha_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0]) + y[3]
    out[1] = b * y[0] - y[1] - y[0] * y[2]
    out[2] = y[0] * y[1] - c * y[2]
    out[3] = -y[0] * y[2] + d * y[3]


def hyper_jha_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 3] = 1.0
    J[1, 0] = b - y[2]
    J[1, 1] = -1.0
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -c
    J[3, 0] = -y[2]
    J[3, 2] = -y[0]
    J[3, 3] = d


_HYPER_LORENZ_EQ = "dx/dt = a (y - x) + w\ndy/dt = b x - y - x z\ndz/dt = x y - c z\ndw/dt = -x z + d w"
_HYPER_LORENZ_SOURCE = ("Meier's attractor gallery (2003), as dysts cites; the same form (Lorenz with a linear "
                        "feedback variable) is in Jia, Phys. Lett. A 366 (2007)")

_hyper("hyper_jha", "Hyperchaotic Lorenz system with a fourth, linear feedback variable (dysts' HyperJha)",
       _HYPER_LORENZ_EQ,
       _HYPER_LORENZ_SOURCE, {"a": 10.0, "b": 28.0, "c": 2.667, "d": 1.3},
       (13.76544888070825, 20.203791990082554, 32.08179795423583, -51.189321449994914), hyper_jha_f,
       hyper_jha_j, dysts_name="HyperJha")


def hyper_lorenz_f(t, y, p, out):
    # HyperJha's form with dysts' HyperLorenz parameter names: b is the z decay, c the x-y coupling
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0]) + y[3]
    out[1] = c * y[0] - y[1] - y[0] * y[2]
    out[2] = y[0] * y[1] - b * y[2]
    out[3] = -y[0] * y[2] + d * y[3]


def hyper_lorenz_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 3] = 1.0
    J[1, 0] = c - y[2]
    J[1, 1] = -1.0
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b
    J[3, 0] = -y[2]
    J[3, 2] = -y[0]
    J[3, 3] = d


_hyper("hyper_lorenz", "Hyperchaotic Lorenz system with a fourth, linear feedback variable (dysts' HyperLorenz)",
       "dx/dt = a (y - x) + w\ndy/dt = c x - y - x z\ndz/dt = x y - b z\ndw/dt = -x z + d w",
       _HYPER_LORENZ_SOURCE, {"a": 10.0, "b": 2.667, "c": 28.0, "d": 1.1},
       (-9.186073735061425, -0.6744570634419695, 16.440536886214517, -145.0243848950473), hyper_lorenz_f,
       hyper_lorenz_j, dysts_name="HyperLorenz")


def hyper_lu_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0]) + y[3]
    out[1] = -y[0] * y[2] + c * y[1]
    out[2] = y[0] * y[1] - b * y[2]
    out[3] = d * y[3] + y[0] * y[2]


def hyper_lu_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 3] = 1.0
    J[1, 0] = -y[2]
    J[1, 1] = c
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b
    J[3, 0] = y[2]
    J[3, 2] = y[0]
    J[3, 3] = d


_hyper("hyper_lu", "Hyperchaotic Lü attractor with a fourth, state-feedback variable",
       "dx/dt = a (y - x) + w\ndy/dt = -x z + c y\ndz/dt = x y - b z\ndw/dt = x z + d w",
       "Chen, Lu, Lü & Yu, Physica A 364, 103 (2006)", {"a": 36.0, "b": 3.0, "c": 20.0, "d": 1.3},
       (8.11348619, 10.55664382, 18.44590719, -28.38151717), hyper_lu_f, hyper_lu_j, spectrum_dt=0.0005,
       dysts_name="HyperLu")  # RK4 at 0.001 escapes near t = 430


def hyper_pang_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0])
    out[1] = -y[0] * y[2] + c * y[1] + y[3]
    out[2] = y[0] * y[1] - b * y[2]
    out[3] = -d * (y[0] + y[1])


def hyper_pang_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[1, 0] = -y[2]
    J[1, 1] = c
    J[1, 2] = -y[0]
    J[1, 3] = 1.0
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b
    J[3, 0] = -d
    J[3, 1] = -d


_hyper("hyper_pang", "Pang-Liu hyperchaotic flow from Lü's system",
       "dx/dt = a (y - x)\ndy/dt = -x z + c y + w\ndz/dt = x y - b z\ndw/dt = -d (x + y)",
       "Pang & Liu, J. Comput. Appl. Math. 235, 2775 (2011)", {"a": 36.0, "b": 3.0, "c": 20.0, "d": 2.0},
       (8.40863585, 4.67210241, 27.91032548, -1.26300886), hyper_pang_f, hyper_pang_j, dysts_name="HyperPang")


def hyper_qi_f(t, y, p, out):
    a, b, c, d, e, f = p[0], p[1], p[2], p[3], p[4], p[5]
    out[0] = a * (y[1] - y[0]) + y[1] * y[2]
    out[1] = b * (y[0] + y[1]) - y[0] * y[2]
    out[2] = -c * y[2] - e * y[3] + y[0] * y[1]
    out[3] = -d * y[3] + f * y[2] + y[0] * y[1]


def hyper_qi_j(t, y, p, J):
    a, b, c, d, e, f = p[0], p[1], p[2], p[3], p[4], p[5]
    J[0, 0] = -a
    J[0, 1] = a + y[2]
    J[0, 2] = y[1]
    J[0, 3] = 0.0
    J[1, 0] = b - y[2]
    J[1, 1] = b
    J[1, 2] = -y[0]
    J[1, 3] = 0.0
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -c
    J[2, 3] = -e
    J[3, 0] = y[1]
    J[3, 1] = y[0]
    J[3, 2] = f
    J[3, 3] = -d


_hyper("hyper_qi", "Qi-van Wyk-Chen hyperchaotic flow",
       "dx/dt = a (y - x) + y z\ndy/dt = b (x + y) - x z\ndz/dt = -c z - e w + x y\ndw/dt = -d w + f z + x y",
       "Qi, van Wyk, van Wyk & Chen, Phys. Lett. A 372, 124 (2008)",
       {"a": 50.0, "b": 24.0, "c": 13.0, "d": 8.0, "e": 33.0, "f": 30.0},
       (11.250900857894639, -3.647077762541555, 50.16987924937642, -168.2485185683687), hyper_qi_f, hyper_qi_j,
       dt=0.001, spectrum_dt=0.0002, spectrum_time=200.0, dysts_name="HyperQi")


def hyper_wang_f(t, y, p, out):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    out[0] = a * (y[1] - y[0])
    out[1] = -y[0] * y[2] + b * y[0] + y[3]
    out[2] = -c * y[2] + e * y[0] * y[0]
    out[3] = -d * y[0]


def hyper_wang_j(t, y, p, J):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[1, 0] = b - y[2]
    J[1, 2] = -y[0]
    J[1, 3] = 1.0
    J[2, 0] = 2.0 * e * y[0]
    J[2, 2] = -c
    J[3, 0] = -d


_hyper("hyper_wang", "Wang's hyperchaotic flow with a linear feedback variable",
       "dx/dt = a (y - x)\ndy/dt = -x z + b x + w\ndz/dt = -c z + e x^2\ndw/dt = -d x",
       "dysts cites Wang, Sun, van Wyk, Qi & van Wyk, Braz. J. Phys. 39, 547 (2009), the three-variable four-wing "
       "system; no paper for this four-variable form was found",
       {"a": 10.0, "b": 40.0, "c": 2.5, "d": 10.6, "e": 4.0},
       (0.16824907, 0.16854103, 37.04033781, -15.29027381), hyper_wang_f, hyper_wang_j, dysts_name="HyperWang")


def hyper_xu_f(t, y, p, out):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    out[0] = a * (y[1] - y[0]) + y[3]
    out[1] = b * y[0] + e * y[0] * y[2]
    out[2] = -c * y[2] - y[0] * y[1]
    out[3] = y[0] * y[2] - d * y[1]


def hyper_xu_j(t, y, p, J):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 3] = 1.0
    J[1, 0] = b + e * y[2]
    J[1, 2] = e * y[0]
    J[2, 0] = -y[1]
    J[2, 1] = -y[0]
    J[2, 2] = -c
    J[3, 0] = y[2]
    J[3, 1] = -d
    J[3, 2] = y[0]


_hyper("hyper_xu", "Xu's hyperchaotic flow",
       "dx/dt = a (y - x) + w\ndy/dt = b x + e x z\ndz/dt = -c z - x y\ndw/dt = x z - d y",
       "Letellier & Rössler, Scholarpedia 2, 1936 (2007) (as dysts cites)",
       {"a": 10.0, "b": 40.0, "c": 2.5, "d": 2.0, "e": 16.0},
       (0.68944486, -0.60254126, -0.5814657, 0.26629277), hyper_xu_f, hyper_xu_j, dysts_name="HyperXu")


def hyper_yan_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0])
    out[1] = (c - a) * y[0] - y[0] * y[2] + c * y[1]
    out[2] = -b * y[2] + y[0] * y[1] - y[1] * y[2] + y[0] * y[2] - y[3]
    out[3] = -d * y[3] + y[1] * y[2] - y[0] * y[2]


def hyper_yan_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    x, v, z = y[0], y[1], y[2]
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 2] = 0.0
    J[0, 3] = 0.0
    J[1, 0] = c - a - z
    J[1, 1] = c
    J[1, 2] = -x
    J[1, 3] = 0.0
    J[2, 0] = v + z
    J[2, 1] = x - z
    J[2, 2] = -b - v + x
    J[2, 3] = -1.0
    J[3, 0] = -z
    J[3, 1] = z
    J[3, 2] = v - x
    J[3, 3] = -d


_hyper("hyper_yan", "Yan's four-dimensional extension of Chen's system; chaotic with one positive exponent, not "
       "hyperchaotic at these parameters",
       "dx/dt = a (y - x)\ndy/dt = (c - a) x - x z + c y\ndz/dt = -b z + x y - y z + x z - w\n"
       "dw/dt = -d w + y z - x z", "Meier's attractor gallery (2003), as dysts cites; no original paper was found",
       {"a": 37.0, "b": 3.0, "c": 26.0, "d": 38.0},
       (-6.576620730899293, -4.617145437320736, 17.796515255115004, 0.8072357311545831), hyper_yan_f, hyper_yan_j,
       dysts_name="HyperYan")


def hyper_yang_chen_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0])
    out[1] = c * y[0] - y[0] * y[2] + y[3]
    out[2] = -b * y[2] + y[0] * y[1]
    out[3] = -d * y[0]


def hyper_yang_chen_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[1, 0] = c - y[2]
    J[1, 2] = -y[0]
    J[1, 3] = 1.0
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b
    J[3, 0] = -d


_hyper("hyper_yang_chen", "Hyperchaotic Yang-Chen system with a fourth, linear feedback variable",
       "dx/dt = a (y - x)\ndy/dt = c x - x z + w\ndz/dt = -b z + x y\ndw/dt = -d x",
       "Meier's attractor gallery (2003), as dysts cites; no original paper was found",
       {"a": 30.0, "b": 3.0, "c": 35.0, "d": 8.0},
       (3.534464234888686, 4.82852516302869, 25.04917588890622, 17.118520274514353), hyper_yang_chen_f,
       hyper_yang_chen_j, dysts_name="HyperYangChen")
