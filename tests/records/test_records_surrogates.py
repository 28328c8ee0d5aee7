"""tscomplex.records.surrogates and systems: the records of a written surrogate set and of the catalog."""

from __future__ import annotations

import numpy as np

from tscomplex.records.surrogates import surrogate_record
from tscomplex.records.systems import catalog_records


def test_surrogate_record_reports_how_they_were_made():
    from tscomplex.surrogates import surrogates

    x = np.random.default_rng(6).standard_normal(256)
    data, info = surrogates(x, 3, "iaaft", 1, return_info=True)
    record = surrogate_record("s", ["x"], x, info, "out.npy")
    assert data.shape == (3, 256)
    assert record["series"] == "x" and record["n"] == 256 and record["surrogate_count"] == 3
    assert record["surrogate_seed"] == 1 and record["surrogate_file"] == "out.npy"
    assert record["iterations_max"] == max(info.iterations) and record["converged"] == sum(info.converged)
    shuffled = surrogate_record("s", ["x", "y"], np.c_[x, x], surrogates(x, 2, "shuffle", 1, return_info=True)[1],
                                "d/")
    assert shuffled["series"] == "x,y" and "iterations_max" not in shuffled


def test_catalog_records_one_per_system_of_a_kind():
    from tscomplex import systems

    maps = catalog_records("map")
    assert [r["system"] for r in maps] == list(systems.names("map"))
    assert {r["kind"] for r in maps} == {"map"}
    assert len(catalog_records()) == len(systems.names())
