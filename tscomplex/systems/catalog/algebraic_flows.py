"""Three-variable flows with quadratic or simple algebraic right-hand sides (Chen/Lu-type, jerk, Sprott-type).

Every ``f(t, y, p, out)`` writes dy/dt into ``out`` and every ``j(t, y, p, J)`` writes its
Jacobian; ``p`` holds the parameters in the order of the ``params`` dict. The equations
and default parameters follow the dysts catalog (Gilpin 2021), checked against the
original papers where those were available; ``source`` cites the original paper.
"""

from __future__ import annotations

import math

from ._flow import _sys
from .classic_flows import lu_f, lu_j


def arneodo_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = y[1]
    out[1] = y[2]
    out[2] = -a * y[0] - b * y[1] - c * y[2] + d * y[0] ** 3


def arneodo_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = -a + 3.0 * d * y[0] * y[0]
    J[2, 1] = -b
    J[2, 2] = -c


_sys("arneodo", "Arneodo-Coullet-Tresser attractor, a modified Lotka-Volterra ecosystem (ACT attractor)",
     "dx/dt = y\ndy/dt = z\ndz/dt = -a x - b y - c z + d x^3",
     "Arneodo, Coullet & Tresser, Phys. Lett. A 79, 259 (1980)", {"a": -5.5, "b": 4.5, "c": 1.0, "d": -1.0},
     (-2.7515698, 0.19079818, 3.4703629), arneodo_f, arneodo_j, dt=0.05, transient=100.0,
     dysts_name="Arneodo")


def bouali2_f(t, y, p, out):
    a, b, bb, c, g, m, y0 = p[0], p[1], p[2], p[3], p[4], p[5], p[6]
    out[0] = a * y0 * y[0] - a * y[0] * y[1] - b * y[2]
    out[1] = -g * y[1] + g * y[1] * y[0] * y[0]
    out[2] = -1.5 * m * y[0] + m * bb * y[0] * y[2] - c * y[2]


def bouali2_j(t, y, p, J):
    a, b, bb, c, g, m, y0 = p[0], p[1], p[2], p[3], p[4], p[5], p[6]
    J[0, 0] = a * y0 - a * y[1]
    J[0, 1] = -a * y[0]
    J[0, 2] = -b
    J[1, 0] = 2.0 * g * y[1] * y[0]
    J[1, 1] = -g + g * y[0] * y[0]
    J[1, 2] = 0.0
    J[2, 0] = -1.5 * m + m * bb * y[2]
    J[2, 1] = 0.0
    J[2, 2] = m * bb * y[0] - c


_sys("bouali2", "Bouali's economic cycle model, extended van der Pol form; only weakly chaotic at these parameters "
     "(largest exponent about 0.003 per time unit, set by the slow third variable, |m| ~ 0.003)",
     "dx/dt = a y0 x - a x y - b z\ndy/dt = -g y + g y x^2\ndz/dt = -1.5 m x + m bb x z - c z",
     "Bouali, Int. J. Bifurcation Chaos 9(4) (1999)",
     {"a": 3.0, "b": 2.2, "bb": 0.0, "c": 0.0, "g": 1.0, "m": -0.0026667, "y0": 1.0},
     (-0.79392257, 1.3617589, -0.030578888), bouali2_f, bouali2_j, dt=0.1, transient=200.0,
     dysts_name="Bouali2")


def dequan_li_f(t, y, p, out):
    a, c, d, eps, f, k = p[0], p[1], p[2], p[3], p[4], p[5]
    out[0] = a * (y[1] - y[0]) + d * y[0] * y[2]
    out[1] = k * y[0] + f * y[1] - y[0] * y[2]
    out[2] = c * y[2] + y[0] * y[1] - eps * y[0] * y[0]


def dequan_li_j(t, y, p, J):
    a, c, d, eps, f, k = p[0], p[1], p[2], p[3], p[4], p[5]
    J[0, 0] = -a + d * y[2]
    J[0, 1] = a
    J[0, 2] = d * y[0]
    J[1, 0] = k - y[2]
    J[1, 1] = f
    J[1, 2] = -y[0]
    J[2, 0] = y[1] - 2.0 * eps * y[0]
    J[2, 1] = y[0]
    J[2, 2] = c


