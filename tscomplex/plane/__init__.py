"""The complexity-entropy plane: its bounding curves, the noise curve, regimes, tau sweeps and ideal sampling.

A series becomes a point (H, C) of permutation entropy and Jensen-Shannon
statistical complexity (:mod:`tscomplex.information`). Which points are
possible, and what a point means, is read off a few lines of the plane:

* :mod:`.bounds`: the exact lower and upper bounds C_min(H) and C_max(H) of
  every distribution over d! outcomes (Martin, Plastino & Rosso, Physica A
  369, 439, 2006) and PECCARY's periodic bounds H_min,per and H_max,per
  (Hyman, Daniel & Schaffner 2024);
* :mod:`.noise`: the curve traced by power-law noises with spectrum f^-k,
  0 <= k <= 3.5, which separates chaos (above) from noise (on it) (Rosso et
  al., PRL 99, 154102, 2007), shipped as data and cached on disk;
* :mod:`.regimes`: regular, complex or stochastic, with one threshold
  function (:func:`complexity_threshold`) for the classifier and the figure;
  :mod:`.turns` (patterns that turn twice or more) and :mod:`.periods`
  (exactly repeating pattern sequences) check the periodic bound's premise;
* :mod:`.timescale`: the natural timescale t_nat of a series;
* :mod:`.sweep`: H and C for many delays in one numba call, and PECCARY's
  ideal delay, t_pat = (d-1) tau dt = 0.4 t_nat;
* :mod:`.scale_free`: a red power-law spectrum has no t_nat and no ideal
  delay; its regime is read at tau = 1 and checked at tau = 2, 4, 8 (the
  ordinal patterns of a self-similar process do not depend on tau).
"""

from __future__ import annotations

from ..options import REGIMES, T_NAT_METHODS  # noqa: F401
from .bounds import (  # noqa: F401
    MAX_DIM,
    MIN_DIM,
    ComplexityCurves,
    _curves,
    _family_hc,
    _solve_pk,
    _xlogx,
    check_plane_dim,
    complexity_curves,
    complexity_peak,
    max_complexity,
    min_complexity,
    periodic_entropy_bounds,
)
from .noise import (  # noqa: F401
    NOISE_CURVE_VERSION,
    NOISE_EXPONENTS,
    NOISE_SEED,
    SHIPPED_NOISE_DIR,
    NoiseCurve,
    _frozen_noise_curve,
    _generate_noise_curve,
    _load_noise_npz,
    _noise_curve,
    _power_law_noises,
    _save_npz,
    _sorted_noise,
    cache_dir,
    noise_complexity,
    noise_curve,
    noise_curve_settings,
    power_law_noise,
    shipped_noise_curve_path,
    write_shipped_noise_curves,
)
from .periods import PatternPeriodTracker, find_pattern_period, periodic_pattern_count  # noqa: F401
from .regimes import (  # noqa: F401
    MAX_REGULAR_MULTI_TURN,
    MIN_COMPLEXITY_EXCESS,
    MIN_SPLIT_FRACTION,
    MIN_WINDOWS_PER_PATTERN,
    REGIME_KEYS,
    SPLIT_FRACTION,
    SPLIT_NOISE_FACTOR,
    _check_regime_dim,
    classify,
    complexity_threshold,
    regime_details,
    regime_fields,
    series_regime_fields,
    split_fraction,
)
from .sweep import (  # noqa: F401
    IDEAL_RATIO,
    IDEAL_RATIO_BAND,
    MIN_DURATION_OVER_T_NAT,
    _hc_of_counts,
    _sweep,
    check_taus_fit,
    ideal_tau,
    pattern_time,
    tau_sweep,
    tau_sweep_full,
)
from .timescale import (  # noqa: F401
    CROSSING_HYSTERESIS,
    SPECTRAL_PEAK_SHARE,
    LONG_T_NAT,
    NaturalTimescale,
    PowerLaw,
    _mean_crossings,
    _mean_maxima_spacing,
    _spectral_peak,
    crossing_times,
    natural_timescale,
    peak_of_power,
    power_law_spectrum,
)
from .turns import (  # noqa: F401
    _dim_of_size,
    _rank_code_turn_mask,
    _turn_mask_kernel,
    multi_turn_fraction,
    multi_turn_mask,
)
