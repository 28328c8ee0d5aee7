"""An exact percentile of values that can be read twice but not held: a histogram pass, then a pass over the
values of the bins that hold the wanted order statistics (numpy's linear interpolation between them)."""

from __future__ import annotations

import math

import numpy as np

from ..patching.boundaries import _QUANTILE

HIST_BINS = 1 << 16


class StreamedQuantile:
    """An exact qNN percentile of values seen twice: a histogram first, then the values of the bins that
    hold the wanted order statistics; also the range, and the largest value below the maximum."""

    def __init__(self, spec, lo, hi):
        self.q = float(_QUANTILE.match(spec.strip()).group(1)) if isinstance(spec, str) and \
            _QUANTILE.match(spec.strip()) else None
        self.lo, self.width = lo, (hi - lo) / HIST_BINS
        self.hist = np.zeros(HIST_BINS, dtype=np.int64) if self.q is not None else None
        self.n, self.top, self.second, self.low = 0, -math.inf, -math.inf, math.inf
        self.wanted, self.found = (), {}

    def _bin(self, v):
        return np.clip(((v - self.lo) / self.width).astype(np.int64), 0, HIST_BINS - 1)

    def first_pass(self, v):
        if v.size == 0:
            return
        self.n += v.size
        self.low = min(self.low, float(v.min()))
        top = float(v.max())
        below = v[v < top]
        candidates = [self.top, self.second, top, float(below.max()) if below.size else -math.inf]
        self.top = max(candidates)
        self.second = max([c for c in candidates if c < self.top], default=-math.inf)
        if self.hist is not None:
            self.hist += np.bincount(self._bin(v), minlength=HIST_BINS)

    def plan(self):
        """Which order statistics numpy's linear interpolation needs, and the bins holding them."""
        if self.q is None or self.n == 0:
            return False
        q = self.q / 100.0
        virtual = self.n * q + (1 + q * (1 - 1 - 1)) - 1  # numpy's virtual index for method "linear"
        if virtual >= self.n - 1:
            prev = nxt = self.n - 1
        elif virtual < 0:
            prev = nxt = 0
        else:
            prev = int(math.floor(virtual))
            nxt = prev + 1
        self.gamma = virtual - math.floor(virtual) if 0 <= virtual < self.n - 1 else 0.0
        self.order = (prev, nxt)
        cum = np.cumsum(self.hist)
        self.bins = sorted({int(np.searchsorted(cum, i, "right")) for i in self.order})
        self.before = {b: int(cum[b - 1]) if b else 0 for b in self.bins}
        return True

    def second_pass(self, v):
        if v.size == 0:
            return
        picked = v[np.isin(self._bin(v), self.bins)]
        values, counts = np.unique(picked, return_counts=True)
        for value, count in zip(values.tolist(), counts.tolist()):
            self.found[value] = self.found.get(value, 0) + count

    def value(self) -> float:
        ordered = sorted(self.found.items())
        first_bin = self.bins[0]
        rank = self.before[first_bin]  # order statistics before the first collected bin

        def nth(i):
            r = rank
            for value, count in ordered:
                if i < r + count:
                    return value
                r += count
            raise AssertionError("order statistic not collected")

        a, b = nth(self.order[0]), nth(self.order[1])
        diff = b - a
        theta = float(a + diff * self.gamma) if self.gamma < 0.5 else float(b - diff * (1 - self.gamma))
        if self.q < 100 and theta >= self.top and self.second > -math.inf:
            theta = self.second  # the rule of patching.resolve_threshold for a maximum many values share
        return theta
