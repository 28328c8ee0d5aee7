"""Answers remembered by the content of the series they were computed from (a sweep asks once per delay)."""

from __future__ import annotations

import threading

import numpy as np


def remembered(cache: dict, x: np.ndarray, make, keep: int):
    """``make(x)``, kept in ``cache`` by the content of ``x`` (the last ``keep`` answers; thread-safe)."""
    import hashlib

    key = (x.size, hashlib.blake2b(np.ascontiguousarray(x).view(np.uint8), digest_size=16).digest())
    with _CACHE_LOCK:
        if key in cache:
            return cache[key]
    value = make(x)
    with _CACHE_LOCK:
        while len(cache) >= keep:
            cache.pop(next(iter(cache)))
        cache[key] = value
    return value


_CACHE_LOCK = threading.Lock()
