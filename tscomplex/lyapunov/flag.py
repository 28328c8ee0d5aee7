"""The noise floor of a divergence curve: observational noise, seen as a jump at the first step.

Observational noise of size sigma adds about 2·sigma² per coordinate to the squared
distance of every pair, except at k = 0, where the nearest neighbour was chosen for being
close, noise included. So the curve <ln d(k)> of a noisy flow jumps at its first step to a
floor set by the noise, and only then grows as e^(lambda·k·dt) (Kantz & Schreiber, 2004,
sec. 5.3). The jump is not divergence: a flow sampled finely moves little in one step, so
its clean curve rises by lambda·dt, a few hundredths at most, between k = 0 and k = 1.

The growth that matters is the one above the floor: the scaling region is searched from
k = 1 on, and the flag says which rule decided (``chaotic_rule``).
"""

from __future__ import annotations

import numpy as np

#: ln d(1) - ln d(0) above this (distances grown by 20% in one step) is a noise jump, not divergence,
#: when it is also NOISE_JUMP_RATIO times the rise per step that follows it.
NOISE_JUMP = float(np.log(1.2))
NOISE_JUMP_RATIO = 10.0

#: chaotic_rule values: which evidence decided the flag
RULE_SCALING = "scaling_region"            # a straight rise of the whole curve, from k = 0
RULE_ABOVE_NOISE = "scaling_region_above_noise_floor"  # a straight rise after the noise jump at k = 0
RULE_NO_REGION = "no_scaling_region"
RULE_POOR_FIT = "poor_fit"
RULE_TOO_FEW_CYCLES = "too_few_cycles"


def noise_jump(curve, lag: int, window: int) -> float | None:
    """The jump of the divergence curve at its first step, when it is a noise floor; else None.

    Only for flows (``lag`` > 1): a map's first step is its divergence (the logistic map's
    curve rises ln 2 per step from k = 0). The jump ln d(1) - ln d(0) counts as noise when it
    exceeds ln 1.2 and is at least ten times the mean rise per step over the next ``window``
    steps, so a steep but smooth curve is never mistaken for one.
    """
    y = np.asarray(curve, dtype=float)
    if lag <= 1 or y.size < 3 or not np.all(np.isfinite(y[:2])):
        return None
    jump = float(y[1] - y[0])
    w = int(max(1, min(window, y.size - 2)))
    after = y[1:w + 2]
    after = after[np.isfinite(after)]
    rise = max(0.0, float(after[-1] - after[0]) / max(1, after.size - 1)) if after.size > 1 else 0.0
    if jump > NOISE_JUMP and jump >= NOISE_JUMP_RATIO * rise:
        return jump
    return None
