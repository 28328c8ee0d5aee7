"""`tscomplex entropy` and `tscomplex fractal` through click's CliRunner, asserting on parsed records."""

import json

import numpy as np
import pytest

from tscomplex.entropy.multiscale import multiscale_entropy
from tscomplex.entropy.sample import approximate_entropy, sample_entropy
from tscomplex.fractal.dfa import dfa
from tscomplex.fractal.hurst import hurst_exponent


@pytest.fixture
def csv(tmp_path):
    rng = np.random.default_rng(0)
    noise = rng.standard_normal(3000)
    walk = np.cumsum(rng.standard_normal(3000))
    path = tmp_path / "data.csv"
    with open(path, "w") as fh:
        fh.write("noise,walk,flat\n")
        for a, b in zip(noise, walk):
            fh.write(f"{float(a)!r},{float(b)!r},1.5\n")
    return path, noise, walk


def test_entropy_records_match_the_api(cli, csv):
    path, noise, walk = csv
    result = cli(["entropy", path, "-c", "noise", "-c", "walk", "--tolerance", "0.25"])
    assert result.exit_code == 0, result.stderr
    rec = {r["series"]: r for r in result.records}
    assert rec["noise"]["sample_entropy"] == pytest.approx(sample_entropy(noise, 2, 0.25), rel=1e-12)
    assert rec["walk"]["approximate_entropy"] == pytest.approx(approximate_entropy(walk, 2, 0.25), rel=1e-12)
    assert rec["noise"]["embedding_dim"] == 2 and rec["noise"]["tolerance_sd_fraction"] == 0.25
    assert rec["noise"]["tolerance"] == pytest.approx(0.25 * np.std(noise))
    assert isinstance(rec["noise"]["template_pairs_m"], int)


