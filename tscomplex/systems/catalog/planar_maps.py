"""Two-dimensional and circle maps beyond the classic ones in maps.py (the discrete maps of the dysts catalog).

Every ``f(t, y, p, out)`` writes the next state into ``out`` and every ``j(t, y, p, J)`` writes
dF/dy; ``p`` holds the parameters in the order of the ``params`` dict. Maps that wrap a
coordinate (circle, Zaslavskii) or switch branch (Baker, Hopalong) have their Jacobian almost
everywhere: on the switching lines it is the one-sided value of the branch taken.
"""

from __future__ import annotations

import math

from ..registry import Reference
from .maps import _sys

TWO_PI = 2.0 * math.pi


# --------------------------------------------------------------------------- one-dimensional


def ricker_f(t, y, p, out):
    out[0] = y[0] * math.exp(p[0] - y[0])


def ricker_j(t, y, p, J):
    J[0, 0] = math.exp(p[0] - y[0]) * (1.0 - y[0])


_sys("ricker", "Ricker's stock-recruitment map of a fish population", "x' = x exp(a - x)",
     "Ricker, J. Fish. Res. Board Can. 11, 559 (1954)", {"a": 3.3}, (0.51,), ricker_f, ricker_j,
     dysts_name="Ricker")


def circle_f(t, y, p, out):
    k, omega = p[0], p[1]
    out[0] = (y[0] + omega + k / TWO_PI * math.sin(TWO_PI * y[0])) % 1.0


def circle_j(t, y, p, J):
    J[0, 0] = 1.0 + p[0] * math.cos(TWO_PI * y[0])


_sys("circle", "Arnold's sine circle map, non-invertible and chaotic for K > 1 (phase modulo 1)",
     "theta' = theta + Omega + (K / 2 pi) sin(2 pi theta)  (mod 1)",
     "Arnold, AMS Transl. Ser. 2 46, 213 (1965); Jensen, Bak & Bohr, Phys. Rev. A 30, 1960 (1984)",
     {"k": 5.7, "omega": 0.333}, (0.1,), circle_f, circle_j, components=("theta",), dysts_name="Circle")


# --------------------------------------------------------------------------- piecewise maps

BAKER_STRETCH = 2.0 - 1e-10   # x' = 2x mod 1 would lose one bit a step and reach 0 in float64


def baker_f(t, y, p, out):
    sx = BAKER_STRETCH * y[0]
    fl = math.floor(sx)
    out[0] = sx - fl
    out[1] = (p[0] * y[1] + fl) / 2.0


def baker_j(t, y, p, J):
    J[0, 0] = BAKER_STRETCH
    J[0, 1] = 0.0
    J[1, 0] = 0.0
    J[1, 1] = p[0] / 2.0


_sys("baker", "Baker's map: stretch x by 2 (just under, so float64 does not collapse), cut, stack in y",
     "x' = 2 x mod 1\ny' = (a y + floor(2 x)) / 2",
     "Hopf, Ergodentheorie (Springer 1937); Farmer, Ott & Yorke, Physica D 7, 153 (1983)", {"a": 1.0},
     (0.04995935, 0.363224),
     baker_f, baker_j, components=("x", "y"), dysts_name="Baker",
     references=(Reference((math.log(BAKER_STRETCH), math.log(0.5)), "analytic: ln 2, ln(a / 2)"),))


def hopalong_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    u = b * y[0] - 1.0 - c
    s = 1.0 if y[0] > 1.0 else (-1.0 if y[0] < 1.0 else 0.0)
    out[0] = y[1] - 1.0 - math.sqrt(abs(u)) * s
    out[1] = a - y[0] - 1.0


def hopalong_j(t, y, p, J):
    b, c = p[1], p[2]
    u = b * y[0] - 1.0 - c
    s = 1.0 if y[0] > 1.0 else (-1.0 if y[0] < 1.0 else 0.0)
    su = 1.0 if u > 0.0 else -1.0
    J[0, 0] = -s * su * b / (2.0 * math.sqrt(max(abs(u), 1e-300)))
    J[0, 1] = 1.0
    J[1, 0] = -1.0
    J[1, 1] = 0.0


