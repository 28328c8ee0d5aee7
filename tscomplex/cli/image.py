"""``tscomplex image``: permutation entropy and statistical complexity of images and 2-D arrays."""

from __future__ import annotations

import click

from .driver import Run
from ..io.printable import printable
from .figures import check_plot
from .errors import command_errors
from .options import record_options


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
    Records: source, conversion, rows, columns, dx, dy, taux, tauy, patterns,
    windows, permutation_entropy, statistical_complexity, fisher_information,
    missing_patterns.

    \b
    Example:
      tscomplex image texture.png
      tscomplex image scans/ --dx 3 --dy 2 -f csv -o textures.csv
      tscomplex image field.npy --taux 2 --tauy 2 --plot plane.png
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
    run = Run(fmt, output, force, keep_records=bool(plot), batch=batch)
    found = discover(inputs, recursive, IMAGE_PATTERNS)
    for path, reason in found.entries:
        if reason is not None:
            run.fail(path, reason)
            continue
        try:
            from ..records.image import image_records

            records = image_records(path, dx, dy, taux, tauy)
        except (ValueError, OSError) as exc:  # InputError is a ValueError
            run.fail(path, _reason(exc))
            continue
        for warning in records.warnings:  # the record carries no series, so the line names the file alone
            click.echo(printable(f"tscomplex: warning: {warning.source}: {warning.message}"), err=True)
        for record in records:
            run.emit(record)
            if run.kept is not None:
                run.kept.append(record)
    if plot and run.kept:
        from ..plots.generalized import image_plane_figure

        image_plane_figure(run.kept, dx * dy, plot)
    run.finish()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, ValueError):
        return exc.strerror or str(exc)
    return str(exc)
