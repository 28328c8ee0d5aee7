"""numba signatures shared by every system kernel and every integrator (first-class function types)."""

from numba import types

_VEC = types.float64[::1]
_MAT = types.float64[:, ::1]

#: rhs(t, y, p, out) of a flow or a map; accel(t, q, p, out) of a Hamiltonian.
RHS = types.void(types.float64, _VEC, _VEC, _VEC)
#: jac(t, y, p, J).
JAC = types.void(types.float64, _VEC, _VEC, _MAT)
#: rhs(t, y, y_delayed, p, out) of a delay equation.
DELAY_RHS = types.void(types.float64, _VEC, _VEC, _VEC, _VEC)
#: jac(t, y, y_delayed, p, J) with J = [d/dy | d/dy_delayed].
DELAY_JAC = types.void(types.float64, _VEC, _VEC, _VEC, _MAT)

RHS_T = types.FunctionType(RHS)
JAC_T = types.FunctionType(JAC)
DELAY_RHS_T = types.FunctionType(DELAY_RHS)
DELAY_JAC_T = types.FunctionType(DELAY_JAC)
