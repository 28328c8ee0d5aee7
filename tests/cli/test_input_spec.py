"""cli/inputs.InputSpec and the decorators that hand a command its inputs and batch settings as one value each."""

from __future__ import annotations

import dataclasses

import click
import pytest
from click.testing import CliRunner

from tscomplex.cli.inputs import InputSpec, iter_sources
from tscomplex.cli.options import BatchSettings, input_options, output_options, record_options
from tscomplex.options import DEFAULT_SYSTEM_LENGTH


def test_defaults_are_the_command_line_defaults():
    spec = InputSpec()
    assert spec.inputs == () and spec.system is None and spec.length == DEFAULT_SYSTEM_LENGTH
    assert spec.nan == "error" and spec.recursive is False and spec.glob == () and spec.group_by is None


def test_frozen_and_lists_become_tuples():
    spec = InputSpec(inputs=["a.csv", "b.csv"], columns=["x"], glob=["*.log"])
    assert spec.inputs == ("a.csv", "b.csv") and spec.columns == ("x",) and spec.glob == ("*.log",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.system = "lorenz"
    assert hash(spec) == hash(InputSpec(inputs=("a.csv", "b.csv"), columns=("x",), glob=("*.log",)))


def test_from_options_takes_the_input_options_only():
    spec = InputSpec.from_options({"inputs": ("a.csv",), "dt": 0.5, "nan": "drop", "dim": 5, "fmt": "csv",
                                   "time_column": None, "group_by": "id"})
    assert spec == InputSpec(inputs=("a.csv",), dt=0.5, nan="drop", group_by="id")


@pytest.mark.parametrize("spec, problem", [
    (InputSpec(inputs=("-", "-")), "'-' (stdin) can be given only once"),
    (InputSpec(inputs=("a.csv",), system="lorenz"), "give input files or --system, not both"),
    (InputSpec(), "no input: give files, folders, globs, '-' for stdin, or --system NAME"),
    (InputSpec(inputs=("-",)), None),
    (InputSpec(system="lorenz"), None),
])
def test_problem(spec, problem):
    assert spec.problem() == problem


def test_with_a_system_c_names_a_component_as_component_does():
    assert InputSpec(system="lorenz", components=("x",), columns=("z",)).chosen_components == ("x", "z")


def _probe():
    seen = {}

    @click.command()
    @input_options
    @output_options
    def probe(**kwargs):
        seen.update(kwargs)

    return probe, seen


def test_the_decorators_pass_one_spec_and_one_batch_and_nothing_through_the_context():
    probe, seen = _probe()
    result = CliRunner().invoke(probe, ["a", "b", "-c", "x", "--glob", "*.log", "--group-by", "id", "-j", "3",
                                        "--dask-timeout", "5", "--resume", "--chunk-size", "5000",
                                        "--columns", "source,n", "--nan", "drop", "-r"])
    assert result.exit_code == 0, result.output
    assert seen["spec"] == InputSpec(inputs=("a", "b"), columns=("x",), nan="drop", recursive=True,
                                     glob=("*.log",), group_by="id")
    assert seen["batch"] == BatchSettings(jobs=3, dask=None, dask_timeout=5.0, resume=True, chunk_size=5000,
                                          select_columns="source,n")
    assert seen["batch"].columns == ["source", "n"]
    # the values a command body reads stay, the gathered ones reach it only inside spec and batch
    assert seen["inputs"] == ("a", "b") and seen["nan"] == "drop"
    for gathered in ("glob", "group_by", "jobs", "dask", "dask_timeout", "resume", "chunk_size", "select_columns"):
        assert gathered not in seen


def test_defaults_when_nothing_is_given():
    probe, seen = _probe()
    assert CliRunner().invoke(probe, ["--system", "logistic"]).exit_code == 0
    assert seen["spec"] == InputSpec(system="logistic")
    assert seen["batch"] == BatchSettings(dask_timeout=10.0)


def test_record_options_alone_give_a_batch_too():
    seen = {}

    @click.command()
    @record_options
    def listing(**kwargs):
        seen.update(kwargs)

    assert CliRunner().invoke(listing, ["--columns", "system"]).exit_code == 0
    assert seen["batch"] == BatchSettings(select_columns="system")


def test_the_old_positional_call_gives_the_same_items(tmp_path):
    from tscomplex.cli.driver import Run

    (tmp_path / "a.csv").write_text("x,y\n" + "".join(f"{i},{i * i % 7}\n" for i in range(30)))
    (tmp_path / "b.txt").write_text("\n".join(str(i % 5) for i in range(30)))
    run = Run("ndjson", None, False, batch=BatchSettings(jobs=1))
    new = iter_sources(run, InputSpec(inputs=(str(tmp_path),), columns=("y",)))
    old = iter_sources(run, (str(tmp_path),), None, (), 100, (), ("y",), None, None, "error", False)
    assert new == old and [item.path for item in new] == [str(tmp_path / "a.csv"), str(tmp_path / "b.txt")]


def test_the_surrogate_vocabulary_of_the_help_is_the_library_s():
    from tscomplex.options import SURROGATE_MAX_ITERATIONS, SURROGATE_METHODS
    from tscomplex.surrogates.generators import MAX_ITERATIONS, METHODS

    assert SURROGATE_METHODS == tuple(METHODS) and SURROGATE_MAX_ITERATIONS == MAX_ITERATIONS
