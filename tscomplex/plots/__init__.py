"""Figures: shared style, path checks and atomic saving. Each topic has its own module here.

matplotlib is imported only inside :func:`pyplot`, with the Agg backend, so
nothing here slows down ``tscomplex --help``. Figures are meant for papers:
labelled axes with symbols, a legend, and lines told apart by style as well as
colour so they survive greyscale printing.
"""

from __future__ import annotations

import os

FIGURE_SUFFIXES = (".png", ".svg", ".pdf")

# Line styles and markers that stay distinct in greyscale, cycled together with colours.
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def check_figure_path(path: str) -> None:
    """Refuse a figure path before any work starts: bad suffix, missing or unwritable folder."""
    from ..io import InputError

    ext = os.path.splitext(path.lower())[1]
    if ext not in FIGURE_SUFFIXES:
        raise InputError(f"figure {path}: suffix must be one of {', '.join(FIGURE_SUFFIXES)}")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"figure {path}: folder {folder} does not exist; create it first")
    if not os.access(folder, os.W_OK):
        raise InputError(f"figure {path}: folder {folder} is not writable")


def pyplot():
    """matplotlib.pyplot with the Agg backend and the house style."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 200,
        "font.size": 10,
        "axes.labelsize": 11,
        "axes.titlesize": 11,
        "legend.fontsize": 9,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "lines.linewidth": 1.4,
        "savefig.bbox": "tight",
        "mathtext.fontset": "dejavusans",
    })
    return plt


def save_figure(fig, path: str) -> None:
    """Save to a temporary file beside ``path`` and rename it, so no half-written figure is left."""
    from ..io import atomic_write_path

    ext = os.path.splitext(path)[1]
    try:
        atomic_write_path(path, lambda tmp: fig.savefig(tmp, format=ext.lstrip(".").lower()), suffix=ext)
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
