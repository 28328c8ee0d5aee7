"""``tscomplex distance``: the permutation Jensen-Shannon distance between every pair of series."""

from __future__ import annotations

import os

import click

from .driver import Run, note_first_compile, refuse_chunk_size
from .errors import command_errors
from .inputs import iter_sources
from .network import pattern_options
from .options import input_options, output_options


def _distributions(run, items, options) -> list[dict]:
    """Each series' distribution record, in input order, through the batch executor (--jobs, --dask); a
    failing input is reported on ``run`` and left out."""
    import contextlib

    from ..batch import BatchError, execute
    from ..records.distance import distribution_records

    note_first_compile(now=True)
    kept = []
    results = contextlib.closing(execute(distribution_records, list(items), options, jobs=run.jobs, dask=run.dask,
                                         chunk_samples=run.chunk_size, dask_timeout=run.dask_timeout))
    try:
        with results as pairs:
            for _item, records in pairs:
                for record in records:
                    if "error" in record:
                        run.fail(record.get("source"), record["error"], record.get("series"), record.get("group"))
                    else:
                        kept.append(record)
    except BatchError as exc:
        run.writer.abort()
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt as exc:
        from ..batch.interrupts import acknowledge

        acknowledge()
        run.writer.abort()
        run.interrupted(exc)
    return kept


@click.command(short_help="Permutation Jensen-Shannon distance between every pair of series.")
@input_options
@pattern_options
@click.option("--matrix", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
              help="Also write the full symmetric distance matrix as CSV to FILE ('-' for stdout, instead "
                   "of the records).")
@output_options
@command_errors
def distance(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
             dim, tau, tie_precision, matrix, fmt, output, force, spec, batch):
    """The permutation Jensen-Shannon distance (Zunino et al. 2022) between
    the ordinal pattern distributions of every pair of series:
    D = sqrt(JSD(P, Q) / ln 2), in [0, 1]; 0 when the two series have the same
    pattern distribution, 1 when they share no pattern. D is a metric, so the
    matrix can be used for clustering. It matches ordpy's
    permutation_js_distance.

    Records, one per pair (a before b in input order): label_a, label_b (the
    names used in the matrix), source_a, series_a, source_b, series_b, n_a,
    n_b, dim, tau, permutation_jensen_shannon_distance. Series may differ in
    length; each needs at least (dim-1)*tau + 1 samples.

    \b
    Example:
      tscomplex distance a.csv b.csv c.csv -d 4
      tscomplex distance data.csv -d 5 --matrix distances.csv
      tscomplex distance runs/ -d 4 --matrix - > matrix.csv
    """
    refuse_chunk_size("distance", "each distribution needs the whole series", batch)
    if batch.resume:
        raise click.UsageError("--resume: distance writes records about pairs at the end; run it again instead")
    if matrix and matrix != "-":
        from ..io import InputError, OutputError, check_output_path

        try:
            check_output_path(matrix, force, inputs)
        except (InputError, OutputError) as exc:
            raise click.BadParameter(str(exc), param_hint="--matrix") from None
        if output and os.path.abspath(matrix) == os.path.abspath(output):
            raise click.UsageError("--matrix and -o name the same file; give each its own")
    to_stdout = matrix == "-"
    quiet = to_stdout and not output  # the matrix takes stdout: records (errors included) go nowhere but stderr
    run = Run(fmt, os.devnull if quiet else output, force, batch=batch)
    entries = _distributions(run, iter_sources(run, spec), dict(dim=dim, tau=tau, tie_precision=tie_precision))
    from ..plots.plane import series_labels  # numpy-free
    from ..records.distance import matrix_csv, pair_records

    labels = series_labels([(e["source"], e["series"] if e["series"] is not None else e["source"]) for e in entries])
    if len(entries) < 2 and not run.failures:
        raise click.UsageError(f"a distance needs at least two series; the inputs hold {len(entries)}")
    records, full = pair_records(entries, labels, dim, tau)
    if not to_stdout or output:  # --matrix - without -o: the matrix takes stdout instead of the records
        for record in records:
            run.emit(record)
    if matrix:
        text = matrix_csv(labels, full)
        if to_stdout:
            click.echo(text, nl=False)
        else:
            from ..io import atomic_write

            atomic_write(matrix, lambda fh: fh.write(text.encode()), suffix=".csv")
    run.finish()