_sys("hopalong", "Martin's Hopalong map (area preserving; shifted form of the dysts catalog); not shown chaotic (undecided) at "
     "these parameters: the map jumps at x = 1 (sign) and its derivative is infinite at x = (1 + c) / b (square "
     "root), and the tangent exponent keeps falling with run length (0.0155, 0.0113, 0.0072 at 2e5, 1.6e6, 6.4e6 "
     "iterations; 0.005 at 2e7) while most windows of 6400 iterations stay positive (5/50/95%: 0.0025, 0.0064, "
     "0.013): weak, non-stationary stretching that runs of this length do not settle",
     "x' = y - 1 - sign(x - 1) sqrt|b x - 1 - c|\ny' = a - x - 1",
     "Martin, via Dewdney, Sci. Am. 255(3), 14 (1986)", {"a": 3.1, "b": 2.5, "c": 4.2}, (0.1, 0.1),
     hopalong_f, hopalong_j, components=("x", "y"), dysts_name="Hopalong")


# --------------------------------------------------------------------------- smooth planar maps


def bogdanov_f(t, y, p, out):
    eps, k, mu = p[0], p[1], p[2]
    yp = (1.0 + eps) * y[1] + k * y[0] * (y[0] - 1.0) + mu * y[0] * y[1]
    out[0] = y[0] + yp
    out[1] = yp


def bogdanov_j(t, y, p, J):
    eps, k, mu = p[0], p[1], p[2]
    dx = k * (2.0 * y[0] - 1.0) + mu * y[1]
    dy = 1.0 + eps + mu * y[0]
    J[0, 0] = 1.0 + dx
    J[0, 1] = dy
    J[1, 0] = dx
    J[1, 1] = dy


_sys("bogdanov", "Bogdanov map, the Euler discretization of the Bogdanov-Takens normal form; area preserving "
     "at eps = mu = 0 and not chaotic at these parameters (the orbit lies on an invariant curve, largest exponent 0)",
     "y' = (1 + eps) y + k x (x - 1) + mu x y\nx' = x + y'",
     "Bogdanov, Selecta Math. Soviet. 1, 389 (1981); Arrowsmith, Cartwright, Lansbury & Place, "
     "Int. J. Bifurcation Chaos 3, 803 (1993)", {"eps": 0.0, "k": 1.2, "mu": 0.0}, (0.51, 0.2),
     bogdanov_f, bogdanov_j, components=("x", "y"), dysts_name="Bogdanov")


def bedhead_f(t, y, p, out):
    a, b = p[0], p[1]
    x, v = y[0], y[1]
    out[0] = math.sin(x * v / b) * v + math.cos(a * x - v)
    out[1] = x + math.sin(v) / b


def bedhead_j(t, y, p, J):
    a, b = p[0], p[1]
    x, v = y[0], y[1]
    c = math.cos(x * v / b)
    s = math.sin(a * x - v)
    J[0, 0] = c * v * v / b - a * s
    J[0, 1] = c * x * v / b + math.sin(x * v / b) + s
    J[1, 0] = 1.0
    J[1, 1] = math.cos(v) / b


_sys("bedhead", "Bedhead map of Ivan Emrich's fractal gallery",
     "x' = sin(x y / b) y + cos(a x - y)\ny' = x + sin(y) / b",
     "Emrich, in Pickover-style attractor galleries (no journal source); as in Gilpin, NeurIPS (2021)",
     {"a": -0.67, "b": 0.83}, (0.5, 0.5), bedhead_f, bedhead_j, components=("x", "y"), dysts_name="Bedhead")


def de_jong_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = math.sin(a * y[1]) - math.cos(b * y[0])
    out[1] = math.sin(c * y[0]) - math.cos(d * y[1])


def de_jong_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[0, 0] = b * math.sin(b * y[0])
    J[0, 1] = a * math.cos(a * y[1])
    J[1, 0] = c * math.cos(c * y[0])
    J[1, 1] = d * math.sin(d * y[1])


_sys("de_jong", "Peter de Jong's trigonometric map", "x' = sin(a y) - cos(b x)\ny' = sin(c x) - cos(d y)",
     "Dewdney, Sci. Am. 257(1), 108 (1987) (Peter de Jong's attractors)",
     {"a": 1.641, "b": 1.902, "c": 0.316, "d": 1.525}, (1.78166133, -1.15791549), de_jong_f, de_jong_j,
     components=("x", "y"), dysts_name="DeJong")


def svensson_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = d * math.sin(a * y[0]) - math.sin(b * y[1])
    out[1] = c * math.cos(a * y[0]) + math.cos(b * y[1])


