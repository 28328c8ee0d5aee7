"""The ``tscomplex`` command: a click group whose subcommands are imported only when used.

Each command lives in its own module of this package and is named in COMMANDS
as "module:attribute"; ``tscomplex --help`` reads their short help without
importing numba, pandas, pyarrow or matplotlib.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__

COMMANDS = {
    "analyze": "tscomplex.cli.analyze:analyze",
    "patch": "tscomplex.cli.patch:patch",
    "lyapunov": "tscomplex.cli.lyapunov:lyapunov",
    "simulate": "tscomplex.cli.systems:simulate",
    "systems": "tscomplex.cli.systems:systems",
    "sweep": "tscomplex.cli.sweep:sweep",
    "plane": "tscomplex.cli.plane:plane",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="tscomplex")
def main():
    """Time-series complexity: ordinal patterns, the complexity-entropy plane,
    Lyapunov exponents and entropy-guided patches.

    Input is CSV, TSV, Parquet, NPY/NPZ, plain text or stdin ('-'); or a
    built-in system with --system NAME. Output is a table on a terminal and
    NDJSON when piped (choose with -f).

    \b
    Example:
      tscomplex analyze --system logistic
      tscomplex analyze data.csv -d 6 -t 1:10 -f csv -o out.csv
    """