def test_constant_series_is_null_with_a_warning_and_exit_0(cli, csv):
    path, _, _ = csv
    result = cli(["entropy", path, "-c", "flat"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["sample_entropy"] is None and rec["approximate_entropy"] is None
    assert "constant" in rec["sample_entropy_note"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: warning:") and "constant" in lines[0]


def test_multiscale_curves_and_plot(cli, csv, tmp_path):
    path, noise, _ = csv
    curves, figure = tmp_path / "mse.ndjson", tmp_path / "mse.png"
    result = cli(["entropy", path, "-c", "noise", "--scales", "1:5", "--method", "composite",
                  "--curves", curves, "--plot", figure])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    expected = multiscale_entropy(noise, range(1, 6), method="composite")
    assert rec["complexity_index"] == pytest.approx(expected.complexity_index, rel=1e-12)
    assert rec["multiscale_tolerance_sd_fraction"] == 0.15 and rec["scale_max"] == 5
    (curve,) = [json.loads(line) for line in curves.read_text().splitlines()]
    assert curve["scale"] == [1, 2, 3, 4, 5] and curve["entropy"] == pytest.approx(expected.entropy.tolist())
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and figure.stat().st_size > 10_000


def test_permutation_path(cli, csv):
    path, noise, _ = csv
    result = cli(["entropy", path, "-c", "noise", "--scales", "1,2", "--method", "permutation", "-d", "4"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["dim"] == 4 and 1.8 < rec["complexity_index"] <= 2.0


@pytest.mark.parametrize("args, message", [
    (["-m", "0"], "--embedding-dim"),
    (["--tolerance", "0"], "--tolerance"),
    (["--plot", "x.png"], "give --scales too"),
    (["-d", "4"], "--dim is for --method permutation"),
    (["--scales", "0:3"], "--scales"),
])
def test_entropy_bad_command_lines(cli, csv, args, message):
    path, _, _ = csv
    result = cli(["entropy", path, "-c", "noise", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:") and message in lines[0]


def test_too_short_for_the_largest_scale_fails_that_input_only(cli, csv):
    path, _, _ = csv
    result = cli(["entropy", path, "-c", "noise", "-c", "walk", "--scales", "1:200"])
    assert result.exit_code == 1
    errors = [r for r in result.records if "error" in r]
    assert len(errors) == 2 and "too short for scale 200" in errors[0]["error"]
    assert len(result.stderr.strip().splitlines()) == 2


def test_fractal_records_match_the_api(cli, csv):
    path, noise, walk = csv
    result = cli(["fractal", path, "-c", "noise", "--measure", "dfa", "--measure", "hurst", "--order", "2"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    expected = dfa(noise, order=2)
    assert rec["dfa_alpha"] == pytest.approx(expected.alpha, rel=1e-12)
    assert (rec["dfa_fit_start"], rec["dfa_fit_end"], rec["dfa_order"]) == (14, 300, 2)
    assert rec["hurst_exponent"] == pytest.approx(hurst_exponent(noise), rel=1e-12)
    assert "correlation_dimension" not in rec


@pytest.mark.slow
def test_fractal_system_with_curves_and_plot(cli, tmp_path):
    curves, figure = tmp_path / "c.ndjson", tmp_path / "f.png"
    result = cli(["fractal", "--system", "henon", "--component", "x", "-n", "20000",
                  "--curves", curves, "--plot", figure])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["correlation_dimension"] == pytest.approx(1.22, abs=0.05)
    assert (rec["embedding_dim"], rec["embedding_lag"]) == (2, 1) and rec["correlation_dimension_converged"]
    kinds = [json.loads(line)["curve"] for line in curves.read_text().splitlines()]
    assert kinds[:3] == ["dfa", "rescaled_range", "mfdfa"] and kinds.count("correlation_sum") == 3
    assert figure.stat().st_size > 10_000


def test_fractal_bad_input_is_one_line(cli, csv, tmp_path):
    path, _, _ = csv
    result = cli(["fractal", path, "-c", "flat", "--measure", "dfa"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "constant" in lines[0] and lines[0].startswith("tscomplex: error:")
    result = cli(["fractal", path, "--min-scale", "50", "--max-scale", "20"])
    assert result.exit_code == 2 and "--max-scale" in result.stderr
    result = cli(["fractal", path, "--curves", tmp_path / "missing" / "c.ndjson"])
    assert result.exit_code == 2 and "--curves" in result.stderr


def test_help_does_not_import_numba(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from tscomplex.cli import main\n"
            "for cmd in (['entropy', '--help'], ['fractal', '--help']):\n"
            "    try: main(cmd)\n"
            "    except SystemExit: pass\n"
            "print(sorted(m for m in ('numba', 'pandas', 'pyarrow', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_many_inputs_on_workers_and_resume(cli, tmp_path):
    rng = np.random.default_rng(3)
    paths = []
    for k in range(3):
        path = tmp_path / f"s{k}.txt"
        np.savetxt(path, rng.standard_normal(1500))
        paths.append(path)
    out = tmp_path / "out.ndjson"
    result = cli(["entropy", *paths[:2], "--jobs", "2", "-o", out])
    assert result.exit_code == 0, result.stderr
    result = cli(["entropy", *paths, "--jobs", "2", "-o", out, "--resume"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in paths]
    result = cli(["fractal", *paths, "--measure", "dfa", "--jobs", "2"])
    assert result.exit_code == 0 and len(result.records) == 3


def test_fractal_reports_a_crossover_in_the_record_and_the_curves(cli, tmp_path):
    rng = np.random.default_rng(5)
    x = rng.standard_normal(50_000) + np.cumsum(0.015 * rng.standard_normal(50_000))  # alpha 0.5 | 1.5
    path, curves = tmp_path / "cross.csv", tmp_path / "c.ndjson"
    np.savetxt(path, x, header="x", comments="")
    result = cli(["fractal", path, "--measure", "dfa", "--measure", "mfdfa", "--curves", curves])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    expected = dfa(x)
    assert expected.crossover is not None
    assert rec["dfa_crossover"] == pytest.approx(expected.crossover, rel=1e-12)
    assert rec["dfa_fit_regime"] == expected.fit_regime and rec["dfa_fit_reason"].startswith("crossover near n =")
    assert (rec["dfa_alpha_short"], rec["dfa_alpha_long"]) == pytest.approx((expected.alpha_short,
                                                                             expected.alpha_long), rel=1e-12)
    assert (rec["mfdfa_fit_start"], rec["mfdfa_fit_end"]) == (rec["dfa_fit_start"], rec["dfa_fit_end"])
    (curve,) = [c for c in map(json.loads, curves.read_text().splitlines()) if c["curve"] == "dfa"]
    assert curve["crossover"] == pytest.approx(expected.crossover, rel=1e-12)
