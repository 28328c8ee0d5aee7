"""``tscomplex dataset``: train/test splits of built-in systems, in Parquet or NPY, with a JSON manifest."""

from __future__ import annotations

import json
import os
import sys

import click

from .errors import command_errors

FORMATS = ("parquet", "npy")


def _write_split(path: str, values, components, start_time: float, dt: float, fmt: str) -> None:
    import numpy as np

    from ..io import atomic_write

    if fmt == "npy":
        atomic_write(path, lambda fh: np.save(fh, np.ascontiguousarray(values, dtype=np.float64)))
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {"time": start_time + dt * np.arange(values.shape[0])}
    columns.update({name: values[:, k] for k, name in enumerate(components)})
    table = pa.table(columns)
    atomic_write(path, lambda fh: pq.write_table(table, fh))


@click.command("dataset", short_help="Benchmark data: train/test splits of built-in systems.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="The folder to write (made if missing): DIR/NAME/train.*, DIR/NAME/test.*, DIR/manifest.json.")
@click.option("--system", "systems", multiple=True, metavar="NAME",
              help="A system (repeatable; tscomplex or dysts names). Default: every built-in system.")
@click.option("-n", "--length", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Samples in each train split.")
@click.option("--test-length", type=click.IntRange(min=1), default=1_000, show_default=True,
              help="Samples in each test split (the continuation of the train split).")
@click.option("--points-per-period", type=click.FloatRange(min=0, min_open=True), metavar="P",
              help="Sample each natural period with P points (default: each system's own dt; maps: 1 iteration).")
@click.option("--standardize", is_flag=True, help="Zero mean, unit standard deviation per component (whole run).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="parquet", show_default=True,
              help="File format of the splits.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the initial states (each system's own seed derives from it and its name).")
@click.option("--force", is_flag=True, help="Overwrite an existing manifest and splits in DIR.")
@command_errors
def benchmark_data(output, systems, length, test_length, points_per_period, standardize, fmt, seed, force):
    """Write a forecasting benchmark: for each system, a trajectory started
    from a point drawn from its attractor (seeded), split into a train part
    (--length samples) and its continuation, the test part (--test-length).

    Parquet splits have a time column and one column per component; NPY
    splits are float64 arrays (samples, components). DIR/manifest.json holds
    every setting and, per system, its parameters, dt, seed, initial state
    and computed invariants (Lyapunov spectrum, Kaplan-Yorke dimension,
    natural period, Lyapunov time). The same seed writes the same bytes. A
    system that cannot be made is one line on stderr (exit 1); the others
    are written.

    \b
    Example:
      tscomplex dataset -o bench --system lorenz --system rossler --points-per-period 30 --seed 1
      tscomplex dataset -o bench_all -n 5000 --test-length 500 -f npy
    """
    from .. import __version__
    from .. import systems as catalog
    from ..io import atomic_write
    from ..records.benchmark_data import split

    try:
        names = [catalog.get(n).name for n in systems] if systems else catalog.names()
    except KeyError as exc:
        raise click.UsageError(str(exc).strip("'\"")) from None
    names = list(dict.fromkeys(names))
    manifest_path = os.path.join(output, "manifest.json")
    if os.path.exists(manifest_path) and not force:
        raise click.UsageError(f"{manifest_path} exists: give --force to overwrite it, or another folder")
    if os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"{output} exists and is not a folder")
    os.makedirs(output, exist_ok=True)
    from .firstrun import note_first_compile

    note_first_compile("simulate")   # the same kernels
    entries, failed = {}, 0
    for name in names:
        try:
            train, test, entry = split(name, length, test_length, seed, points_per_period, standardize)
        except (KeyError, ValueError) as exc:
            message = str(exc).strip(chr(39))
            click.echo(f"tscomplex: error: {message if message.startswith(name) else f'{name}: {message}'}", err=True)
            failed += 1
            continue
        folder = os.path.join(output, name)
        os.makedirs(folder, exist_ok=True)
        files = {}
        for part, values, start in (("train", train, entry["train_start_time"]),
                                    ("test", test, entry["test_start_time"])):
            path = os.path.join(folder, f"{part}.{fmt}")
            _write_split(path, values, entry["components"], start, entry["dt"], fmt)
            files[part] = os.path.relpath(path, output)
        entry["files"] = files
        entries[name] = entry
    manifest = {"tscomplex_version": __version__, "seed": seed, "train_samples": length,
                "test_samples": test_length, "points_per_period": points_per_period, "standardize": standardize,
                "format": fmt, "initial_condition": "drawn from the attractor (simulate ic='random')",
                "systems": entries}
    text = json.dumps(manifest, indent=1, allow_nan=False)
    atomic_write(manifest_path, lambda fh: fh.write(text.encode() + b"\n"))
    click.echo(f"tscomplex: {len(entries)} system{'' if len(entries) == 1 else 's'} written to {output}" +
               (f"; {failed} failed" if failed else ""), err=True)
    if failed:
        sys.exit(1)
