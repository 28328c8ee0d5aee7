"""Hostile inputs, every command (second round): found by running each command on odd data and odd options.

Each test was written to fail before its fix. The commands run as subprocesses
(``python -m tscomplex``) through the helpers of :mod:`test_bad_input`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from test_bad_input import Result, assert_one_error, tsc

X = np.random.default_rng(23).standard_normal(400)


def assert_clean_stderr(result: Result) -> None:
    """No traceback, a documented exit status, and nothing on stderr but tscomplex's own lines."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)
    for line in result.stderr.splitlines():
        assert line.startswith("tscomplex: "), result.stderr


# --------------------------------------------------------------------------- one sample is too short, not constant


@pytest.mark.parametrize("command", ["analyze", "lyapunov", "embed", "zero-one", "entropy", "patch"])
def test_a_one_sample_series_is_too_short_not_constant(tmp_path, command):
    # one value equals itself, so it passed for a constant series: exit 0 with null measures and a
    # "constant series" warning (analyze: that warning and then the error), while two samples were an error
    (tmp_path / "one.csv").write_text("a\n1.5\n")
    result = tsc(command, "one.csv", cwd=tmp_path)
    assert_clean_stderr(result)
    line = assert_one_error(result, 1, "one.csv")
    assert "constant" not in result.stderr and ("short" in line or "needed" in line), result.stderr


# --------------------------------------------------------------------------- option values


@pytest.mark.parametrize("args", [
    ("simulate", "lorenz", "-n", "10", "--seed", "-1"),
    ("dataset", "-o", "bench", "--system", "logistic", "-n", "10", "--seed", "-1"),
])
def test_a_negative_seed_is_a_usage_error_naming_the_option(tmp_path, args):
    # simulate said only numpy's "expected non-negative integer"; dataset failed each system (exit 1)
    assert_one_error(tsc(*args, cwd=tmp_path), 2, "--seed", "x>=0")
    assert not (tmp_path / "bench").exists()


