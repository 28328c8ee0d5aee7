# moved; shim for the redesign merge
from .catalog.maps import *  # noqa: F401,F403
from .catalog.maps import _a, _sys  # noqa: F401
