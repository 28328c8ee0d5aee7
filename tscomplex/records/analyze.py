"""Records of ``analyze``: ordinal measures and the regime of one series per tau."""

from __future__ import annotations

from .base import Records
from .constant import ORDINAL, WEIGHTED


def analyze_records(series, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None,
                    ties: str = "order", seed=None) -> Records:
    """The records of one series: one per tau (an error record for a tau that fails).

    ``series`` has ``source``, ``name``, ``values`` and ``dt`` (a
    :class:`tscomplex.io.Series`). A constant series gets its records and a
    warning in ``.warnings``. ``taus`` may be ``("ideal",)``: the series'
    own ideal delay (:func:`tscomplex.records.ideal.ideal_tau_of_series`), or
    tau = 1 with ``tau_rule`` "scale_free" for a red power-law spectrum.
    Every record has ``tied_windows``, the fraction of windows with equal
    values, and warns past :data:`tscomplex.ordinal.ties.TIED_WINDOWS_WARN`;
    ``ties="noise"`` breaks the ties with a seeded noise first
    (:func:`tscomplex.ordinal.ties.break_ties`), reported as ``ties``,
    ``ties_seed`` and ``ties_noise_scale``.
    """
    import numpy as np

    from .ties import tie_fields, tie_values

    records = Records()
    values = series.values
    taus = (taus,) if isinstance(taus, int) else taus  # one tau (the surrogates of -t ideal get the data's)
    constant = values.size > 1 and np.all(values == values[0])  # one sample: too short, not constant
    warning = records.warn(series.source, series.name, WEIGHTED if weighted else ORDINAL) if constant else None
    ideal = None
    if tuple(taus) == ("ideal",):
        from .ideal import ideal_tau_of_series, no_ideal_record

        ideal = ideal_tau_of_series(values, series.dt, dim)
        if ideal["tau"] is None:
            records.warn(series.source, series.name, ideal["reason"])
            measures = ("permutation_entropy", "statistical_complexity", "fisher_information", "missing_patterns")
            measures += ("renyi_entropy", "tsallis_entropy") if q is not None else ()
            records.append(no_ideal_record(series, dim, ideal, measures, weighted=weighted,
                                           **({"q": q} if q is not None else {})))
            return records
        taus = (ideal["tau"],)
        if ideal["warning"]:
            records.warn(series.source, series.name, ideal["warning"])
    ranked, extra = tie_values(values, tie_precision, ties, seed)
    usable, too_short = split_taus(series.source, series.name, values.size, dim, taus)
    if len(usable) > 1:  # one sort tells an untied series, instead of a pass per tau
        from ..ordinal.ties import has_equal_values

        extra["untied"] = not has_equal_values(ranked)
    for tau in usable:
        if constant and weighted:  # every window weighs 0: no measure, by the one rule for constant series
            records.append(_null_record(series.source, series.name, values.size, series.dt, dim, tau, q, warning))
            records[-1].update(tie_fields(records, series, ranked, dim, tau, ties, extra, constant))
            continue
        try:
            target = series if ties == "order" else _with_values(series, extra["values"])
            records.append(_series_record(target, dim, tau, weighted, tie_precision if ties == "order" else None, q))
            records[-1].update(tie_fields(records, series, ranked, dim, tau, ties, extra, constant))
            if ideal is not None:
                scale_free = ideal["t_nat_method"] == "power_law"  # no ideal tau: tau = 1, checked at 2, 4, 8
                records[-1].update(tau_rule="scale_free" if scale_free else "ideal", t_nat=ideal["t_nat"],
                                   t_nat_method=ideal["t_nat_method"])
                if scale_free and "regime" in records[-1]:
                    _scale_free_regime(records[-1], target.values, dim, ideal["timescale"], weighted,
                                       tie_precision if ties == "order" else None)
                if ideal["warning"]:
                    records[-1]["warning"] = "; ".join(filter(None, (records[-1].get("warning"), ideal["warning"])))
            if warning:
                records[-1]["warning"] = warning
        except ValueError as exc:
            records.append({"source": series.source, "series": series.name, "tau": tau, "error": str(exc)})
    records.extend(too_short)
    return records


