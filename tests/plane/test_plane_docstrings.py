"""The Examples blocks of every plane module give the output they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["bounds", "evidence", "noise", "periods", "regimes", "sweep", "timescale", "turns"]


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name):
    module = importlib.import_module(f"tscomplex.plane.{name}")
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
    assert tried > 0
