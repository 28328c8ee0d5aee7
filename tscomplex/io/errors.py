"""The exceptions and failure records that every reader, writer and command imports; nothing heavy.

They live apart from the readers so that any module (outputs, writers, the
batch driver, a plot) can raise or catch them without importing a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class InputError(ValueError):
    """A problem with one input, described in one line."""


class OutputError(InputError):
    """An output that cannot be written safely; the message is one line.

    A kind of :class:`InputError` (the user gave a path that cannot be used),
    so that code reporting InputError as a one-line problem reports it too.
    """


@dataclass
class SeriesFailure:
    """A series (or a group of a long table) that could not be read; the others of its file go on."""

    source: str
    name: str | None
    reason: str
    meta: dict = field(default_factory=dict)
