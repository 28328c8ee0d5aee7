"""The ``tscomplex`` command: a click group whose subcommands are imported only when used.

Each command lives in its own module of this package and is named in COMMANDS
as "module:attribute"; ``tscomplex --help`` reads their short help without
importing numba, pandas, pyarrow or matplotlib.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from .. import __version__

COMMANDS = {
    "analyze": "tscomplex.cli.analyze:analyze",
    "patch": "tscomplex.cli.patch:patch",
    "lyapunov": "tscomplex.cli.lyapunov:lyapunov",
    "simulate": "tscomplex.cli.simulate:simulate",
    "systems": "tscomplex.cli.systems:systems",
    "sweep": "tscomplex.cli.sweep:sweep",
    "plane": "tscomplex.cli.plane:plane",
    "entropy": "tscomplex.cli.entropy:entropy",
    "fractal": "tscomplex.cli.fractal:fractal",
    "surrogates": "tscomplex.cli.surrogates:surrogates",
    "zero-one": "tscomplex.cli.zero_one:zero_one",
    "embed": "tscomplex.cli.embed:embed",
    "image": "tscomplex.cli.image:image",
    "network": "tscomplex.cli.network:network",
    "distance": "tscomplex.cli.distance:distance",
    "score": "tscomplex.cli.score:score",
    "dataset": "tscomplex.cli.benchmark_data:benchmark_data",
}


#: BLAS libraries' thread counts, set to 1 for a command unless the user set them
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")


def _one_blas_thread():
    """Give BLAS one thread in a command, unless the user chose otherwise, before numpy loads it.

    tscomplex spreads its own work over the cores (threads over surrogates and
    delays, --jobs processes); its BLAS calls are small. OpenBLAS's threads,
    once woken by one such call, spin on those same cores: 99 IAAFT surrogates
    of 10^5 samples took 4.25 s with them and 3.47 s without (2 cores). A
    variable already set (to any value) is left as it is.
    """
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        from .values import harden  # no nan, inf or out-of-range integers in any numeric option

        return harden(getattr(importlib.import_module(module), attr))

    def invoke(self, ctx):
        """Run the command; a signal or a closed pipe leaves click's handling as :class:`_Stopped`.

        click would print a blank line for a KeyboardInterrupt and exit 1 for
        a broken pipe; ``main`` gives each its own quiet ending instead.
        """
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, BrokenPipeError) as exc:
            if isinstance(exc, KeyboardInterrupt):
                from ..batch.interrupts import acknowledge

                acknowledge()
            raise _Stopped(exc) from exc

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command; every error is ONE line on stderr, ``tscomplex: error: ...``, never a traceback.

        click's own report (a usage line, a hint, then ``Error: ...``) is
        replaced by a single line that ends with where to read more, so that a
        batch log holds one line per problem. Exit codes are kept: 2 for a
        wrong command line, 1 for other errors, 130 after Ctrl-C. An unexpected
        exception (a bug) is one line too; TSCOMPLEX_DEBUG=1 shows its traceback.
        """
        _one_blas_thread()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from ..batch.interrupts import install, settle

        previous = install()  # SIGINT, SIGTERM, SIGHUP -> Interrupted: one clean way out for every command
        try:
            self._main(args, prog_name, complete_var, **extra)
        finally:  # the exit status is decided: a late signal must not turn it into a kill
            settle(previous, exiting=args is None)

    def _main(self, args, prog_name, complete_var, **extra):
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `tscomplex`: the help is the message
                exc.show()
            else:
                click.echo(error_line(exc), err=True)
            sys.exit(exc.exit_code)
        except click.Abort as exc:  # a signal outside a batch (a batch reports its own)
            if isinstance(exc.__cause__, EOFError):  # click's name for an EOFError, which a reader bug can raise
                _internal_error(exc.__cause__)
            _interrupted(exc.__cause__)
        except KeyboardInterrupt as exc:  # raised outside click's own handling (while a context closes)
            _interrupted(exc)
        except (_Stopped, BrokenPipeError) as exc:
            cause = exc.cause if isinstance(exc, _Stopped) else exc
            if isinstance(cause, KeyboardInterrupt):
                _interrupted(cause)
            from .errors import quiet_broken_pipe  # output went to `| head`, which has closed it

            quiet_broken_pipe()
        except OSError as exc:  # the system refused: a full disk, a file removed under us, ...
            if os.environ.get("TSCOMPLEX_DEBUG"):
                raise
            from ..io.printable import printable

            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(printable(f"tscomplex: error: {where}{exc.strerror or exc}"), err=True)
            sys.exit(1)
        except Exception as exc:  # a bug: still one line, unless asked for the traceback
            if os.environ.get("TSCOMPLEX_DEBUG"):
                raise
            _internal_error(exc)
        sys.exit(code if isinstance(code, int) else 0)


class _Stopped(Exception):
    """A KeyboardInterrupt (a signal) or BrokenPipeError on its way from a command to ``main``."""

    def __init__(self, cause: BaseException):
        super().__init__(str(cause))
        self.cause = cause


def _interrupted(exc: BaseException | None):
    """One line, then exit 128 + the signal: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    from ..batch.interrupts import Interrupted, acknowledge, exit_code

    acknowledge()
    how = f" by {exc.name}" if isinstance(exc, Interrupted) and exc.signum != 2 else ""
    click.echo(f"tscomplex: interrupted{how}", err=True)
    sys.exit(exit_code(exc))


def _internal_error(exc: BaseException):
    from ..io.printable import printable

    detail = printable(" ".join(f"{type(exc).__name__}: {exc}".split()))
    click.echo(f"tscomplex: error: internal error ({detail}); please report it "
               "(set TSCOMPLEX_DEBUG=1 to see the traceback)", err=True)
    sys.exit(1)


def error_line(exc: click.ClickException) -> str:
    """One line for a click error: the message, and for a usage error the help to read."""
    from ..io.printable import printable

    message = printable(" ".join(exc.format_message().split()))
    if isinstance(exc, click.UsageError) and exc.ctx is not None and "(see " not in message:
        return f"tscomplex: error: {message} (see '{exc.ctx.command_path} --help')"
    return f"tscomplex: error: {message}"


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="tscomplex")
def main():
    """Time-series complexity: ordinal patterns, the complexity-entropy plane,
    surrogate tests, entropies and fractal measures, Lyapunov exponents and
    entropy-guided patches.

    Input is CSV, TSV, Parquet, NPY/NPZ, plain text or stdin ('-'); or a
    built-in system with --system NAME. Output is a table on a terminal and
    NDJSON when piped (choose with -f).

    Exit status: 0 when all went well; 1 when an input failed (each failure
    is one line 'tscomplex: error: INPUT: REASON' on stderr, and the other
    inputs still give records); 2 when the command line is wrong; 130 after
    Ctrl-C, 143 after SIGTERM, 129 after SIGHUP (workers stop at once; NDJSON
    written so far holds whole inputs and --resume finishes it; CSV, JSON,
    Parquet and figures are complete or not written). A closed output pipe
    (| head) stops the run quietly with status 0.

    \b
    Example:
      tscomplex analyze --system logistic
      tscomplex analyze data.csv -d 6 -t 1:10 -f csv -o out.csv
    """
