"""Forecast scoring: how close a forecast stays to the truth (sMAPE, MASE, RMSE, valid prediction time, ...).

:mod:`.metrics` holds the measures, each a function of two equal-length arrays;
the records of ``tscomplex score`` are built in :mod:`tscomplex.records.score`.
"""

from __future__ import annotations

from .metrics import (VALID_THRESHOLD, attractor_kl_divergence, attractor_wasserstein, correlation, mase,
                      normalized_error, rmse, smape, valid_prediction_steps)

__all__ = ["VALID_THRESHOLD", "attractor_kl_divergence", "attractor_wasserstein", "correlation", "mase",
           "normalized_error", "rmse", "smape", "valid_prediction_steps"]
