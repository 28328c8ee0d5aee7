"""``tscomplex plane --kind fisher|renyi|tsallis``: the Fisher-Shannon plane and the Rényi/Tsallis curves over q."""

from __future__ import annotations

import click

from .driver import Run
from .inputs import iter_sources

#: ``plane --kind``: shannon is the complexity-entropy plane with its regimes; the others are
#: tscomplex.records.generalized.PLANE_KINDS (named here so that --help imports no numpy)
KINDS = ("shannon", "fisher", "renyi", "tsallis")


class FloatList(click.ParamType):
    """Comma-separated numbers > 0, e.g. 0.5,1,2,5."""

    name = "Q,..."

    def convert(self, value, param, ctx):
        if isinstance(value, (list, tuple)):
            return list(value)
        try:
            values = [float(v) for v in str(value).split(",") if v.strip()]
        except ValueError:
            self.fail(f"{value!r} is not a comma list of numbers like 0.5,1,2", param, ctx)
        bad = [v for v in values if not (0 < v <= 1000)]  # nan fails this too
        if not values or bad:
            self.fail(f"q must be > 0 and <= 1000, got {bad[0] if bad else value!r}", param, ctx)
        return values


def generalized_records(series, kind="fisher", dim=5, taus=(1,), q=None, tie_precision=None) -> list[dict]:
    """The records of one series (:mod:`tscomplex.records.generalized`), its warnings as data."""
    from ..records.generalized import generalized_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(series, kind, dim, taus, q, tie_precision))


def run_generalized(spec, batch, fmt, output, force, plot, title, kind, dim, taus, q, tie_precision=None) -> None:
    """``plane --kind fisher|renyi|tsallis``: the records of every input, and the figure."""
    if list(taus) == ["ideal"]:
        raise click.BadParameter("give delays in samples with --kind (ideal is for the Shannon plane)",
                                 param_hint="-t/--tau")
    if q is not None and kind not in ("renyi", "tsallis"):
        raise click.UsageError("-q sets the orders of the renyi and tsallis curves: give --kind renyi or tsallis")
    run = Run(fmt, output, force, keep_records=True, batch=batch)
    items = iter_sources(run, spec)
    run.map(generalized_records, items, kind=kind, dim=dim, taus=tuple(taus), q=None if q is None else tuple(q),
            tie_precision=tie_precision)
    drawn = [r for r in run.kept or () if "error" not in r]
    if drawn:
        _draw(drawn, kind, dim, plot, title)
    else:
        click.echo(f"tscomplex: warning: no series to draw; {plot} not written", err=True)
    run.finish()


def _draw(records, kind, dim, path, title) -> None:
    if kind == "fisher":
        from ..plots.generalized import fisher_shannon_figure
        from ..records.generalized import _label

        sources = {r["source"] for r in records}
        taus = {r["tau"] for r in records}
        points = [(_label(r["source"], r["series"], r["tau"], len(sources) > 1, len(taus) > 1),
                   r["permutation_entropy"], r["fisher_information"]) for r in records]
        fisher_shannon_figure(points, path, title or f"Fisher-Shannon plane (d = {dim})")
        return
    from ..plots.generalized import complexity_entropy_curves_figure
    from ..records.generalized import curves_of_records

    curves, labels = curves_of_records(records)
    complexity_entropy_curves_figure(curves, labels, dim, path, title)
