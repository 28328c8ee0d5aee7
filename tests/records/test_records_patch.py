"""tscomplex.records.patch: a summary and one record per patch; the patches tile the series."""

from __future__ import annotations

import numpy as np

from tscomplex.io import Series
from tscomplex.records import PATCH
from tscomplex.records.patch import patch_analysis, records_from_analysis, patch_records


def test_patches_tile_the_series_and_the_summary_agrees():
    x = np.r_[np.random.default_rng(0).standard_normal(400), np.sin(np.arange(400) / 3)]
    recs = patch_records(Series("s", "x", x, None), estimator="ordinal", dim=4)
    summary, patches = recs[0], recs[1:]
    assert summary["record"] == "summary" and all(p["record"] == "patch" for p in patches)
    assert patches[0]["start"] == 0 and patches[-1]["end"] == x.size
    assert all(a["end"] == b["start"] for a, b in zip(patches, patches[1:]))
    lengths = [p["length"] for p in patches]
    assert summary["n_patches"] == len(patches) and summary["mean_patch_length"] == np.mean(lengths)
    assert summary["median_patch_length"] == np.median(lengths)


def test_summary_only_and_analysis_give_the_same_summary():
    x = np.random.default_rng(3).standard_normal(600)
    options = {"estimator": "value", "bins": 6}
    full = records_from_analysis(Series("s", "x", x, None), patch_analysis(x, **options), options)
    short = patch_records(Series("s", "x", x, None), summary_only=True, **options)
    assert short == full[:1] and full[0]["bins"] == 6


def test_constant_series_is_one_patch_with_a_warning():
    recs = patch_records(Series("s", "c", np.ones(300), None))
    assert recs[0]["n_patches"] == 1 and recs[0]["warning"] == PATCH
    assert [w.message for w in recs.warnings] == [PATCH]
