"""The tau sweep and the natural timescale of series read in chunks (see :func:`tscomplex.plane.tau_sweep_full`
and :func:`tscomplex.plane.natural_timescale`).

Ordinal counts are additive: one :meth:`tscomplex.ordinal.OrdinalPatterns.counter`
per tau carries the last (d-1)*tau samples of each block into the next. The natural
timescale takes a few passes over the blocks: the peak magnitude and the
mean, then the standard deviation, then the crossings of the mean (with the
same hysteresis band) and the local maxima, each carried across block
edges. One periodogram of the whole series would need it all in memory, so
the spectral estimate is Welch's: the average periodogram of consecutive
segments of one chunk (Welch, IEEE Trans. Audio Electroacoust. 15, 70,
1967), whose peak and 5-bin share feed the same ``auto`` rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .counts import SeriesCounts, new_series_counts


class SweepCounts(SeriesCounts):
    """Streaming pattern counters (one per tau), period trackers and the regime's evidence of one series."""

    def __init__(self, dim: int, taus: list):
        empty = new_series_counts(dim, taus)
        super().__init__(empty.counters, trackers=empty.trackers, evidence=empty.evidence)
        self.dim, self.taus = dim, taus

    def raw(self, tau: int) -> np.ndarray:
        """Counts at ``tau`` in rank-code order (H and C do not depend on the order of the outcomes)."""
        counter = self.counters[tau]
        return counter.counts(ordered=False) if counter.windows else np.zeros(counter.space.n_outcomes)

    def result(self, tau: int) -> tuple[float, float, float]:
        """(H, C, multi-turn fraction) at ``tau``, as :func:`tscomplex.plane.tau_sweep_full` gives them."""
        from ..information import jensen_shannon_normalization
        from ..plane.sweep import _hc_of_counts
        from ..plane.turns import _rank_code_turn_mask

        raw = self.raw(tau)
        h, c = _hc_of_counts(raw, jensen_shannon_normalization(raw.size))
        total = raw.sum()
        turns = float(raw[_rank_code_turn_mask(self.dim)].sum() / total) if total > 0 else math.nan
        return float(h), float(c), turns