def svensson_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[0, 0] = d * a * math.cos(a * y[0])
    J[0, 1] = -b * math.cos(b * y[1])
    J[1, 0] = -c * a * math.sin(a * y[0])
    J[1, 1] = -b * math.sin(b * y[1])


_sys("svensson", "Johnny Svensson's trigonometric map", "x' = d sin(a x) - sin(b y)\ny' = c cos(a x) + cos(b y)",
     "Svensson, in Pickover-style attractor galleries (no journal source); as in Gilpin, NeurIPS (2021)",
     {"a": 1.5, "b": -1.8, "c": 1.6, "d": 0.9}, (0.5, 0.5), svensson_f, svensson_j, components=("x", "y"),
     dysts_name="Svensson")


def pickover_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = math.sin(a * y[1]) + c * math.cos(a * y[0])
    out[1] = math.sin(b * y[0]) + d * math.cos(b * y[1])


def pickover_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[0, 0] = -c * a * math.sin(a * y[0])
    J[0, 1] = a * math.cos(a * y[1])
    J[1, 0] = b * math.cos(b * y[0])
    J[1, 1] = -d * b * math.sin(b * y[1])


_sys("pickover", "Clifford Pickover's trigonometric map (the 'Clifford attractor')",
     "x' = sin(a y) + c cos(a x)\ny' = sin(b x) + d cos(b y)",
     "Pickover, Chaos in Wonderland (St. Martin's Press 1994)", {"a": -1.4, "b": 1.6, "c": 1.0, "d": 0.7},
     (-0.97631884, -1.2040783), pickover_f, pickover_j, components=("x", "y"), dysts_name="Pickover")


def gumowski_mira_f(t, y, p, out):
    a, b = p[0], p[1]
    x = y[0]
    xp = b * y[1] + a * x + 2.0 * (1.0 - a) * x * x / (1.0 + x * x)
    out[0] = xp
    out[1] = a * xp + 2.0 * (1.0 - a) * xp * xp / (1.0 + xp * xp) - x


def gumowski_mira_j(t, y, p, J):
    # f'(x) = a + 4 (1 - a) x / (1 + x^2)^2, chained through x'
    a, b = p[0], p[1]
    x = y[0]
    xp = b * y[1] + a * x + 2.0 * (1.0 - a) * x * x / (1.0 + x * x)
    q1 = 1.0 + x * x
    q2 = 1.0 + xp * xp
    f1 = a + 4.0 * (1.0 - a) * x / (q1 * q1)
    f2 = a + 4.0 * (1.0 - a) * xp / (q2 * q2)
    J[0, 0] = f1
    J[0, 1] = b
    J[1, 0] = f2 * f1 - 1.0
    J[1, 1] = f2 * b


_sys("gumowski_mira", "Gumowski-Mira map of a particle accelerator, weakly dissipative (det J = b); dysts' "
     "defaults (a -1.1, b -0.2) reach a fixed point, b = 1 is the area-preserving classical form",
     "f(x) = a x + 2 (1 - a) x^2 / (1 + x^2)\nx' = b y + f(x)\ny' = f(x') - x",
     "Gumowski & Mira, Recurrences and Discrete Dynamic Systems, Lecture Notes in Math. 809 (Springer 1980)",
     {"a": -0.7, "b": 0.99}, (0.1, 0.1), gumowski_mira_f, gumowski_mira_j, components=("x", "y"),
     dysts_name="GumowskiMira")


def maynard_smith_f(t, y, p, out):
    out[0] = y[1]
    out[1] = p[0] * y[1] + p[1] - y[0] * y[0]


def maynard_smith_j(t, y, p, J):
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -2.0 * y[0]
    J[1, 1] = p[0]


_sys("maynard_smith", "Maynard Smith's delayed population map", "x' = y\ny' = a y + b - x^2",
     "Maynard Smith, Mathematical Ideas in Biology (Cambridge 1968)", {"a": 0.87, "b": 0.75}, (0.0, 0.1),
     maynard_smith_f, maynard_smith_j, components=("x", "y"), dysts_name="MaynardSmith")


def zaslavskii_f(t, y, p, out):
    eps, nu, r = p[0], p[1], p[2]
    mu = (1.0 - math.exp(-r)) / r
    c = math.cos(TWO_PI * y[0])
    out[0] = (y[0] + nu * (1.0 + mu * y[1]) + eps * nu * mu * c) % 1.0
    out[1] = math.exp(-r) * (y[1] + eps * c)


