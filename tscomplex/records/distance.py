"""Records of ``distance``: the ordinal distribution of each series, then one record per pair and the matrix."""

from __future__ import annotations

import csv
import io

#: Key under which a series' ordinal distribution travels from a worker to the parent (never written).
DISTRIBUTION = "_ordinal_distribution"


def distribution_records(series, dim: int = 5, tau: int = 1, tie_precision=None) -> list[dict]:
    """One record carrying the ordinal distribution of the series (all d! patterns) under DISTRIBUTION."""
    from ..ordinal.distance import ordinal_distribution

    p = ordinal_distribution(series.values, dim, tau, tie_precision)
    return [{"source": series.source, "series": series.name, "n": int(series.values.size), DISTRIBUTION: p}]


def pair_records(entries, labels, dim: int, tau: int) -> tuple[list[dict], "object"]:
    """(one record per unordered pair, in input order; the full matrix) from ``entries``, a list of records of
    :func:`distribution_records`, and their ``labels``."""
    from ..ordinal.distance import distance_matrix

    matrix = distance_matrix([e[DISTRIBUTION] for e in entries])
    records = []
    for i, a in enumerate(entries):
        for j in range(i + 1, len(entries)):
            b = entries[j]
            records.append({"source_a": a["source"], "series_a": a["series"], "label_a": labels[i],
                            "source_b": b["source"], "series_b": b["series"], "label_b": labels[j],
                            "n_a": a["n"], "n_b": b["n"], "dim": int(dim), "tau": int(tau),
                            "permutation_jensen_shannon_distance": float(matrix[i, j])})
    return records, matrix


def matrix_csv(labels, matrix) -> str:
    """The distance matrix as CSV: a header of labels, then one row per series led by its label."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["series", *labels])
    for label, row in zip(labels, matrix):
        writer.writerow([label, *(repr(float(v)) for v in row)])
    return out.getvalue()
