"""The CLI side of the one rule for a constant series: print the warnings the records carry.

The messages and the rule live in :mod:`tscomplex.records.constant`; they are
re-exported here for the old import path.
"""

from __future__ import annotations

import click

from ..records.constant import LYAPUNOV, ORDINAL, PATCH, SWEEP, WEIGHTED, is_constant  # noqa: F401


def warn_constant(source, name, message: str = ORDINAL) -> str:
    """Print the warning line of a constant series and return the message, for the record's ``warning``."""
    click.echo(f"tscomplex: warning: {source} [{name}]: {message}", err=True)
    return message


def print_warnings(records):
    """Print the warnings a :class:`~tscomplex.records.Records` carries, one line each; returns the records."""
    for warning in getattr(records, "warnings", ()):
        click.echo(f"tscomplex: warning: {warning}", err=True)
    return records
