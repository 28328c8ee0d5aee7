# moved; shim for the redesign merge
from .catalog.classic_flows import *  # noqa: F401,F403
from .catalog.sprott_flows import *  # noqa: F401,F403
from .catalog.oscillators import *  # noqa: F401,F403
from .catalog._flow import *  # noqa: F401,F403
from .catalog.sprott_flows import _SPROTT  # noqa: F401
from .catalog.oscillators import _lorenz96_components, _lorenz96_ic  # noqa: F401
from .catalog._flow import _sys  # noqa: F401
