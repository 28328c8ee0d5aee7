"""``tscomplex simulate``: a built-in system's trajectory, plain or dysts-style (points per period, noise, ...)."""

from __future__ import annotations

import json
import sys

import click

from .errors import command_errors
from .options import parse_params

TRAJECTORY_FORMATS = ("csv", "tsv", "parquet")


def _parse_ic(text):
    if text is None:
        return None
    if text.strip().lower() == "random":
        return "random"
    try:
        return [float(v) for v in text.replace(" ", "").split(",") if v]
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a comma list of numbers like 1,1,1", param_hint="--ic") from None


_WORDS = (("points_per_period", "--points-per-period"), ("dynamical_noise", "--dynamical-noise"),
          ("ic='random'", "--ic random"), ("give dt or", "give --dt or"))


def _flag_words(message: str) -> str:
    for word, flag in _WORDS:
        message = message.replace(word, flag)
    return message


def trajectory_metadata(traj) -> dict:
    """Every choice that made a trajectory: system, parameters, dt, method and the dysts-style options."""
    return {"system": traj.name, "parameters": traj.params, "dt": traj.dt, "n": int(traj.values.shape[0]),
            "components": list(traj.components), **traj.info}


def write_trajectory(traj, path, fmt) -> None:
    """Write ``time`` then one column per component, as CSV/TSV/Parquet to ``path`` (atomically) or stdout.

    A Parquet file carries :func:`trajectory_metadata` as JSON under the schema metadata key ``tscomplex``.
    """
    import pyarrow as pa

    from ..io import atomic_write

    columns = {"time": traj.time}
    for k, name in enumerate(traj.components):
        columns[name] = traj.values[:, k]
    table = pa.table(columns)
    table = table.replace_schema_metadata({"tscomplex": json.dumps(trajectory_metadata(traj))})
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
@click.option("--ic", metavar="X,Y,...|random",
              help="Initial state, comma-separated (default: the system's); 'random' draws a point from the "
                   "attractor (needs --seed).")
@click.option("--transient", type=click.FloatRange(min=0),
              help="Time (iterations for maps) simulated and discarded first (default: the system's).")
@click.option("--points-per-period", type=click.FloatRange(min=0, min_open=True), metavar="P",
              help="Sample each natural period (the stored computed one) with P points: dt = period / P.")
@click.option("--standardize", is_flag=True, help="Give each component zero mean and unit standard deviation.")
@click.option("--dynamical-noise", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SIGMA",
              help="Additive noise in the dynamics: dy = f dt + SIGMA dW (flows), x' = f(x) + SIGMA xi (maps).")
@click.option("--noise", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SIGMA",
              help="Add Gaussian measurement noise of SIGMA times each component's standard deviation.")
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the noise, the dynamical noise and --ic random.")
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
def simulate(name, length, dt, params, ic, transient, points_per_period, standardize, dynamical_noise, noise, seed,
             rtol, atol, fmt, output, force, plot_path):
    """Simulate the built-in system NAME and write its trajectory: a 'time'
    column, then one column per component.

    Flows use an adaptive Dormand-Prince 5(4) integrator with dense output on
    the sampling grid, Hamiltonian orbits a symplectic leapfrog (the energy
    drift is reported), the delay equation RK4 over its history; maps are
    iterated. The file feeds straight into the other commands, which take
    dt from its time column. A summary line with every choice goes to
    stderr; a Parquet file also carries it as metadata (key 'tscomplex').

    dysts-style trajectories: --points-per-period P samples each natural
    period with P points, --standardize, --dynamical-noise SIGMA (stochastic
    Heun for flows), --ic random --seed S (a point drawn from the attractor).

    \b
    Example:
      tscomplex simulate lorenz -n 20000 --dt 0.01 -o lorenz.csv --plot lorenz.png
      tscomplex simulate henon --param a=1.3 -o henon.parquet
      tscomplex simulate rossler --noise 0.05 --seed 1 | tscomplex analyze -
      tscomplex simulate lorenz --points-per-period 30 --ic random --seed 7 --standardize -o l.parquet
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
                                transient=transient, noise=noise, seed=seed, rtol=rtol, atol=atol,
                                dynamical_noise=dynamical_noise, points_per_period=points_per_period,
                                standardize=standardize)
    except catalog.DivergenceError as exc:
        click.echo(f"tscomplex: error: {exc}", err=True)
        sys.exit(1)
    except (KeyError, ValueError) as exc:
        raise click.UsageError(_flag_words(str(exc).strip("'\""))) from None
    write_trajectory(traj, output, fmt)
    note = ""
    if "energy_relative_error" in traj.info:
        note = f"; relative energy error {traj.info['energy_relative_error']:.2e}"
    where = output or "stdout"
    for key, label in (("points_per_period", "points per period"), ("dynamical_noise", "dynamical noise"),
                       ("noise_seed", "noise seed")):
        if key in traj.info:
            note += f"; {label} {traj.info[key]:g}"
    if "initial_condition" in traj.info:
        note += f"; initial state drawn from the attractor (seed {seed}): " + \
            ", ".join(f"{v:.6g}" for v in traj.info["initial_condition"])
    if "standardized_mean" in traj.info:
        note += "; standardized"
    click.echo(f"tscomplex: {traj.name}: {length} samples of {', '.join(traj.components)} "
               f"(dt = {traj.dt:g}, {traj.info['method']}, {traj.info['steps']} steps{note}) -> {where}", err=True)
    if plot_path:
        from ..plots.systems import plot_attractor

        plot_attractor(traj, plot_path, system.kind, delay=traj.params.get("tau"))
