"""Entropy-guided patch boundaries: the conditional entropy of the next symbol at every step, and cut rules.

EntroPE (Abeywickrama et al., arXiv 2509.26157) and the Byte Latent
Transformer (Pagnoni et al., arXiv 2412.09871) start a new patch where the
next value is hard to predict: where the entropy H_t of a small language
model's next-symbol distribution is high, or jumps. Here the model is a
count table instead of a transformer, so no training is needed:

* **value symbols** (EntroPE's tokenizer): the series is centred, scaled by
  its mean absolute value and quantized into ``bins`` uniform bins over
  ``[-value_range, value_range]``; the next symbol is predicted from the
  previous ``order`` symbols with add-alpha (Krichevsky-Trofimov, alpha = 1/2)
  smoothing;
* **ordinal** (Unakafov & Keller, Physica D 269, 94, 2014): the next symbol is
  the rank of the new value among the last ``dim - 1`` values, predicted from
  the ordinal pattern of the last ``dim`` values; no binning.

Counts are either ``causal`` (only the past updates them, like a model that
learns as it reads) or ``fit`` (counts of the whole series, like a frozen
model). The per-step trace from :func:`conditional_entropy` feeds the
boundary rules of :func:`boundaries_from_entropy`; :func:`patch_boundaries`
does both.

Modules: ``defaults`` (vocabularies, from :mod:`tscomplex.options`), ``tokenizers`` (value bins,
ordinal ranks), ``conditional`` (the entropy trace), ``boundaries`` (the rules), ``patches``
(series -> starts, the patch table); context models fitted on training data: ``models`` (fit, apply),
``model_kernels`` (numba), ``model_files`` (the NPZ file), ``fitted`` (series -> trace of a model). Every name of the former single module is importable from here.
(series -> starts, the patch table), ``windows`` (EntroPE's per-window patching, the entrope
tokenizer's trace, traces given from elsewhere). Every name of the former single module is importable from here.
"""

from .boundaries import (  # noqa: F401
    _QUANTILE,
    ThresholdWarning,
    _boundaries,
    _boundaries_block,
    _outside_range,
    boundaries_from_entropy,
    resolve_threshold,
    rule_cuts,
)
from .conditional import (  # noqa: F401
    _check_alpha,
    _entropy_trace,
    _smoothed_entropy,
    _xlogx,
    conditional_entropy,
    entropy_rate,
)
from .defaults import (  # noqa: F401
    DEFAULT_ALPHA,
    DEFAULT_BINS,
    DEFAULT_DIM,
    DEFAULT_JUMP,
    DEFAULT_MIN_LEN,
    DEFAULT_ORDER,
    DEFAULT_THRESHOLD,
    DEFAULT_VALUE_RANGE,
    ESTIMATORS,
    MAX_COUNT_CELLS,
    MODES,
    RULES,
    default_min_len,
)
from .model_files import ModelFileError, load_context_model, save_context_model  # noqa: F401
from .models import CONTEXT_MODELS, ContextModel, fit_context_model  # noqa: F401
from .patches import patch_boundaries, patch_table  # noqa: F401
from .tokenizers import entrope_edges, entrope_limits, entrope_tokens  # noqa: F401
from .windows import windowed_patches  # noqa: F401
from .tokenizers import (  # noqa: F401
    _check_table,
    _ordinal_symbols,
    _quantize,
    _value_contexts,
    check_estimator,
    value_symbols,
)
