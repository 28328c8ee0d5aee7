"""The option vocabularies and defaults that the library and the command line share.

One place, imported by both: the library checks a value against these tuples and the CLI builds its
``click.Choice`` lists and defaults from them, so a method added here is accepted by both, and a
default changed here changes both. Checking a value is ``tscomplex._validation.check_choice``. This module imports nothing heavy (no numpy, no numba), so
``tscomplex --help`` can read it.
"""

# --- ordinal patterns ------------------------------------------------------------------------------
#: pattern length of every command
DEFAULT_DIM = 5
#: ordinal delay in samples
DEFAULT_TAU = 1
#: smallest and largest pattern length the dense counters accept (d! patterns)
MIN_DIM, MAX_DIM = 2, 10
#: pattern lengths with a precomputed noise curve and regime thresholds (the plane)
PLANE_MIN_DIM, PLANE_MAX_DIM = 3, 8

# --- reading ---------------------------------------------------------------------------------------
#: what to do with NaN in a series
NAN_POLICIES = ("error", "drop", "interpolate")

# --- writing ---------------------------------------------------------------------------------------
#: record formats of ``-f/--format``
FORMATS = ("table", "wide", "csv", "tsv", "json", "ndjson", "parquet")
#: figure file suffixes of ``--plot``
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
#: which points of a plane figure carry a label
LABEL_MODES = ("auto", "none", "all")

# --- the plane -------------------------------------------------------------------------------------
#: the regimes a point of the complexity-entropy plane can be given
REGIMES = ("regular", "complex", "stochastic")
#: ways to find the natural timescale of a sweep ("auto" picks one and reports which)
T_NAT_METHODS = ("crossings", "maxima", "spectrum")

# --- Lyapunov exponents from data ------------------------------------------------------------------
#: divergence estimators
LYAPUNOV_METHODS = ("rosenstein", "kantz")
#: how the embedding lag is chosen: first minimum of the average mutual information, or 1/e of the ACF
LAG_METHODS = ("mi", "acf")
#: how the embedding dimension is chosen: false nearest neighbours, or Cao's E1
DIM_METHODS = ("fnn", "cao")

# --- entropy-guided patches ------------------------------------------------------------------------
PATCH_ESTIMATORS = ("value", "ordinal")
PATCH_MODES = ("causal", "fit")
PATCH_RULES = ("global", "relative", "both", "either")
PATCH_DEFAULT_BINS = 8
PATCH_DEFAULT_ORDER = 2
PATCH_DEFAULT_VALUE_RANGE = 3.0
PATCH_DEFAULT_ALPHA = 0.5
PATCH_DEFAULT_THRESHOLD = "q90"
PATCH_DEFAULT_JUMP = "q90"
#: shortest patch (1 in 0.1.0: with it the causal model, whose entropy drifts down as it learns, cut
#: medians of 1-3 samples on long series; 8 gives medians of 8 to 19)
PATCH_DEFAULT_MIN_LEN = 8

# --- surrogates ------------------------------------------------------------------------------------
#: surrogate methods for one series (``multivariate`` needs several columns)
UNIVARIATE_SURROGATES = ("iaaft", "iaaft-spectrum", "aaft", "ft", "shuffle", "block-shuffle", "cyclic-shift")

# --- entropy and fractal battery -------------------------------------------------------------------
MULTISCALE_METHODS = ("sample", "composite", "refined_composite", "permutation")
FRACTAL_MEASURES = ("dfa", "hurst", "mfdfa", "correlation")

# --- built-in systems ------------------------------------------------------------------------------
SYSTEM_KINDS = ("map", "flow", "delay", "hamiltonian")
TRAJECTORY_FORMATS = ("csv", "tsv", "parquet")


# --- command line: inputs from a built-in system ----------------------------------------------------
#: samples generated for ``--system NAME`` unless ``-n/--length`` says otherwise
DEFAULT_SYSTEM_LENGTH = 10_000

# --- command line: surrogates (numba- and numpy-free, for ``--help``) --------------------------------
#: every method of ``tscomplex surrogates``, in the order its help lists them (the keys of
#: ``tscomplex.surrogates.generators.METHODS``; a test keeps the two equal)
SURROGATE_METHODS = ("shuffle", "ft", "aaft", "iaaft", "iaaft-spectrum", "multivariate", "block-shuffle",
                     "cyclic-shift")
#: IAAFT iterations at most (``generators.MAX_ITERATIONS``)
SURROGATE_MAX_ITERATIONS = 200

#: ``patch --tokenizer``: ``value`` the bins of --bins over +-R mean absolute values; ``entrope`` the
#: vocabulary of EntroPE (Chronos' mean-scale uniform bins: special ids first, then value ids)
PATCH_TOKENIZERS = ("value", "entrope")
#: EntroPE's vocabulary: 256 tokens, the first 4 special (PAD, EOS, ...), the rest value bins
ENTROPE_VOCAB_SIZE = 256
ENTROPE_SPECIAL_TOKENS = 4
#: EntroPE's look-back window (``--window``; off by default)
ENTROPE_WINDOW = 96
