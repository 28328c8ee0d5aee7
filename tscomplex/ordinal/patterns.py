"""The ordinal-pattern outcome space: one object that turns a series into counts and probabilities.

As in ComplexityMeasures.jl (``OrdinalPatterns{m}(tau)``), the outcome space
is a small frozen value that names the d! outcomes and how a series maps onto
them; probabilities and information measures are separate steps::

    space = OrdinalPatterns(dim=4, tau=2)
    p = space.probabilities(x)             # all d! outcomes, zeros kept
    h = shannon_entropy(p)                 # tscomplex.information

A series too long for memory is fed in chunks to a :meth:`OrdinalPatterns.counter`,
which carries the last (d-1)*tau samples from one chunk to the next, so its
counts equal one call on the whole series (the same windows, added in the same
order, so even weighted counts agree to the last bit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_int, check_series
from ..options import DEFAULT_DIM, DEFAULT_TAU
from .codes import _rank_codes
from .counts import (accumulate_raw_counts, code_histogram, count_parts, ordinal_codes, ordinal_counts,
                     raw_to_pattern_counts)
from .series import check_dim, check_tau, n_windows, nonfinite_error, round_ties


@dataclass(frozen=True)
class OrdinalPatterns:
    """Ordinal patterns of length ``dim`` and delay ``tau``: the d! argsort permutations in lexicographic order.

    Parameters
    ----------
    dim : int
        Pattern length d, 2 <= d <= 10.
    tau : int
        Delay between the samples of a window, >= 1.
    weighted : bool
        Each window adds its population variance instead of 1 (weighted
        permutation entropy, Fadlallah et al., PRE 87, 022911, 2013).
    tie_precision : int, optional
        Round the data to this many decimals first (ordpy's ``tie_precision``).

    Examples
    --------
    >>> space = OrdinalPatterns(dim=2)
    >>> space.n_outcomes, space.counts([4, 7, 9, 10, 6, 11, 3]).tolist()
    (2, [4.0, 2.0])
    """

    dim: int = DEFAULT_DIM
    tau: int = DEFAULT_TAU
    weighted: bool = False
    tie_precision: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "dim", check_dim(self.dim))
        object.__setattr__(self, "tau", check_tau(self.tau))
        if not isinstance(self.weighted, (bool, np.bool_)):
            raise ValueError(f"weighted must be True or False, got {self.weighted!r}")
        object.__setattr__(self, "weighted", bool(self.weighted))
        if self.tie_precision is not None:
            object.__setattr__(self, "tie_precision", check_int(self.tie_precision, "tie_precision"))

    @property
    def n_outcomes(self) -> int:
        """d!, the number of possible patterns."""
        return math.factorial(self.dim)

    @property
    def span(self) -> int:
        """(d-1)*tau: the samples a window reaches beyond its first one, and the overlap carried between chunks."""
        return (self.dim - 1) * self.tau

    def n_windows(self, n: int) -> int:
        """Number of windows in a series of n samples."""
        return n_windows(n, self.dim, self.tau)

    def codes(self, x) -> np.ndarray:
        """Outcome (0 .. d!-1) of every window, as int64."""
        return ordinal_codes(x, self.dim, self.tau, self.tie_precision)

    def counts(self, x) -> np.ndarray:
        """Counts of all d! outcomes (zeros kept); see :func:`tscomplex.ordinal.ordinal_counts`."""
        return ordinal_counts(x, self.dim, self.tau, self.weighted, self.tie_precision)

    def probabilities(self, x) -> np.ndarray:
        """Relative frequencies of all d! outcomes (zeros kept), in lexicographic order."""
        from ..information import probabilities

        return probabilities(self.counts(x))

    def counter(self) -> OrdinalCounter:
        """A streaming counter: feed it chunks of one series with ``update``, read ``counts()`` at any time."""
        return OrdinalCounter(self)


class OrdinalCounter:
    """Counts of the ordinal patterns of a series given in consecutive chunks.

    Each :meth:`update` prefixes the chunk with the last ``space.span``
    samples seen, so every window is counted once, whatever the chunk sizes.

    Examples
    --------
    >>> counter = OrdinalPatterns(dim=2).counter()
    >>> for chunk in ([4, 7, 9], [10], [6, 11, 3]):
    ...     _ = counter.update(chunk)
    >>> counter.counts().tolist(), counter.windows, counter.samples
    ([4.0, 2.0], 6, 7)
    """

    def __init__(self, space: OrdinalPatterns):
        self.space = space
        self._raw = np.zeros(space.n_outcomes)  # rank-code order: reordered once when read
        self._tail = np.empty(0)
        self.windows = 0  # windows counted so far
        self.samples = 0  # samples fed so far

    def update(self, chunk, segment: bool = True) -> np.ndarray | None:
        """Count the windows that end in ``chunk``; return the samples they lie in (carried overlap + chunk).

        The returned array holds ``windows`` new windows when longer than
        ``space.span`` (its codes are ``space.codes`` of it) and none otherwise;
        with ``segment=False`` nothing is returned and nothing of the chunk's
        length is built: the chunk is counted where it lies (float32 stays
        float32, a memory map is read in place) and only the windows that start
        in the carried samples are counted from a small joined copy.
        Raises ValueError for a chunk that is not one-dimensional or holds NaN
        or inf; the counter is then left as it was.
        """
        space = self.space
        span = space.span
        fused = not space.weighted and space.tie_precision is None and np.size(chunk) > span
        chunk = check_series(chunk, "chunk", min_size=0, finite=not fused, dtype=None)
        if space.tie_precision is not None:
            chunk = round_ties(chunk, space.tie_precision)  # elementwise, so chunking does not change it
        tail = self._tail
        bridge = np.concatenate((tail, chunk[:span])) if tail.size else tail  # windows that start in the tail
        if space.weighted:  # window order: the tail's windows come first
            for part in (bridge, chunk):
                if part.size > span:
                    accumulate_raw_counts(part, space.dim, space.tau, True, self._raw)
        else:
            if chunk.size > span:  # NaN is found inside the counting pass; nothing is added before
                hist, bad = code_histogram(chunk, space.dim, space.tau, self._raw.shape[0],
                                           count_parts(chunk.size - span, self._raw.shape[0]))
                if bad >= 0:
                    raise nonfinite_error(chunk, "chunk")
                self._raw += hist
            if bridge.size > span:  # at most span windows, of checked samples: no histogram of d! for them
                codes = np.empty(bridge.size - span, np.int64)
                _rank_codes(bridge, space.dim, space.tau, codes)
                np.add.at(self._raw, codes, 1.0)
        self.windows += max(0, tail.size + chunk.size - span)
        self.samples += chunk.size
        joined = None
        if segment or chunk.size < span:
            joined = np.concatenate((tail, chunk)) if tail.size else chunk
        if chunk.size >= span:
            self._tail = chunk[chunk.size - span:].copy()  # a view would keep the whole chunk alive
        else:
            self._tail = joined[max(0, joined.size - span):].copy()
        return joined if segment else None

    def counts(self, ordered: bool = True) -> np.ndarray:
        """Counts of all d! outcomes so far, as ``space.counts`` of the whole series gives them.

        ``ordered=False`` gives them in rank-vector code order instead (the
        same outcomes in another numbering, enough for every measure that does
        not depend on the order, and it skips one permutation).
        Raises ValueError while fewer than (d-1)*tau+1 samples have been fed.
        """
        space = self.space
        if self.windows == 0:
            raise ValueError(f"series of {self.samples} samples is too short for dim={space.dim}, tau={space.tau}: "
                             f"needs at least (dim-1)*tau+1 = {space.span + 1}")
        if not ordered:
            return self._raw.copy()
        return raw_to_pattern_counts(self._raw, space.dim)

    def probabilities(self) -> np.ndarray:
        """Relative frequencies of all d! outcomes so far."""
        from ..information import probabilities

        return probabilities(self.counts())
