"""``tscomplex embed``: the delay embedding of each series, its curves, and an export of the delay vectors."""

from __future__ import annotations

import os

import click

from .driver import FIGURE_DATA, Run, write_curves
from .entropy import check_side_outputs
from .errors import command_errors
from .options import input_options, output_options

EXPORT_SUFFIXES = (".npy", ".csv")


def embed_result(series, **options):
    """(record, (curves, vectors)) of one Series (:mod:`tscomplex.records.embed`), its warnings as data."""
    from ..records.embed import embed_result as build
    from .notices import warnings_as_data

    records, data = build(series, **options)
    return warnings_as_data(records)[0], data


def embed_records(series, **options) -> list[dict]:
    """The record of one Series; module level so it can run in worker processes."""
    return [embed_result(series, **options)[0]]


def embed_data_records(series, **options) -> list[dict]:
    """:func:`embed_records` with the curves and delay vectors riding along for the parent to write."""
    record, data = embed_result(series, **options)
    curves, vectors = data
    return [{**record, FIGURE_DATA: ((series.source, series.name), curves, vectors, record.get("embedding_lag"))}]


def _check_export(path, force):
    from ..io import InputError, check_output_path

    if os.path.splitext(path.lower())[1] not in EXPORT_SUFFIXES:
        raise click.BadParameter(f"{path}: suffix must be one of {', '.join(EXPORT_SUFFIXES)}",
                                 param_hint="--export")
    try:
        check_output_path(path, force)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--export") from None


def write_export(path, vectors, lag) -> None:
    """The delay vectors as NPY (float64, shape (M, m)) or CSV (header delay_0, delay_LAG, ...), atomically."""
    import numpy as np

    from ..io import atomic_write

    def write(fh):
        if path.lower().endswith(".npy"):
            np.save(fh, np.ascontiguousarray(vectors, dtype=np.float64))
            return
        header = ",".join(f"delay_{k * lag}" for k in range(vectors.shape[1]))
        fh.write((header + "\n").encode())
        np.savetxt(fh, vectors, delimiter=",", fmt="%.17g")

    atomic_write(path, write, suffix=os.path.splitext(path)[1])


@click.command(short_help="Delay embedding: lag, dimension, their curves, the vectors.")
@input_options
@click.option("-m", "--embedding-dim", "dim", type=click.IntRange(1, 30),
              help="Embedding dimension m (default: from the data).")
@click.option("--lag", type=click.IntRange(min=1), help="Embedding delay in samples (default: from the data).")
@click.option("--lag-method", type=click.Choice(["mi", "acf"]), default="mi", show_default=True,
              help="Automatic delay: first minimum of the mutual information, or first zero of the autocorrelation.")
@click.option("--embedding-dim-method", "dim_method", type=click.Choice(["fnn", "cao"]), default="fnn",
              show_default=True, help="Automatic dimension: false nearest neighbours or Cao's method.")
@click.option("--max-embedding-dim", "max_dim", type=click.IntRange(1, 30), default=10, show_default=True,
              help="Largest embedding dimension the automatic choice (and the curves) may take.")
@click.option("--curves", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the curves behind the choice as NDJSON, one object per point: AMI (and ACF) against "
                   "lag, FNN fraction or Cao's E1 and E2 against dimension.")
@click.option("--export", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the delay vectors of the (one) series to FILE: .npy (M x m float64) or .csv.")
@output_options
@command_errors
def embed(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
          dim, lag, lag_method, dim_method, max_dim, curves, export, fmt, output, force, spec, batch):
    """The delay embedding of each series: the lag and dimension that
    `tscomplex lyapunov` and `fractal` choose, the curves they are read
    from, and the delay vectors themselves for other tools.

    The lag is the first minimum of the auto mutual information (16 bins;
    with --lag-method acf, the first zero of the autocorrelation), and 1
    when the lag-1 autocorrelation is below 1/2 (maps, noise). The dimension
    is the first with under 1% false nearest neighbours (Kennel 1992; the
    fewest when none), or with --embedding-dim-method cao the first with
    Cao's E1 >= 0.9. Records: embedding_dim, embedding_lag, embedding_vectors
    (M = n - (m-1) lag), theiler (the mean period, lyapunov's Theiler window),
    embedding_lag_method and embedding_dim_method (null when given), and
    embedding_lag_rule and embedding_dim_rule (which rule decided).

    --curves writes one NDJSON object per curve point (curve: ami, acf, fnn,
    cao_e1, cao_e2; embedding_lag or embedding_dim; value; chosen: true at
    the choice; rule). --export writes the delay vectors y_i = (x_i,
    x_{i+lag}, ..., x_{i+(m-1)lag}) of a run's one series as NPY or CSV.

    \b
    Example:
      tscomplex embed --system lorenz --component x
      tscomplex embed data.csv -c x --curves embedding.ndjson
      tscomplex embed data.csv -c x -m 3 --lag 17 --export vectors.npy
    """
    check_side_outputs(None, curves, force)
    if export:
        _check_export(export, force)
    options = dict(dim=dim, lag=lag, lag_method=lag_method, dim_method=dim_method, max_dim=max_dim)
    run = Run(fmt, output, force, batch=batch)
    from .inputs import iter_sources

    items = iter_sources(run, spec)
    if not (curves or export):
        run.map(embed_records, items, **options)
        run.finish()
        return
    run.map(embed_data_records, items, vectors=bool(export), **options)
    if curves:
        write_curves(curves, [c for _, found, _, _ in run.figure_data for c in found])
    if export:
        exported = [(key, vectors, lag_used) for key, _, vectors, lag_used in run.figure_data if vectors is not None]
        if len(exported) > 1:
            names = ", ".join(f"{source}:{name}" for (source, name), _, _ in exported[:3])
            raise click.UsageError(f"--export writes one series and this run has {len(exported)} ({names}, ...); "
                                   "choose one with -c, or run once per input")
        if exported:
            _, vectors, lag_used = exported[0]
            write_export(export, vectors, lag_used)
    run.finish()
