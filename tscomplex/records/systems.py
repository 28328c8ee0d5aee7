"""Records of ``systems list``: one flat record per built-in system."""

from __future__ import annotations


def catalog_records(kind=None) -> list[dict]:
    """One flat record per system (of one kind: ``map`` or ``flow``), as ``tscomplex systems list`` writes it."""
    from .. import systems as catalog

    return [catalog.summary(name) for name in catalog.names(kind)]