_DEQUAN_LI_EQ = ("dx/dt = a (y - x) + d x z\ndy/dt = k x + f y - x z\ndz/dt = c z + x y - eps x^2")

_sys("dequan_li", "Dequan Li's three-scroll flow (related to TSUCS); not chaotic at these parameters: the "
     "spectrum tends to (0, -0.17, -1.53), a stable periodic orbit (largest exponent 0.003 at t = 1250, "
     "0.001 at t = 5000)", _DEQUAN_LI_EQ,
     "Li, Phys. Lett. A 372, 387 (2008)",
     {"a": 40.0, "c": 1.833, "d": 0.16, "eps": 0.65, "f": 20.0, "k": 55.0},
     (-11.395722, -104.12614, 202.46173), dequan_li_f, dequan_li_j, dt=0.002, transient=20.0,
     spectrum_dt=0.0005, spectrum_time=1000.0, dysts_name="DequanLi")

_sys("pan_xu_zhou", "Pan-Xu-Zhou flow, a Lorenz-like member of the Dequan Li family; not chaotic at these parameters: "
     "transient chaos that settles on a stable equilibrium (x = y = +-sqrt(-c k), z = k)", _DEQUAN_LI_EQ,
     "Zhou et al., Phys. Lett. A 372, 5773 (2008)",
     {"a": 10.0, "c": -2.6667, "d": 0.0, "eps": 0.0, "f": 0.0, "k": 16.0},
     (-3.03805747, -1.98052429, 14.65665869), dequan_li_f, dequan_li_j, dt=0.02, transient=50.0,
     dysts_name="PanXuZhou")

_sys("tsucs2", "Three-scroll unified system TSUCS-2 (Dequan Li family); not chaotic at these parameters: the "
     "spectrum tends to (0, 0, -1.50), quasi-periodic (largest exponent 0.0009 at t = 2500, 0.0004 at "
     "t = 10^4)", _DEQUAN_LI_EQ,
     "Pan, Zhou & Li (2013), synchronization of the three-scroll unified chaotic system (TSUCS), as dysts cites it",
     {"a": 40.0, "c": 0.833, "d": 0.5, "eps": 0.65, "f": 20.0, "k": 0.0},
     (1.2969944, 1.12138, 50.028988), dequan_li_f, dequan_li_j, dt=0.005, transient=20.0,
     spectrum_dt=0.001, spectrum_time=2000.0, dysts_name="Tsucs2")


def guckenheimer_holmes_f(t, y, p, out):
    a, b, c, d, e, f = p[0], p[1], p[2], p[3], p[4], p[5]
    r2 = y[0] * y[0] + y[1] * y[1]
    out[0] = a * y[0] - b * y[1] + c * y[2] * y[0] + d * y[2] * r2
    out[1] = a * y[1] + b * y[0] + c * y[2] * y[1]
    out[2] = e - y[2] * y[2] - f * r2 - a * y[2] ** 3


def guckenheimer_holmes_j(t, y, p, J):
    a, b, c, d, f = p[0], p[1], p[2], p[3], p[5]
    x, v, z = y[0], y[1], y[2]
    J[0, 0] = a + c * z + 2.0 * d * z * x
    J[0, 1] = -b + 2.0 * d * z * v
    J[0, 2] = c * x + d * (x * x + v * v)
    J[1, 0] = b
    J[1, 1] = a + c * z
    J[1, 2] = c * v
    J[2, 0] = -2.0 * f * x
    J[2, 1] = -2.0 * f * v
    J[2, 2] = -2.0 * z - 3.0 * a * z * z


_sys("guckenheimer_holmes", "Guckenheimer-Holmes oscillator (torus breakdown near a Hopf-saddle-node point)",
     "dx/dt = a x - b y + c z x + d z (x^2 + y^2)\ndy/dt = a y + b x + c z y\n"
     "dz/dt = e - z^2 - f (x^2 + y^2) - a z^3",
     "Guckenheimer & Holmes, Nonlinear Oscillations, Dynamical Systems, and Bifurcations of Vector Fields "
     "(Springer 1983)", {"a": 0.4, "b": 20.25, "c": 3.0, "d": 1.6, "e": 1.7, "f": 0.44},
     (-0.55582369, 0.05181624, 0.37766104), guckenheimer_holmes_f, guckenheimer_holmes_j, dt=0.005,
     transient=50.0, spectrum_dt=0.001, spectrum_time=2000.0, dysts_name="GuckenheimerHolmes")