def zaslavskii_j(t, y, p, J):
    eps, nu, r = p[0], p[1], p[2]
    mu = (1.0 - math.exp(-r)) / r
    s = TWO_PI * math.sin(TWO_PI * y[0])
    J[0, 0] = 1.0 - eps * nu * mu * s
    J[0, 1] = nu * mu
    J[1, 0] = -math.exp(-r) * eps * s
    J[1, 1] = math.exp(-r)


_sys("zaslavskii", "Zaslavskii's map of a kicked damped rotator (x modulo 1; det J = exp(-r)) at the parameters of "
     "Grassberger & Procaccia, Physica D 9, 189 (1983); dysts' defaults (eps 5, nu 0.2, r 2) reach a fixed point",
     "mu = (1 - exp(-r)) / r\nx' = x + nu (1 + mu y) + eps nu mu cos(2 pi x)  (mod 1)\n"
     "y' = exp(-r) (y + eps cos(2 pi x))",
     "Zaslavskii, Phys. Lett. A 69, 145 (1978)", {"eps": 0.3, "nu": 400.0 / 3.0, "r": 3.0}, (0.51, 0.1),
     zaslavskii_f, zaslavskii_j, components=("x", "y"), dysts_name="Zaslavskii")


def zeraoulia_sprott_f(t, y, p, out):
    a, b = p[0], p[1]
    out[0] = -a * y[0] / (1.0 + y[1] * y[1])
    out[1] = y[0] + b * y[1]


def zeraoulia_sprott_j(t, y, p, J):
    a, b = p[0], p[1]
    q = 1.0 + y[1] * y[1]
    J[0, 0] = -a / q
    J[0, 1] = 2.0 * a * y[0] * y[1] / (q * q)
    J[1, 0] = 1.0
    J[1, 1] = b


_sys("zeraoulia_sprott", "Zeraoulia-Sprott rational map (dysts stores De Jong's parameters for it; a = 3.77, b = 0.7, "
     "chosen from a scan, is chaotic)",
     "x' = -a x / (1 + y^2)\ny' = x + b y",
     "Elhadj (Zeraoulia) & Sprott, Electron. J. Theor. Phys. 5, 107 (2008)", {"a": 3.77, "b": 0.7}, (1.0, 1.0),
     zeraoulia_sprott_f, zeraoulia_sprott_j, components=("x", "y"), dysts_name="ZeraouliaSprott")


# --------------------------------------------------------------------------- Aref's blinking vortex


def blinking_vortex_f(t, y, p, out):
    a, b, gamma, tb = p[0], p[1], p[2], p[3]
    X, Y = y[0], y[1]
    for half in range(2):   # the vortex at +b for a time tb, then at -b
        B = b if half == 0 else -b
        C = a * a / B       # its image in the circular wall
        db2 = (X - B) ** 2 + Y * Y
        dc2 = (X - C) ** 2 + Y * Y
        L2 = db2 / dc2
        L = math.sqrt(L2)
        e = (B - L2 * C) / (1.0 - L2)               # the streamline is a circle: centre (e, 0), radius rho
        rho = L * abs(C - B) / (1.0 - L2)
        tp = math.atan2(Y, X - e)
        fac = 2.0 * L / (1.0 + L2)
        period = TWO_PI * TWO_PI * rho * rho / gamma * (1.0 + L2) / (1.0 - L2)
        K = tp - fac * math.sin(tp) + TWO_PI * tb / period
        q = K
        for _ in range(100):   # Newton on q - fac sin q = K (monotonic: fac < 1)
            step = (q - fac * math.sin(q) - K) / (1.0 - fac * math.cos(q))
            q -= step
            if abs(step) < 1e-15 * max(1.0, abs(q)):
                break
        X = e + rho * math.cos(q)
        Y = rho * math.sin(q)
    out[0] = X
    out[1] = Y


