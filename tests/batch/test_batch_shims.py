"""The old import paths of the batch layer and of cli/common keep working until the redesign's shims go."""

from __future__ import annotations

import importlib


def test_old_module_names_are_the_new_modules_state_included():
    import tscomplex.batch.dask
    import tscomplex.batch.interrupts
    import tscomplex.batch.resume

    for old, new in (("tscomplex.interrupts", tscomplex.batch.interrupts),
                     ("tscomplex.batch_resume", tscomplex.batch.resume),
                     ("tscomplex.batch_dask", tscomplex.batch.dask)):
        assert importlib.import_module(old) is new
    from tscomplex import interrupts

    assert interrupts is tscomplex.batch.interrupts and interrupts._state is tscomplex.batch.interrupts._state


def test_tscomplex_batch_still_offers_every_name_it_had():
    import tscomplex.batch as batch

    for name in ("BatchError", "Source", "Progress", "default_jobs", "item_key", "record_keys", "error_record",
                 "tag_group", "apply", "run_item", "run_items", "execute", "_start_context", "_guarded"):
        assert callable(getattr(batch, name)), name
    assert batch.execute is importlib.import_module("tscomplex.batch.executor").execute


def test_cli_common_re_exports_the_split_modules():
    from tscomplex.cli import common, driver, errors, inputs, options

    assert common.Run is driver.Run and common.iter_sources is inputs.iter_sources
    assert common.command_errors is errors.command_errors and common.output_options is options.output_options
    assert common.batch_settings() == {}  # outside a command
