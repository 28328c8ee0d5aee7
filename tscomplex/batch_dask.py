"""Moved to tscomplex.batch.dask; this name is the same module object (its state included)."""
# moved; shim for the redesign merge
import sys

from .batch import dask as _moved

sys.modules[__name__] = _moved
