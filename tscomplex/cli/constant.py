"""One rule for a constant series, in every command.

A constant series is not a failure: the exit status stays 0, one line
``tscomplex: warning: SOURCE [SERIES]: constant series: ...`` goes to stderr,
and the series gets its record. A measure that a constant series defines keeps
its value (H = 0 and C = 0: every window is the same pattern); one it cannot
define is null (no Lyapunov exponent, no natural timescale, no surprising
sample to cut a patch at), and the record's ``warning`` says why.
"""

from __future__ import annotations

import click

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


def warn_constant(source, name, message: str = ORDINAL) -> str:
    """Print the warning line of a constant series and return the message, for the record's ``warning``."""
    click.echo(f"tscomplex: warning: {source} [{name}]: {message}", err=True)
    return message
