"""``tscomplex systems list|show`` and ``tscomplex simulate``: the built-in catalog and its trajectories."""

from __future__ import annotations

import sys

import click

from .driver import Run
from .errors import command_errors
from .options import parse_params, record_options

KINDS = ("map", "flow", "delay", "hamiltonian")
TRAJECTORY_FORMATS = ("csv", "tsv", "parquet")


@click.group(short_help="List and describe the built-in chaotic systems.")
def systems():
    """The built-in chaotic systems: maps, flows, a delay equation and orbits.

    \b
    Example:
      tscomplex systems list
      tscomplex systems list --kind map -f json
      tscomplex systems show lorenz
    """


def catalog_records(kind=None) -> list[dict]:
    """One flat record per system (of one kind) (:mod:`tscomplex.records.systems`)."""
    from ..records.systems import catalog_records as build

    return build(kind)


@systems.command("list", short_help="List the built-in systems and their reference exponents.")
@click.option("--kind", type=click.Choice(KINDS), help="Only systems of this kind.")
@record_options
@command_errors
def list_systems(kind, fmt, output, force, batch):
    """List the built-in systems with their kind, dimension, parameters and
    published largest Lyapunov exponent (natural log; per iteration for maps,
    per time unit otherwise).

    Records have the keys system, kind, dimension, parameters,
    max_lyapunov_reference and description.

    \b
    Example:
      tscomplex systems list
      tscomplex systems list --kind flow -f csv -o systems.csv
    """
    run = Run(fmt, output, force, batch=batch)
    for record in catalog_records(kind):
        run.emit(record)
    run.finish()


@systems.command("show", short_help="Show one system: equations, parameters, references.")
@click.argument("name")
@record_options
@command_errors
def show_system(name, fmt, output, force, batch):
    """Show one system: equations, source, parameters, initial condition,
    default step and transient, and published Lyapunov exponents.

    On a terminal this is a readable block; with -f json (or when piped) one
    JSON record.

    \b
    Example:
      tscomplex systems show lorenz
      tscomplex systems show henon -f json | jq .references
    """
    from .. import systems as catalog
    from ..io import format_for_path

    try:
        info = catalog.details(name)
    except KeyError as exc:
        raise click.UsageError(str(exc).strip("'\"")) from None
    if not output and format_for_path(None, fmt, sys.stdout.isatty()) == "table":
        click.echo(describe_text(info))
        return
    run = Run(fmt, output, force, batch=batch)
    run.emit(info)
    run.finish()


def describe_text(info: dict) -> str:
    """A system's details as a block of text for a terminal."""
    lines = [f"{info['system']} ({info['kind']}, dimension {info['dimension']}): {info['description']}", ""]
    lines += ["  " + line for line in info["equations"].splitlines()]
    lines += ["", f"source:      {info['source']}"]
    params = ", ".join(f"{k} = {v:g}" for k, v in info["parameters"].items()) or "(none)"
    lines.append(f"parameters:  {params}")
    comps = ", ".join(f"{c} = {v:g}" for c, v in zip(info["components"], info["initial_condition"]))
    lines.append(f"initial:     {comps}")
    unit = "iterations" if info["kind"] == "map" else "time units"
    lines.append(f"dt:          {info['dt']:g}    transient: {info['transient']:g} {unit}")
    for ref in info["references"]:
        changed = {k: v for k, v in ref["parameters"].items() if info["parameters"].get(k) != v}
        at = f" at {', '.join(f'{k} = {v:g}' for k, v in changed.items())}" if changed else ""
        exps = ", ".join(f"{v:g}" for v in ref["lyapunov_exponents"])
        dky = f"; D_KY = {ref['kaplan_yorke_dimension']:g}" if ref["kaplan_yorke_dimension"] else ""
        lines.append(f"Lyapunov{at}: ({exps}){dky}  [{ref['source']}]")
        if ref["note"]:
            lines.append(f"             {ref['note']}")
    if not info["references"]:
        lines.append("Lyapunov:    no published reference in the catalog")
    return "\n".join(lines)


def _parse_ic(text):
    if text is None:
        return None
    try:
        return [float(v) for v in text.replace(" ", "").split(",") if v]
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a comma list of numbers like 1,1,1", param_hint="--ic") from None


