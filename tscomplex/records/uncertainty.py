"""Confidence intervals and the Miller-Madow entropy added to the records of ``analyze`` (``--ci``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WithIntervals:
    """``func`` (a record function of one series) with a confidence interval added to each of its records.

    Each record's own dim and tau are used, so ``-t 1,2,5`` and ``-t ideal``
    get the interval of the tau they report. ``level`` None adds no
    interval (only the Miller-Madow entropy, when asked).
    """

    func: object
    level: float | None = 0.95
    method: str = "analytic"
    resamples: int = 500
    block_length: int | None = None
    seed: int | None = None
    miller_madow: bool = False

    def __call__(self, series, **options) -> list[dict]:
        records = self.func(series, **options)
        return [self.augment(r, series, options) for r in records]

    def augment(self, record: dict, series, options: dict) -> dict:
        if "error" in record or record.get("permutation_entropy") is None:
            return record
        from ..ordinal import ordinal_counts
        from ..ordinal.uncertainty import confidence_intervals, miller_madow_entropy
        from .ties import tie_values

        ties = options.get("ties", "order")
        tie_precision = options.get("tie_precision")
        ranked, extra = tie_values(series.values, tie_precision, ties, options.get("seed"))
        values = ranked if ties == "order" else extra["values"]
        dim, tau = record["dim"], record["tau"]
        out = dict(record)
        if self.miller_madow:
            out["permutation_entropy_miller_madow"] = miller_madow_entropy(ordinal_counts(values, dim, tau))
        if self.level is not None:
            out.update(confidence_intervals(values, dim, tau, level=self.level, method=self.method,
                                            resamples=self.resamples, block_length=self.block_length,
                                            seed=self.seed))
        return out
