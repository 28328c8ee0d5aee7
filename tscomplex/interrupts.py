"""Moved to tscomplex.batch.interrupts; this name is the same module object (its state included)."""
# moved; shim for the redesign merge
import sys

from .batch import interrupts as _moved

sys.modules[__name__] = _moved