def sakarya_f(t, y, p, out):
    a, b, c, h, pp, q, r, s = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    out[0] = a * y[0] + h * y[1] + s * y[1] * y[2]
    out[1] = -b * y[1] - pp * y[0] + q * y[0] * y[2]
    out[2] = c * y[2] - r * y[0] * y[1]


def sakarya_j(t, y, p, J):
    a, b, c, h, pp, q, r, s = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    J[0, 0] = a
    J[0, 1] = h + s * y[2]
    J[0, 2] = s * y[1]
    J[1, 0] = -pp + q * y[2]
    J[1, 1] = -b
    J[1, 2] = q * y[0]
    J[2, 0] = -r * y[1]
    J[2, 1] = -r * y[0]
    J[2, 2] = c


_SAKARYA_EQ = "dx/dt = a x + h y + s y z\ndy/dt = -b y - p x + q x z\ndz/dt = c z - r x y"

_sys("sakarya", "Sakarya four-wing attractor, born from two merging bistable attractors", _SAKARYA_EQ,
     "Li, Pehlivan, Sprott & Akgul, IEICE Electron. Express 12(4) (2015)",
     {"a": -1.0, "b": 1.0, "c": 1.0, "h": 1.0, "p": 1.0, "q": 0.4, "r": 0.3, "s": 1.0},
     (-2.8976045, 3.8877978, 3.07465), sakarya_f, sakarya_j, dt=0.05, transient=100.0,
     dysts_name="Sakarya")

_sys("liu_chen", "Liu-Chen four-scroll flow (the Sakarya form with h = p = 0); not chaotic at these parameters: "
     "the orbit returns ever closer to the invariant x axis (to 1e-31, then round-off) and the largest exponent falls "
     "towards zero as the run lengthens: 0.0433, 0.0216, 0.0107, 0.0053, 0.0027, 0.0013 at T = 5000 time units "
     "and 2T..32T (halving: lambda T constant, all the stretching happens in the first T), -6e-5 over 16T..32T; "
     "stored not chaotic, as computed in float64 (finite perturbations of 1e-8 grow at about 0.27 per time unit "
     "while they last)",
     _SAKARYA_EQ,
     "Liu & Chen, Int. J. Bifurcation Chaos 14, 1395 (2004)",
     {"a": 0.4, "b": 12.0, "c": -5.0, "h": 0.0, "p": 0.0, "q": -1.0, "r": 1.0, "s": 1.0},
     (4.6722764, 0.1, -0.1), sakarya_f, sakarya_j, dt=0.05, transient=100.0, dysts_name="LiuChen")

_sys("lu_chen", "Lü-Chen (Chen-Celikovsky) attractor at c = 18, between its Lorenz-like and Chen-like shapes "
     "(the `lu` system at dysts' parameters)", "dx/dt = a (y - x)\ndy/dt = -x z + c y\ndz/dt = x y - b z",
     "Lü & Chen, Int. J. Bifurcation Chaos 12, 659 (2002)", {"a": 36.0, "b": 3.0, "c": 18.0},
     (10.956479, 9.8813092, 22.676714), lu_f, lu_j, dt=0.01, transient=20.0, spectrum_dt=0.002,
     dysts_name="LuChen")


def lu_chen_cheng_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = -(a * b) / (a + b) * y[0] - y[1] * y[2] + c
    out[1] = a * y[1] + y[0] * y[2]
    out[2] = b * y[2] + y[0] * y[1]


def lu_chen_cheng_j(t, y, p, J):
    a, b = p[0], p[1]
    J[0, 0] = -(a * b) / (a + b)
    J[0, 1] = -y[2]
    J[0, 2] = -y[1]
    J[1, 0] = y[2]
    J[1, 1] = a
    J[1, 2] = y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = b


_sys("lu_chen_cheng", "Lü-Chen-Cheng four-scroll attractor",
     "dx/dt = -a b / (a + b) x - y z + c\ndy/dt = a y + x z\ndz/dt = b z + x y",
     "Lü, Chen & Cheng, Int. J. Bifurcation Chaos 14, 1507 (2004)", {"a": -10.0, "b": -4.0, "c": 18.1},
     (-5.5177615, 2.4990595, 10.461798), lu_chen_cheng_f, lu_chen_cheng_j, dt=0.01, transient=50.0,
     spectrum_dt=0.002, dysts_name="LuChenCheng",
     check=lambda q: "a + b must not be 0" if q["a"] + q["b"] == 0 else None)


