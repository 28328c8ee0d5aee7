"""One rule for a constant series, in every command, as data.

A constant series is not a failure: it gets its record, and a warning that a
caller shows (the CLI prints ``tscomplex: warning: SOURCE [SERIES]: ...`` and
keeps exit status 0). A measure that a constant series defines keeps its value
(H = 0 and C = 0: every window is the same pattern); one it cannot define is
null (no Lyapunov exponent, no natural timescale, no surprising sample to cut a
patch at), and the record's ``warning`` says why.

The messages name the CLI's -c because most users meet them there; the
library's equivalent is choosing another column of the DataFrame.
"""

from __future__ import annotations

ORDINAL = ("constant series: every window ties, so H = 0 and C = 0 (a number, but likely not the column meant; "
           "check it, or pick another with -c)")
WEIGHTED = ("constant series: every window has zero variance, so weighted permutation entropy has no weight to "
            "count (its measures are null); check the column, or pick another with -c")
LYAPUNOV = ("constant series: neighbours never separate, so there is no exponent to estimate (max_lyapunov is "
            "null); check the column, or pick another with -c")
SWEEP = ("constant series: every window ties, so H = 0 and C = 0 at every tau, and there is no natural "
         "timescale; check the column, or pick another with -c")
PATCH = ("constant series: no sample is harder to predict than another, so the whole series is one patch; "
         "check the column, or pick another with -c")


def is_constant(values) -> bool:
    """True for a non-empty series whose every value equals the first."""
    import numpy as np

    values = np.asarray(values)
    return bool(values.size) and bool(np.all(values == values.flat[0]))
