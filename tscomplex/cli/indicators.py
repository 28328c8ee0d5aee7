"""``tscomplex lyapunov --system NAME --indicator sali|gali``: SALI/GALI of one orbit, or a SALI map (--ic-grid)."""

from __future__ import annotations

import click

from .driver import Run, note_first_compile
from .options import parse_params


def _parse_ic(text):
    try:
        return [float(v) for v in text.split(",")]
    except ValueError:
        raise click.BadParameter(f"expected comma-separated numbers, got {text!r}", param_hint="--ic") from None


def indicator_run(system, inputs, indicator, ic, k, steps, params, dt, plot, fmt, output, force, ic_grid=None,
                  energy=None, batch=None):
    """``lyapunov --system NAME --indicator sali|gali`` with --ic, or the SALI map with --ic-grid."""
    if indicator is None:
        raise click.UsageError("--ic and --ic-grid belong to an --indicator run; give --indicator sali|gali")
    if ic_grid is not None:
        if indicator != "sali" or ic is not None or energy is None:
            raise click.UsageError("--ic-grid maps SALI: give --indicator sali and --energy E, and no --ic")
    elif energy is not None:
        raise click.UsageError("--energy is the energy of an --ic-grid map")
    if not system or inputs:
        raise click.UsageError("--indicator follows an orbit of a built-in system: give --system NAME, no input files")
    if indicator == "sali" and click.get_current_context().get_parameter_source("deviation_vectors") \
            == click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--deviation-vectors is for --indicator gali (SALI uses two)")
    from ..lyapunov.indicators import default_dt
    from ..records.lyapunov import indicator_map_records, indicator_records

    run = Run(fmt, output, force, batch=batch)
    note_first_compile()
    try:
        step = dt if dt is not None else default_dt(system)
        t_max = None if steps is None else steps * step
        if ic_grid is not None:
            records, result = indicator_map_records(system, energy, ic_grid, t_max, dt, parse_params(params))
        else:
            records, result = indicator_records(system, indicator, None if ic is None else _parse_ic(ic), k, t_max,
                                                dt, parse_params(params))
    except (KeyError, ValueError) as exc:
        from ..systems import DivergenceError

        if isinstance(exc, DivergenceError):
            raise click.ClickException(str(exc)) from None
        raise click.UsageError(str(exc).strip("'\"")) from None
    for record in records:
        run.emit(record)
    if plot:
        from ..plots.lyapunov import indicator_figure, indicator_map_figure

        (indicator_map_figure if ic_grid is not None else indicator_figure)(result, plot)
    run.finish()
