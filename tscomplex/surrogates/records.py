"""Records with surrogate evidence: each measure's null summary and test, ``nonlinear``, and the regime it supports.

:class:`WithSurrogates` wraps a command's record function (``func(series,
**options) -> list[dict]``): it runs the same function on surrogates of the
series and adds, to every record, for each measure it holds
``<measure>_surrogate_mean``, ``_surrogate_std``, ``_z`` and ``_p``, then
``surrogate_method``, ``surrogate_count``, ``surrogate_seed``,
``surrogate_alpha``, ``surrogate_statistic``, ``nonlinear``, and what the
generator chose or reached: ``surrogate_block_length`` (block-shuffle),
``surrogate_iterations_max``, ``surrogate_iterations_mean``,
``surrogate_stop_rule`` (the IAAFT stopping rule),
``surrogate_spectral_mismatch_max`` (IAAFT; None for other methods) and
``surrogate_scores_tested``. With ``gaussianize`` (analyze and sweep: their
ordinal measures see only ranks) a second set of surrogates, of the series'
Gaussian scores given its values by rank (:mod:`tscomplex.surrogates.ranks`),
gives each measure ``<measure>_p_scores`` too, and ``nonlinear`` needs both
tests to reject. The second set is made only when the values' test of
``statistic`` rejects for some record of the series (else ``nonlinear`` is
false whatever it gives: the ``_p_scores`` are null and
``surrogate_scores_tested`` false). IAAFT of the values over-rejects a skewed linear series, the
scores' surrogates a tone or narrow-band noise (one realization's marginal is
not its process's), and each holds its size where the other fails. It is a
module-level class so that batch workers can receive it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .._validation import finite_or_none

#: the measures that are tested when a record holds them, in record order
TESTED_MEASURES = ("permutation_entropy", "statistical_complexity", "fisher_information", "missing_patterns",
                   "renyi_entropy", "tsallis_entropy", "max_lyapunov")

#: the regimes that need evidence of nonlinearity, and what they become without it
NEEDS_EVIDENCE = {"complex": "stochastic", "chaotic": None}


@dataclass(frozen=True)
class WithSurrogates:
    """``func`` with every record tested against ``count`` surrogates of its series.

    ``statistic`` names the measure whose test decides ``nonlinear`` (p <=
    ``alpha``); ``null_func`` (default ``func``) computes the surrogates'
    records, e.g. without printing warnings; ``fixed`` maps option names to
    record keys whose values the surrogates must share (an embedding chosen
    from the data is kept for its surrogates). Records are matched by
    ``match`` keys (tau, kind).
    """

    func: object
    count: int
    method: str
    seed: int
    alpha: float
    statistic: str
    null_func: object = None
    fixed: tuple = ()
    match: tuple = ("tau", "kind")
    max_iterations: int | None = None
    gaussianize: bool = False

    def __call__(self, series, **options) -> list[dict]:
        return self.test(self.func(series, **options), series, options)

    def test(self, records: list[dict], series, options: dict) -> list[dict]:
        """``records`` (of ``series``, made with ``options``) with their surrogate evidence."""
        import numpy as np

        from . import surrogates

        good = [r for r in records if "error" not in r]
        if not good:
            return records
        values = np.asarray(series.values, dtype=float)
        extra = {} if self.max_iterations is None else {"max_iterations": self.max_iterations}
        try:
            data, info = surrogates(values, self.count, self.method, self.seed, return_info=True, **extra)
        except ValueError as exc:  # a constant series: its record stands, with no evidence and the reason
            return [r if "error" in r else {**self.augment(r, {}, {} if self.gaussianize else None),
                                            "surrogate_note": str(exc)} for r in records]
        fixed = {}
        for option, key in self.fixed:  # the first value any record gives
            value = next((r[key] for r in good if r.get(key) is not None), None)
            if value is not None:
                fixed[option] = value
        nulls = self._nulls(data, series, {**options, **fixed})
        score_nulls = None
        if self.gaussianize and any(self._rejects(r, nulls.get(self._key(r), {})) for r in good):
            scores = surrogates(values, self.count, self.method, self.seed, gaussianize=True, **extra)
            score_nulls = self._nulls(scores, series, {**options, **fixed})
        made = {"surrogate_block_length": info.block_length,  # what the generator chose or reached
                "surrogate_iterations_max": max(info.iterations) if info.iterations else None,
                "surrogate_iterations_mean": sum(info.iterations) / len(info.iterations) if info.iterations else None,
                "surrogate_stop_rule": info.criterion,
                "surrogate_spectral_mismatch_max": max(info.spectral_mismatch) if info.spectral_mismatch else None}
        return [r if "error" in r else
                {**self.augment(r, nulls.get(self._key(r), {}),
                                None if score_nulls is None else score_nulls.get(self._key(r), {})), **made}
                for r in records]

    def _nulls(self, data, series, options) -> dict:
        """record key -> measure -> the values of the measure on the surrogates ``data``."""
        null_func = self.null_func or self.func
        nulls: dict = {}
        for row in data:
            try:
                null_records = null_func(replace(series, values=row), **options)
            except ValueError:  # a surrogate the measure cannot take counts as missing
                null_records = []
            for r in null_records:
                if "error" not in r:
                    by_measure = nulls.setdefault(self._key(r), {})
                    for m in TESTED_MEASURES:
                        if m in r:
                            by_measure.setdefault(m, []).append(r[m])
        return nulls

    def _rejects(self, record: dict, nulls: dict) -> bool:
        """Whether the values' test of ``record``'s decisive measure rejects: only then can ``nonlinear`` be true,
        and only then are the Gaussian scores' surrogates made (half the work where the values' test decides)."""
        from .significance import summarize

        value = record.get(self.statistic)
        if value is None:
            return False
        test = summarize(value, self._padded(nulls.get(self.statistic, [])), self.method, self.seed)
        return math.isfinite(test.p) and test.rejects(self.alpha)

    def _key(self, record) -> tuple:
        return tuple(record.get(k) for k in self.match)

    def augment(self, record: dict, nulls: dict, score_nulls: dict | None = None) -> dict:
        """``record`` with the test of each of its measures against ``nulls`` and the evidence fields; with
        ``score_nulls`` (the measures on surrogates of the Gaussian scores) also ``<measure>_p_scores``, and
        ``nonlinear`` then needs both tests to reject."""
        from .significance import summarize

        out = dict(record)
        decisive = decisive_scores = None
        for m in TESTED_MEASURES:
            if m not in record:
                continue
            value = math.nan if record[m] is None else record[m]
            test = summarize(value, self._padded(nulls.get(m, [])), self.method, self.seed)
            out[f"{m}_surrogate_mean"] = finite_or_none(test.mean)
            out[f"{m}_surrogate_std"] = finite_or_none(test.std)
            out[f"{m}_z"] = finite_or_none(test.z)
            out[f"{m}_p"] = finite_or_none(test.p)
            if score_nulls is not None:
                scores = summarize(value, self._padded(score_nulls.get(m, [])), self.method, self.seed)
                out[f"{m}_p_scores"] = finite_or_none(scores.p)
            elif self.gaussianize:  # not made: the values' test did not reject, so nonlinear is false either way
                out[f"{m}_p_scores"] = None
            if m == self.statistic:
                decisive = test
                decisive_scores = scores if score_nulls is not None else None
        nonlinear = None if decisive is None or not math.isfinite(decisive.p) else decisive.rejects(self.alpha)
        if nonlinear is not None and score_nulls is not None:  # both tests must reject (an intersection-union test)
            nonlinear = (None if decisive_scores is None or not math.isfinite(decisive_scores.p)
                         else nonlinear and decisive_scores.rejects(self.alpha))
        out.update(surrogate_method=self.method, surrogate_count=self.count, surrogate_seed=self.seed,
                   surrogate_scores_tested=score_nulls is not None, surrogate_alpha=self.alpha,
                   surrogate_statistic=self.statistic, nonlinear=nonlinear)
        return apply_evidence(out, nonlinear, decisive.p if decisive is not None else None, self.alpha,
                              self.statistic, decisive_scores.p if decisive_scores is not None else None)

    def _padded(self, values: list) -> list:
        return values + [None] * (self.count - len(values))


def apply_evidence(record: dict, nonlinear, p, alpha: float, statistic: str, p_scores=None) -> dict:
    """The hook of the regime rules: a ``complex`` (or ``chaotic``) verdict stands only with evidence.

    With ``nonlinear`` true the verdict is kept and its rule says so; false
    turns ``complex`` into ``stochastic`` (a Lyapunov ``chaotic`` flag into
    false); None (the test could not be made) leaves the verdict and says
    why. Other regimes are kept; their rule gains nothing.
    """
    out = dict(record)
    test = f"{statistic} vs {record.get('surrogate_count')} {record.get('surrogate_method')} surrogates"
    passed = failed = ""
    if p is not None:
        passed, failed = f"p = {p:.3g} <= {alpha:g}", f"p = {p:.3g} > {alpha:g}"
    if p_scores is not None and math.isfinite(p_scores) and p is not None and math.isfinite(p):
        test += f" of its values, p = {p:.3g}, and of its Gaussian scores, p = {p_scores:.3g}"
        passed, failed = f"both <= {alpha:g}", f"not both <= {alpha:g}"
    if out.get("regime") in NEEDS_EVIDENCE:
        rule = out.get("regime_rule") or ""
        if nonlinear is None:
            out["regime_rule"] = f"{rule}; no surrogate evidence ({test}: no p-value)"
        elif nonlinear:
            out["regime_rule"] = f"{rule} and nonlinear ({test}: {passed})"
        else:
            out["regime"] = NEEDS_EVIDENCE[out["regime"]]
            out["regime_rule"] = f"{rule} but not nonlinear ({test}: {failed})"
    base = out.get("chaotic_rule")  # the rule of the exponent alone (scaling_region, noise_floor_undecided, ...)
    if out.get("chaotic"):
        if nonlinear is False:
            out["chaotic"] = False
            rule = f"positive exponent but not nonlinear ({test}: {failed})"
        elif nonlinear:
            rule = f"positive exponent and nonlinear ({test}: {passed})"
        else:
            rule = f"positive exponent; no surrogate evidence ({test}: no p-value)"
        out["chaotic_rule"] = f"{base}; {rule}" if base else rule
    elif "chaotic" in out and not base:  # a rule the exponent gave (no region, undecided) is kept as it is
        out["chaotic_rule"] = "no positive exponent with a good fit"
    return out


def lyapunov_null_records(series, method="rosenstein", dim=None, lag=None, theiler=None, steps=None,
                          fit_start=None, fit_end=None, differenced=False, radius=None, **_ignored) -> list[dict]:
    """``max_lyapunov`` of a surrogate: the slope of its divergence curve over the data's fit region.

    A linear surrogate seldom has a scaling region of its own, so "no
    exponent" would leave the test without a null. The same estimator with
    the data's embedding, Theiler window, steps and fit region gives every
    surrogate a number (Theiler et al. 1992 test any statistic this way).
    The surrogate goes the data's way: its increments when the data's
    increments were analysed (``differenced``: a drifting series), and,
    when the data's exponent came from Kantz's curves at small scales
    (``radius``: the data's ``epsilon_min``, at dimension ``dim``), the
    mean slope of Kantz's curves at that radius at m and m + 1 (the radius
    scaled with sqrt(m), as the data's), as the data's exponent is.
    """
    import numpy as np

    from ..embedding import delay_embedding
    from ..lyapunov.data import Embedding, follow_divergence
    from ..ordinal import scale_to_unit_magnitude

    if None in (dim, lag, theiler, fit_start, fit_end):
        return []
    values = np.asarray(series.values, dtype=float)
    # only the curve is needed, not max_lyapunov's whole analysis (its search of scaling regions, and the ladder
    # of radii it tries on a flow whose curve has none, as a linear surrogate's seldom has); the scaling keeps
    # extreme amplitudes finite, as there, and moves ln d by a constant only
    x, exponent = scale_to_unit_magnitude(np.diff(values) if differenced else values)
    runs = [(dim, method, None)] if radius is None else [
        (m, "kantz", math.ldexp(radius * math.sqrt(m / dim), -exponent)) for m in (dim, dim + 1)]
    slopes = []
    for m, how, r in runs:
        try:
            y = np.ascontiguousarray(delay_embedding(x, m, lag))
            curve, _ = follow_divergence(y, Embedding(m, lag, theiler), how, n_steps=steps, radius=r)
        except ValueError:  # too short to embed, or no pairs: no null value from this surrogate
            return []
        curve = np.asarray(curve, dtype=float)
        k = np.arange(fit_start, min(fit_end, curve.size - 1) + 1)
        if k.size < 2 or not np.all(np.isfinite(curve[k])):
            return []
        slopes.append(float(np.polyfit(k.astype(float), curve[k], 1)[0]))
    return [{"max_lyapunov": float(np.mean(slopes)) / (series.dt or 1.0)}]


def ordinal_null_records(series, dim=5, taus=(1,), weighted=False, tie_precision=None, q=None, ties="order",
                         seed=None) -> list[dict]:
    """The ordinal measures of a surrogate per tau: what ``analyze`` tests, without its regime.

    The surrogates' records only feed the null distributions of
    :data:`TESTED_MEASURES`, so the regime evidence of every surrogate (the
    spectrum, the tied windows, a third of analyze's time per series) is not
    computed. The measures come from the same functions as analyze's own
    records (:mod:`tscomplex.records.analyze`; a test checks they are equal).
    ``-t ideal`` without a fixed tau, ``ties="noise"`` and constant series go
    through analyze's whole record function.
    """
    import numpy as np

    from ..records.analyze import analyze_records, split_taus

    values = series.values
    taus = (taus,) if isinstance(taus, int) else tuple(taus)
    if taus == ("ideal",) or ties != "order" or not values.size or np.all(values == values[0]):
        return [dict(r) for r in analyze_records(series, dim, taus, weighted, tie_precision, q, ties, seed)]
    from ..measures import measures_from_counts
    from ..ordinal import ordinal_counts
    from ..records.analyze_sparse import sparse_measures

    records = []
    for tau in split_taus(series.source, series.name, values.size, dim, taus)[0]:
        try:
            fast = sparse_measures(values, dim, tau, weighted, tie_precision, q)
            if fast is not None:
                measures = fast[0]
            else:
                counts = ordinal_counts(values, dim, tau, weighted, tie_precision)
                plain = ordinal_counts(values, dim, tau, False, tie_precision) if weighted else None
                measures = measures_from_counts(counts, q, plain)
        except ValueError:  # as an error record of analyze: no null value for this tau
            continue
        records.append({"tau": tau, **measures})
    return records


def sweep_null_records(series, taus, dim=5, t_nat=None, t_nat_method="auto", min_windows=None, summary_only=False,
                       clip_taus=False) -> list[dict]:
    """The measures of a surrogate's sweep, per tau and at the ideal tau: what ``sweep`` tests, without regimes.

    As :func:`ordinal_null_records` for ``analyze``: the surrogates only feed
    the null distributions, so the regime evidence of every tau (a spectrum
    and a turn count each) and the natural timescale are not computed. The
    surrogates share the data's t_nat (``WithSurrogates.fixed``), hence its
    ideal tau; where the data had none (no t_nat, a constant series), the
    surrogate goes through ``sweep``'s whole record function. H and C come
    from the same sweep kernel as ``sweep``'s records (a test checks they
    are equal).
    """
    import math

    import numpy as np

    from ..records.sweep import _clip_taus, sweep_records

    values = series.values
    if t_nat is None or not values.size or np.all(values == values[0]):
        return [dict(r) for r in sweep_records(series, taus, dim, t_nat, t_nat_method, min_windows, summary_only,
                                               clip_taus)]
    from ..plane import ideal_tau, tau_sweep_full

    taus = sorted(set(int(t) for t in taus))
    min_windows = math.factorial(dim) if min_windows is None else min_windows
    taus, _ = _clip_taus(taus, values.size, dim, min_windows, clip_taus)
    h, c, _ = tau_sweep_full(values, taus, dim, min_windows=min_windows)
    records = [] if summary_only else [{"kind": "tau", "tau": t, "permutation_entropy": float(hv),
                                        "statistical_complexity": float(cv)} for t, hv, cv in zip(taus, h, c)]
    best = ideal_tau(float(t_nat), dim, float(series.dt) if series.dt else 1.0) if t_nat else None
    hb = cb = None
    if best is None:
        pass
    elif best in taus:
        hb, cb = float(h[taus.index(best)]), float(c[taus.index(best)])
    else:
        try:
            hs, cs, _ = tau_sweep_full(values, [best], dim, min_windows=min_windows)
            hb, cb = float(hs[0]), float(cs[0])
        except ValueError:  # as sweep's summary: "ideal tau not usable", its measures null
            pass
    records.append({"kind": "summary", "permutation_entropy": hb, "statistical_complexity": cb})
    return records
