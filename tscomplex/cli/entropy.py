"""``tscomplex entropy``: sample entropy, approximate entropy and multiscale entropy per series."""

from __future__ import annotations

import click

from .options import IntList, input_options, output_options
from .driver import Run
from .errors import command_errors
from .driver import run_with_curves, write_curves  # noqa: F401  (write_curves: its old home)


def entropy_result(series, **options):
    """(record, curves) of one Series (:mod:`tscomplex.records.entropy`), its warnings as data."""
    from ..records.entropy import entropy_result as build
    from .notices import warnings_as_data

    records, curves = build(series, **options)
    return warnings_as_data(records)[0], curves


def entropy_records(series, **options) -> list[dict]:
    """The record of one Series; module level so it can run in worker processes."""
    return [entropy_result(series, **options)[0]]


def check_side_outputs(plot, curves, force) -> None:
    """Refuse a bad --plot or --curves path before any work is done."""
    from ..io import InputError, check_output_path
    from .figures import check_plot

    if plot:
        check_plot(plot)
    try:
        if curves:
            check_output_path(curves, force)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--curves") from None


@click.command(short_help="Sample, approximate and multiscale entropy per series.")
@input_options
@click.option("-m", "--embedding-dim", "m", type=click.IntRange(1, 10), default=2, show_default=True,
              help="Template length m (embedding dimension, lag 1).")
@click.option("--tolerance", type=click.FloatRange(min=0, min_open=True), metavar="R",
              help="Tolerance r as a fraction of the series' SD (default 0.2; 0.15 for --scales, as Costa et al.).")
@click.option("--absolute", is_flag=True, help="Take --tolerance in the units of the data instead.")
@click.option("--scales", type=IntList(1), metavar="INTS",
              help="Also compute multiscale entropy over these coarse-graining scales, e.g. 1:20.")
@click.option("--method", type=click.Choice(["sample", "composite", "refined_composite", "permutation"]),
              default="sample", show_default=True, help="Multiscale method (with --scales).")
@click.option("-d", "--dim", type=click.IntRange(2, 10), default=5, show_default=True,
              help="Pattern length for --method permutation.")
@click.option("-t", "--tau", type=click.IntRange(min=1), default=1, show_default=True,
              help="Ordinal delay for --method permutation.")
@click.option("--curves", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the entropy per scale of each series to FILE as NDJSON (with --scales).")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE",
              help="Draw the entropy against scale for every series (with --scales).")
@output_options
@command_errors
def entropy(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
            m, tolerance, absolute, scales, method, dim, tau, curves, plot, fmt, output, force, spec, batch):
    """Sample entropy and approximate entropy of each series, and with --scales
    its multiscale entropy.

    SampEn (Richman & Moorman 2000) is -ln(A/B), with B and A the numbers of
    pairs of templates of length m and m+1 (the same N-m templates, no
    self-matches) within Chebyshev distance r; ApEn (Pincus 1991) counts
    self-matches. r is a fraction of the SD (ddof=0) unless --absolute.
    Records: sample_entropy, approximate_entropy, embedding_dim, tolerance
    (the r used, in data units), tolerance_sd_fraction, template_pairs_m and
    template_pairs_m1 (B and A). When SampEn is undefined (a constant series,
    or no matching pairs) it is null, sample_entropy_note says why and a
    warning goes to stderr.

    With --scales, multiscale entropy of the coarse-grained series
    (--method sample: Costa 2002; composite and refined_composite: Wu 2013,
    2014; permutation: permutation entropy and statistical complexity per
    scale) adds complexity_index (the sum over the scales), scale_min,
    scale_max and multiscale_tolerance; --curves writes the values per
    scale, --plot draws them.

    \b
    Example:
      tscomplex entropy --system logistic
      tscomplex entropy data.csv -c rr -m 2 --tolerance 0.15
      tscomplex entropy data.csv --scales 1:20 --curves mse.ndjson --plot mse.png
    """
    ctx = click.get_current_context()
    if (curves or plot) and not scales:
        raise click.UsageError("--curves and --plot draw the multiscale curves: give --scales too")
    for name in ("dim", "tau"):
        if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE and method != "permutation":
            raise click.UsageError(f"--{name} is for --method permutation")
    check_side_outputs(plot, curves, force)
    options = dict(m=m, tolerance=tolerance, absolute=absolute, scales=tuple(scales) if scales else None,
                   method=method, dim=dim, tau=tau)
    def draw(kept, path):
        from ..plots.entropy import multiscale_figure

        multiscale_figure([(label, c) for label, _, cs in kept for c in cs], path)

    run_with_curves(Run(fmt, output, force, batch=batch), entropy_records, entropy_result, (spec,),
                    options, curves, plot, draw)
