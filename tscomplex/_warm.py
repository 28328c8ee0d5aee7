"""Warm-up groups: small calls that compile (or load) a command's numba kernels, one group per process.

The first run after install compiles every kernel it uses, one after the
other, in one process: seconds of a single core. The groups here split that
work so that the first run can compile them side by side on the cores it
has (:mod:`tscomplex.cli.firstrun` forks a process for each group but the
last, which the run compiles itself, and waits for them before the work
starts; each kernel lands in numba's cache, which the run then loads). A group calls the same public functions the records call,
with the argument types a real series gives (C-contiguous float64 of a
length that takes the dense counting path), so that a compiled group leaves
nothing for the run to compile. A group that misses a kernel costs only
time: the run compiles what is missing itself.
"""

from __future__ import annotations

#: Samples of the warm-up series: long enough for the dense counts at d = 5 (the sparse path is for d! >> n)
#: and for every piece of the regime's evidence.
WARM_SAMPLES = 4096


def _series():
    """A deterministic chaotic series (the logistic map at r = 4), float64 and C-contiguous."""
    import numpy as np

    x = np.empty(WARM_SAMPLES)
    v = 0.1234
    for i in range(WARM_SAMPLES):
        v = 4.0 * v * (1.0 - v)
        x[i] = v
    return x


def counting() -> None:
    """The pattern counts and the tied-window count of ``analyze``, ``plane`` and ``sweep``."""
    from .ordinal import ordinal_counts
    from .ordinal.ties import tied_window_fraction

    x = _series()
    ordinal_counts(x, 5, 1)
    tied_window_fraction(x, 5, 1)


def evidence() -> None:
    """The regime's evidence (turns, ties, recurrence, time reversal) of ``analyze``, ``plane`` and ``sweep``.

    The evidence is built from given counts, as a chunked read builds it, so that this group compiles
    none of the counting group's kernels: the two groups compile on two cores with nothing done twice
    (``evidence_of_series`` then loads the counts' kernels from the cache).
    """
    import numpy as np

    from .plane import multi_turn_fraction, series_regime_fields
    from .plane.evidence import RECURRENCE_WINDOWS, regime_evidence, tied_pattern_counts

    x = _series()
    counts = np.ones(120, dtype=np.int64)
    found = regime_evidence(counts, tied_pattern_counts(x, 5, 1), x[:RECURRENCE_WINDOWS + 4], 5, 1)
    series_regime_fields(x, 0.9, 0.2, 5, 1, multi_turn_fraction(counts), x.size - 4, evidence=found)


counting.sentinel = "tscomplex.ordinal.codes._count_codes"  # a kernel of the group: in the cache, the group is
evidence.sentinel = "tscomplex.plane.evidence._tied_mask"

#: The groups of each command, in the order they are started (the first is the longest).
GROUPS = {
    "analyze": (counting, evidence),
    "plane": (counting, evidence),
    "sweep": (counting, evidence),
}