class _Crossings:
    """Crossing times of the mean with hysteresis, fed piece by piece (see :func:`tscomplex.plane.crossing_times`).

    What is carried is small whatever the data: the last decided sample
    (outside the band) and its state, the mean crossings seen since then
    (a stretch inside the band can be long; only its crossings are kept), and
    the last sample, so a crossing that straddles a piece edge is timed
    exactly as in one piece.
    """

    def __init__(self, mean: float, band: float):
        self.mean, self.band = mean, band
        self.offset = 0  # global index of the next sample
        self.decided_at, self.state = -1, 0  # the last decided sample and its state (+1 above, -1 below)
        self.pending = np.empty(0)  # times of the mean crossings after it
        self.pending_at = np.empty(0, dtype=np.int64)  # and the sample each follows
        self.previous = None  # the last sample
        self.count, self.first, self.last = 0, math.nan, math.nan

    def feed(self, values: np.ndarray) -> None:
        if values.size == 0:
            return
        mean, band = self.mean, self.band
        x = values if self.previous is None else np.concatenate(([self.previous], values))
        base = self.offset - (0 if self.previous is None else 1)  # global index of x[0]
        above = x >= mean
        f = np.flatnonzero(above[1:] != above[:-1])
        lo, hi = x[f] - mean, x[f + 1] - mean
        flips = np.concatenate((self.pending, (f + base) + lo / (lo - hi)))
        left = np.concatenate((self.pending_at, f + base))  # crossing between samples left and left+1
        state = np.where(values > mean + band, 1, np.where(values < mean - band, -1, 0)).astype(np.int8)
        decided = np.flatnonzero(state)
        where = decided + self.offset
        states = state[decided]
        if self.state:
            where = np.concatenate(([self.decided_at], where))
            states = np.concatenate(([self.state], states))
        if where.size:
            change = np.flatnonzero(states[1:] != states[:-1])
            start, stop = where[change], where[change + 1]
            first = np.searchsorted(left, start, "left")
            count = np.searchsorted(left, stop, "left") - first
            times = flips[first + count // 2]
            if times.size:
                if not self.count:
                    self.first = float(times[0])
                self.last = float(times[-1])
                self.count += times.size
            self.decided_at, self.state = int(where[-1]), int(states[-1])
            keep = left >= self.decided_at
            self.pending, self.pending_at = flips[keep].copy(), left[keep].copy()
        elif not self.state:  # nothing decided yet: crossings before the first decided sample never count
            self.pending, self.pending_at = np.empty(0), np.empty(0, dtype=np.int64)
        else:
            self.pending, self.pending_at = flips.copy(), left.copy()
        self.previous = float(values[-1])
        self.offset += values.size

    def spacing(self) -> float:
        """Mean spacing of the crossings (samples); NaN with fewer than two."""
        return (self.last - self.first) / (self.count - 1) if self.count >= 2 else math.nan


class _Maxima:
    """Local maxima (a plateau counts once, at its middle), fed block by block.

    The carry holds the last two runs of equal values: the last may go on in
    the next block, and the one before is the left neighbour of the next
    candidate.
    """

    def __init__(self):
        self.carry = np.empty(0)
        self.offset = 0
        self.count, self.first, self.last = 0, math.nan, math.nan

    def feed(self, values: np.ndarray) -> None:
        buf = np.concatenate((self.carry, values)) if self.carry.size else values
        if buf.size == 0:
            return
        starts = np.flatnonzero(np.concatenate(([True], buf[1:] != buf[:-1])))
        ends = np.append(starts[1:], buf.size) - 1
        v = buf[starts]
        if v.size >= 3:
            peak = (v[1:-1] > v[:-2]) & (v[1:-1] > v[2:])
            centers = 0.5 * (starts[1:-1][peak] + ends[1:-1][peak])
            if centers.size:
                if not self.count:
                    self.first = self.offset + float(centers[0])
                self.last = self.offset + float(centers[-1])
                self.count += centers.size
        cut = int(starts[max(0, starts.size - 2)])
        self.carry = buf[cut:].copy()
        self.offset += cut

    def spacing(self) -> float:
        return (self.last - self.first) / (self.count - 1) if self.count >= 2 else math.nan


class _Welch:
    """Periodograms (Hann window, mean removed) of consecutive segments of ``length`` samples, summed:
    Welch's average, the spectrum a series too long for one FFT allows. A last partial segment is dropped."""

    def __init__(self, mean: float, length: int):
        self.mean, self.length = mean, int(length)
        self.window = np.hanning(self.length)
        self.power = np.zeros(self.length // 2)
        self.carry = np.empty(0)
        self.segments = 0

    def feed(self, values: np.ndarray) -> None:
        buf = np.concatenate((self.carry, values)) if self.carry.size else values
        whole = buf.size // self.length * self.length
        for start in range(0, whole, self.length):
            seg = buf[start:start + self.length] - self.mean
            seg *= self.window
            spectrum = np.fft.rfft(seg)
            del seg
            power = np.abs(spectrum[1:self.power.size + 1])
            del spectrum
            power *= power
            self.power += power
            self.segments += 1
        self.carry = buf[whole:].copy()

    def peak(self) -> tuple[float, float]:
        from ..plane.timescale import peak_of_power

        return peak_of_power(self.power, self.length) if self.segments else (math.nan, 0.0)


@dataclass(frozen=True)
class ChunkedTimescale:
    """t_nat (time units), the method used, and every method's estimate; ``segment``: the Welch segment length."""

    t_nat: float
    method: str
    crossings: float
    maxima: float
    spectrum: float
    segment: int
    spectral_exponent: float = math.nan
    reason: str | None = None
    warning: str | None = None


def natural_timescales(table, dt: float, method: str = "auto") -> dict:
    """{series name: ChunkedTimescale or a ValueError saying why there is none} for a ChunkedTable.

    ``method`` as in :func:`tscomplex.plane.natural_timescale`; ``auto``
    uses the crossings when there are at least four (two cycles). A series
    is scaled by the same power of two as there, so no digit changes.
    """
    from ..ordinal.series import MAGNITUDE_BITS
    from ..plane.timescale import (CROSSING_HYSTERESIS, PowerLaw, choose_method, long_timescale_warning,
                                   power_law_spectrum)

    peak = dict.fromkeys(table.names, 0.0)
    total = dict.fromkeys(table.names, 0.0)
    size = dict.fromkeys(table.names, 0)
    for block in table.blocks():
        for name, values in block.items():
            if values.size:
                peak[name] = max(peak[name], float(np.max(np.abs(values))))
                total[name] += float(np.sum(values))
                size[name] += values.size
    exponent = {name: 0 if p == 0.0 or 2.0 ** -MAGNITUDE_BITS <= p <= 2.0 ** MAGNITUDE_BITS else math.frexp(p)[1]
                for name, p in peak.items()}
    if any(exponent.values()) or not all(math.isfinite(t) for t in total.values()):
        total = dict.fromkeys(table.names, 0.0)  # sum again, scaled, where the plain sum could overflow
        for block in table.blocks():
            for name, values in block.items():
                total[name] += float(np.sum(np.ldexp(values, -exponent[name])))
    mean = {name: total[name] / size[name] if size[name] else math.nan for name in table.names}
    squares = dict.fromkeys(table.names, 0.0)
    for block in table.blocks():
        for name, values in block.items():
            squares[name] += float(np.sum((np.ldexp(values, -exponent[name]) - mean[name]) ** 2))
    crossings = {name: _Crossings(mean[name], CROSSING_HYSTERESIS * math.sqrt(squares[name] / max(size[name], 1)))
                 for name in table.names}
    maxima = {name: _Maxima() for name in table.names}
    welch = {name: _Welch(mean[name], max(3, min(table.chunk, size[name]))) for name in table.names}
    for block in table.blocks():
        for name, values in block.items():
            for piece in _pieces(values):  # the crossing search makes several arrays of its input's length
                scaled = np.ldexp(piece, -exponent[name])
                crossings[name].feed(scaled)
                welch[name].feed(scaled)
                maxima[name].feed(piece)  # maxima do not depend on the scale
    out = {}
    for name in table.names:
        if size[name] < 3:
            out[name] = ValueError("natural_timescale needs a one-dimensional series of at least 3 samples")
            continue
        n_cross = crossings[name].count
        by_crossings = 2.0 * crossings[name].spacing() * dt
        by_maxima = maxima[name].spacing() * dt
        period, share = welch[name].peak()
        by_spectrum = period * dt
        law = power_law_spectrum(welch[name].power) if welch[name].segments else PowerLaw(
            math.nan, math.nan, math.nan, False)
        chosen, reason = choose_method(method, law, share, n_cross)  # the in-memory rule, on Welch's spectrum
        if reason is not None:
            out[name] = ChunkedTimescale(math.nan, chosen, float(by_crossings), float(by_maxima), float(by_spectrum),
                                         welch[name].length, law.exponent, reason, reason)
            continue
        t_nat = {"crossings": by_crossings, "maxima": by_maxima, "spectrum": by_spectrum}[chosen]
        if not math.isfinite(t_nat):
            what = {"crossings": "crossings", "maxima": "maxima", "spectrum": "variation"}[chosen]
            out[name] = ValueError(f"cannot estimate a natural timescale by {chosen}: the series has too few {what}")
            continue
        out[name] = ChunkedTimescale(float(t_nat), chosen, float(by_crossings), float(by_maxima), float(by_spectrum),
                                     welch[name].length, law.exponent, None,
                                     long_timescale_warning(t_nat, (size[name] - 1) * dt, chosen))
    return out


def sweep_counts(table, taus, dim: int) -> dict:
    """{series name: SweepCounts} of one pass over the blocks."""
    from ..ordinal.ties import TiedWindows

    counts = {name: SweepCounts(dim, sorted(set(int(t) for t in taus))) for name in table.names}
    for name in table.names:
        counts[name].ties = TiedWindows(dim, taus)  # tied_windows per tau, in the same pass
    for block in table.blocks():
        for name, values in block.items():
            for piece in _pieces(values):
                counts[name].feed(piece)
                counts[name].ties.feed(piece)
    return counts


PIECE = 1 << 18


def _pieces(values: np.ndarray):
    """A block in pieces of at most PIECE samples: the work arrays of each step stay a few MB whatever the
    chunk size (every accumulator here carries its state across pieces as across blocks)."""
    for start in range(0, values.size, PIECE):
        yield values[start:start + PIECE]
