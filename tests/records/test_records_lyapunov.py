"""tscomplex.records.lyapunov: the record of one series, and of a system's spectrum."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.io import Series
from tscomplex.records import LYAPUNOV
from tscomplex.records.lyapunov import lyapunov_records, lyapunov_result, spectrum_records


def _logistic(n=3000, r=4.0, x0=0.2):
    x = np.empty(n)
    x[0] = x0
    for i in range(1, n):
        x[i] = r * x[i - 1] * (1 - x[i - 1])
    return x


def test_logistic_map_exponent_is_ln2_and_choices_are_reported():
    records, result = lyapunov_result(Series("s", "x", _logistic(), None))
    record = records[0]
    assert record["max_lyapunov"] == pytest.approx(math.log(2), rel=0.1)
    # the logistic map is recognised as a deterministic map (issue 13): delay 1, dimension by one-step prediction
    assert record["embedding_lag_method"] == "deterministic_map"
    assert record["embedding_dim_method"] == "one_step_prediction"
    assert record["deterministic_map"] is True and record["one_step_error_ratio"] < 0.05
    assert record["embedding_dim"] >= 1 and result is not None and not records.warnings


def test_given_embedding_reports_no_method():
    record = lyapunov_records(Series("s", "x", _logistic(), None), dim=2, lag=1)[0]
    assert (record["embedding_dim"], record["embedding_lag"]) == (2, 1)
    assert record["embedding_lag_method"] is None and record["embedding_dim_method"] is None


def test_constant_series_null_exponent_with_warning():
    records, result = lyapunov_result(Series("s", "c", np.ones(400), 0.1))
    assert result is None and records[0]["max_lyapunov"] is None and records[0]["chaotic"] is False
    assert records[0]["warning"] == LYAPUNOV and records.warnings[0].message == LYAPUNOV


def test_spectrum_of_the_henon_map():
    records, result = spectrum_records("henon", n_steps=20000)
    record = records[0]
    assert record["source"] == "system:henon" and len(record["lyapunov_spectrum"]) == 2
    # the exponents of the Henon map sum to ln|det J| = ln b = ln 0.3
    assert sum(record["lyapunov_spectrum"]) == pytest.approx(math.log(0.3), abs=1e-6)
    assert record["max_lyapunov"] == pytest.approx(0.419, abs=0.01)
