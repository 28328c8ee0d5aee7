"""``tscomplex generalized-plane``: the Fisher-Shannon plane and the Rényi/Tsallis complexity-entropy curves."""

from __future__ import annotations

import click

from .driver import Run, refuse_chunk_size
from .errors import command_errors
from .figures import check_plot
from .inputs import iter_sources
from .options import TauList, input_options, output_options

KINDS = ("fisher", "renyi", "tsallis")  # tscomplex.records.generalized.PLANE_KINDS, without numpy for --help


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


@click.command("generalized-plane", short_help="Fisher-Shannon plane, Rényi/Tsallis complexity-entropy curves.")
@input_options
@click.option("--kind", type=click.Choice(KINDS), default="fisher", show_default=True,
              help="fisher: the point (H, F) of each series; renyi or tsallis: its curve (H_q, C_q) over q.")
@click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
              help="Ordinal pattern length d (d! patterns; the figure draws the q = 1 bounds for d <= 8).")
@click.option("-t", "--tau", "taus", type=TauList(1), default="1", show_default=True,
              help="Ordinal delay(s) in samples; several give a point or curve per delay.")
@click.option("-q", "--q", "q", type=FloatList(),
              help="Orders q of the Rényi/Tsallis curves (default: 81 values from 0.01 to 100, log-spaced, q = 1 among them).")
@click.option("--tie-precision", type=click.IntRange(min=0), metavar="K",
              help="Round data to K decimals before ranking, so near-equal values tie.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FIG",
              help="Draw the plane: points (fisher) or one curve per series (renyi, tsallis); .png, .svg, .pdf.")
@click.option("--title", help="Figure title.")
@output_options
@command_errors
def generalized_plane(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
                      kind, dim, taus, q, tie_precision, plot, title, fmt, output, force, spec, batch):
    """Generalized complexity-entropy planes of each series over the d!
    ordinal patterns, with ordpy's conventions.

    --kind fisher: the Fisher-Shannon plane (Olivares, Plastino & Rosso
    2012): records source, series, n, dt, dim, tau, kind,
    permutation_entropy and fisher_information.

    --kind renyi or tsallis: the complexity-entropy curve over the orders q
    (Jauregui et al. 2018; Ribeiro et al. 2017), one record per q with q,
    renyi_entropy and renyi_complexity (or tsallis_entropy and
    tsallis_complexity). At q = 1 both are the Shannon plane (H, C) of
    `tscomplex analyze`. The figure draws one curve per series, an open
    circle at the smallest q, a square at q = 1, and the q = 1 bounds.

    \b
    Example:
      tscomplex generalized-plane data.csv --plot fisher.png
      tscomplex generalized-plane a.npy b.npy --kind tsallis --plot tsallis.png
      tscomplex generalized-plane --system logistic --kind renyi -q 0.5,1,2 -f csv
    """
    refuse_chunk_size("generalized-plane", "its pattern probabilities need the whole series", batch)
    if plot:
        check_plot(plot)
    if q is not None and kind == "fisher":
        raise click.UsageError("-q sets the orders of the renyi and tsallis curves: give --kind renyi or tsallis")
    taus = [t for t in taus if t != "ideal"] if taus != ["ideal"] else taus
    if taus == ["ideal"]:
        raise click.BadParameter("give delays in samples (ideal is for analyze, sweep and plane)",
                                 param_hint="-t/--tau")
    run = Run(fmt, output, force, keep_records=bool(plot), batch=batch)
    items = iter_sources(run, spec)
    run.map(generalized_records, items, kind=kind, dim=dim, taus=tuple(taus), q=None if q is None else tuple(q),
            tie_precision=tie_precision)
    drawn = [r for r in run.kept or () if "error" not in r]
    if plot and drawn:
        _draw(drawn, kind, dim, plot, title)
    elif plot:
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
