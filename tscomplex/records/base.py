"""The result of every record builder: a list of flat records that carries its warnings as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeriesWarning:
    """Something a user should see about one series; its record still goes out and nothing failed."""

    source: str
    series: object
    message: str
    group: object = None  # the group of a long table's series, where the caller knows it

    def __str__(self) -> str:
        group = f" group {self.group}" if self.group is not None else ""
        return f"{self.source} [{self.series}]{group}: {self.message}"


class Records(list):
    """A list of record dicts, plus ``warnings``: the :class:`SeriesWarning` s met while building them.

    It is a plain list for every caller that only wants the records (writers,
    batch maps, tests); a caller that shows warnings reads ``.warnings``.
    Pickles with its warnings, so process pools may return it.
    """

    def __init__(self, records=(), warnings=()):
        super().__init__(records)
        self.warnings = list(warnings)

    def warn(self, source, series, message: str) -> str:
        """Add a warning about one series; returns the message (for a record's ``warning`` key)."""
        self.warnings.append(SeriesWarning(source, series, message))
        return message

    def extend_from(self, other) -> None:
        """Append another builder's records and warnings, in order."""
        self.extend(other)
        self.warnings.extend(getattr(other, "warnings", ()))
