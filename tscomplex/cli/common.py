"""Moved: the option decorators are in :mod:`.options`, the input specification in :mod:`.inputs`, the run
driver in :mod:`.driver`, error reporting in :mod:`.errors`. This module re-exports them."""
# moved; shim for the redesign merge

from __future__ import annotations

from .driver import Run, guard_outputs, note_first_compile, refuse_chunk_size  # noqa: F401
from .errors import command_errors, flag_words, quiet_broken_pipe  # noqa: F401
from .inputs import InputSpec, _interrupts_kept, iter_series, iter_sources, system_series  # noqa: F401
from .options import (COMPONENT_HELP, BatchSettings, IntList, _stack, deprecated, input_options,  # noqa: F401
                      inputs_with, ordinal_options, output_options, parse_params, record_options, tau_option,
                      worker_options)


def batch_settings() -> dict:
    """The batch options of the running command, as a dict (the old interface; prefer ``batch``)."""
    import click
    from dataclasses import asdict

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return {}
    out = asdict(BatchSettings.from_context(ctx))
    out.update({k: ctx.params[k] for k in ("glob", "group_by") if k in ctx.params})
    return out
