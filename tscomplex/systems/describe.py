"""Flat descriptions of a built-in system: one row for ``systems list``, everything for ``systems show``."""

from __future__ import annotations

from .registry import lookup

INVARIANT_KEYS = ("max_lyapunov", "lyapunov_spectrum", "kaplan_yorke_dimension", "natural_period",
                  "lyapunov_time", "chaotic")


def invariants(name: str) -> dict:
    """The stored computed invariants of a system (:mod:`.invariants`); nulls and a status when not computed."""
    from .invariants import stored

    inv = stored(name)
    if inv is None:
        inv = {key: None for key in INVARIANT_KEYS}
        inv["status"] = "not computed (see docs/systems.md, how the invariants file is filled)"
    return inv


def summary(name: str) -> dict:
    """A flat record describing one system (for ``tscomplex systems list``): a few fields of :func:`details`."""
    full = details(name)
    return {
        "system": full["system"],
        "kind": full["kind"],
        "dimension": full["dimension"],
        "parameters": ", ".join(f"{k}={v:g}" for k, v in full["parameters"].items()),
        "max_lyapunov": full["max_lyapunov"],
        "kaplan_yorke_dimension": full["kaplan_yorke_dimension"],
        "natural_period": full["natural_period"],
        "chaotic": full["chaotic"],
        "max_lyapunov_reference": full["max_lyapunov_reference"],
        "dysts_name": full["dysts_name"],
        "description": full["description"],
    }


def details(name: str) -> dict:
    """Everything about one system: equations, parameters, defaults, computed invariants and references (``systems show``)."""
    system = lookup(name)
    ref = system.reference
    inv = invariants(system.name)
    return {
        "system": system.name,
        "kind": system.kind,
        "description": system.description,
        "dimension": system.dimension(),
        "components": system.component_names(),
        "equations": system.equations,
        "source": system.source,
        "parameters": dict(system.params),
        "initial_condition": [float(v) for v in system.initial_condition()],
        "dt": system.dt,
        "transient": system.transient,
        "dysts_name": system.dysts_name,
        **{key: inv[key] for key in INVARIANT_KEYS},
        "invariants": inv,
        "max_lyapunov_reference": ref.max_exponent if ref else None,
        "lyapunov_spectrum_reference": list(ref.exponents) if ref and len(ref.exponents) > 1 else None,
        "kaplan_yorke_dimension_reference": ref.kaplan_yorke_dimension if ref else None,
        "references": [
            {"parameters": dict(system.params, **r.params), "lyapunov_exponents": list(r.exponents),
             "kaplan_yorke_dimension": r.kaplan_yorke_dimension, "source": r.source, "note": r.note or None}
            for r in system.references
        ],
    }
