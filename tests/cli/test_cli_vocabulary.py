"""One meaning per letter, option and record key across every command (docs/cli.md), through the real CLI.

-t/--tau is the ordinal delay; -d/--dim the pattern length, default 5; -m/--embedding-dim and --lag the
delay embedding (record keys embedding_dim, embedding_lag); -o/--output the records file; --plot the
figure; -n/--length the samples of --system; --steps integration steps; -c names a column, or a
component of --system. Old spellings keep working for one release, with one warning line.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPRECATED = "is deprecated and will be removed in the next release"


def warnings_of(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("tscomplex: warning:")]


def only_line(result) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def henon_txt(tmp_path_factory) -> Path:
    x, y = 0.1, 0.1
    values = []
    for _ in range(3000):
        x, y = 1 - 1.4 * x * x + y, 0.3 * x
        values.append(x)
    path = tmp_path_factory.mktemp("vocab") / "henon.txt"
    np.savetxt(path, values)
    return path


# --------------------------------------------------------------------------- -t/--tau


@pytest.mark.parametrize("command", [["analyze"], ["sweep", "--summary"], ["plane", "--plot", "{fig}"]])
def test_t_is_the_ordinal_delay(cli, henon_txt, tmp_path, command):
    args = [a.replace("{fig}", str(tmp_path / "p.png")) for a in command]
    short, long_ = cli([args[0], henon_txt, "-t", "3", *args[1:]]), cli([args[0], henon_txt, "--tau", "3", *args[1:]])
    assert short.exit_code == 0 and long_.exit_code == 0, short.stderr
    assert short.records == long_.records
    if args[0] == "sweep":  # the summary sweeps exactly the given delay
        assert short.records[0]["tau_min"] == short.records[0]["tau_max"] == 3
    else:
        assert [r["tau"] for r in short.records] == [3]


@pytest.mark.parametrize("flag", ["-t", "--tau"])
def test_lyapunov_refuses_t_and_points_to_lag(cli, henon_txt, flag):
    result = cli(["lyapunov", henon_txt, flag, "3"])
    assert result.exit_code == 2 and result.stdout == ""
    line = only_line(result)
    assert line.startswith("tscomplex: error:") and "--lag 3" in line and "ordinal delay" in line
    ranged = only_line(cli(["lyapunov", henon_txt, flag, "1:20"]))
    assert "--lag N, one value in samples" in ranged and "--lag 1:20" not in ranged


# --------------------------------------------------------------------------- embedding: -m/--embedding-dim, --lag


def test_lyapunov_embedding_options_and_record_keys(cli, henon_txt):
    result = cli(["lyapunov", henon_txt, "-m", "2", "--lag", "1"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["embedding_dim"] == 2 and record["embedding_lag"] == 1
    assert record["embedding_dim_method"] is None and record["embedding_lag_method"] is None
    assert "dim" not in record and "lag" not in record  # dim is the pattern length, in analyze
    assert abs(record["max_lyapunov"] - 0.41922) < 0.1
    same = cli(["lyapunov", henon_txt, "--embedding-dim", "2", "--lag", "1"])
    assert same.records == result.records


@pytest.mark.parametrize("old", ["-d", "--dim"])
def test_lyapunov_old_d_still_works_with_one_warning(cli, henon_txt, old):
    new = cli(["lyapunov", henon_txt, "-m", "2", "--lag", "1"])
    result = cli(["lyapunov", henon_txt, old, "2", "--lag", "1"])
    assert result.exit_code == 0 and result.records == new.records
    [line] = warnings_of(result)
    assert DEPRECATED in line and "-m/--embedding-dim" in line
    assert cli(["lyapunov", henon_txt, "-d", "2", "-m", "2"]).exit_code == 2


def test_analyze_and_lyapunov_records_merge_without_collisions(cli, henon_txt):
    pd = pytest.importorskip("pandas")
    ordinal = pd.DataFrame(cli(["analyze", henon_txt]).records)
    embedding = pd.DataFrame(cli(["lyapunov", henon_txt]).records)
    merged = ordinal.merge(embedding, on=["source", "series"], suffixes=("_analyze", "_lyapunov"))
    assert len(merged) == 1
    assert {"dim", "tau", "embedding_dim", "embedding_lag"} <= set(merged.columns)
    assert not any(c.startswith(("dim_", "lag_", "tau_")) for c in merged.columns)
    assert merged["dim"].iloc[0] == 5


# --------------------------------------------------------------------------- -d/--dim defaults to 5


@pytest.mark.parametrize("command", [["analyze"], ["sweep", "-t", "1:2"], ["plane", "--plot", "{fig}"],
                                     ["patch", "--estimator", "ordinal", "--summary"]])
def test_d_defaults_to_5_wherever_it_is_the_pattern_length(cli, henon_txt, tmp_path, command):
    args = [a.replace("{fig}", str(tmp_path / "p.png")) for a in command]
    result = cli([args[0], henon_txt, *args[1:]])
    assert result.exit_code == 0, result.stderr
    assert {r["dim"] for r in result.records if "dim" in r} == {5}


def test_patch_old_ordinal_default_stays_reachable(cli, henon_txt):
    result = cli(["patch", henon_txt, "--estimator", "ordinal", "--summary", "-d", "4"])
    assert result.exit_code == 0 and result.records[0]["dim"] == 4
    from tscomplex.cli.patch import patch_analysis

    old = patch_analysis(np.loadtxt(henon_txt), estimator="ordinal", dim=4)
    assert result.records[0]["n_patches"] == old["starts"].size


# --------------------------------------------------------------------------- -o is the records file; --plot the figure


@pytest.mark.parametrize("command", [["analyze"], ["sweep", "-t", "1:2"], ["lyapunov"], ["patch", "--summary"],
                                     ["plane", "--plot", "{fig}"]])
def test_o_is_the_records_file_in_every_command(cli, henon_txt, tmp_path, command):
    import json

    out = tmp_path / "records.ndjson"
    args = [a.replace("{fig}", str(tmp_path / "p.png")) for a in command]
    result = cli([args[0], henon_txt, *args[1:], "-o", out])
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and all(r["source"] == str(henon_txt) for r in records)


def test_plane_o_is_the_records_file_and_plot_the_figure(cli, henon_txt, tmp_path):
    fig, out = tmp_path / "plane.png", tmp_path / "plane.ndjson"
    result = cli(["plane", henon_txt, "-o", out, "--plot", fig])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and fig.read_bytes()[:4] == b"\x89PNG"
    assert [r["series"] for r in map(__import__("json").loads, out.read_text().splitlines())] == ["value"]


def test_plane_old_o_figure_still_works_with_one_warning(cli, henon_txt, tmp_path):
    fig = tmp_path / "old.png"
    result = cli(["plane", henon_txt, "-o", fig])
    assert result.exit_code == 0 and fig.read_bytes()[:4] == b"\x89PNG"
    assert [r["series"] for r in result.records] == ["value"]  # the records went to stdout
    [line] = warnings_of(result)
    assert DEPRECATED in line and "--plot" in line


def test_plane_old_records_option_still_works_with_one_warning(cli, henon_txt, tmp_path):
    fig, out = tmp_path / "p.png", tmp_path / "rows.csv"
    result = cli(["plane", henon_txt, "--plot", fig, "--records", out])
    assert result.exit_code == 0 and out.read_text().startswith("source,series,")
    [line] = warnings_of(result)
    assert DEPRECATED in line and "-o/--output" in line


def test_plane_without_a_figure_says_to_give_plot(cli, henon_txt):
    result = cli(["plane", henon_txt])
    assert result.exit_code == 2 and "--plot FILE" in only_line(result)


# --------------------------------------------------------------------------- -n samples, --steps integration steps


@pytest.mark.parametrize("command", ["analyze", "sweep", "patch", "plane"])
def test_n_is_the_number_of_samples_of_a_system(cli, tmp_path, command):
    extra = ["--plot", tmp_path / "p.png"] if command == "plane" else ["-t", "1:2"] if command == "sweep" else []
    result = cli([command, "--system", "logistic", "-n", "3210", *extra])
    assert result.exit_code == 0, result.stderr
    assert {r["n"] for r in result.records if "n" in r} == {3210}


@pytest.fixture
def spectrum_calls(monkeypatch):
    """A stand-in for the spectrum module that records the integration steps it is asked for."""
    from tscomplex.lyapunov.spectrum import LyapunovSpectrum

    calls = []

    def lyapunov_spectrum(name, params=None, n_steps=None, dt=None, transient=None, ic=None, return_history=False):
        calls.append(n_steps)
        return LyapunovSpectrum(np.array([0.9, 0.0, -14.5]), 2.06, np.arange(1.0, 3.0), None, name, {})

    module = types.ModuleType("tscomplex.lyapunov.spectrum")
    module.lyapunov_spectrum = lyapunov_spectrum
    monkeypatch.setitem(sys.modules, "tscomplex.lyapunov.spectrum", module)
    return calls


def test_steps_is_the_integration_steps_of_the_spectrum(cli, spectrum_calls):
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "--steps", "4321"])
    assert result.exit_code == 0 and spectrum_calls == [4321] and warnings_of(result) == []


def test_old_n_with_spectrum_still_works_with_one_warning(cli, spectrum_calls):
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "-n", "4321"])
    assert result.exit_code == 0 and spectrum_calls == [4321]
    [line] = warnings_of(result)
    assert DEPRECATED in line and "--steps" in line
    assert cli(["lyapunov", "--system", "lorenz", "--spectrum", "-n", "5", "--steps", "5"]).exit_code == 2


# --------------------------------------------------------------------------- -c with --system


@pytest.mark.parametrize("command", ["analyze", "lyapunov", "patch"])
def test_c_names_a_component_of_a_system(cli, command):
    result = cli([command, "--system", "henon", "-n", "3000", "-c", "y"])
    assert result.exit_code == 0, result.stderr
    assert {r["series"] for r in result.records} == {"y"}
    by_component = cli([command, "--system", "henon", "-n", "3000", "--component", "y"])
    assert by_component.records == result.records


def test_c_with_an_unknown_component_or_the_spectrum_is_refused(cli):
    assert cli(["analyze", "--system", "henon", "-c", "nosuch"]).exit_code == 2
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "-c", "x"])
    assert result.exit_code == 2 and "-c" in only_line(result)


# --------------------------------------------------------------------------- help texts


@pytest.mark.parametrize("command, words", [("analyze", "to analyze"), ("sweep", "to sweep"),
                                            ("plane", "on the plane"), ("patch", "into patches"),
                                            ("lyapunov", "exponent is estimated")])
def test_each_component_help_speaks_of_its_own_command(cli, command, words):
    text = " ".join(cli([command, "--help"]).stdout.split())
    help_line = text[text.index("--component NAME"):]
    help_line = help_line[:help_line.index("-n, --length")]
    assert words in help_line
    if command != "lyapunov":
        assert "lyapunov" not in help_line


# --------------------------------------------------------------------------- the reference table in docs/cli.md


def reference_rows() -> list[tuple[str, str, list[str]]]:
    """(option cell, meaning, commands) of each row of docs/cli.md's option table."""
    text = (ROOT / "docs" / "cli.md").read_text().split("\n## ")[0]  # the first table only
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`-"):
            rows.append((cells[0], cells[1], re.findall(r"[a-z]+", cells[2])))
    return rows


def test_the_reference_table_matches_every_command():
    import click

    from tscomplex.cli import COMMANDS, main

    rows = reference_rows()
    assert len(rows) >= 12
    ctx = click.Context(main)
    for cell, _meaning, commands in rows:
        spellings = re.findall(r"`(-[-a-z]+|-[a-z])", cell)
        assert spellings and commands, cell
        for name in commands:
            assert name in COMMANDS, (cell, name)
            command = main.get_command(ctx, name)
            declared = {o for p in command.params if not getattr(p, "hidden", False) for o in p.opts}
            for spelling in spellings:
                assert spelling in declared, f"{name} has no {spelling} ({cell})"
