"""numba kernel of the IAAFT rank step: re-sort each row from its previous order, then give it the data's values.

After the first few IAAFT iterations a surrogate's ranking changes in only a
few places, so an insertion sort that starts from the previous order costs
O(n + moves) instead of O(n log n). When the moves pass a budget (early
iterations), the row is sorted from scratch.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

#: insertion moves allowed per sample before a row is sorted from scratch
MOVE_BUDGET = 1


@njit(cache=True, nogil=True)
def _rank_row(y, order, sorted_x, out):
    """Sort ``order`` by ``y`` (starting from its current state), write ``out[order] = sorted_x``; True if it moved."""
    n = y.size
    budget = MOVE_BUDGET * n
    moves = 0
    resort = False
    for i in range(1, n):
        k = order[i]
        v = y[k]
        j = i - 1
        while j >= 0 and y[order[j]] > v:
            order[j + 1] = order[j]
            j -= 1
            moves += 1
        order[j + 1] = k
        if moves > budget:
            resort = True
            break
    if resort:
        fresh = np.argsort(y)
        for i in range(n):
            order[i] = fresh[i]
    for i in range(n):
        out[order[i]] = sorted_x[i]
    return moves > 0


@njit(cache=True, nogil=True)
def rank_step(y, order, sorted_x, out, changed):
    """:func:`_rank_row` for every row of ``y`` (rows run in parallel); ``changed[r]`` says if row r moved."""
    for r in range(y.shape[0]):
        changed[r] = _rank_row(y[r], order[r], sorted_x, out[r])
