"""Moved to tscomplex.io.printable."""

from .io.printable import *  # noqa: F401,F403  # moved; shim for the redesign merge