def _scale_free_regime(record, values, dim, timescale, weighted, tie_precision):
    """The regime keys of a scale-free series at tau = 1 (-t ideal), checked at tau = 2, 4, 8 as ``sweep`` does,
    on the values as counted; weighted patterns keep their own regime, with the reason named."""
    from ..plane.scale_free import scale_free_fields, scale_free_note

    if weighted:
        record["regime_rule"] = scale_free_note(timescale, record["regime_rule"])
        return
    if tie_precision is not None:
        from ..ordinal import round_ties

        values = round_ties(values, tie_precision)
    record.update(scale_free_fields(values, dim, timescale))


def _with_values(series, values):
    """The series with other values (its tie-broken copy)."""
    from dataclasses import replace

    return replace(series, values=values)


def _series_record(series, dim, tau, weighted, tie_precision, q) -> dict:
    """The record of an in-memory series at one tau, from sparse counts where d! dwarfs the windows."""
    from .analyze_sparse import sparse_measures

    fast = sparse_measures(series.values, dim, tau, weighted, tie_precision, q)
    if fast is not None:
        measures, multi_turn = fast
        return _assemble(series.source, series.name, series.values.size, series.dt, dim, tau, weighted,
                         measures, multi_turn, series.values)
    from ..ordinal import ordinal_counts, round_ties

    counts = ordinal_counts(series.values, dim, tau, weighted, tie_precision)
    plain = ordinal_counts(series.values, dim, tau, False, tie_precision) if weighted else None
    ranked = round_ties(series.values, tie_precision) if tie_precision is not None else series.values
    return _record(series.source, series.name, series.values.size, series.dt, dim, tau, weighted,
                   counts, q, ranked, plain)


def _record(source, name, n, dt, dim, tau, weighted, counts, q, x=None, plain_counts=None, period=None,
            evidence=None) -> dict:
    """One record: the measures of one count vector over all d! patterns and the regime of its point.

    The regime's pattern evidence comes from ``x`` (the series in memory, rounded as counted) or, read in
    chunks, is given as ``evidence`` (:meth:`tscomplex.chunked.counts.SeriesCounts.regime_evidence`).
    """
    from ..measures import measures_from_counts
    from ..plane import multi_turn_fraction

    measures = measures_from_counts(counts, q, plain_counts)
    return _assemble(source, name, n, dt, dim, tau, weighted, measures, multi_turn_fraction(counts), x, period,
                     evidence)


def _assemble(source, name, n, dt, dim, tau, weighted, measures, multi_turn, x=None, period=None,
              evidence=None) -> dict:
    from ..plane import series_regime_fields

    n_windows = n - (dim - 1) * tau
    return {"source": source, "series": name, "n": int(n), "dt": dt, "dim": dim, "tau": tau,
            "weighted": weighted, **measures,
            **series_regime_fields(x, measures["permutation_entropy"], measures["statistical_complexity"], dim,
                                   tau, multi_turn, n_windows, period, evidence=evidence)}


def split_taus(source, name, size, dim, taus):
    """(the taus a series of ``size`` samples can take, one error record for all the others).

    One record names every tau that is too large and the largest usable one, so
    that -t 1:3000 on a short series is one line, not thousands. The in-memory
    and chunked paths share it, so their records are identical.
    """
    from ..ordinal import max_tau

    usable = [t for t in taus if (dim - 1) * t + 1 <= size]
    too_large = [t for t in taus if (dim - 1) * t + 1 > size]
    if not too_large:
        return usable, []
    low = min(too_large)
    which = f"tau={low}" if len(too_large) == 1 else f"{len(too_large)} values of tau from {low} to {max(too_large)}"
    largest = max_tau(size, dim)
    reason = (f"series of {size} samples is too short for dim={dim}, {which}: "
              f"needs at least (dim-1)*tau+1 = {(dim - 1) * low + 1}"
              + (f"; the largest usable tau is {largest}" if largest >= 1 else ""))
    return usable, [{"source": source, "series": name, "tau": low, "error": reason}]


