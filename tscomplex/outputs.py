"""Moved to tscomplex.io.outputs."""

from .io.outputs import *  # noqa: F401,F403  # moved; shim for the redesign merge
from .io.atomic import AtomicFile, atomic_write, atomic_write_path, special_kind  # noqa: F401  # moved; shim
from .io.errors import OutputError  # noqa: F401  # moved; shim for the redesign merge