def pehlivan_wei_f(t, y, p, out):
    out[0] = y[1] - y[1] * y[2]
    out[1] = y[1] + y[1] * y[2] - 2.0 * y[0]
    out[2] = 2.0 - y[0] * y[1] - y[1] * y[1]


def pehlivan_wei_j(t, y, p, J):
    J[0, 0] = 0.0
    J[0, 1] = 1.0 - y[2]
    J[0, 2] = -y[1]
    J[1, 0] = -2.0
    J[1, 1] = 1.0 + y[2]
    J[1, 2] = y[1]
    J[2, 0] = -y[1]
    J[2, 1] = -y[0] - 2.0 * y[1]
    J[2, 2] = 0.0


_sys("pehlivan_wei", "Pehlivan-Wei quadratic flow (Hopf bifurcations of codimension one and two)",
     "dx/dt = y - y z\ndy/dt = y + y z - 2 x\ndz/dt = 2 - x y - y^2",
     "Pehlivan & Wei, Turk. J. Electr. Eng. Comput. Sci. 20 (2012)", {},
     (0.21665608, 0.86710502, 0.50627859), pehlivan_wei_f, pehlivan_wei_j, dt=0.05, transient=100.0,
     dysts_name="PehlivanWei")


def qi_chen_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = a * (y[1] - y[0]) + y[1] * y[2]
    out[1] = c * y[0] + y[1] - y[0] * y[2]
    out[2] = y[0] * y[1] - b * y[2]


def qi_chen_j(t, y, p, J):
    a, b, c = p[0], p[1], p[2]
    J[0, 0] = -a
    J[0, 1] = a + y[2]
    J[0, 2] = y[1]
    J[1, 0] = c - y[2]
    J[1, 1] = 1.0
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b


_sys("qi_chen", "Qi-Chen double-wing attractor", "dx/dt = a (y - x) + y z\ndy/dt = c x + y - x z\ndz/dt = x y - b z",
     "Qi et al., Chaos Solitons Fractals (2008), as dysts cites it", {"a": 38.0, "b": 2.666, "c": 80.0},
     (17.420882, 5.5459627, 78.89139), qi_chen_f, qi_chen_j, dt=0.002, transient=20.0, spectrum_dt=0.0005,
     spectrum_time=1000.0, dysts_name="QiChen")


def san_um_f(t, y, p, out):
    out[0] = y[1] - y[0]
    out[1] = -y[2] * math.tanh(y[0])
    out[2] = -p[0] + y[0] * y[1] + abs(y[1])


def san_um_j(t, y, p, J):
    th = math.tanh(y[0])
    J[0, 0] = -1.0
    J[0, 1] = 1.0
    J[0, 2] = 0.0
    J[1, 0] = -y[2] * (1.0 - th * th)
    J[1, 1] = 0.0
    J[1, 2] = -th
    J[2, 0] = y[1]
    J[2, 1] = y[0] + (1.0 if y[1] > 0.0 else (-1.0 if y[1] < 0.0 else 0.0))
    J[2, 2] = 0.0


_sys("san_um_srisuchinwong", "San-Um-Srisuchinwong two-scroll attractor (Wimol-Banlue), piecewise nonlinearity",
     "dx/dt = y - x\ndy/dt = -z tanh(x)\ndz/dt = -a + x y + |y|",
     "San-Um & Srisuchinwong, J. Comput. 7 (2012)", {"a": 2.0},
     (0.63878078, 1.0901873, 2.4479814), san_um_f, san_um_j, dt=0.05, transient=100.0,
     dysts_name="SanUmSrisuchinwong")


def sprott_more_f(t, y, p, out):
    sz = 1.0 if y[2] > 0.0 else (-1.0 if y[2] < 0.0 else 0.0)
    out[0] = y[1]
    out[1] = -y[0] - sz * y[1]
    out[2] = y[1] * y[1] - math.exp(-y[0] * y[0])


