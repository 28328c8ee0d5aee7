"""Warnings as data on their way to stderr.

The record builders in :mod:`tscomplex.records` return a :class:`~tscomplex.records.Records`
whose ``warnings`` say what a user should see about a series (a constant series, a short
record, ...). A record function may run in a worker process, so it does not print them:
:func:`warnings_as_data` puts each one's text into the first record of its series under ``_stderr_warnings``,
and the run (:meth:`tscomplex.cli.driver.Run.map`) prints them, one line each, in the parent
as it writes that input's records.
"""

from __future__ import annotations

from .driver import WARNINGS


def warnings_as_data(records):
    """``records`` with the messages of their ``warnings`` moved into the first record (see the module text)."""
    warnings = list(getattr(records, "warnings", ()))
    if not warnings or not len(records):
        return records
    for warning in warnings:  # on the first record of its own series (a chunked table holds many)
        target = next((r for r in records if r.get("series") == warning.series
                       and r.get("source") == warning.source), records[0])
        kept = target.get(WARNINGS) or []
        target[WARNINGS] = ([kept] if isinstance(kept, str) else list(kept)) + [warning.message]
    records.warnings = []
    return records
