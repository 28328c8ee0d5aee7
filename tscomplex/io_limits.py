"""Moved to tscomplex.io.limits."""

from .io.limits import *  # noqa: F401,F403  # moved; shim for the redesign merge
