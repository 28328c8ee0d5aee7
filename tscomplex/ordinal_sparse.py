# moved; shim for the redesign merge
from .ordinal.sparse import *  # noqa: F401,F403
from .ordinal.sparse import _block_rank_codes, _group_sums, _lex_of_rank_codes, _weights  # noqa: F401
