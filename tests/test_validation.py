"""tscomplex._validation: every check accepts what it should, refuses the rest, and says so in one shape."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex._validation import (
    check_choice,
    check_int,
    check_positive,
    check_scalar,
    check_scales,
    check_series,
    is_constant,
)


@pytest.mark.parametrize("value", [3, np.int64(3), 3.0, np.float32(3.0)])
def test_check_int_accepts_whole_numbers(value):
    assert check_int(value, "dim") == 3 and type(check_int(value, "dim")) is int


@pytest.mark.parametrize("value", [2.5, True, "3", None, float("nan"), float("inf")])
def test_check_int_refuses_non_integers(value):
    with pytest.raises(ValueError, match=r"^dim must be an integer, got "):
        check_int(value, "dim")


def test_check_int_bounds_name_the_range():
    with pytest.raises(ValueError, match=r"^dim must be between 2 and 10, got 11$"):
        check_int(11, "dim", 2, 10)
    with pytest.raises(ValueError, match=r"^tau must be >= 1, got 0$"):
        check_int(0, "tau", 1)
    with pytest.raises(ValueError, match=r"^k must be <= 4, got 5$"):
        check_int(5, "k", maximum=4)


def test_check_scalar_open_and_closed_bounds():
    assert check_scalar(0.5, "alpha", 0, 1) == 0.5
    assert check_scalar(0, "alpha", 0, 1) == 0.0
    with pytest.raises(ValueError, match=r"^alpha must be > 0, got 0.0$"):
        check_scalar(0, "alpha", 0, include_min=False)
    with pytest.raises(ValueError, match=r"^q must be > 0 and <= 1000, got 2000.0$"):
        check_scalar(2000, "q", 0, 1000, include_min=False)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_check_scalar_refuses_non_finite(value):
    with pytest.raises(ValueError, match=r"^dt must be a finite number"):
        check_scalar(value, "dt", 0, include_min=False)


def test_check_scalar_refuses_non_numbers():
    for value in (True, "1", None):
        with pytest.raises(ValueError, match=r"^dt must be a number"):
            check_scalar(value, "dt")


def test_check_choice_lists_the_choices():
    assert check_choice("kantz", "method", ("rosenstein", "kantz")) == "kantz"
    with pytest.raises(ValueError, match=r"^method must be one of 'rosenstein', 'kantz', got 'wolf'$"):
        check_choice("wolf", "method", ("rosenstein", "kantz"))


def test_check_series_shapes_and_values():
    out = check_series([1, 2, 3])
    assert out.dtype == np.float64 and out.flags.c_contiguous and out.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match=r"^x must be one-dimensional, got shape \(2, 2\)$"):
        check_series(np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"^x has 2 values; at least 3 are needed$"):
        check_series([1, 2], min_size=3)
    with pytest.raises(ValueError, match=r"^x has 2 NaN or infinite values \(first at index 1\)$"):
        check_series([0, np.nan, 1, np.inf])
    assert np.isnan(check_series([np.nan], finite=False)[0])
    with pytest.raises(ValueError, match=r"^x must hold numbers"):
        check_series(["a", "b"])


def test_check_series_keeps_float32_when_asked():
    x = np.arange(5, dtype=np.float32)
    assert check_series(x, dtype=None).dtype == np.float32
    assert check_series(x).dtype == np.float64
    assert check_series(np.arange(5), dtype=None).dtype == np.float64


def test_is_constant():
    assert is_constant(np.array([2.0, 2.0])) and not is_constant(np.array([1.0, 2.0]))
    assert not is_constant(np.array([]))
    assert not is_constant(np.array([-1.7e308, 1.7e308]))  # no overflow from a subtraction


def test_check_positive():
    assert check_positive(2, "r") == 2.0 and isinstance(check_positive(2, "r"), float)
    assert check_positive(0, "alpha", allow_zero=True) == 0.0
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match=r"^r must be a finite number > 0, got "):
            check_positive(bad, "r")
    with pytest.raises(ValueError, match=r"^alpha must be a finite number >= 0, got -0.5$"):
        check_positive(-0.5, "alpha", allow_zero=True)
    with pytest.raises(ValueError, match=r"^r must be a number, got 'x'$"):
        check_positive("x", "r")


def test_check_scales():
    out = check_scales([8, 2, 8.0, np.int64(4)])
    assert out.dtype == np.int64 and out.tolist() == [2, 4, 8]
    assert check_scales(5).tolist() == [5]
    with pytest.raises(ValueError, match=r"^scales is empty$"):
        check_scales([])
    with pytest.raises(ValueError, match=r"^scales must be >= 1, got 0$"):
        check_scales([0, 3])
    with pytest.raises(ValueError, match=r"^scales must be an integer, got 2.5$"):
        check_scales([2.5])


def test_check_series_one_pass_finiteness_keeps_the_exact_answer():
    import warnings

    import numpy as np

    from tscomplex._validation import check_series

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning leaks from the fast path
        huge = np.array([1e308, 1e308, -1e308, 5.0])  # finite values whose sum overflows
        assert check_series(huge) is not None
        for bad, count, first in (([1.0, np.nan, 2.0], 1, 1), ([np.inf, -np.inf, 1.0], 2, 0),
                                  ([1e308, 1e308, np.nan], 1, 2)):
            try:
                check_series(np.array(bad))
            except ValueError as e:
                assert f"{count} NaN or infinite" in str(e) and f"first at index {first}" in str(e)
            else:
                raise AssertionError("a non-finite series passed")
