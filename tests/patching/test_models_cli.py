"""``tscomplex patch`` with fitted context models: --fit-on, --fit-range, --model, --save-model, --context-model."""

from __future__ import annotations

import io
import json
import pickle

import numpy as np
import pytest

from tscomplex.patching.models import fit_context_model

MODEL_KEYS = ("context_model", "model_trained_on", "model_training_samples", "model_contexts", "model_cross_entropy",
              "model_scored_steps", "model_known_context_fraction")


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(11)
    t = np.arange(1500)
    x = np.where((t >= 500) & (t < 1000), rng.normal(size=1500), np.sin(2 * np.pi * t / 50))
    np.savetxt(tmp_path / "switch.csv", x, header="x", comments="", fmt="%.6f")
    np.savetxt(tmp_path / "copy.csv", x, header="x", comments="", fmt="%.6f")
    np.savetxt(tmp_path / "train.csv", np.sin(2 * np.pi * np.arange(4000) / 50), header="x", comments="",
               fmt="%.6f")
    two = np.column_stack([np.sin(np.arange(2000) / 5), rng.normal(size=2000)])
    np.savetxt(tmp_path / "two.csv", two, header="a,b", comments="", delimiter=",", fmt="%.6f")
    np.savetxt(tmp_path / "two_train.csv", two[::-1], header="a,b", comments="", delimiter=",", fmt="%.6f")
    return tmp_path


