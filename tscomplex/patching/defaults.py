"""The vocabularies and defaults of the patch estimators and rules, named as tscomplex.patching has named them.

The values live in :mod:`tscomplex.options` (shared with the CLI); these are aliases, not copies.
"""

from __future__ import annotations

from ..options import DEFAULT_DIM  # noqa: F401  (the ordinal estimator's pattern length)
from ..options import PATCH_DEFAULT_ALPHA as DEFAULT_ALPHA  # noqa: F401
from ..options import PATCH_DEFAULT_BINS as DEFAULT_BINS  # noqa: F401
from ..options import PATCH_DEFAULT_JUMP as DEFAULT_JUMP  # noqa: F401
from ..options import PATCH_DEFAULT_MIN_LEN as DEFAULT_MIN_LEN
from ..options import PATCH_DEFAULT_ORDER as DEFAULT_ORDER  # noqa: F401
from ..options import PATCH_DEFAULT_THRESHOLD as DEFAULT_THRESHOLD  # noqa: F401
from ..options import PATCH_DEFAULT_VALUE_RANGE as DEFAULT_VALUE_RANGE  # noqa: F401
from ..options import PATCH_ESTIMATORS as ESTIMATORS  # noqa: F401
from ..options import PATCH_MODES as MODES  # noqa: F401
from ..options import PATCH_RULES as RULES  # noqa: F401

#: Largest count table (contexts x symbols) we allocate: 2**25 int64 cells = 256 MiB.
MAX_COUNT_CELLS = 2**25


def default_min_len(min_len, max_len=None) -> int:
    """``min_len``, or when None the default: DEFAULT_MIN_LEN, or ``max_len`` when that is smaller."""
    if min_len is not None:
        return min_len
    return min(DEFAULT_MIN_LEN, max_len) if max_len else DEFAULT_MIN_LEN
