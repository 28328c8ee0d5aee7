"""Records of ``image``: the 2-D ordinal measures (Ribeiro et al. 2012) of one image or 2-D array."""

from __future__ import annotations

import math

from .base import Records


def image_measures(matrix, dx: int, dy: int, taux: int = 1, tauy: int = 1) -> dict:
    """The measure keys of one image: its shape, the pattern settings, H, C, F and the missing patterns.

    Raises ValueError (from :func:`tscomplex.ordinal.image.check_image`) when the image cannot give them.
    """
    from ..information import (complexity_entropy_from_probabilities, fisher_information_from_probabilities,
                               missing_fraction, probabilities)
    from ..ordinal.image import ordinal_counts_2d

    counts = ordinal_counts_2d(matrix, dx, dy, taux, tauy)
    p = probabilities(counts)
    h, c = complexity_entropy_from_probabilities(p)
    rows, columns = matrix.shape
    return {"rows": int(rows), "columns": int(columns), "dx": int(dx), "dy": int(dy), "taux": int(taux),
            "tauy": int(tauy), "patterns": int(math.factorial(dx * dy)), "windows": int(counts.sum()),
            "permutation_entropy": h, "statistical_complexity": c,
            "fisher_information": fisher_information_from_probabilities(p), "missing_patterns": missing_fraction(counts)}


def image_records(path: str, dx: int, dy: int, taux: int = 1, tauy: int = 1, source: str | None = None) -> Records:
    """The one record of the image in ``path``: ``source``, ``conversion`` (what turned the file into a matrix)
    and :func:`image_measures`. Raises InputError or ValueError with the reason."""
    from ..io.images import read_image

    matrix, conversion = read_image(path)
    record = {"source": source or path, "conversion": conversion, **image_measures(matrix, dx, dy, taux, tauy)}
    records = Records([record])
    if record["windows"] < 10 * record["patterns"]:
        records.warn(record["source"], None, f"{record['windows']} windows for {record['patterns']} patterns "
                                             "(fewer than 10 per pattern): H and C are biased low and high")
    return records
