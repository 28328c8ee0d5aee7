# moved; shim for the redesign merge
from ..lyapunov.spectrum import *  # noqa: F401,F403
from ..lyapunov.spectrum import BLOWUP, DELAY_EXPONENTS, MAX_RECORDS, _initial, _kernel  # noqa: F401
