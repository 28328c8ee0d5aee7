"""`tscomplex image --jobs N`: the same records in the same order as one process, bad files one line each."""

from __future__ import annotations

import numpy as np


def test_jobs_give_the_serial_records_in_input_order(cli, tmp_path):
    rng = np.random.default_rng(2)
    names = []
    for k in range(6):
        np.save(tmp_path / f"img{k}.npy", np.cumsum(rng.normal(size=(30 + k, 40)), axis=k % 2))
        names.append(tmp_path / f"img{k}.npy")
    (tmp_path / "broken.png").write_bytes(b"not a picture")
    np.save(tmp_path / "one_row.npy", np.arange(10.0)[None, :])
    inputs = names[:3] + [tmp_path / "broken.png", tmp_path / "one_row.npy"] + names[3:]
    serial = cli(["image", *inputs, "--jobs", "1"])
    parallel = cli(["image", *inputs, "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.records == serial.records
    assert [r["source"] for r in parallel.records] == [str(p) for p in inputs]
    errors = [line for line in parallel.stderr.splitlines() if line.startswith("tscomplex: error:")]
    assert len(errors) == 2 and "broken.png" in errors[0] and "one_row.npy" in errors[1], parallel.stderr


def test_few_windows_warning_names_the_file_alone(cli, tmp_path):
    np.save(tmp_path / "small.npy", np.random.default_rng(1).normal(size=(6, 7)))
    result = cli(["image", tmp_path / "small.npy", "--dx", 3, "--dy", 2, "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "warning" in line]
    assert lines and lines[0].startswith(f"tscomplex: warning: {tmp_path / 'small.npy'}: "), lines
