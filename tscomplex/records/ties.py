"""The ties of a series in its records: ``tied_windows``, the warning past the threshold, and ``--ties noise``."""

from __future__ import annotations

#: The tie rules: ``order`` ranks the earlier of two equal samples lower (stable argsort, the default);
#: ``noise`` breaks ties by a tiny seeded noise first (:func:`tscomplex.ordinal.ties.break_ties`).
TIE_RULES = ("order", "noise")


def tie_values(values, tie_precision, ties: str, seed) -> tuple:
    """(the values as ranked, before any noise; what ``ties`` adds: the broken values, seed, noise scale)."""
    from .._validation import check_choice
    from ..ordinal import round_ties

    ties = check_choice(ties, "ties", TIE_RULES)
    ranked = round_ties(values, tie_precision) if tie_precision is not None else values
    if ties == "order":
        return ranked, {}
    if seed is None:
        from ..surrogates import new_seed

        seed = new_seed()
    from ..ordinal.ties import break_ties

    broken, scale = break_ties(ranked, int(seed))
    return ranked, {"values": broken, "seed": int(seed), "scale": scale}


def tie_fields(records, series, ranked, dim: int, tau: int, ties: str, extra: dict, constant) -> dict:
    """``tied_windows`` of ``ranked`` at (dim, tau), the tie warning (once per series, on ``records``), and
    with ``ties="noise"`` its seed and noise half-width. A constant series has its own warning instead."""
    from ..ordinal.ties import ties_warning, tied_window_fraction

    if extra.get("untied"):
        fraction = 0.0 if len(ranked) > (dim - 1) * tau else None
    else:
        fraction = tied_window_fraction(ranked, dim, tau)
    fields = {"tied_windows": fraction}
    if ties == "noise":
        fields.update(ties="noise", ties_seed=extra["seed"], ties_noise_scale=extra["scale"])
        return fields
    message = None if constant else ties_warning(fraction, dim, tau)
    if message:
        fields["warning"] = message
        if not any(w.series == series.name and "hold equal values" in w.message for w in records.warnings):
            records.warn(series.source, series.name, message)
    return fields