def sprott_more_j(t, y, p, J):
    sz = 1.0 if y[2] > 0.0 else (-1.0 if y[2] < 0.0 else 0.0)
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = 0.0
    J[1, 0] = -1.0
    J[1, 1] = -sz
    J[1, 2] = 0.0
    J[2, 0] = 2.0 * y[0] * math.exp(-y[0] * y[0])
    J[2, 1] = 2.0 * y[1]
    J[2, 2] = 0.0


_sys("sprott_more", "Sprott's 'more chaos' example, a nearly three-dimensional attractor; the field jumps at "
     "z = 0 (sgn z), where the tangent vectors get the saltation matrix (every crossing is transversal: dz/dt "
     "does not jump)",
     "dx/dt = y\ndy/dt = -x - sgn(z) y\ndz/dt = y^2 - exp(-x^2)",
     "Sprott, Chaos Theory Appl. 2(2), 1 (2020)", {}, (-1.3396906, -0.21238338, 0.32982163),
     sprott_more_f, sprott_more_j, dt=0.05, transient=100.0, spectrum_dt=0.005, dysts_name="SprottMore",
     switching=(2, 0.0))


def sprott_torus_f(t, y, p, out):
    out[0] = y[1] + 2.0 * y[0] * y[1] + y[0] * y[2]
    out[1] = 1.0 - 2.0 * y[0] * y[0] + y[1] * y[2]
    out[2] = y[0] - y[0] * y[0] - y[1] * y[1]


def sprott_torus_j(t, y, p, J):
    J[0, 0] = 2.0 * y[1] + y[2]
    J[0, 1] = 1.0 + 2.0 * y[0]
    J[0, 2] = y[0]
    J[1, 0] = -4.0 * y[0]
    J[1, 1] = y[2]
    J[1, 2] = y[1]
    J[2, 0] = 1.0 - 2.0 * y[0]
    J[2, 1] = -2.0 * y[1]
    J[2, 2] = 0.0


_sys("sprott_torus", "Sprott's flow with a strange attractor among invariant tori (which one depends on the "
     "initial condition)", "dx/dt = y + 2 x y + x z\ndy/dt = 1 - 2 x^2 + y z\ndz/dt = x - x^2 - y^2",
     "Sprott, Phys. Lett. A 378, 1361 (2014)", {}, (0.6883476, -0.18017646, 0.58539724),
     sprott_torus_f, sprott_torus_j, dt=0.05, transient=100.0, dysts_name="SprottTorus")


def thomas_labyrinth_f(t, y, p, out):
    a, b = p[0], p[1]
    out[0] = -a * y[0] + b * math.sin(y[1])
    out[1] = -a * y[1] + b * math.sin(y[2])
    out[2] = -a * y[2] + b * math.sin(y[0])


def thomas_labyrinth_j(t, y, p, J):
    a, b = p[0], p[1]
    J[0, 0] = -a
    J[0, 1] = b * math.cos(y[1])
    J[0, 2] = 0.0
    J[1, 0] = 0.0
    J[1, 1] = -a
    J[1, 2] = b * math.cos(y[2])
    J[2, 0] = b * math.cos(y[0])
    J[2, 1] = 0.0
    J[2, 2] = -a


_sys("thomas_labyrinth", "Thomas' labyrinth chaos: Brownian-like wandering over a lattice of cells, bounded "
     "for a > 0", "dx/dt = -a x + b sin y\ndy/dt = -a y + b sin z\ndz/dt = -a z + b sin x",
     "Thomas, Int. J. Bifurcation Chaos 9, 1889 (1999)", {"a": 0.5, "b": 10.0},
     (-4.9599545, 1.0302034, -4.6883893), thomas_labyrinth_f, thomas_labyrinth_j, dt=0.05, transient=100.0,
     spectrum_dt=0.005, spectrum_time=2000.0, dysts_name="ThomasLabyrinth")


def wang_sun_f(t, y, p, out):
    a, b, d, e, f, q = p[0], p[1], p[2], p[3], p[4], p[5]
    out[0] = a * y[0] + q * y[1] * y[2]
    out[1] = b * y[0] + d * y[1] - y[0] * y[2]
    out[2] = e * y[2] + f * y[0] * y[1]


def wang_sun_j(t, y, p, J):
    a, b, d, e, f, q = p[0], p[1], p[2], p[3], p[4], p[5]
    J[0, 0] = a
    J[0, 1] = q * y[2]
    J[0, 2] = q * y[1]
    J[1, 0] = b - y[2]
    J[1, 1] = d
    J[1, 2] = -y[0]
    J[2, 0] = f * y[1]
    J[2, 1] = f * y[0]
    J[2, 2] = e


