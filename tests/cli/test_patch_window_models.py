"""``tscomplex patch`` the EntroPE way with a model: --window and --tokenizer entrope with --fit-on, --fit-range,
--model and --save-model."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.patching import windowed_patches
from tscomplex.patching.fitted import fit_series_model
from tscomplex.patching.model_files import load_context_model
from tscomplex.patching.tokenizers import entrope_tokens


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(7)
    t = np.arange(6000)
    x = np.where((t // 750) % 2 == 1, rng.normal(size=6000), 2.0 + 3.0 * np.sin(2 * np.pi * t / 50))
    np.savetxt(tmp_path / "train.csv", x[:3000], header="x", comments="", fmt="%.6f")
    np.savetxt(tmp_path / "test.csv", x[3000:], header="x", comments="", fmt="%.6f")
    return tmp_path


def read(path):
    return np.loadtxt(path, skiprows=1)


def one_error(result, code, *fragments):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:"), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


EntroPE = ["--window", "96", "--tokenizer", "entrope", "--range", "q2.5:q97.5"]


def test_entrope_model_trained_on_the_training_split_applies_per_window(cli, files):
    """Train on train.csv, apply to each window of test.csv: the records equal the library's windows with a
    model fitted in the test; the range is the training data's quantiles, and the record says so."""
    result = cli(["patch", files / "test.csv", *EntroPE, "--fit-on", files / "train.csv", "--order", "2"])
    assert result.exit_code == 0, result.stderr
    summary, records = result.records[0], result.records
    model = fit_series_model(read(files / "train.csv"), tokenizer="entrope", value_range="q2.5:q97.5", window=96,
                             order=2)
    expected = windowed_patches(read(files / "test.csv"), 96, model=model, threshold="q90", min_len=8)
    patches = [r for r in records if r["record"] == "patch"]
    assert [p["start"] for p in patches] == expected["start"].tolist()
    windows = [r for r in records if r["record"] == "window"]
    np.testing.assert_allclose([w["threshold"] for w in windows], expected["threshold"], rtol=1e-12)
    train = read(files / "train.csv")
    z = (train - train.mean()) / train.std()
    assert summary["range_low"] == pytest.approx(np.quantile(z, 0.025), rel=1e-9)
    assert summary["range_data"].endswith("train.csv [x]") and summary["model_trained_on"].endswith("train.csv [x]")
    assert (summary["tokenizer"], summary["vocab_size"], summary["range_rule"]) == \
        ("entrope", 256, "quantiles q2.5:q97.5")
    assert "bins" not in summary and summary["model_scored_steps"] == 31 * (96 - 2)


def test_saved_entrope_window_model_loads_to_identical_records(cli, files):
    saved = files / "model.npz"
    fitted = cli(["patch", files / "test.csv", *EntroPE, "--fit-on", files / "train.csv", "--save-model", saved,
                  "--context-model", "variable", "--order", "3"])
    loaded = cli(["patch", files / "test.csv", "--window", "96", "--model", saved])
    assert fitted.exit_code == loaded.exit_code == 0, loaded.stderr
    a, b = fitted.records, loaded.records
    assert b[0].pop("model_trained_on").startswith(str(saved)) and a[0].pop("model_trained_on")
    assert a == b
    header = load_context_model(saved).header["tokenizer"]
    assert (header["name"], header["vocab_size"], header["window"], header["range_rule"]) == \
        ("entrope", 256, 96, "quantiles q2.5:q97.5")


@pytest.mark.parametrize("args,fragments", [
    (["--window", "48"], ["window 96 (asked: 48)"]),
    ([], ["window 96 (asked: none, the whole series)"]),
    (["--window", "96", "--tokenizer", "entrope", "--range", "3"], ["range_low", "(asked: -3.0)"]),
    (["--window", "96", "--tokenizer", "entrope", "--range", "q5:q95"], ["range_rule", "q5:q95"]),
    (["--window", "96", "--tokenizer", "entrope", "--vocab-size", "128"], ["vocab_size 256 (asked: 128)"]),
    (["--window", "96", "--tokenizer", "value"], ["tokenizer 'entrope' (asked: 'value')"]),
])
def test_an_entrope_model_refuses_other_tokenizer_settings(cli, files, args, fragments):
    saved = files / "model.npz"
    assert cli(["patch", files / "test.csv", *EntroPE, "--fit-on", files / "train.csv", "--save-model", saved,
                "--summary"]).exit_code == 0
    one_error(cli(["patch", files / "test.csv", "--model", saved, *args]), 2, f"model file {saved}", *fragments)


def test_fit_range_with_windows_scores_the_windows_outside_it(cli, files):
    result = cli(["patch", files / "test.csv", "--window", "96", "--fit-range", "0:1500", "--summary"])
    assert result.exit_code == 0, result.stderr
    summary = result.records[0]
    first_outside = -(-1500 // 96)  # windows starting at or after sample 1500
    assert summary["model_scored_steps"] == (31 - first_outside) * (96 - 2)
    assert summary["model_trained_on"] == "samples 0:1500 of this series"
    assert summary["model_training_samples"] == 15 * 96


def test_whole_series_entrope_model_takes_quantiles_from_the_training_data(cli, files):
    result = cli(["patch", files / "test.csv", "--tokenizer", "entrope", "--range", "q2.5:q97.5", "--fit-on",
                  files / "train.csv", "--summary"])
    assert result.exit_code == 0, result.stderr
    summary = result.records[0]
    train, test = read(files / "train.csv"), read(files / "test.csv")
    z = (train - train.mean()) / train.std()
    assert summary["range_high"] == pytest.approx(np.quantile(z, 0.975), rel=1e-9)
    fitted = fit_series_model(train, tokenizer="entrope", value_range="q2.5:q97.5")
    h = fitted.entropy(entrope_tokens(test, 256, summary["range_low"], summary["range_high"]))
    assert summary["entropy_rate"] == pytest.approx(h[2:].mean(), rel=1e-12)


def test_a_window_shorter_than_the_model_order_is_one_line(cli, files):
    one_error(cli(["patch", files / "test.csv", "--window", "4", "--fit-on", files / "train.csv", "--order", "6"]),
              2, "--window", "too short for order 6")
    saved = files / "model.npz"
    assert cli(["patch", files / "test.csv", "--window", "96", "--fit-on", files / "train.csv", "--order", "6",
                "--save-model", saved, "--summary"]).exit_code == 0
    one_error(cli(["patch", files / "test.csv", "--window", "5", "--model", saved]), 2, "window 96 (asked: 5)")


def test_plot_with_windows_draws_each_series_with_its_window_thresholds(cli, files):
    """--plot with --window: several series, a model per window; a real PNG, and the plotted data are the
    records' (the helper that picks each sample's window is checked on overlapping windows)."""
    from tscomplex.plots.patching import window_display

    x = read(files / "test.csv")
    two = files / "two.csv"
    np.savetxt(two, np.column_stack([x, x[::-1]]), header="a,b", comments="", delimiter=",", fmt="%.6f")
    figure = files / "windows.png"
    result = cli(["patch", two, "--window", "96", "--fit-range", "0:1500", "--plot", figure, "--summary"])
    assert result.exit_code == 0, result.stderr
    assert figure.stat().st_size > 20_000 and figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [r["series"] for r in result.records] == ["a", "b"]
    assert window_display(10, [0, 3, 6], 4).tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
    assert window_display(10, [0, 5], 3).tolist() == [0, 0, 0, -1, -1, 1, 1, 1, -1, -1]
