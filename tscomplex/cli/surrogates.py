"""``tscomplex surrogates``: write surrogates of each series (NPY, NPZ or a table) so other tools can use them."""

from __future__ import annotations

import os

import click

from ..options import SURROGATE_MAX_ITERATIONS, SURROGATE_METHODS
from .driver import Run
from .figures import check_plot
from .errors import command_errors
from .options import input_options
from .inputs import iter_series

SURROGATE_SUFFIXES = {".npy": "npy", ".npz": "npz", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet",
                      ".pq": "parquet"}


def _target(path: str) -> str:
    """'dir' for a folder (existing, or named with a trailing '/'), else the file format from the suffix."""
    if path.endswith(("/", os.sep)) or os.path.isdir(path):
        return "dir"
    ext = os.path.splitext(path.lower())[1]
    if ext not in SURROGATE_SUFFIXES:
        raise click.BadParameter(f"cannot tell the surrogate format from {path!r}: name a folder, or a file "
                                 f"ending in {', '.join(SURROGATE_SUFFIXES)}", param_hint="--output")
    return SURROGATE_SUFFIXES[ext]


@click.command(short_help="Surrogate series for significance tests, written to files.")
@input_options
@click.option("--count", type=click.IntRange(min=1), default=99, show_default=True, metavar="N",
              help="Surrogates per series (99 allows p down to 2/(99+1) = 0.02 in a two-sided rank test).")
@click.option("--method", type=click.Choice(SURROGATE_METHODS), default="iaaft", show_default=True,
              help="How surrogates are made (see Methods above).")
@click.option("--seed", type=click.IntRange(min=0), help="Seed (default: drawn, and reported as surrogate_seed).")
@click.option("--max-iterations", type=click.IntRange(min=1), default=SURROGATE_MAX_ITERATIONS, show_default=True,
              help="IAAFT: cap on the iterations of each surrogate.")
@click.option("--block-length", type=click.IntRange(min=1), metavar="SAMPLES",
              help="block-shuffle: samples per block (default: round(sqrt(n))).")
@click.option("--gaussianize", is_flag=True,
              help="Make the surrogates of the series' Gaussian scores (Phi^-1 of rank/(n+1)) and give each the "
                   "series' values in its rank order: the null for statistics of ranks (ordinal patterns), which "
                   "analyze and sweep --surrogates use; right also for skewed data. Spectrum and mismatches are "
                   "then the scores'.")
@click.option("-o", "--output", "target", type=click.Path(), required=True, metavar="DIR_OR_FILE",
              help="Where the surrogates go (here -o names the surrogates, and the records go to stdout): FILE.npy (one series: shape (n, N), a column per surrogate), FILE.npz (an array per series), "
                   "FILE.csv/.tsv/.parquet (a column per surrogate), or a folder (an NPY file per series).")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FIG",
              help="Draw each series on the complexity-entropy plane among its surrogates, and the histogram of "
                   "their permutation entropy with the data's value (.png, .svg, .pdf).")
@click.option("-d", "--dim", type=click.IntRange(4, 8), default=5, show_default=True,
              help="With --plot: pattern length of the plane.")
@click.option("-t", "--tau", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --plot: ordinal delay.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "ndjson"]),
              help="Format of the records on stdout (default: table on a terminal, NDJSON when piped).")
