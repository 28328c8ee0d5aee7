"""Sprott's algebraically simplest chaotic flows A-S (Sprott, Phys. Rev. E 50, R647, 1994, Table I).

Every ``f(t, y, p, out)`` writes dy/dt into ``out`` and every ``j(t, y, p, J)``
writes df/dy; ``p`` holds the parameters in the order of the system's
``params`` dict. Reference exponents are those collected in docs/references.md.
"""

from __future__ import annotations

from ..registry import Reference
from ._flow import SPROTT_1994, _sys


def sprott_a_f(t, y, p, out):
    out[0] = y[1]
    out[1] = -y[0] + y[1] * y[2]
    out[2] = 1.0 - y[1] * y[1]


def sprott_a_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -1.0
    J[1, 1] = y[2]
    J[1, 2] = y[1]
    J[2, 1] = -2.0 * y[1]


def sprott_b_f(t, y, p, out):
    out[0] = y[1] * y[2]
    out[1] = y[0] - y[1]
    out[2] = 1.0 - y[0] * y[1]


def sprott_b_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = y[2]
    J[0, 2] = y[1]
    J[1, 0] = 1.0
    J[1, 1] = -1.0
    J[2, 0] = -y[1]
    J[2, 1] = -y[0]


def sprott_c_f(t, y, p, out):
    out[0] = y[1] * y[2]
    out[1] = y[0] - y[1]
    out[2] = 1.0 - y[0] * y[0]


def sprott_c_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = y[2]
    J[0, 2] = y[1]
    J[1, 0] = 1.0
    J[1, 1] = -1.0
    J[2, 0] = -2.0 * y[0]


def sprott_d_f(t, y, p, out):
    out[0] = -y[1]
    out[1] = y[0] + y[2]
    out[2] = y[0] * y[2] + 3.0 * y[1] * y[1]


def sprott_d_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = -1.0
    J[1, 0] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = y[2]
    J[2, 1] = 6.0 * y[1]
    J[2, 2] = y[0]


def sprott_e_f(t, y, p, out):
    out[0] = y[1] * y[2]
    out[1] = y[0] * y[0] - y[1]
    out[2] = 1.0 - 4.0 * y[0]


def sprott_e_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = y[2]
    J[0, 2] = y[1]
    J[1, 0] = 2.0 * y[0]
    J[1, 1] = -1.0
    J[2, 0] = -4.0


def sprott_f_f(t, y, p, out):
    out[0] = y[1] + y[2]
    out[1] = -y[0] + p[0] * y[1]
    out[2] = y[0] * y[0] - y[2]


def sprott_f_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = 1.0
    J[1, 0] = -1.0
    J[1, 1] = p[0]
    J[2, 0] = 2.0 * y[0]
    J[2, 2] = -1.0


def sprott_g_f(t, y, p, out):
    out[0] = p[0] * y[0] + y[2]
    out[1] = y[0] * y[2] - y[1]
    out[2] = -y[0] + y[1]


def sprott_g_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 0] = p[0]
    J[0, 2] = 1.0
    J[1, 0] = y[2]
    J[1, 1] = -1.0
    J[1, 2] = y[0]
    J[2, 0] = -1.0
    J[2, 1] = 1.0


def sprott_h_f(t, y, p, out):
    out[0] = -y[1] + y[2] * y[2]
    out[1] = y[0] + p[0] * y[1]
    out[2] = y[0] - y[2]


def sprott_h_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = -1.0
    J[0, 2] = 2.0 * y[2]
    J[1, 0] = 1.0
    J[1, 1] = p[0]
    J[2, 0] = 1.0
    J[2, 2] = -1.0


def sprott_i_f(t, y, p, out):
    out[0] = -p[0] * y[1]
    out[1] = y[0] + y[2]
    out[2] = y[0] + y[1] * y[1] - y[2]


def sprott_i_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = -p[0]
    J[1, 0] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = 1.0
    J[2, 1] = 2.0 * y[1]
    J[2, 2] = -1.0


def sprott_j_f(t, y, p, out):
    out[0] = 2.0 * y[2]
    out[1] = -2.0 * y[1] + y[2]
    out[2] = -y[0] + y[1] + y[1] * y[1]


