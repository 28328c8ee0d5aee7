"""The Series type: one sequence of samples with its source, its name there and its sampling step."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Series:
    """One series: where it came from, its name there, its samples, and its sampling step."""

    source: str
    name: str
    values: np.ndarray
    dt: float | None = None
    meta: dict = field(default_factory=dict)
