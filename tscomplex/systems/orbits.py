# moved; shim for the redesign merge
from .catalog.hamiltonian import *  # noqa: F401,F403
from .catalog.delay import *  # noqa: F401,F403
