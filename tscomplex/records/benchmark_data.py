"""The data of ``tscomplex dataset``: train and test splits of built-in systems, and their manifest entries.

Each system gets its own seed, derived from the run's seed and the system's
name (not its position), so adding systems to a run leaves the others' data
unchanged. The initial state is drawn from the attractor with that seed
(``simulate(..., ic="random")``); the train split is the first ``length``
samples and the test split the next ``test_length``, one continuous trajectory.
"""

from __future__ import annotations

import zlib

import numpy as np


def system_seed(seed: int, name: str) -> int:
    """A seed for one system: from the run's seed and a checksum of the name (stable across Python versions)."""
    return int(np.random.SeedSequence([int(seed), zlib.crc32(name.encode())]).generate_state(1)[0])


def split(name: str, length: int, test_length: int, seed: int, points_per_period: float | None = None,
          standardize: bool = False) -> tuple[np.ndarray, np.ndarray, dict]:
    """(train, test, manifest entry) of one system; ValueError/KeyError when it cannot be made."""
    from ..systems.describe import invariants
    from ..systems.registry import lookup
    from ..systems.simulation import simulate

    system = lookup(name)
    per_period = points_per_period if system.kind != "map" else None
    own_seed = system_seed(seed, system.name)
    traj = simulate(system.name, n=length + test_length, ic="random", seed=own_seed,
                    points_per_period=per_period, standardize=standardize)
    inv = invariants(system.name)
    entry = {
        "system": system.name,
        "dysts_name": system.dysts_name,
        "kind": system.kind,
        "components": list(traj.components),
        "parameters": dict(traj.params),
        "dt": traj.dt,
        "points_per_period": per_period,
        "points_per_period_note": ("a map is sampled every iteration" if points_per_period and system.kind == "map"
                                   else None),
        "seed": own_seed,
        "initial_condition": traj.info.get("initial_condition"),
        "integration": {k: v for k, v in traj.info.items() if k not in ("initial_condition", "initial_condition_seed")},
        "train_samples": length,
        "test_samples": test_length,
        "train_start_time": float(traj.time[0]),
        "test_start_time": float(traj.time[length]),
        "invariants": {k: inv.get(k) for k in ("max_lyapunov", "lyapunov_spectrum", "kaplan_yorke_dimension",
                                               "natural_period", "lyapunov_time", "chaotic", "converged")},
    }
    return traj.values[:length], traj.values[length:], entry
