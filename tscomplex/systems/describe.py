"""Flat descriptions of a built-in system: one row for ``systems list``, everything for ``systems show``."""

from __future__ import annotations

from .registry import lookup


def summary(name: str) -> dict:
    """A flat record describing one system (for ``tscomplex systems list``): a few fields of :func:`details`."""
    full = details(name)
    return {
        "system": full["system"],
        "kind": full["kind"],
        "dimension": full["dimension"],
        "parameters": ", ".join(f"{k}={v:g}" for k, v in full["parameters"].items()),
        "max_lyapunov_reference": full["max_lyapunov_reference"],
        "description": full["description"],
    }


def details(name: str) -> dict:
    """Everything about one system: equations, parameters, defaults and references (``systems show``)."""
    system = lookup(name)
    ref = system.reference
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
        "max_lyapunov_reference": ref.max_exponent if ref else None,
        "lyapunov_spectrum_reference": list(ref.exponents) if ref and len(ref.exponents) > 1 else None,
        "kaplan_yorke_dimension_reference": ref.kaplan_yorke_dimension if ref else None,
        "references": [
            {"parameters": dict(system.params, **r.params), "lyapunov_exponents": list(r.exponents),
             "kaplan_yorke_dimension": r.kaplan_yorke_dimension, "source": r.source, "note": r.note or None}
            for r in system.references
        ],
    }