@pytest.mark.parametrize("command", ["simulate", "dataset", "lyapunov"])
def test_help_never_shows_an_empty_range(tmp_path, command):
    # a plain int or float option showed '[x<=None]' after the CLI bounded it
    result = tsc(command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and "None]" not in result.stdout, result.stdout


# --------------------------------------------------------------------------- --columns


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_a_columns_name_no_record_has_is_a_warning(tmp_path, fmt):
    # a typo in --columns gave records with nothing in them ({} per series, or blank CSV lines), exit 0, silently
    np.savetxt(tmp_path / "a.csv", X)
    result = tsc("analyze", "a.csv", "--columns", "permutation_entropy,entropy", "-f", fmt, cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: warning: --columns entropy: no record has this key")
    assert "permutation_entropy" in lines[0]  # the keys it could have meant
    assert "permutation_entropy" in result.stdout  # the known column is still written


def test_columns_of_a_batch_whose_inputs_all_failed_warn_of_nothing(tmp_path):
    (tmp_path / "bad.csv").write_text("a\nfoo\nbar\n")
    result = tsc("analyze", "bad.csv", "--columns", "permutation_entropy", cwd=tmp_path)
    assert_one_error(result, 1, "no numeric column")
    assert "warning" not in result.stderr


# --------------------------------------------------------------------------- extreme magnitudes

#: exact powers of two: scaling by them changes no digit, so every amplitude-free measure must come out the same
SCALES = {"huge": 2.0 ** 1000, "large": 2.0 ** 600, "tiny": 2.0 ** -1000, "subnormal": 2.0 ** -1040}


def _scaled(tmp_path: Path, factor: float, x=X) -> str:
    np.savetxt(tmp_path / "x.csv", x * factor, fmt="%.17g", header="x", comments="")
    return "x.csv"


@pytest.mark.parametrize("scale", [*sorted(SCALES), "largest"])
def test_sample_entropy_does_not_depend_on_the_amplitude(tmp_path, scale):
    # the SD behind r overflowed (r = inf: every pair matched, SampEn 0.0 at exit 0) or underflowed
    # (r = 0: "the series is constant"), for data near 1e180 or 1e-301 as for 1e308 and the subnormals;
    # at the largest doubles the differences of templates overflowed too
    factor = {**SCALES, "largest": 2.0 ** 1022}[scale]
    ref = tsc("entropy", _scaled(tmp_path, 1.0), "--scales", "1:3", cwd=tmp_path).records[0]
    result = tsc("entropy", _scaled(tmp_path, factor), *(("--scales", "1:3") if scale != "largest" else ()),
                 cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    got = result.records[0]
    for key in ("sample_entropy", "approximate_entropy", "complexity_index", "template_pairs_m", "template_pairs_m1"):
        if key in got:
            assert got[key] == pytest.approx(ref[key], rel=1e-9), key
    # the tolerance is in the data's units
    assert got["tolerance"] == pytest.approx(ref["tolerance"] * factor, rel=1e-6)


def _logistic(n=2000):
    x = np.empty(n)
    x[0] = 0.1
    for i in range(n - 1):
        x[i + 1] = 4.0 * x[i] * (1.0 - x[i])
    return x


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_zero_one_k_does_not_depend_on_the_amplitude(tmp_path, scale):
    # the power spectrum behind the displacement overflowed (K null, numpy's RuntimeWarnings on stderr) or
    # underflowed ("no frequency gave a correlation"): the logistic map at r = 4 is chaotic at any amplitude
    x = _logistic()
    ref = tsc("zero-one", _scaled(tmp_path, 1.0, x), cwd=tmp_path).records[0]
    result = tsc("zero-one", _scaled(tmp_path, SCALES[scale], x), cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    got = result.records[0]
    assert ref["zero_one_k"] > 0.9 and got["zero_one_chaotic"] is True
    assert got["zero_one_k"] == pytest.approx(ref["zero_one_k"], abs=1e-6)


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_the_embedding_choice_does_not_depend_on_the_amplitude(tmp_path, scale):
    # the ACF and the spectrum behind the lag overflowed or underflowed: exit 1 with Python's "cannot convert
    # float NaN to integer" or "division by zero" after numpy's RuntimeWarnings
    x = np.sin(0.07 * np.arange(3000)) + 0.3 * np.random.default_rng(5).standard_normal(3000)
    ref = tsc("embed", _scaled(tmp_path, 1.0, x), "--curves", "ref.ndjson", cwd=tmp_path)
    result = tsc("embed", _scaled(tmp_path, SCALES[scale], x), "--curves", "got.ndjson", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    keys = ("embedding_dim", "embedding_lag", "embedding_vectors", "theiler", "embedding_lag_rule", "embedding_dim_rule")
    assert {k: result.records[0][k] for k in keys} == {k: ref.records[0][k] for k in keys}
    curves = [Path(tmp_path, name).read_text().splitlines() for name in ("ref.ndjson", "got.ndjson")]
    assert len(curves[0]) == len(curves[1]) > 10
    for a, b in zip(*curves):
        a, b = json.loads(a), json.loads(b)
        assert a["curve"] == b["curve"] and a["chosen"] == b["chosen"]
        assert (a["value"] is None and b["value"] is None) or b["value"] == pytest.approx(a["value"], rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_fractal_exponents_do_not_depend_on_the_amplitude(tmp_path, scale):
    # DFA's squared residuals overflowed or vanished: exit 1 "fewer than two scales with F(n) > 0", Hurst
    # "fewer than two scales have a defined rescaled range", MFDFA "some segments have zero variance"
    args = ("--measure", "dfa", "--measure", "hurst", "--measure", "mfdfa")
    ref = tsc("fractal", _scaled(tmp_path, 1.0), *args, cwd=tmp_path).records[0]
    result = tsc("fractal", _scaled(tmp_path, SCALES[scale]), *args, cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    got = result.records[0]
    for key in ("dfa_alpha", "dfa_fit_r2", "hurst_exponent", "hurst_exponent_uncorrected", "mfdfa_width", "mfdfa_h2"):
        assert got[key] == pytest.approx(ref[key], abs=1e-6), key
    for key in ("dfa_fit_start", "dfa_fit_end", "hurst_fit_start", "hurst_fit_end", "mfdfa_fit_start", "mfdfa_fit_end"):
        assert got[key] == ref[key], key


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_score_at_extreme_amplitudes(tmp_path, scale):
    # values near 1e308 made the histogram edges NaN: exit 2 with numpy's "`bins` must increase monotonically"
    # after RuntimeWarnings; near 1e180 the error scale and RMSE overflowed to null
    forecast = 0.9 * X + 0.1 * np.roll(X, 1)
    for name, factor in (("ref", 1.0), ("got", SCALES[scale])):
        np.savetxt(tmp_path / f"{name}_truth.csv", X * factor, fmt="%.17g", header="x", comments="")
        np.savetxt(tmp_path / f"{name}_forecast.csv", forecast * factor, fmt="%.17g", header="x", comments="")
    ref = tsc("score", "--truth", "ref_truth.csv", "--forecast", "ref_forecast.csv", cwd=tmp_path).records[0]
    result = tsc("score", "--truth", "got_truth.csv", "--forecast", "got_forecast.csv", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    got = result.records[0]
    for key in ("smape", "mase", "correlation", "attractor_kl_divergence", "valid_prediction_steps"):
        assert got[key] == pytest.approx(ref[key], rel=1e-6), key
    for key in ("rmse", "error_scale", "attractor_wasserstein"):  # in the data's units
        assert got[key] == pytest.approx(ref[key] * SCALES[scale], rel=1e-6), key
    # the plain formula, at ordinary amplitude
    assert ref["rmse"] == pytest.approx(float(np.sqrt(np.mean((X - forecast) ** 2))), rel=1e-12)


def test_score_at_the_largest_doubles(tmp_path):
    x = X / np.abs(X).max() * 1.7e308
    np.savetxt(tmp_path / "t.csv", x, fmt="%.17g", header="x", comments="")
    result = tsc("score", "--truth", "t.csv", "--forecast", "t.csv", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    record = result.records[0]
    assert record["rmse"] == 0.0 and record["attractor_kl_divergence"] == 0.0 and record["smape"] == 0.0


def test_score_with_an_error_beyond_the_largest_double(tmp_path):
    """Truth and forecast at +-1.7e308 in opposite phase: the RMSE (3.4e308) is beyond the doubles, so it is
    infinite (null in JSON), not an internal error."""
    x = np.tile([1.7e308, -1.7e308], 50)
    np.savetxt(tmp_path / "t.csv", x, fmt="%.17g", header="x", comments="")
    np.savetxt(tmp_path / "f.csv", -x, fmt="%.17g", header="x", comments="")
    result = tsc("score", "--truth", "t.csv", "--forecast", "f.csv", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0, result.stderr
    record = result.records[0]
    assert record["rmse"] is None and record["smape"] == pytest.approx(200.0)


# --------------------------------------------------------------------------- surrogates of subnormal data (fixed in surrogates/)


@pytest.mark.parametrize("command", [("surrogates", "-o", "out/", "--count", "2"), ("analyze", "--surrogates", "5")])
def test_iaaft_surrogates_of_subnormal_data_do_not_crash(tmp_path, command):
    (tmp_path / "out").mkdir()
    np.savetxt(tmp_path / "x.csv", X * 2.0 ** -1065, fmt="%.17g", header="x", comments="")
    result = tsc(command[0], "x.csv", *command[1:], "--seed", "1", cwd=tmp_path)
    assert_clean_stderr(result)


# --------------------------------------------------------------------------- sweep --t-nat beyond the series


@pytest.mark.parametrize("fmt", ["ndjson", "parquet"])
def test_a_t_nat_far_beyond_the_series_has_no_ideal_tau(tmp_path, fmt):
    # t_nat = 1e300 gave an ideal tau of 10**299 samples: exit 1 "internal error (TypeError: ufunc 'isfinite' not
    # supported ...)", and with the sweep at it refused, a Parquet column that cannot hold it (OverflowError)
    np.savetxt(tmp_path / "x.csv", X)
    result = tsc("sweep", "x.csv", "--t-nat", "1e300", "--summary", "-f", fmt, "-o", f"out.{fmt}", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0, result.stderr
    assert "no ideal tau" in result.stderr and "internal error" not in result.stderr
    if fmt == "ndjson":
        record = json.loads((tmp_path / "out.ndjson").read_text())
    else:
        import pandas as pd

        record = pd.read_parquet(tmp_path / "out.parquet").iloc[0].to_dict()
    assert record["t_nat"] == 1e300
    assert record["ideal_tau"] is None or record["ideal_tau"] != record["ideal_tau"]  # null (NaN through pandas)


# --------------------------------------------------------------------------- system options given with files


@pytest.mark.parametrize("args, flag", [(("--param", "r=3"), "--param"), (("--component", "x"), "--component")])
def test_system_options_with_files_are_a_usage_error(tmp_path, args, flag):
    # they were ignored without a word: the records looked like those of the parameter or component asked for
    np.savetxt(tmp_path / "x.csv", X)
    assert_one_error(tsc("analyze", "x.csv", *args, cwd=tmp_path), 2, flag, "--system only")


# --------------------------------------------------------------------------- no empty output file


def test_a_table_file_of_inputs_that_all_failed_is_not_written(tmp_path):
    # a table holds no error rows, so -o out.txt was created empty (0 bytes) next to exit 1
    (tmp_path / "empty.csv").write_text("")
    assert_one_error(tsc("analyze", "empty.csv", "-o", "out.txt", cwd=tmp_path), 1, "file is empty")
    assert not (tmp_path / "out.txt").exists()
    np.savetxt(tmp_path / "x.csv", X)  # one good input: the table is written, without the failed one
    result = tsc("analyze", "x.csv", "empty.csv", "-o", "out.txt", cwd=tmp_path)
    assert result.returncode == 1 and "x.csv" in (tmp_path / "out.txt").read_text()


# --------------------------------------------------------------------------- a delimiter ending every line


@pytest.mark.parametrize("header", [True, False])
@pytest.mark.parametrize("rows, sep", [(400, ","), (400, "\t"), (70_000, ",")])  # 70 000 rows: over 1 MiB, pyarrow
def test_a_delimiter_ending_every_line_starts_no_column(tmp_path, header, rows, sep):
    # spreadsheets write "1.5,2.5," : the empty last field was a column of blanks, and the whole file failed
    # ("column 'column_2' has 400 NaN ... values"); without a header the first row was taken for one, so a
    # sample was lost and the columns were named after its values
    x = np.random.default_rng(7).standard_normal((rows, 2))
    lines = ([f"a{sep}b{sep}"] if header else []) + [f"{u:.17g}{sep}{v:.17g}{sep}" for u, v in x]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n")
    result = tsc("analyze", "t.csv", "--columns", "series,n,permutation_entropy", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert [r["series"] for r in result.records] == (["a", "b"] if header else ["0", "1"])
    assert all(r["n"] == rows for r in result.records)
    np.savetxt(tmp_path / "plain.csv", x, delimiter=",")  # the same numbers without the trailing delimiter
    plain = tsc("analyze", "plain.csv", "--columns", "permutation_entropy", cwd=tmp_path).records
    assert [r["permutation_entropy"] for r in result.records] == [r["permutation_entropy"] for r in plain]


def test_a_named_column_of_blanks_still_fails(tmp_path):
    (tmp_path / "t.csv").write_text("a,b,c\n" + "\n".join(f"{v:.17g},{v:.17g}," for v in X) + "\n")
    assert_one_error(tsc("analyze", "t.csv", cwd=tmp_path), 1, "column 'c'")


# --------------------------------------------------------------------------- text encodings


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom"])
def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path, encoding):
    # spreadsheets' "Unicode text" export: UTF-16 with a BOM, tab-separated; it was "not a text file (binary content)"
    text = "temp\u00e9rature\tb\n" + "\n".join(f"{v:.17g}\t{2 * v:.17g}" for v in X) + "\n"
    data = text.encode("utf-16") if encoding == "utf-16" else ("\ufeff" + text).encode("utf-16-be")
    (tmp_path / "u.txt").write_bytes(data)
    np.savetxt(tmp_path / "plain.csv", X)
    result = tsc("analyze", "u.txt", "--columns", "series,n,permutation_entropy", cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert [r["series"] for r in result.records] == ["temp\u00e9rature", "b"]
    plain = tsc("analyze", "plain.csv", cwd=tmp_path).records[0]
    assert result.records[0]["n"] == X.size
    assert result.records[0]["permutation_entropy"] == plain["permutation_entropy"]


def test_latin1_text_says_what_it_is_and_how_to_convert_it(tmp_path):
    # it said "not a text file (not valid UTF-8)": a CSV with an accented header is text, in another encoding
    (tmp_path / "l.csv").write_bytes(("temp\u00e9rature\n" + "\n".join(map(str, X))).encode("latin-1"))
    assert_one_error(tsc("analyze", "l.csv", cwd=tmp_path), 1, "not UTF-8", "0xE9", "line 1", "iconv")


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_columns_keep_the_name_of_an_input_that_failed(tmp_path, fmt):
    # with --columns permutation_entropy a failure was {"error": "no numeric column found"}: which of the inputs?
    np.savetxt(tmp_path / "good.csv", X)
    (tmp_path / "bad.csv").write_text("a\nfoo\nbar\n")
    result = tsc("analyze", "good.csv", "bad.csv", "--columns", "permutation_entropy", "-f", fmt, cwd=tmp_path)
    assert_one_error(result, 1, "bad.csv")
    if fmt == "ndjson":
        good, bad = result.records
        assert set(good) == {"permutation_entropy"}  # a record that did not fail keeps only what was asked
        assert bad == {"source": "bad.csv", "series": None, "error": "no numeric column found"}
    else:
        lines = result.stdout.splitlines()
        assert lines[0] == "permutation_entropy,source,error"
        assert lines[2] == ",bad.csv,no numeric column found" and lines[1].endswith(",,")


@pytest.mark.parametrize("factor", [2.0 ** 1000, 2.0 ** -1000, 1.7e308])
def test_the_correlation_dimension_does_not_depend_on_the_amplitude(tmp_path, factor):
    # distances overflowed: exit 1 after numpy's RuntimeWarnings; from -1.7e308 to 1.7e308 even the extent did,
    # and scipy said "Encountering floating point overflow. The value of p too large"; the radii of the fit are in
    # the data's units
    x = 2.0 * _logistic() - 1.0
    args = ("--measure", "correlation")
    ref = tsc("fractal", _scaled(tmp_path, 1.0, x), *args, cwd=tmp_path).records[0]
    result = tsc("fractal", _scaled(tmp_path, factor, x), *args, cwd=tmp_path)
    assert_clean_stderr(result)
    assert result.returncode == 0, result.stderr
    got = result.records[0]
    assert ref["correlation_dimension"] == pytest.approx(0.9, abs=0.1)  # the logistic map at r = 4: about 1
    assert got["correlation_dimension"] == pytest.approx(ref["correlation_dimension"], abs=1e-6)
    assert got["correlation_dimension_fit_start"] == pytest.approx(ref["correlation_dimension_fit_start"] * factor,
                                                                   rel=1e-6)
