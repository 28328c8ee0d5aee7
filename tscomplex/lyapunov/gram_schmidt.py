"""Modified Gram-Schmidt that lets a collapsed tangent direction die: the re-orthonormalization of the
tangent-space QR across sliding motion (:mod:`tscomplex.lyapunov.tangent_switching`)."""

from __future__ import annotations

import math

from numba import njit

from .tangent import _remove_projection, _squared_norm


@njit(cache=True, nogil=True)
def _gram_schmidt_live(Q, sums, dead, order, detect):
    """Modified Gram-Schmidt of Q's columns, the live ones first (in index order), adding the logs of their
    norms to sums. With ``detect`` (just after a sliding entry, which maps the tangent space onto d - 1
    dimensions) a live column left with a norm below 1e-9 is the collapsed one: it dies. A dead column adds
    nothing; it becomes a unit vector orthogonal to those before it (from the standard basis where it
    vanished), so nothing downstream sees a NaN. False if the arithmetic broke down (a zero or non-finite
    norm of a live column)."""
    rows, cols = Q.shape
    n = 0
    for j in range(cols):
        if not dead[j]:
            order[n] = j
            n += 1
    for j in range(cols):
        if dead[j]:
            order[n] = j
            n += 1
    for m in range(cols):
        j = order[m]
        for attempt in range(rows + 1):
            for mi in range(m):
                _remove_projection(Q, order[mi], j)
            norm = math.sqrt(_squared_norm(Q, j))
            if detect and not dead[j] and norm < 1e-9:
                dead[j] = True
            if not dead[j] or norm > 1e-6 or attempt == rows:
                break
            for k in range(rows):              # a collapsed column: try e_attempt instead
                Q[k, j] = 1.0 if k == attempt else 0.0
        if norm == 0.0 or not math.isfinite(norm):
            return False
        if not dead[j]:
            sums[j] += math.log(norm)
        for k in range(rows):
            Q[k, j] /= norm
    return True
