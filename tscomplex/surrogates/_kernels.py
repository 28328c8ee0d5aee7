"""numba kernels of the IAAFT rank step: re-sort each row from its previous order, then give it the data's values.

After the first few IAAFT iterations a surrogate's ranking changes in only a
few places, so an insertion sort that starts from the previous order costs
O(n + moves) instead of O(n log n). When the moves pass a budget (early
iterations) the row gives up at once, and numpy sorts those rows from scratch.
"""

from __future__ import annotations

from numba import njit

#: insertion moves allowed per sample before a row is left to a full sort
MOVE_BUDGET = 0.25


@njit(cache=True, nogil=True)
def _insertion_row(y, order, budget):
    """Sort ``order`` by ``y`` from its current state; the moves made, or -1 when over ``budget`` (order spoilt)."""
    n = y.size
    moves = 0
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
            return -1
    return moves


@njit(cache=True, nogil=True)
def insertion_step(y, order, moves):
    """:func:`_insertion_row` for every row; ``moves[r]`` is -1 where row r needs a full sort."""
    budget = int(MOVE_BUDGET * y.shape[1]) + 1
    for r in range(y.shape[0]):
        moves[r] = _insertion_row(y[r], order[r], budget)


@njit(cache=True, nogil=True)
def assign_values(order, sorted_x, out, changed):
    """``out[r, order[r, i]] = sorted_x[i]``: each row takes the data's values in its own rank order.

    ``changed[r]`` is set to the number of samples of row r whose value (so
    whose rank) this step changed: Schreiber & Schmitz's stopping measure.
    """
    for r in range(order.shape[0]):
        c = 0
        for i in range(order.shape[1]):
            k = order[r, i]
            if out[r, k] != sorted_x[i]:
                c += 1
            out[r, k] = sorted_x[i]
        changed[r] = c


@njit(cache=True, nogil=True)
def impose_amplitudes(spectra, amplitude):
    """Give every row of ``spectra`` the moduli ``amplitude`` and keep its phases (phase 0 where it is 0)."""
    for r in range(spectra.shape[0]):
        for k in range(spectra.shape[1]):
            z = spectra[r, k]
            m = abs(z)
            spectra[r, k] = z * (amplitude[k] / m) if m > 0 else amplitude[k]