_sys("wang_sun", "Wang-Sun four-wing attractor", "dx/dt = a x + q y z\ndy/dt = b x + d y - x z\ndz/dt = e z + f x y",
     "Wang, Sun, van Wyk, Qi & van Wyk, Braz. J. Phys. 39 (2009)",
     {"a": 0.2, "b": -0.01, "d": -0.4, "e": -1.0, "f": -1.0, "q": 1.0},
     (-0.54770787, 0.73876479, -0.0049284531), wang_sun_f, wang_sun_j, dt=0.1, transient=200.0,
     spectrum_time=20000.0, dysts_name="WangSun")


def yu_wang_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0])
    out[1] = b * y[0] - c * y[0] * y[2]
    out[2] = math.exp(y[0] * y[1]) - d * y[2]


def yu_wang_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    ex = math.exp(y[0] * y[1])
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 2] = 0.0
    J[1, 0] = b - c * y[2]
    J[1, 1] = 0.0
    J[1, 2] = -c * y[0]
    J[2, 0] = y[1] * ex
    J[2, 1] = y[0] * ex
    J[2, 2] = -d


def yu_wang2_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0])
    out[1] = b * y[0] - c * y[0] * y[2]
    out[2] = math.cosh(y[0] * y[1]) - d * y[2]


def yu_wang2_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    sh = math.sinh(y[0] * y[1])
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 2] = 0.0
    J[1, 0] = b - c * y[2]
    J[1, 1] = 0.0
    J[1, 2] = -c * y[0]
    J[2, 0] = y[1] * sh
    J[2, 1] = y[0] * sh
    J[2, 2] = -d


_YU_WANG_SOURCE = "Yu & Wang, Eng. Technol. Appl. Sci. Res. 2 (2012)"
_sys("yu_wang", "Yu-Wang flow with an exponential nonlinearity (operational-amplifier circuit)",
     "dx/dt = a (y - x)\ndy/dt = b x - c x z\ndz/dt = exp(x y) - d z", _YU_WANG_SOURCE,
     {"a": 10.0, "b": 40.0, "c": 2.0, "d": 2.5}, (-0.21422356, -0.17935495, 14.105516), yu_wang_f, yu_wang_j,
     dt=0.005, transient=20.0, spectrum_dt=0.0005, spectrum_time=1000.0, dysts_name="YuWang")
_sys("yu_wang2", "Yu-Wang flow with a hyperbolic-cosine nonlinearity",
     "dx/dt = a (y - x)\ndy/dt = b x - c x z\ndz/dt = cosh(x y) - d z", _YU_WANG_SOURCE,
     {"a": 10.0, "b": 30.0, "c": 2.0, "d": 2.5}, (0.12581483, 1.2467348, 18.358568), yu_wang2_f, yu_wang2_j,
     dt=0.005, transient=20.0, spectrum_dt=0.0005, spectrum_time=1000.0, dysts_name="YuWang2")


def zhou_chen_f(t, y, p, out):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    out[0] = a * y[0] + b * y[1] + y[1] * y[2]
    out[1] = c * y[1] - y[0] * y[2] + d * y[1] * y[2]
    out[2] = e * y[2] - y[0] * y[1]


def zhou_chen_j(t, y, p, J):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    J[0, 0] = a
    J[0, 1] = b + y[2]
    J[0, 2] = y[1]
    J[1, 0] = -y[2]
    J[1, 1] = c + d * y[2]
    J[1, 2] = -y[0] + d * y[1]
    J[2, 0] = -y[1]
    J[2, 1] = -y[0]
    J[2, 2] = e


_sys("zhou_chen", "Zhou-Chen smooth flow with a three-layer attractor",
     "dx/dt = a x + b y + y z\ndy/dt = c y - x z + d y z\ndz/dt = e z - x y",
     "Zhou & Chen, Int. J. Bifurcation Chaos 14 (2004)",
     {"a": 2.97, "b": 0.15, "c": -3.0, "d": 1.0, "e": -8.78}, (-0.60390203, 0.012111953, 0.00083277923),
     zhou_chen_f, zhou_chen_j, dt=0.01, transient=50.0, spectrum_dt=0.002, dysts_name="ZhouChen")
