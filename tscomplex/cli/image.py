"""``tscomplex image``: permutation entropy and statistical complexity of images and 2-D arrays."""

from __future__ import annotations

import click

from .driver import Run
from .errors import command_errors
from .figures import check_plot
from .options import record_options, worker_options


@click.command(short_help="H, C and F of images and 2-D arrays (2-D ordinal patterns).")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--dx", type=click.IntRange(1, 10), default=2, show_default=True,
              help="Pattern width: columns per window.")
@click.option("--dy", type=click.IntRange(1, 10), default=2, show_default=True,
              help="Pattern height: rows per window (dx*dy at most 10).")
@click.option("--taux", type=click.IntRange(min=1), default=1, show_default=True,
              help="Delay between the columns of a window, in pixels.")
@click.option("--tauy", type=click.IntRange(min=1), default=1, show_default=True,
              help="Delay between the rows of a window, in pixels.")
@click.option("-r", "--recursive", is_flag=True, help="Descend into subfolders of folder inputs.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE",
              help="Draw the images on the complexity-entropy plane of (dx*dy)! patterns, with its bounds.")
@record_options
@worker_options
@command_errors
def image(inputs, dx, dy, taux, tauy, recursive, plot, fmt, output, force, batch):
    """Two-dimensional ordinal patterns (Ribeiro et al. 2012) of each image:
    normalized permutation entropy, statistical complexity, Fisher information
    and the fraction of missing patterns over the (dx*dy)! patterns of
    dx x dy windows (delays taux, tauy), with ordpy's conventions.

    Inputs are PNG, TIFF, JPEG, BMP or GIF pictures, 2-D NPY arrays, or
    CSV/TSV/whitespace matrices of numbers (one row per line, no header);
    folders are searched for these. Colour pictures become their luminance
    0.299 R + 0.587 G + 0.114 B; the record's `conversion` says what was done.
    Many images run on all cores (--jobs) or a Dask cluster (--dask), and
    records come out in input order. Records: source, conversion, rows, columns, dx, dy, taux, tauy, patterns,
    windows, permutation_entropy, statistical_complexity, fisher_information,
    missing_patterns.

    \b
    Example:
      tscomplex image texture.png
      tscomplex image scans/ --dx 3 --dy 2 -f csv -o textures.csv
      tscomplex image field.npy --taux 2 --tauy 2 --plot plane.png
      tscomplex image scans/ -r --jobs 8 -o textures.ndjson
    """
    from ..io.folders import discover
    from ..io.images import IMAGE_PATTERNS

    if dx * dy < 2:
        raise click.BadParameter(f"dx*dy must be at least 2, got {dx}*{dy}", param_hint="--dx/--dy")
    if dx * dy > 10:
        import math

        raise click.BadParameter(f"dx*dy = {dx * dy} gives {math.factorial(dx * dy)} patterns; at most 10 "
                                 f"({math.factorial(10)} patterns)", param_hint="--dx/--dy")
    if "-" in inputs:
        raise click.BadParameter("images are read from files, not stdin ('-')", param_hint="INPUT")
    if plot:
        check_plot(plot)
    import os

    import numpy as np

    from ..io import Series, SeriesFailure

    run = Run(fmt, output, force, keep_records=bool(plot), batch=batch)
    found = discover(inputs, recursive, IMAGE_PATTERNS)
    # each image travels as an empty Series naming its file (the absolute path for Dask workers elsewhere),
    # so the images run on --jobs processes or a --dask cluster like the series of the other commands
    items = [SeriesFailure(path, None, reason) if reason is not None else
             Series(path, None, np.empty(0), meta={"location": os.path.abspath(path)}) for path, reason in found.entries]
    run.map(image_worker, items, dx=dx, dy=dy, taux=taux, tauy=tauy)
    if plot and run.kept:
        from ..plots.generalized import image_plane_figure

        image_plane_figure(run.kept, dx * dy, plot)
    run.finish()


def image_worker(series, dx=2, dy=2, taux=1, tauy=1) -> list[dict]:
    """The record of the image file that ``series`` names, its warnings as data; an unreadable file is one
    error record."""
    from ..records.image import image_records
    from .notices import warnings_as_data

    try:
        records = image_records(series.meta.get("location") or series.source, dx, dy, taux, tauy,
                                source=series.source)
    except OSError as exc:  # InputError is a ValueError: the batch turns it into an error record
        if isinstance(exc, ValueError):
            raise
        raise ValueError(_reason(exc)) from None
    return warnings_as_data(records)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, ValueError):
        return exc.strerror or str(exc)
    return str(exc)