@click.option("--force", is_flag=True, help="Overwrite existing surrogate files.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Worker processes to share the surrogates of each series (the result does not depend on it).")
@command_errors
def surrogates(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
               count, method, seed, max_iterations, block_length, gaussianize, target, plot, dim, tau, fmt, force,
               jobs, spec):
    """Surrogates of each series, as TISEAN's `surrogates` makes them, written
    for other tools; one record per series says what was made.

    \b
    Methods:
      iaaft           same values exactly, spectrum within the reported mismatch
                      (Schreiber & Schmitz 1996); iterates until at most 0.1%
                      of the samples change rank, or the spectral mismatch
                      falls by less than 1% in an iteration, or
                      --max-iterations
      iaaft-spectrum  same periodogram exactly, values nearly
      aaft            same values, spectrum roughly (Theiler et al. 1992)
      ft              same periodogram, random phases
      shuffle         same values, no correlations
      multivariate    the same random phases for all columns of an input
                      (-c picks them): keeps every cross-spectrum
      block-shuffle   blocks of --block-length samples in a random order
      cyclic-shift    the series rotated by a random lag

    The same --seed gives the same surrogates on every machine, with any
    --jobs. Records: source, series, n, surrogate_method, surrogate_count,
    surrogate_seed, surrogate_gaussianized, surrogate_file, block_length, and for IAAFT
    iterations_max, iterations_mean, converged (how many stopped before
    the cap), stop_rule (that rule), spectral_mismatch_max and amplitude_mismatch_max.

    \b
    Example:
      tscomplex surrogates data.csv -c flux --count 99 --seed 1 -o flux-iaaft.npy
      tscomplex surrogates --system henon --count 39 --seed 1 -o henon.csv --plot henon-surrogates.png
      tscomplex surrogates runs/ --method ft --seed 7 -o surrogates/
      tscomplex surrogates rain.csv --gaussianize --count 39 --seed 1 -o rain-ranks.npy
    """

    kind = _target(target)
    if kind != "dir" and os.path.exists(target) and not force:
        raise click.BadParameter(f"{target} exists; use --force to overwrite", param_hint="--output")
    if kind == "dir" and not os.path.isdir(target):
        raise click.BadParameter(f"folder {target} does not exist; create it first", param_hint="--output")
    if kind != "dir" and not os.path.isdir(os.path.dirname(os.path.abspath(target))):
        raise click.BadParameter(f"the folder of {target} does not exist; create it first",
                                 param_hint="--output")
    if plot:
        check_plot(plot)
    from ..surrogates import new_seed

    seed = new_seed() if seed is None else seed
    run = Run(fmt, None, force, jobs=1)
    groups = _groups(run, spec, method)
    made = []  # (label, series values, surrogates)
    for source, names, values in groups:
        try:
            data, info = _make(values, count, method, seed, max_iterations, block_length, jobs, gaussianize)
        except ValueError as exc:
            run.fail(source, str(exc), names[0] if len(names) == 1 else ",".join(names))
            continue
        made.append((source, names, values, data, info))
    if kind in ("npy", "csv", "tsv", "parquet") and len(made) > 1:
        raise click.UsageError(f"{len(made)} series give surrogates: write them to a folder or an .npz file, "
                               f"not {target}")
    files = _write(made, target, kind, force)
    for (source, names, values, data, info), path in zip(made, files):
        run.emit(_record(source, names, values, info, path))
    if plot and made:
        from ..plots.surrogates import surrogate_figure

        surrogate_figure([(_label(s, n), v, d) for s, n, v, d, _ in made if v.ndim == 1], dim, tau, plot)
    run.finish()


def _label(source, names):
    return f"{source} [{','.join(names)}]" if names else source


def _groups(run, spec, method):
    """(source, names, values) per series, or per input with all its columns for the multivariate method."""
    import numpy as np

    series = list(iter_series(run, spec))
    if method != "multivariate":
        return [(s.source, [s.name], s.values) for s in series]
    by_source: dict = {}
    for s in series:
        by_source.setdefault(s.source, []).append(s)
    out = []
    for source, members in by_source.items():
        sizes = {m.values.size for m in members}
        if len(sizes) > 1:
            run.fail(source, f"the multivariate method needs columns of one length, got {sorted(sizes)}")
            continue
        out.append((source, [m.name for m in members],
                    np.column_stack([m.values for m in members]) if len(members) > 1 else members[0].values))
    return out


