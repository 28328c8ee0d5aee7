"""The Examples in the entropy and fractal docstrings run and give what they show."""

import doctest

import numpy as np
import pytest

from tscomplex.entropy import multiscale, sample
from tscomplex.fractal import correlation, dfa, hurst, mfdfa


@pytest.mark.parametrize("module", [sample, multiscale, dfa, hurst, mfdfa, correlation])
def test_examples(module):
    failures, _ = doctest.testmod(module, extraglobs={"np": np}, optionflags=doctest.ELLIPSIS)
    assert failures == 0
