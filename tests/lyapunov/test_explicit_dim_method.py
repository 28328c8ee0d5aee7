"""An --embedding-dim-method given is used for a deterministic map too; the record says which rule chose."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.records.lyapunov import lyapunov_result
from tscomplex.io import Series


def _logistic(n=5000):
    x = np.empty(n)
    x[0] = 0.3
    for i in range(n - 1):
        x[i + 1] = 3.99 * x[i] * (1.0 - x[i])
    return Series(source="s", name="x", values=x, dt=None)


@pytest.mark.parametrize("given, expected", [(None, "one_step_prediction"), ("fnn", "fnn"), ("cao", "cao")])
def test_a_given_dimension_method_wins_over_the_map_test(given, expected):
    records, result = lyapunov_result(_logistic(), dim_method=given)
    (record,) = records
    assert record["deterministic_map"] is True
    assert record["embedding_lag"] == 1 and record["embedding_lag_method"] == "deterministic_map"
    assert record["embedding_dim_method"] == expected


def test_a_flow_reports_fnn_when_nothing_was_given():
    from tscomplex import simulate

    x = simulate("lorenz", 4000, dt=0.02).component("x")
    (record,), _ = lyapunov_result(Series(source="s", name="x", values=x, dt=0.02))
    assert record["embedding_dim_method"] == "fnn" and record["deterministic_map"] is not True
