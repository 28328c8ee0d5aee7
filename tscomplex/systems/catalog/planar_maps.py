"""Two-dimensional and circle maps beyond the classic ones in maps.py (the discrete maps of the dysts catalog).

Every ``f(t, y, p, out)`` writes dy/dt (or the next state of a map) into ``out`` and every
``j(t, y, p, J)`` writes its Jacobian; ``p`` holds the parameters in the order of the ``params`` dict.
"""

from __future__ import annotations
