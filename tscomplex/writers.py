"""Moved to tscomplex.io.writers."""

from .io.writers import *  # noqa: F401,F403  # moved; shim for the redesign merge
from .io.render import *  # noqa: F401,F403  # moved; shim for the redesign merge
from .io.render import _columns  # noqa: F401  # moved; shim for the redesign merge
