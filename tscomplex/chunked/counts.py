"""Ordinal counts of the series of a table read in blocks: one streaming counter per series and tau.

What ``analyze`` needs of a series too long for memory, in one pass: its
length, whether it is constant, the counts of every tau (weighted ones and,
beside them, the plain counts that missing patterns are measured on), and the
periodic-orbit trackers and the pattern evidence of the regime
(:class:`tscomplex.plane.evidence.EvidenceFeed`). Each :meth:`tscomplex.ordinal.OrdinalPatterns.counter`
carries the last (d-1)*tau samples into the next block, so the counts are
those of one call on the whole series, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class SeriesCounts:
    """Counters of one series: ``counters[tau]`` as asked (weighted or not), ``plain[tau]`` unweighted
    when ``counters`` are weighted (else empty), ``trackers[tau]`` the period trackers (empty when the
    plane has no thresholds for this dim), ``evidence`` the regime's
    :class:`~tscomplex.plane.evidence.EvidenceFeed` (None where the plane has no thresholds), fed with the
    values rounded as the counters round them (``tie_precision``), ``size`` the samples read,
    ``constant`` whether they all equal the first one (False for an empty series)."""

    counters: dict
    plain: dict = field(default_factory=dict)
    trackers: dict = field(default_factory=dict)
    evidence: object = None
    tie_precision: int | None = None
    size: int = 0
    constant: bool = False
    _first: float | None = None

    def feed(self, values: np.ndarray) -> None:
        if values.size:
            if self._first is None:
                self._first, self.constant = values[0], True
            self.constant = self.constant and bool(np.all(values == self._first))
        segments = self._count(values)
        for tau, counter in self.counters.items():
            tracker = self.trackers.get(tau)
            seg = segments[tau]  # the tie-rounded samples of the windows ending here, where a tracker wants them
            if seg is not None and seg.size > counter.space.span:
                from ..ordinal import ordinal_codes

                tracker.feed(ordinal_codes(seg, counter.space.dim, tau))
        if self.evidence is not None:
            if self.tie_precision is not None:
                from ..ordinal import round_ties

                values = round_ties(values, self.tie_precision)
            self.evidence.feed(values)
        self.size += values.size

    def _count(self, values: np.ndarray) -> dict:
        """Feed ``values`` to every tau's counters, the taus spread over threads when the block is long
        enough (:func:`tscomplex.plane.sweep.sweep_parts`; each counter is its own, so the counts are those
        of one thread); {tau: the joined samples where a period tracker wants them, else None}."""

        def one(tau):
            tracker = self.trackers.get(tau)
            wanted = tracker is not None and bool(tracker.candidates)  # else no copy of the block is made
            seg = self.counters[tau].update(values, segment=wanted)
            if tau in self.plain:
                self.plain[tau].update(values, segment=False)
            return tau, seg

        taus = list(self.counters)
        parts = 1
        if len(taus) > 1 and values.size:
            from ..plane.sweep import sweep_parts

            parts = sweep_parts(values.size, self.counters[taus[0]].space.dim, taus)
        if parts <= 1:
            return dict(map(one, taus))
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(parts) as pool:
            return dict(pool.map(one, taus))

    def regime_evidence(self, tau: int):
        """The regime's evidence at ``tau`` (:func:`tscomplex.plane.evidence.regime_evidence`), or None for a
        constant series (as in memory: one pattern, nothing to test) or where the plane has no thresholds."""
        if self.evidence is None or self.constant:
            return None
        plain = self.plain.get(tau, self.counters[tau])
        return self.evidence.evidence(tau, plain.counts())


def track_periods(dim: int) -> bool:
    """Whether the regime's periodic-orbit check (the plane's thresholds) exists for this pattern length."""
    from ..options import PLANE_MAX_DIM, PLANE_MIN_DIM

    return PLANE_MIN_DIM + 1 <= dim <= PLANE_MAX_DIM


def new_series_counts(dim: int, taus, weighted: bool = False, tie_precision: int | None = None) -> SeriesCounts:
    """Empty counters of one series for every tau (checked: dim, tau, tie_precision name themselves)."""
    from ..ordinal import OrdinalPatterns

    spaces = {tau: OrdinalPatterns(dim, tau, weighted, tie_precision) for tau in taus}
    counts = SeriesCounts({tau: space.counter() for tau, space in spaces.items()})
    if weighted:
        counts.plain = {tau: OrdinalPatterns(dim, tau, False, tie_precision).counter() for tau in taus}
    if track_periods(dim):
        from ..plane.periods import PatternPeriodTracker

        from ..plane.evidence import EvidenceFeed

        counts.trackers = {tau: PatternPeriodTracker(dim) for tau in spaces}
        counts.evidence = EvidenceFeed(dim, list(spaces))
    counts.tie_precision = tie_precision
    return counts


def table_counts(table, dim: int, taus, weighted: bool = False, tie_precision: int | None = None) -> dict:
    """{series name: :class:`SeriesCounts`} of one pass over the blocks of a ChunkedTable.

    ``counts.counters[tau].counts()`` then equals
    ``ordinal_counts(whole_series, dim, tau, weighted, tie_precision)``.
    """
    taus = list(dict.fromkeys(taus))  # the order given, each tau once
    out = {name: new_series_counts(dim, taus, weighted, tie_precision) for name in table.names}
    for block in table.blocks():
        for name, values in block.items():
            out[name].feed(values)
    return out