def _make(values, count, method, seed, max_iterations, block_length, jobs, gaussianize=False):
    """All surrogates of one series; with jobs > 1, slices of them made in worker processes, then joined."""
    import numpy as np

    from ..surrogates import surrogates as make

    options = dict(max_iterations=max_iterations, block_length=block_length, return_info=True,
                   gaussianize=gaussianize)
    if jobs <= 1 or count < 2 * jobs:
        return make(values, count, method, seed, **options)
    from concurrent.futures import ProcessPoolExecutor

    from ..batch.executor import _start_context

    make(values, 1, method, seed, **options)  # a bad request fails here, once, not in every worker
    bounds = np.linspace(0, count, jobs + 1).astype(int)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_start_context()) as pool:
        futures = [pool.submit(make, values, int(b - a), method, seed, start=int(a), **options)
                   for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
        parts = [f.result() for f in futures]
    data = np.concatenate([p[0] for p in parts])
    first = parts[0][1]
    joined = {}
    for key in ("iterations", "converged", "spectral_mismatch", "amplitude_mismatch", "stop_reasons"):
        if getattr(first, key) is not None:
            joined[key] = tuple(v for p in parts for v in getattr(p[1], key))
    from dataclasses import replace

    return data, replace(first, count=count, **joined)


def _write(made, target, kind, force) -> list[str]:
    """Write the surrogates atomically; the path written for each series."""
    import io as _io

    import numpy as np

    from ..io import atomic_write

    if not made:
        return []
    if kind == "dir":
        paths = []
        for source, names, _, data, _ in made:
            stem = "stdin" if source == "-" else os.path.basename(source.rstrip("/")).split(".")[0].replace(":", "-")
            path = os.path.join(target, f"{stem}_{'_'.join(map(str, names))}.npy")
            if os.path.exists(path) and not force:
                raise click.ClickException(f"{path} exists; use --force to overwrite")
            atomic_write(path, lambda fh, d=data: np.save(fh, _columns(d)))
            paths.append(path)
        return paths
    if kind == "npy":
        atomic_write(target, lambda fh: np.save(fh, _columns(made[0][3])))
    elif kind == "npz":
        keys = _npz_keys(made)
        buf = _io.BytesIO()
        np.savez(buf, **{k: _columns(m[3]) for k, m in zip(keys, made)})
        atomic_write(target, lambda fh: fh.write(buf.getvalue()))
    else:
        _write_table(made[0], target, kind)
    return [target] * len(made)


def _columns(data):
    """One column per surrogate, (n, N), so that tscomplex (and pandas) read each surrogate as a series;
    multivariate surrogates keep their (N, n, k) shape."""
    import numpy as np

    return np.ascontiguousarray(data.T) if data.ndim == 2 else data


def _npz_keys(made) -> list[str]:
    keys = ["_".join(map(str, names)) for _, names, _, _, _ in made]
    if len(set(keys)) < len(keys):
        keys = [f"{os.path.basename(s).split('.')[0]}_{k}" for (s, *_), k in zip(made, keys)]
    if len(set(keys)) < len(keys):
        keys = [f"{i}_{k}" for i, k in enumerate(keys)]
    return keys


def _write_table(one, target, kind):
    """One column per surrogate (and per column for multivariate): surrogate_1 .. surrogate_N."""
    from ..io import atomic_write, parquet_bytes, render_delimited

    _, names, _, data, _ = one
    columns = {}
    for i, row in enumerate(data, start=1):
        if row.ndim == 1:
            columns[f"surrogate_{i}"] = row
        else:
            for j, name in enumerate(names):
                columns[f"{name}_surrogate_{i}"] = row[:, j]
    keys = list(columns)
    n = len(next(iter(columns.values())))
    records = [{k: float(columns[k][t]) for k in keys} for t in range(n)]
    if kind == "parquet":
        atomic_write(target, lambda fh: fh.write(parquet_bytes(records)))
    else:
        text = render_delimited(records, "," if kind == "csv" else "\t")
        atomic_write(target, lambda fh: fh.write(text.encode()))


def _record(source, names, values, info, path) -> dict:
    """The record of one written surrogate set (:func:`tscomplex.records.surrogates.surrogate_record`)."""
    from ..records.surrogates import surrogate_record

    return surrogate_record(source, names, values, info, path)
