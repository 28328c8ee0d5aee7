"""Results -> flat records: every record a command writes, built without click.

One module per command family (:mod:`.analyze`, :mod:`.sweep`, :mod:`.plane`,
:mod:`.lyapunov`, :mod:`.patch`); each returns a :class:`Records` list of flat
dicts with the keys the CLI writes, and the warnings a caller should show in
its ``warnings`` attribute (the CLI prints them, :mod:`.api` raises Python
warnings). :mod:`.api` turns records into pandas DataFrames for notebooks.
"""

from __future__ import annotations

from .base import Records, SeriesWarning  # noqa: F401
from .constant import LYAPUNOV, ORDINAL, PATCH, SWEEP, WEIGHTED, is_constant  # noqa: F401
