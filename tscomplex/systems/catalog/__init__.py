"""The catalog: equations, Jacobians and registry entries of the built-in systems, one module per family.

Importing this package registers every system (``tscomplex.systems.registry.REGISTRY``). A
family module holds only equations and their entries; integration lives in
``tscomplex.systems.simulation`` and ``integrators``, spectra in ``tscomplex.lyapunov``.
"""

from . import (  # noqa: F401
    algebraic_flows,
    bio_chem_flows,
    classic_flows,
    delay,
    hamiltonian,
    hyperchaotic_flows,
    maps,
    nonsmooth_flows,
    oscillators,
    physics_flows,
    planar_maps,
    sprott_flows,
)
