"""Moved to tscomplex.io.folders."""

from .io.folders import *  # noqa: F401,F403  # moved; shim for the redesign merge