def _null_record(source, name, n, dt, dim, tau, q, warning) -> dict:
    """The record of a weighted constant series: every measure null, and why."""
    from ..plane import regime_fields

    return {"source": source, "series": name, "n": int(n), "dt": dt,
            "dim": dim, "tau": tau, "weighted": True, "permutation_entropy": None, "statistical_complexity": None,
            "fisher_information": None, "missing_patterns": None,
            **({"q": q, "renyi_entropy": None, "tsallis_entropy": None} if q is not None else {}),
            **regime_fields(None, None, dim), "warning": warning}


def analyze_chunked_records(table, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None,
                            ties: str = "order", seed=None) -> Records:
    """The records of every series of a :class:`~tscomplex.io.ChunkedTable`, one block of samples at a time.

    Ordinal counts are additive: each block goes to one
    :meth:`~tscomplex.ordinal.OrdinalPatterns.counter` per series and tau (see
    :func:`tscomplex.chunked.counts.new_series_counts`), which carries the last
    (dim-1)*tau samples over, so even weighted counts are bit-identical to the
    in-memory path; tied windows are counted on the same blocks.
    ``-t ideal`` and ``ties="noise"`` need the whole series (its spectrum, its
    smallest gap): each series gets an error record saying so.
    """
    from ..ordinal.ties import TiedWindows, ties_warning

    if tuple(taus) == ("ideal",) or ties != "order":
        what = "the ideal tau" if tuple(taus) == ("ideal",) else f"ties={ties!r}"
        return Records({"source": table.source, "series": name, "error": f"{what} needs the whole series in "
                        f"memory; it is read in chunks: raise chunk_size past its length"} for name in table.names)

    from ..chunked.counts import new_series_counts
    from ..ordinal import check_dim, check_tau, round_ties
    from ..ordinal.sparse import LARGE_DIM
    from .analyze_sparse import measures_of_raw

    dim = check_dim(dim)
    taus = [check_tau(t) for t in taus]
    counts = {name: new_series_counts(dim, taus, weighted, tie_precision) for name in table.names}
    tied = {name: TiedWindows(dim, taus) for name in table.names}
    table.native_floats = True  # the counters read float32 as float32 and float64 in the map (issue 14)
    for block in table.blocks():
        for name, values in block.items():
            counts[name].feed(values)
            tied[name].feed(round_ties(values, tie_precision) if tie_precision is not None else values)
    sizes = {name: counts[name].size for name in table.names}
    records = Records()
    for name in table.names:
        series = counts[name]
        is_constant = series.constant and sizes[name] > 1
        warning = records.warn(table.source, name, WEIGHTED if weighted else ORDINAL) if is_constant else None
        usable, too_short = split_taus(table.source, name, sizes[name], dim, taus)
        for tau in usable:
            if is_constant and weighted:  # as analyze_records: no weight to count, every measure null
                records.append(_null_record(table.source, name, sizes[name], table.dt, dim, tau, q, warning))
                records[-1]["tied_windows"] = tied[name].fraction(tau)
                continue
            try:
                if dim >= LARGE_DIM:  # d! dwarfs the patterns seen: read only those (issue 14)
                    measures, turns = measures_of_raw(series.counters[tau].counts(ordered=False),
                                                      series.plain[tau].counts(ordered=False) if weighted else None,
                                                      dim, q)
                    records.append(_assemble(table.source, name, sizes[name], table.dt, dim, tau, weighted,
                                             measures, turns))
                else:
                    records.append(_record(table.source, name, sizes[name], table.dt, dim, tau, weighted,
                                           series.counters[tau].counts(), q, None,
                                           series.plain[tau].counts() if weighted else None,
                                           series.trackers.get(tau), series.regime_evidence(tau)))
                fraction = tied[name].fraction(tau)
                records[-1]["tied_windows"] = fraction
                message = None if is_constant else ties_warning(fraction, dim, tau)
                if message:  # as tie_fields of the in-memory path
                    records[-1]["warning"] = message
                    if not any(w.series == name and "hold equal values" in w.message for w in records.warnings):
                        records.warn(table.source, name, message)
                if warning:
                    records[-1]["warning"] = warning
            except ValueError as exc:
                records.append({"source": table.source, "series": name, "tau": tau, "error": str(exc)})
        records.extend(too_short)
    return records