def sprott_j_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 2] = 2.0
    J[1, 1] = -2.0
    J[1, 2] = 1.0
    J[2, 0] = -1.0
    J[2, 1] = 1.0 + 2.0 * y[1]


def sprott_k_f(t, y, p, out):
    out[0] = y[0] * y[1] - y[2]
    out[1] = y[0] - y[1]
    out[2] = y[0] + p[0] * y[2]


def sprott_k_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 0] = y[1]
    J[0, 1] = y[0]
    J[0, 2] = -1.0
    J[1, 0] = 1.0
    J[1, 1] = -1.0
    J[2, 0] = 1.0
    J[2, 2] = p[0]


def sprott_l_f(t, y, p, out):
    out[0] = y[1] + p[0] * y[2]
    out[1] = p[1] * y[0] * y[0] - y[1]
    out[2] = 1.0 - y[0]


def sprott_l_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = p[0]
    J[1, 0] = 2.0 * p[1] * y[0]
    J[1, 1] = -1.0
    J[2, 0] = -1.0


def sprott_m_f(t, y, p, out):
    out[0] = -y[2]
    out[1] = -y[0] * y[0] - y[1]
    out[2] = p[0] + p[0] * y[0] + y[1]


def sprott_m_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 2] = -1.0
    J[1, 0] = -2.0 * y[0]
    J[1, 1] = -1.0
    J[2, 0] = p[0]
    J[2, 1] = 1.0


def sprott_n_f(t, y, p, out):
    out[0] = -2.0 * y[1]
    out[1] = y[0] + y[2] * y[2]
    out[2] = 1.0 + y[1] - 2.0 * y[2]


def sprott_n_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = -2.0
    J[1, 0] = 1.0
    J[1, 2] = 2.0 * y[2]
    J[2, 1] = 1.0
    J[2, 2] = -2.0


def sprott_o_f(t, y, p, out):
    out[0] = y[1]
    out[1] = y[0] - y[2]
    out[2] = y[0] + y[0] * y[2] + p[0] * y[1]


def sprott_o_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = 1.0
    J[1, 2] = -1.0
    J[2, 0] = 1.0 + y[2]
    J[2, 1] = p[0]
    J[2, 2] = y[0]


def sprott_p_f(t, y, p, out):
    out[0] = p[0] * y[1] + y[2]
    out[1] = -y[0] + y[1] * y[1]
    out[2] = y[0] + y[1]


def sprott_p_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = p[0]
    J[0, 2] = 1.0
    J[1, 0] = -1.0
    J[1, 1] = 2.0 * y[1]
    J[2, 0] = 1.0
    J[2, 1] = 1.0


def sprott_q_f(t, y, p, out):
    out[0] = -y[2]
    out[1] = y[0] - y[1]
    out[2] = p[0] * y[0] + y[1] * y[1] + p[1] * y[2]


def sprott_q_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 2] = -1.0
    J[1, 0] = 1.0
    J[1, 1] = -1.0
    J[2, 0] = p[0]
    J[2, 1] = 2.0 * y[1]
    J[2, 2] = p[1]


def sprott_r_f(t, y, p, out):
    out[0] = p[0] - y[1]
    out[1] = p[1] + y[2]
    out[2] = y[0] * y[1] - y[2]


def sprott_r_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = -1.0
    J[1, 2] = 1.0
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -1.0


def sprott_s_f(t, y, p, out):
    out[0] = -y[0] - p[0] * y[1]
    out[1] = y[0] + y[2] * y[2]
    out[2] = 1.0 + y[0]


def sprott_s_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 0] = -1.0
    J[0, 1] = -p[0]
    J[1, 0] = 1.0
    J[1, 2] = 2.0 * y[2]
    J[2, 0] = 1.0


