"""The per-window patching kernel over blocks of windows on threads, with the numbers of one serial call.

Windows are independent: each block of windows is one call of
:func:`tscomplex.patching.windows._windows_kernel` on its rows of the output
arrays, and its patches (written from 0 in its own slice of the patch
buffers) are joined in block order, so every array equals the serial call's.
"""

from __future__ import annotations

#: Trace values (windows x window length) each thread must get before the windows are split over threads.
WINDOW_THREAD_CELLS = 1 << 17


def window_parts(n_windows: int, width: int, threads: int | None = None) -> int:
    """Threads for ``n_windows`` windows of ``width`` samples (1 when the work is too small to split)."""
    cells = n_windows * width
    if cells < 2 * WINDOW_THREAD_CELLS or n_windows < 2:
        return 1
    if threads is None:
        from .._threads import thread_count

        threads = thread_count()
    return max(1, min(int(threads), n_windows, cells // WINDOW_THREAD_CELLS))


def run_windows(kernel, args: list, windowed: tuple, patches: tuple, width: int, rules: bool, parts: int) -> int:
    """``kernel(*args)`` split into ``parts`` blocks of windows; returns the kernel's count of patches.

    ``args[windowed[i]]`` are the arrays with one entry or row per window (the window starts first, then
    means, traces, thresholds, ...), ``args[patches[i]]`` the patch buffers (``width`` cells per window
    when ``rules``), ``patches[2]`` the buffer of window indices. The first ``count`` entries of each
    patch buffer come out as one serial call fills them.
    """
    nw = args[windowed[0]].shape[0]
    if parts <= 1:
        return kernel(*args)
    from concurrent.futures import ThreadPoolExecutor

    cuts = [nw * k // parts for k in range(parts + 1)]

    def block(k):
        lo, hi = cuts[k], cuts[k + 1]
        own = list(args)
        for i in windowed:
            own[i] = args[i][lo:hi]
        if rules:
            for i in patches:
                own[i] = args[i][lo * width:hi * width]
        return kernel(*own)

    with ThreadPoolExecutor(parts) as pool:
        counts = list(pool.map(block, range(parts)))
    if not rules:
        return 0
    total = 0
    for k, count in enumerate(counts):  # each block's patches joined in block order (moved left, never over)
        src = cuts[k] * width
        for j, i in enumerate(patches):
            buf = args[i]
            buf[total:total + count] = buf[src:src + count] + (cuts[k] if j == 2 else 0)
        total += count
    return total