def same_records(a, b):
    """Equal keys and values, floats to 1e-12 (two exact implementations differ in the last digits)."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x.keys() == y.keys()
        for key in x:
            if isinstance(x[key], float):
                assert y[key] == pytest.approx(x[key], rel=1e-12, abs=1e-12), key
            else:
                assert x[key] == y[key], key


def one_error(result, code=2):
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_fit_on_a_copy_gives_the_fit_mode_records(cli, files):
    args = [files / "switch.csv", "--order", "3", "--threshold", "q85"]
    fit = cli(["patch", *args, "--mode", "fit"])
    frozen = cli(["patch", *args, "--fit-on", files / "copy.csv"])
    assert fit.exit_code == frozen.exit_code == 0, frozen.stderr
    a, b = fit.records, frozen.records
    same_records(a[1:], b[1:])  # every patch, with its mean and max entropy
    same_records([a[0]], [{key: value for key, value in b[0].items() if key not in MODEL_KEYS}])
    assert b[0]["model_trained_on"].endswith("copy.csv [x]") and b[0]["model_training_samples"] == 1500
    assert b[0]["model_cross_entropy"] > 0 and b[0]["model_scored_steps"] == 1500 - 3


def test_saved_model_loads_to_identical_output(cli, files):
    model = files / "sine.npz"
    args = ["--order", "4", "--context-model", "variable", "--threshold", "q80"]
    fitted = cli(["patch", files / "switch.csv", *args, "--fit-on", files / "train.csv", "--save-model", model])
    assert fitted.exit_code == 0, fitted.stderr
    loaded = cli(["patch", files / "switch.csv", "--model", model, "--threshold", "q80"])
    assert loaded.exit_code == 0, loaded.stderr
    assert fitted.records[1:] == loaded.records[1:]
    first, second = fitted.records[0], loaded.records[0]
    assert second.pop("model_trained_on") == f"{model}: {first.pop('model_trained_on')}"
    assert first == second  # the settings come from the file: order 4, variable
    assert second["order"] == 4 and second["context_model"] == "variable"
    # the same settings given again are accepted; other ones are refused
    assert cli(["patch", files / "switch.csv", "--model", model, "--order", "4", "--summary"]).exit_code == 0
    line = one_error(cli(["patch", files / "switch.csv", "--model", model, "--bins", "16"]))
    assert "other settings: bins 8 (asked: 16)" in line


def test_a_model_trained_on_the_sine_cuts_only_the_noise(cli, files):
    result = cli(["patch", files / "switch.csv", "--fit-on", files / "train.csv", "--order", "4",
                  "--context-model", "variable", "--threshold", "q90"])
    starts = np.array([r["start"] for r in result.records[1:]])
    inside = ((starts >= 500) & (starts < 1010)).sum()
    assert inside >= 0.9 * (starts.size - 1)


def test_fit_range_scores_the_held_out_samples(cli, files):
    result = cli(["patch", files / "switch.csv", "--fit-range", "0:500", "--summary"])
    assert result.exit_code == 0, result.stderr
    (summary,) = result.records
    assert summary["model_trained_on"] == "samples 0:500 of this series"
    assert summary["model_training_samples"] == 500 and summary["model_scored_steps"] == 1000
    assert summary["mode"] == "fit"


def test_training_file_with_several_series_trains_each_by_name(cli, files):
    result = cli(["patch", files / "two.csv", "--fit-on", files / "two_train.csv", "--summary"])
    assert result.exit_code == 0, result.stderr
    trained = {r["series"]: r["model_trained_on"] for r in result.records}
    assert trained == {"a": f"{files / 'two_train.csv'} [a]", "b": f"{files / 'two_train.csv'} [b]"}
    # a one-series training file serves whichever column -c picks
    result = cli(["patch", files / "two.csv", "-c", "b", "--fit-on", files / "train.csv", "--summary"])
    assert result.exit_code == 0 and result.records[0]["model_trained_on"].endswith("train.csv [x]")


def test_large_alphabet_high_order_needs_no_dense_table(cli, files):
    result = cli(["patch", files / "switch.csv", "--context-model", "variable", "--order", "8", "--bins", "256",
                  "--summary"])
    assert result.exit_code == 0, result.stderr
    assert result.records[0]["model_contexts"] > 1000


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _pickled_npz() -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, header=np.array([{"a": 1}], dtype=object))
    return buffer.getvalue()


def _other_version(files) -> bytes:
    from tscomplex.patching.model_files import model_bytes

    model = fit_context_model([0, 1, 2] * 20, 8, 2)
    model.header["version"] = 7
    return model_bytes(model)


@pytest.mark.parametrize("content,fragment", [
    (lambda f: b"not a model", "not a tscomplex model file"),
    (lambda f: _pickled_npz(), "pickled Python objects, which tscomplex never loads"),
    (lambda f: pickle.dumps({"a": 1}), "not a tscomplex model file"),
    (_other_version, "version 7; this tscomplex reads version 1"),
])
def test_bad_model_files_are_one_line(cli, files, content, fragment):
    path = _write(files / "bad.npz", content(files))
    line = one_error(cli(["patch", files / "switch.csv", "--model", path]))
    assert fragment in line


@pytest.mark.parametrize("args,fragment", [
    (["--model", "absent.npz"], "cannot read it"),
    (["--fit-on", "train.csv", "--mode", "causal"], "--mode causal cannot be used"),
    (["--fit-on", "train.csv", "--model", "x.npz"], "not both"),
    (["--save-model", "m.npz"], "--save-model saves the model fitted with --fit-on"),
    (["--fit-on", "train.csv", "--estimator", "ordinal"], "need --estimator value"),
    (["--fit-range", "5:2"], "--fit-range"),
    (["--fit-range", "0:9999"], "ends after"),
    (["--context-model", "variable", "--order", "9"], "--order must be between 0 and 8"),
    (["--context-model", "variable", "--bins", "300"], "--bins must be between 2 and 256"),
    (["--fit-on", "absent.csv"], "--fit-on absent.csv"),
    (["--fit-on", "two_train.csv", "--save-model", "m.npz"], "pick one with -c"),
    (["--fit-on", "train.csv", "--chunk-size", "100"], "--chunk-size"),
])
def test_wrong_combinations_are_usage_errors(cli, files, monkeypatch, args, fragment):
    monkeypatch.chdir(files)
    result = cli(["patch", "switch.csv", *args])
    if fragment == "ends after":  # a range past one series' end fails that series (exit 1), not the command
        assert result.exit_code == 1 and fragment in result.stderr
        return
    assert fragment in one_error(result)


def test_save_model_writes_nothing_when_the_fit_fails(cli, files, monkeypatch):
    monkeypatch.chdir(files)
    np.savetxt(files / "short.csv", [1.0, 2.0], header="x", comments="")
    one_error(cli(["patch", "switch.csv", "--fit-on", "short.csv", "--order", "4", "--save-model", "m.npz"]))
    assert not (files / "m.npz").exists()


def test_saved_model_is_plain_npz_with_a_json_header(cli, files):
    model = files / "m.npz"
    assert cli(["patch", files / "switch.csv", "--fit-on", files / "train.csv", "--save-model", model,
                "--summary"]).exit_code == 0
    with np.load(model, allow_pickle=False) as npz:
        header = json.loads(npz["header"].tobytes())
    assert header["tokenizer"] == {"name": "value", "bins": 8, "value_range": 3.0, "center": True}
    assert (header["order"], header["alpha"], header["context_model"]) == (2, 0.5, "fixed")


def test_models_travel_to_worker_processes_and_into_the_figure(cli, files):
    """--jobs sends the fitted models to worker processes; --plot draws with the model's trace."""
    serial = cli(["patch", files / "two.csv", "--fit-on", files / "two_train.csv", "--summary", "--jobs", "1"])
    parallel = cli(["patch", files / "two.csv", "--fit-on", files / "two_train.csv", "--summary", "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 0, parallel.stderr
    assert serial.records == parallel.records
    figure = files / "model.png"
    drawn = cli(["patch", files / "switch.csv", "--fit-on", files / "train.csv", "--order", "4", "--plot", figure,
                 "--summary"])
    assert drawn.exit_code == 0, drawn.stderr
    assert figure.stat().st_size > 10_000 and figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert drawn.records[0]["model_trained_on"].endswith("train.csv [x]")


def test_a_given_entropy_trace_and_a_context_model_are_refused_together(cli, files):
    """--entropy FILE is a trace computed elsewhere; a model would compute another: one line, exit 2. (--window
    and --tokenizer entrope work with models now: tests/cli/test_patch_window_models.py.)"""
    trace = files / "trace.txt"
    np.savetxt(trace, np.ones(1500))
    result = cli(["patch", files / "switch.csv", "--fit-on", files / "train.csv", "--entropy", trace])
    assert result.exit_code == 2
    assert "context model" in one_error(result)
