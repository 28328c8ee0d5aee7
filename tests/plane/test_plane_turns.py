"""Patterns that turn twice or more: the mask against plain loops."""

from __future__ import annotations

import math

import pytest

from tscomplex import plane


@pytest.mark.parametrize("dim", range(3, 9))
def test_multi_turn_mask_counts(dim):
    """Patterns with at most one turn are the 2^d - 2 unimodal ones (single peak or valley, or monotone)."""
    mask = plane.multi_turn_mask(dim)
    assert mask.sum() == math.factorial(dim) - (2 ** dim - 2)
    from tscomplex.ordinal import pattern_of_code

    for code in range(0, math.factorial(dim), max(1, math.factorial(dim) // 50)):
        perm = pattern_of_code(code, dim)
        window = [0] * dim
        for rank, position in enumerate(perm):
            window[position] = rank
        turns = sum(1 for i in range(1, dim - 1)
                    if (window[i] - window[i - 1]) * (window[i + 1] - window[i]) < 0)
        assert mask[code] == (turns >= 2)

