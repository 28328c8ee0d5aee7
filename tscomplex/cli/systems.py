"""``tscomplex systems list|show``: the built-in catalog, its equations and computed invariants."""

from __future__ import annotations

import sys

import click

from .driver import Run
from .errors import command_errors
from .options import record_options

KINDS = ("map", "flow", "delay", "hamiltonian")


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


@systems.command("list", short_help="List the built-in systems and their invariants.")
@click.option("--kind", type=click.Choice(KINDS), help="Only systems of this kind.")
@record_options
@command_errors
def list_systems(kind, fmt, output, force, batch):
    """List the built-in systems with their kind, dimension, parameters, the
    invariants computed by tscomplex (largest Lyapunov exponent, Kaplan-Yorke
    dimension, natural period, chaotic or not) and the published largest
    exponent (natural log; per iteration for maps, per time unit otherwise).

    Records have the keys system, kind, dimension, parameters, max_lyapunov,
    kaplan_yorke_dimension, natural_period, chaotic, max_lyapunov_reference,
    dysts_name and description.

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
    default step and transient, the invariants computed by tscomplex
    (Lyapunov spectrum, Kaplan-Yorke dimension, natural period) and the
    published Lyapunov exponents. NAME may also be the system's dysts name.

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
    if info.get("dysts_name"):
        lines.append(f"dysts name:  {info['dysts_name']}")
    lines += invariant_lines(info.get("invariants") or {}, unit)
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


def invariant_lines(inv: dict, unit: str) -> list[str]:
    """The computed invariants as lines of text (``systems show``)."""
    if inv.get("status") != "ok":
        return [f"computed:    {inv.get('status') or 'not computed'}" + (f": {inv['error']}" if inv.get("error") else "")]
    spectrum = ", ".join("-inf" if v is None else f"{v:.4g}" for v in inv["lyapunov_spectrum"])
    per = "iteration" if unit == "iterations" else "time unit"
    lines = [f"computed:    Lyapunov spectrum ({spectrum}) per {per}; D_KY = {inv['kaplan_yorke_dimension']:.4g}"]
    chaotic = {True: "chaotic", False: "not chaotic", None: f"undecided ({inv.get('chaotic_reason')})"}[inv["chaotic"]]
    extra = f"; Lyapunov time {inv['lyapunov_time']:.4g}" if inv.get("lyapunov_time") else ""
    least = ""
    if inv.get("least_converged_exponent"):
        least = (f"; least converged: lambda_{inv['least_converged_exponent']}, "
                 f"{inv['least_converged_ratio']:.2f} of its allowance")
    lines.append(f"             {chaotic}{extra}; spectrum converged: {inv['converged']} "
                 f"(lambda_max {inv['max_lyapunov_runs'][0]:.5g} and {inv['max_lyapunov_runs'][1]:.5g} "
                 f"over {inv['settings']['spectrum_steps'][0]} and {inv['settings']['spectrum_steps'][1]} steps"
                 f"{least})")
    for why in (inv.get("chaotic_reason") if inv["chaotic"] is not None else None, inv.get("lyapunov_spectrum_reason")):
        if why:
            lines.append(f"             ({why})")
    if inv.get("natural_period"):
        lines.append(f"             natural period {inv['natural_period']:.4g} (spectral peak of "
                     f"{inv['natural_period_component']})")
    else:
        lines.append(f"             natural period: none ({inv.get('natural_period_reason')})")
    return lines
