# moved; shim for the redesign merge
from ..lyapunov.spectrum import *  # noqa: F401,F403
from ..lyapunov.spectrum import BLOWUP, DELAY_EXPONENTS, MAX_RECORDS, _initial, _kernel  # noqa: F401
from ..lyapunov.tangent import (_COMPILED, _PY, _SIGNATURES, _delay_spectrum, _flow_spectrum,  # noqa: F401
                                _gram_schmidt, _gram_schmidt_histories, _map_spectrum, _matmul, _ring_value)
