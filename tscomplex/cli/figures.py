"""Options shared by the commands that draw the complexity-entropy plane (``plane``, ``analyze --plot``)."""

from __future__ import annotations

import click

from .common import _remember, _stack, batch_settings

plane_figure_options = _stack(
    click.option("--labels", type=click.Choice(["auto", "none", "all"]), default="auto", show_default=True,
                 expose_value=False, callback=_remember,
                 help="Name each point beside it (all), never (none), or up to a dozen series and a legend "
                      "beyond (auto; past 30 series the points are coloured by regime unless --color-by)."),
    click.option("--label-by", metavar="FIELD", expose_value=False, callback=_remember,
                 help="Label points with this record key (e.g. series, source, group) instead of the "
                      "shortest unique source and series."),
    click.option("--color-by", metavar="FIELD", expose_value=False, callback=_remember,
                 help="Colour points by this record key: one colour per value with a legend, or a colour "
                      "scale for a numeric key with many values (e.g. regime, series, n, group)."),
)


def draw_plane(records, dim: int, path: str, title: str | None = None) -> None:
    """Draw the plane of ``records`` with the figure options of the running command."""
    from ..plots.plane import plane_figure, points_from_records

    settings = batch_settings()
    label_by, color_by = settings.get("label_by"), settings.get("color_by")
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
                 labels=settings.get("labels") or "auto", color_by=color_by)
