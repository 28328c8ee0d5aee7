"""The catalog: equations, Jacobians and registry entries of the built-in systems, one module per family.

Importing this package registers every system (``tscomplex.systems.registry.REGISTRY``). A
family module holds only equations and their entries; integration lives in
``tscomplex.systems.simulation`` and ``integrators``, spectra in ``tscomplex.lyapunov``.
"""

from . import classic_flows, delay, hamiltonian, maps, oscillators, sprott_flows  # noqa: F401