def write_trajectory(traj, path, fmt) -> None:
    """Write ``time`` then one column per component, as CSV/TSV/Parquet to ``path`` (atomically) or stdout."""
    import pyarrow as pa

    from ..io import atomic_write

    columns = {"time": traj.time}
    for k, name in enumerate(traj.components):
        columns[name] = traj.values[:, k]
    table = pa.table(columns)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        def write(fh):
            pq.write_table(table, fh)
    else:
        import pyarrow.csv as pcsv

        delimiter = "," if fmt == "csv" else "\t"
        options = pcsv.WriteOptions(delimiter=delimiter, quoting_style="none", include_header=False)

        def write(fh):
            fh.write((delimiter.join(columns) + "\n").encode())   # pyarrow quotes header names
            pcsv.write_csv(table, fh, write_options=options)
    if path:
        atomic_write(path, write)
    else:
        write(sys.stdout.buffer)
        sys.stdout.flush()


@click.command(short_help="Simulate a built-in system and write its trajectory.")
@click.argument("name")
@click.option("-n", "--length", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Number of output samples.")
@click.option("--dt", type=click.FloatRange(min=0, min_open=True),
              help="Sampling step in time units (default: the system's; maps: 1 iteration).")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Override a parameter. Repeatable.")
@click.option("--ic", metavar="X,Y,...", help="Initial state, comma-separated (default: on the attractor).")
@click.option("--transient", type=click.FloatRange(min=0),
              help="Time (iterations for maps) simulated and discarded first (default: the system's).")
@click.option("--noise", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SIGMA",
              help="Add Gaussian noise of SIGMA times each component's standard deviation.")
@click.option("--seed", type=int, help="Seed of the noise.")
@click.option("--rtol", type=click.FloatRange(min=0, min_open=True), default=1e-9, show_default=True,
              help="Relative tolerance of the adaptive integrator (flows).")
@click.option("--atol", type=click.FloatRange(min=0, min_open=True), default=1e-9, show_default=True,
              help="Absolute tolerance of the adaptive integrator (flows).")
@click.option("-f", "--format", "fmt", type=click.Choice(TRAJECTORY_FORMATS),
              help="File format (default: by -o's suffix, else CSV).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--plot", "plot_path", metavar="FILE", help="Draw the attractor and the series (png, svg, pdf).")
@command_errors
def simulate(name, length, dt, params, ic, transient, noise, seed, rtol, atol, fmt, output, force, plot_path):
    """Simulate the built-in system NAME and write its trajectory: a 'time'
    column, then one column per component.

    Flows use an adaptive Dormand-Prince 5(4) integrator with dense output on
    the sampling grid, Hamiltonian orbits a symplectic leapfrog (the energy
    drift is reported), the delay equation RK4 over its history; maps are
    iterated. The file feeds straight into the other commands, which take
    dt from its time column. A summary line goes to stderr.

    \b
    Example:
      tscomplex simulate lorenz -n 20000 --dt 0.01 -o lorenz.csv --plot lorenz.png
      tscomplex simulate henon --param a=1.3 -o henon.parquet
      tscomplex simulate rossler --noise 0.05 --seed 1 | tscomplex analyze -
    """
    from .. import systems as catalog
    from ..io import InputError, check_output_path

    if output:
        try:
            check_output_path(output, force)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
    if fmt is None:
        lower = (output or "").lower()
        if output and not lower.endswith((".parquet", ".pq", ".tsv", ".csv", ".txt")):
            raise click.UsageError(f"cannot tell the format from {output!r}: name it .csv, .tsv or .parquet, "
                                   "or give -f")
        fmt = "parquet" if lower.endswith((".parquet", ".pq")) else "tsv" if lower.endswith(".tsv") else "csv"
    if fmt == "parquet" and not output and sys.stdout.isatty():
        raise click.UsageError("parquet output needs -o FILE (it is binary)")
    if plot_path:
        from ..plots import check_figure_path

        try:
            check_figure_path(plot_path)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
    overrides = parse_params(params)
    from .firstrun import note_first_compile

    note_first_compile("simulate")
    try:
        system = catalog.get(name)
        traj = catalog.simulate(system.name, length, dt=dt, params=overrides or None, ic=_parse_ic(ic),
                                transient=transient, noise=noise, seed=seed, rtol=rtol, atol=atol)
    except catalog.DivergenceError as exc:
        click.echo(f"tscomplex: error: {exc}", err=True)
        sys.exit(1)
    except (KeyError, ValueError) as exc:
        raise click.UsageError(str(exc).strip("'\"")) from None
    write_trajectory(traj, output, fmt)
    note = ""
    if "energy_relative_error" in traj.info:
        note = f"; relative energy error {traj.info['energy_relative_error']:.2e}"
    where = output or "stdout"
    click.echo(f"tscomplex: {traj.name}: {length} samples of {', '.join(traj.components)} "
               f"(dt = {traj.dt:g}, {traj.info['method']}, {traj.info['steps']} steps{note}) -> {where}", err=True)
    if plot_path:
        from ..plots.systems import plot_attractor

        plot_attractor(traj, plot_path, system.kind, delay=traj.params.get("tau"))
