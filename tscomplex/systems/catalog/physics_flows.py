"""Flows from physics and engineering: fluids, lasers, circuits, mechanical oscillators, plasma and climate models.

Every ``f(t, y, p, out)`` writes dy/dt (or the next state of a map) into ``out`` and every
``j(t, y, p, J)`` writes its Jacobian; ``p`` holds the parameters in the order of the ``params`` dict.
"""

from __future__ import annotations
