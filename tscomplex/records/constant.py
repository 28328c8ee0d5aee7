"""One rule for a constant series, in every command, as data.

A constant series is not a failure: it gets its record, and a warning that a
caller shows (the CLI prints ``tscomplex: warning: SOURCE [SERIES]: ...`` and
keeps exit status 0). A measure that a constant series defines keeps its value
(H = 0 and C = 0: every window is the same pattern); one it cannot define is
null (no Lyapunov exponent, no natural timescale, no surprising sample to cut a
patch at), and the record's ``warning`` says why.

The messages go into records that the CLI and the Python API both give, so they
name no flag: "pick another column" is ``-c`` on the command line and
``columns=`` (or another DataFrame column) in Python.
"""

from __future__ import annotations

ORDINAL = ("constant series: every window ties, so H = 0 and C = 0 (a number, but likely not the column meant; "
           "check it, or pick another column)")
WEIGHTED = ("constant series: every window has zero variance, so weighted permutation entropy has no weight to "
            "count (its measures are null); check the column, or pick another one")
LYAPUNOV = ("constant series: neighbours never separate, so there is no exponent to estimate (max_lyapunov is "
            "null); check the column, or pick another one")
SWEEP = ("constant series: every window ties, so H = 0 and C = 0 at every tau, and there is no natural "
         "timescale; check the column, or pick another one")
PATCH = ("constant series: no sample is harder to predict than another, so the whole series is one patch; "
         "check the column, or pick another one")


def is_constant(values) -> bool:
    """True for a series of two or more values, each equal to the first (one sample is too short, not constant)."""
    import numpy as np

    values = np.asarray(values)
    return values.size > 1 and bool(np.all(values == values.flat[0]))
