"""--chunk-size where a command needs each series whole (its figure): refused with one line, never ignored."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.parametrize("command,why", [("patch", "figure"), ("sweep", "figure")])
def test_chunk_size_is_refused_with_the_reason(cli, tmp_path, command, why):
    path = tmp_path / "x.npy"
    np.save(path, np.random.default_rng(0).standard_normal(5000))
    extra = ["--plot", tmp_path / "sweep.png"]
    result = cli([command, path, "--summary", "--chunk-size", "1000", *extra])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error: --chunk-size:") and why in lines[0], lines
    assert result.stdout == ""
    assert "--chunk-size is refused" in " ".join(cli([command, "--help"]).stdout.split())  # said in --help
    assert not (tmp_path / "sweep.png").exists()


@pytest.mark.parametrize("command", ["patch", "sweep"])
def test_without_chunk_size_a_long_npy_still_runs(cli, tmp_path, command):
    path = tmp_path / "x.npy"
    np.save(path, np.random.default_rng(1).standard_normal(5000))
    result = cli([command, path, "--summary", "-t", "1:3"] if command == "sweep" else [command, path, "--summary"])
    assert result.exit_code == 0, result.stderr
    assert len(result.records) == 1
