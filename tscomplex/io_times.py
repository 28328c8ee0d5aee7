"""Moved to tscomplex.io.times."""

from .io.times import *  # noqa: F401,F403  # moved; shim for the redesign merge
from .io.cleaning import nan_record  # noqa: F401  # moved; shim for the redesign merge