# name: (equations, params, ic, reference largest exponent or None, note)
_SPROTT = {
    "a": ("dx/dt = y\ndy/dt = -x + y z\ndz/dt = 1 - y^2", {}, (0.0, 5.0, 0.0), None,
          "conservative (Nosé-Hoover); the orbit depends on the initial condition"),
    "b": ("dx/dt = y z\ndy/dt = x - y\ndz/dt = 1 - x y", {}, (0.1, 0.1, 0.1), 0.210, ""),
    "c": ("dx/dt = y z\ndy/dt = x - y\ndz/dt = 1 - x^2", {}, (0.1, 0.1, 0.1), 0.163, ""),
    "d": ("dx/dt = -y\ndy/dt = x + z\ndz/dt = x z + 3 y^2", {}, (0.1, 0.1, 0.1), 0.103, ""),
    "e": ("dx/dt = y z\ndy/dt = x^2 - y\ndz/dt = 1 - 4 x", {}, (0.1, 0.1, 0.1), 0.077, ""),
    "f": ("dx/dt = y + z\ndy/dt = -x + a y\ndz/dt = x^2 - z", {"a": 0.5}, (0.1, 0.1, 0.1), 0.116, ""),
    "g": ("dx/dt = a x + z\ndy/dt = x z - y\ndz/dt = -x + y", {"a": 0.4}, (0.1, 0.1, 0.1), 0.034, ""),
    "h": ("dx/dt = -y + z^2\ndy/dt = x + a y\ndz/dt = x - z", {"a": 0.5}, (0.1, 0.1, 0.1), 0.118, ""),
    "i": ("dx/dt = -a y\ndy/dt = x + z\ndz/dt = x + y^2 - z", {"a": 0.2}, (0.1, 0.1, 0.1), 0.0125, ""),
    "j": ("dx/dt = 2 z\ndy/dt = -2 y + z\ndz/dt = -x + y + y^2", {}, (0.1, 0.1, 0.1), 0.0756, ""),
    "k": ("dx/dt = x y - z\ndy/dt = x - y\ndz/dt = x + a z", {"a": 0.3}, (0.1, 0.1, 0.1), None,
          "no trusted reference exponent (recollections of the paper disagree)"),
    "l": ("dx/dt = y + a z\ndy/dt = b x^2 - y\ndz/dt = 1 - x", {"a": 3.9, "b": 0.9}, (0.1, 0.1, 0.1), 0.0608, ""),
    "m": ("dx/dt = -z\ndy/dt = -x^2 - y\ndz/dt = a (1 + x) + y", {"a": 1.7}, (0.1, 0.1, 0.1), 0.044, ""),
    "n": ("dx/dt = -2 y\ndy/dt = x + z^2\ndz/dt = 1 + y - 2 z", {}, (0.1, 0.1, 0.1), 0.0764, ""),
    "o": ("dx/dt = y\ndy/dt = x - z\ndz/dt = x + x z + a y", {"a": 2.7}, (0.1, 0.1, 0.1), 0.0489, ""),
    "p": ("dx/dt = a y + z\ndy/dt = -x + y^2\ndz/dt = x + y", {"a": 2.7}, (0.1, 0.1, 0.1), 0.0859, ""),
    "q": ("dx/dt = -z\ndy/dt = x - y\ndz/dt = a x + y^2 + b z", {"a": 3.1, "b": 0.5}, (0.1, 0.1, 0.1), None,
          "no trusted reference exponent (recollections of the paper disagree)"),
    "r": ("dx/dt = a - y\ndy/dt = b + z\ndz/dt = x y - z", {"a": 0.9, "b": 0.4}, (0.1, 0.1, 0.1), 0.0618, ""),
    "s": ("dx/dt = -x - a y\ndy/dt = x + z^2\ndz/dt = 1 + x", {"a": 4.0}, (0.1, 0.1, 0.1), 0.1887, ""),
}

for _letter, (_eq, _params, _ic, _lam, _note) in _SPROTT.items():
    _refs = (Reference((_lam,), SPROTT_1994),) if _lam is not None else ()
    _sys(f"sprott_{_letter}", f"Sprott's flow {_letter.upper()}" + (f" ({_note})" if _note else ""), _eq,
         "Sprott, Phys. Rev. E 50, R647 (1994)", _params, _ic, globals()[f"sprott_{_letter}_f"],
         globals()[f"sprott_{_letter}_j"], dt=0.05, transient=200.0, references=_refs, spectrum_time=50000.0,
         spectrum_dt=0.02, dysts_name=f"Sprott{_letter.upper()}")  # dysts' SprottL swaps the names a and b
