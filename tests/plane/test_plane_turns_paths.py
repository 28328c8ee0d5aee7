"""The multi-turn mask has two builders: numpy up to d = 8 (nothing to compile on a first run), the numba
kernel above. Both must give the same mask, and the kernel path must match plain loops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import plane
from tscomplex.ordinal import pattern_of_code, pattern_table
from tscomplex.plane.turns import _rank_code_turn_mask


@pytest.mark.parametrize("dim", range(2, 9))
def test_numpy_mask_equals_the_kernel_mask(dim):
    kernel = np.empty(math.factorial(dim), dtype=np.bool_)
    kernel[pattern_table(dim)] = _rank_code_turn_mask(dim)
    np.testing.assert_array_equal(plane.multi_turn_mask(dim), kernel)


def test_kernel_mask_at_dim_9_matches_plain_loops():
    dim = 9
    mask = plane.multi_turn_mask(dim)
    assert mask.sum() == math.factorial(dim) - (2 ** dim - 2)
    for code in range(0, math.factorial(dim), 997):
        perm = pattern_of_code(code, dim)
        window = [0] * dim
        for rank, position in enumerate(perm):
            window[position] = rank
        turns = sum(1 for i in range(1, dim - 1) if (window[i] - window[i - 1]) * (window[i + 1] - window[i]) < 0)
        assert mask[code] == (turns >= 2)
