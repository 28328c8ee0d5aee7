"""Moved to tscomplex.batch.resume; this name is the same module object (its state included)."""
# moved; shim for the redesign merge
import sys

from .batch import resume as _moved

sys.modules[__name__] = _moved
