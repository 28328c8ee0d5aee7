"""Records of ``analyze --window W --step S``: one record per window of a series, its measures and regime.

The measures come from :mod:`tscomplex.ordinal.windows` (a sliding histogram);
the regime of each window is :func:`tscomplex.plane.series_regime_fields` of
its (H, C), its multi-turn fraction and its number of patterns, exactly as
``analyze`` decides it for a whole series.
"""

from __future__ import annotations

from .base import Records
from .constant import ORDINAL


def _window_record(source, name, dt, dim, tau, window, step, start, row, x_window) -> dict:
    from ..plane import series_regime_fields

    h, c, fisher, missing, turns = (float(v) for v in row)
    patterns = window - (dim - 1) * tau
    record = {"source": source, "series": name, "n": int(window), "dt": dt, "dim": dim, "tau": tau,
              "weighted": False, "window": int(window), "step": int(step),
              "window_start": int(start), "window_end": int(start + window)}
    if dt is not None:
        record["window_start_time"] = float(start * dt)
        record["window_end_time"] = float((start + window - 1) * dt)
    record.update(permutation_entropy=h, statistical_complexity=c, fisher_information=fisher,
                  missing_patterns=missing)
    record.update(series_regime_fields(x_window, h, c, dim, tau, turns, patterns))
    return record


def window_records(series, dim=5, taus=(1,), window=None, step=1, tie_precision=None, ties="order",
                   seed=None) -> Records:
    """One record per window (``x[start:start + window]``, start = 0, step, ...) of one series, per tau.

    Keys: those of ``analyze`` (without ``tied_windows``), ``window``, ``step``,
    ``window_start`` and ``window_end`` (sample indices, end exclusive), and,
    where dt is known, ``window_start_time`` and ``window_end_time`` (times of
    the first and last sample, counted from the first sample of the series).
    ``n`` is the window's length. A window too short, a step below 1 or a
    series shorter than one window is one error record.
    """
    import numpy as np

    from ..ordinal.windows import sliding_measures
    from .ties import tie_values

    records = Records()
    values = series.values
    constant = values.size and np.all(values == values[0])
    if constant:
        records.warn(series.source, series.name, ORDINAL)
    _, extra = tie_values(values, tie_precision, ties, seed)
    x = values if ties == "order" else extra["values"]
    for tau in taus:
        try:
            starts, rows = sliding_measures(x, dim, tau, window=window, step=step,
                                            tie_precision=tie_precision if ties == "order" else None)
        except ValueError as exc:
            records.append({"source": series.source, "series": series.name, "tau": tau, "error": str(exc)})
            continue
        for start, row in zip(starts.tolist(), rows):
            records.append(_window_record(series.source, series.name, series.dt, dim, tau, window, step, start,
                                          row, x[start:start + window]))
            if ties == "noise":
                records[-1].update(ties="noise", ties_seed=extra["seed"],
                                   ties_noise_scale=extra["scale"])
    return records


def window_chunked_records(table, dim=5, taus=(1,), window=None, step=1, tie_precision=None, ties="order",
                           seed=None) -> Records:
    """:func:`window_records` of every series of a :class:`~tscomplex.io.ChunkedTable`, block by block.

    Memory is one window plus one block per series and tau; the records are
    identical to the in-memory ones (the sliding sums do not depend on where a
    block ends).
    """
    from ..ordinal.windows import StreamingWindows

    if ties != "order":
        return Records({"source": table.source, "series": name, "error": f"ties={ties!r} needs the whole series "
                        "in memory; it is read in chunks: raise chunk_size past its length"} for name in table.names)
    records = Records()
    streams, failed = {}, {}
    for name in table.names:
        for tau in taus:
            try:
                streams[name, tau] = StreamingWindows(dim, tau, window, step, tie_precision)
            except ValueError as exc:
                failed[name, tau] = str(exc)
    out = {key: [] for key in streams}
    sizes = dict.fromkeys(table.names, 0)
    for block in table.blocks():
        for name, values in block.items():
            sizes[name] += len(values)
            for tau in taus:
                if (name, tau) not in streams or (name, tau) in failed:
                    continue
                stream = streams[name, tau]
                try:
                    starts, rows = stream.feed(values)
                except ValueError as exc:
                    failed[name, tau] = str(exc)
                    continue
                local, offset = stream.last_samples
                for start, row in zip(starts.tolist(), rows):
                    out[name, tau].append(_window_record(table.source, name, table.dt, dim, tau, window, step,
                                                         start, row, local[start - offset:start - offset + window]))
    for name in table.names:
        for tau in taus:
            if (name, tau) in failed:
                records.append({"source": table.source, "series": name, "tau": tau, "error": failed[name, tau]})
            elif not out[name, tau]:
                records.append({"source": table.source, "series": name, "tau": tau,
                                "error": f"series of {sizes[name]} samples is shorter than window={window}"})
            else:
                records.extend(out[name, tau])
    return records