def blinking_vortex_j(t, y, p, J):
    a, b, gamma, tb = p[0], p[1], p[2], p[3]
    X, Y = y[0], y[1]
    # accumulated Jacobian M of the half-steps taken so far
    m00, m01, m10, m11 = 1.0, 0.0, 0.0, 1.0
    for half in range(2):
        B = b if half == 0 else -b
        C = a * a / B
        db2 = (X - B) ** 2 + Y * Y
        dc2 = (X - C) ** 2 + Y * Y
        L2 = db2 / dc2
        L = math.sqrt(L2)
        L2x = (2.0 * (X - B) * dc2 - db2 * 2.0 * (X - C)) / (dc2 * dc2)
        L2y = (2.0 * Y * dc2 - db2 * 2.0 * Y) / (dc2 * dc2)
        w = 1.0 - L2
        e = (B - L2 * C) / w
        rho = L * abs(C - B) / w
        fac = 2.0 * L / (1.0 + L2)
        c0 = TWO_PI * TWO_PI / gamma
        period = c0 * rho * rho * (1.0 + L2) / w
        # derivatives with respect to L2
        e_l = (B - C) / (w * w)
        rho_l = abs(C - B) * (1.0 + L2) / (2.0 * L * w * w)
        fac_l = w / (L * (1.0 + L2) ** 2)
        per_l = c0 * (2.0 * rho * rho_l * (1.0 + L2) / w + rho * rho * 2.0 / (w * w))
        u = X - e
        R2 = u * u + Y * Y
        tp = math.atan2(Y, u)
        ex, ey = e_l * L2x, e_l * L2y
        tpx = -Y * (1.0 - ex) / R2
        tpy = (u + Y * ey) / R2
        K = tp - fac * math.sin(tp) + TWO_PI * tb / period
        q = K
        for _ in range(100):
            step = (q - fac * math.sin(q) - K) / (1.0 - fac * math.cos(q))
            q -= step
            if abs(step) < 1e-15 * max(1.0, abs(q)):
                break
        g = 1.0 - fac * math.cos(tp)
        kx = tpx * g - fac_l * L2x * math.sin(tp) - TWO_PI * tb * per_l * L2x / (period * period)
        ky = tpy * g - fac_l * L2y * math.sin(tp) - TWO_PI * tb * per_l * L2y / (period * period)
        h = 1.0 - fac * math.cos(q)
        qx = (kx + fac_l * L2x * math.sin(q)) / h
        qy = (ky + fac_l * L2y * math.sin(q)) / h
        cq, sq = math.cos(q), math.sin(q)
        h00 = ex + rho_l * L2x * cq - rho * sq * qx
        h01 = ey + rho_l * L2y * cq - rho * sq * qy
        h10 = rho_l * L2x * sq + rho * cq * qx
        h11 = rho_l * L2y * sq + rho * cq * qy
        m00, m01, m10, m11 = (h00 * m00 + h01 * m10, h00 * m01 + h01 * m11,
                              h10 * m00 + h11 * m10, h10 * m01 + h11 * m11)
        X = e + rho * cq
        Y = rho * sq
    J[0, 0] = m00
    J[0, 1] = m01
    J[1, 0] = m10
    J[1, 1] = m11


_sys("blinking_vortex_map", "Aref's blinking vortex in a disc of radius a: a point vortex of strength gamma at +b for "
     "a time t, then at -b; one iterate is one full blink period (dysts iterates half periods in polar "
     "coordinates, flipping b each call); det J is not 1 pointwise, but the exponents sum to zero. Chaotic, with a "
     "slowly converging exponent: lambda_max 0.124, 0.138, 0.259, 0.182 at 2e5, 8e5, 1.6e6, 6.4e6 iterations, "
     "because rare windows stretch hard (of 999 windows of 6400 iterations, 5/50/95%: 0.015, 0.14, 0.67; "
     "maximum 1.39); 97.5% of the windows exceed 0.01 and none is negative",
     "half-step with the vortex at B and its image at C = a^2 / B: the point moves on the circle of\n"
     "  lam^2 = |P - B|^2 / |P - C|^2, centre e = (B - lam^2 C) / (1 - lam^2),\n"
     "  radius rho = lam |C - B| / (1 - lam^2),\n"
     "  by q - f sin q = q0 - f sin q0 + 2 pi t / T, f = 2 lam / (1 + lam^2), "
     "T = (2 pi)^2 rho^2 / gamma (1 + lam^2) / (1 - lam^2)\n"
     "(x', y') = half-step at B = -b of half-step at B = +b of (x, y)",
     "Aref, J. Fluid Mech. 143, 1 (1984)", {"a": 1.0, "b": 0.5, "gamma": 1.0, "t": 1.5},
     (0.17 * math.cos(0.33), 0.17 * math.sin(0.33)), blinking_vortex_f, blinking_vortex_j, components=("x", "y"),
     dysts_name="BlinkingVortexMap")
