"""Options shared by the commands that draw the complexity-entropy plane (``plane``, ``analyze --plot``).

The three options reach the command as one parameter, ``plane_style`` (:class:`PlaneStyle`), which it hands
to :func:`draw_plane` with the records :class:`~tscomplex.cli.driver.Run` kept: the records of a run with a
figure come through the same batch map as those of a run without one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import click

from .. import options as vocab
from .options import _stack, gathered


@dataclass(frozen=True)
class PlaneStyle:
    """How points of a plane figure are labelled and coloured (``--labels``, ``--label-by``, ``--color-by``)."""

    labels: str = "auto"
    label_by: str | None = None
    color_by: str | None = None



def _style(current, values):
    return replace(current or PlaneStyle(), **{k: v for k, v in values.items() if v is not None})


plane_figure_options = _stack(
    click.option("--labels", type=click.Choice(vocab.LABEL_MODES), default=vocab.LABEL_MODES[0], show_default=True,
                 help="Name each point beside it (all), never (none), or up to a dozen series and a legend "
                      "beyond (auto; past 30 series the points are coloured by regime unless --color-by)."),
    click.option("--label-by", metavar="FIELD",
                 help="Label points with this record key (e.g. series, source, group) instead of the "
                      "shortest unique source and series."),
    click.option("--color-by", metavar="FIELD",
                 help="Colour points by this record key: one colour per value with a legend, or a colour "
                      "scale for a numeric key with many values (e.g. regime, series, n, group)."),
    gathered(("labels", "label_by", "color_by"), "plane_style", _style),
)


def draw_plane(records, dim: int, path: str, title: str | None = None, style: PlaneStyle | None = None) -> None:
    """Draw the plane of ``records`` (without ``style``: the figure options of the running command)."""
    from ..plots.plane import plane_figure, points_from_records

    style = style if style is not None else PlaneStyle()
    label_by, color_by = style.label_by, style.color_by
    for option, key in (("--label-by", label_by), ("--color-by", color_by)):
        if key and not any(key in r for r in records):
            keys = ", ".join(sorted({k for r in records[:50] for k in r}))
            click.echo(f"tscomplex: warning: {option} {key}: no record has this key (they have {keys}); "
                       "ignored", err=True)
            if option == "--label-by":
                label_by = None
            else:
                color_by = None
    plane_figure(points_from_records(records, label_by), dim, path, title,
                 labels=style.labels or "auto", color_by=color_by)


def check_plot(path: str) -> None:
    """Refuse a ``--plot`` path before any work starts (bad suffix, missing or unwritable folder): exit 2."""
    from ..io import InputError
    from ..plots import check_figure_path

    try:
        check_figure_path(path)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--plot") from None
