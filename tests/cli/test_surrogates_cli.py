"""`tscomplex surrogates` and `--surrogates N` on analyze, lyapunov and sweep, driven through the CLI."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.surrogates import surrogates

MEASURES = ("permutation_entropy", "statistical_complexity", "fisher_information", "missing_patterns")


def logistic(n=1500, x0=0.1):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = 4 * x[i] * (1 - x[i])
    return x


def ar1(n=1500, phi=0.9, seed=0):
    rng = np.random.default_rng(seed)
    e = rng.standard_normal(n)
    x = np.empty(n)
    x[0] = e[0]
    for i in range(1, n):
        x[i] = phi * x[i - 1] + e[i]
    return x


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "data.csv"
    x, y = logistic(), ar1()
    path.write_text("chaos,linear\n" + "\n".join(f"{a:.17g},{b:.17g}" for a, b in zip(x, y)) + "\n")
    return path, x, y


def test_surrogates_command_writes_what_the_api_makes(cli, data, tmp_path):
    path, x, _ = data
    out = tmp_path / "s.npy"
    r = cli(["surrogates", path, "-c", "chaos", "--count", 7, "--method", "iaaft", "--seed", 3, "-o", out])
    assert r.exit_code == 0, r.stderr
    saved = np.load(out)
    assert saved.shape == (x.size, 7)  # a column per surrogate: tscomplex reads each column as a series
    np.testing.assert_array_equal(saved, surrogates(x, 7, "iaaft", seed=3).T)
    (record,) = r.records
    assert record["surrogate_count"] == 7 and record["surrogate_seed"] == 3 and record["surrogate_method"] == "iaaft"
    assert record["spectral_mismatch_max"] > 0 and record["amplitude_mismatch_max"] == 0.0
    assert 1 <= record["iterations_max"] <= 200


def test_jobs_do_not_change_the_surrogates(cli, data, tmp_path):
    path, x, _ = data
    one, two = tmp_path / "one.npy", tmp_path / "two.npy"
    for target, jobs in ((one, 1), (two, 2)):
        r = cli(["surrogates", path, "-c", "chaos", "--count", 6, "--method", "aaft", "--seed", 4, "-o", target,
                 "--jobs", jobs])
        assert r.exit_code == 0, r.stderr
    np.testing.assert_array_equal(np.load(one), np.load(two))


def test_table_npz_and_folder_outputs(cli, data, tmp_path):
    path, x, y = data
    csv = tmp_path / "s.csv"
    r = cli(["surrogates", path, "-c", "chaos", "--count", 3, "--method", "shuffle", "--seed", 1, "-o", csv])
    assert r.exit_code == 0, r.stderr
    header, *rows = csv.read_text().splitlines()
    assert header == "surrogate_1,surrogate_2,surrogate_3" and len(rows) == x.size
    table = np.array([[float(v) for v in row.split(",")] for row in rows])
    np.testing.assert_array_equal(np.sort(table, axis=0), np.sort(np.column_stack([x] * 3), axis=0))
    npz = tmp_path / "s.npz"
    r = cli(["surrogates", path, "--count", 2, "--method", "ft", "--seed", 1, "-o", npz])
    assert r.exit_code == 0, r.stderr
    with np.load(npz) as z:
        assert sorted(z.files) == ["chaos", "linear"]
        np.testing.assert_allclose(z["linear"], surrogates(y, 2, "ft", seed=1).T)
    folder = tmp_path / "many"
    folder.mkdir()
    r = cli(["surrogates", path, "--count", 2, "--method", "cyclic-shift", "--seed", 1, "-o", folder])
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["data_chaos.npy", "data_linear.npy"]


def test_multivariate_takes_all_columns_of_an_input(cli, data, tmp_path):
    path, x, y = data
    out = tmp_path / "mv.npy"
    r = cli(["surrogates", path, "--count", 2, "--method", "multivariate", "--seed", 5, "-o", out])
    assert r.exit_code == 0, r.stderr
    saved = np.load(out)
    assert saved.shape == (2, x.size, 2)
    np.testing.assert_allclose(saved, surrogates(np.column_stack([x, y]), 2, "multivariate", seed=5))


@pytest.mark.parametrize("args, code, text", [
    (["--count", 0], 2, "--count"),
    (["--method", "wavelet"], 2, "--method"),
    (["--method", "multivariate", "-c", "chaos"], 1, "at least two columns"),
])
def test_bad_requests_are_one_line(cli, data, tmp_path, args, code, text):
    path, _, _ = data
    r = cli(["surrogates", path, "-c", "chaos", *args, "-o", tmp_path / "x.npy"] if "-c" not in args else
            ["surrogates", path, *args, "-o", tmp_path / "x.npy"])
    assert r.exit_code == code
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:") and text in lines[0]
    assert "Traceback" not in r.stderr and not (tmp_path / "x.npy").exists()


def test_too_short_and_constant_series_fail_with_exit_1_and_others_still_run(cli, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("1\n2\n3\n")
    flat = tmp_path / "flat.txt"
    flat.write_text("2.5\n" * 50)
    good = tmp_path / "good.txt"
    good.write_text("\n".join(f"{v:.17g}" for v in ar1(200)) + "\n")
    folder = tmp_path / "out"
    folder.mkdir()
    r = cli(["surrogates", short, flat, good, "--count", 2, "--seed", 1, "-o", folder])
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "too short" in lines[0] and "constant" in lines[1]
    assert len(list(folder.iterdir())) == 1  # only the good series was written
    assert [rec["source"] for rec in r.records if "error" not in rec] == [str(good)]


def test_analyze_with_surrogates_tests_each_measure(cli, data):
    path, x, y = data
    r = cli(["analyze", path, "-d", 4, "--surrogates", 39, "--seed", 2, "--surrogate-method", "iaaft"])
    assert r.exit_code == 0, r.stderr
    chaos, linear = r.records
    for rec in (chaos, linear):
        assert rec["surrogate_method"] == "iaaft" and rec["surrogate_count"] == 39 and rec["surrogate_seed"] == 2
        assert rec["surrogate_statistic"] == "permutation_entropy" and rec["surrogate_alpha"] == 0.05
        for m in MEASURES:
            for suffix in ("_surrogate_mean", "_surrogate_std", "_z", "_p"):
                assert m + suffix in rec
    # an independent check of the numbers: the same surrogates, PE computed here in plain numpy
    null = [_plain_pe(s, 4) for s in surrogates(x, 39, "iaaft", seed=2)]
    assert chaos["permutation_entropy_surrogate_mean"] == pytest.approx(np.mean(null), abs=1e-12)
    assert chaos["permutation_entropy_surrogate_std"] == pytest.approx(np.std(null, ddof=1), abs=1e-12)
    assert chaos["permutation_entropy_p"] == pytest.approx(2 / 40)  # the smallest p with 39 surrogates
    # and the second test: IAAFT surrogates of the Gaussian scores made here (van der Waerden: Phi^-1 of
    # (rank + 1) / (n + 1)), whose ranks are those of analyze's second set
    from scipy.special import ndtri

    scores = ndtri((np.argsort(np.argsort(x, kind="stable"), kind="stable") + 1.0) / (x.size + 1.0))
    null_scores = [_plain_pe(s, 4) for s in surrogates(scores, 39, "iaaft", seed=2)]
    beyond = min(sum(v >= chaos["permutation_entropy"] for v in null_scores),
                 sum(v <= chaos["permutation_entropy"] for v in null_scores))
    assert chaos["permutation_entropy_p_scores"] == pytest.approx(2 * (1 + beyond) / 40)
    assert chaos["nonlinear"] is True and chaos["regime"] == "complex"
    assert "nonlinear" in chaos["regime_rule"]
    assert linear["nonlinear"] is False and linear["permutation_entropy_p"] > 0.05
    # ordinal measures see ranks: the scores are tested too, but only where the values' test rejected (else
    # nonlinear is false whatever they give, and their surrogates are not made)
    assert chaos["surrogate_scores_tested"] is True
    assert linear["surrogate_scores_tested"] is False
    assert all(linear[m + "_p_scores"] is None for m in MEASURES)
    assert linear["regime"] != "complex"


def _plain_pe(x, d):
    windows = np.lib.stride_tricks.sliding_window_view(x, d)
    patterns = np.argsort(windows, axis=1, kind="stable")
    _, counts = np.unique(patterns, axis=0, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum() / np.log(float(np.prod(range(1, d + 1)))))


def test_without_surrogates_the_records_and_rule_are_unchanged(cli, data):
    path, _, _ = data
    plain = cli(["analyze", path, "-d", 4]).records
    assert all("nonlinear" not in rec and "surrogate_count" not in rec for rec in plain)
    assert "C >= threshold(H)" in plain[0]["regime_rule"]  # issue 13: with the pattern evidence before it


def test_a_complex_point_without_evidence_is_not_called_complex():
    from tscomplex.surrogates.records import apply_evidence

    record = {"regime": "complex", "regime_rule": "C >= threshold(H)", "surrogate_count": 39,
              "surrogate_method": "iaaft"}
    out = apply_evidence(record, False, 0.4, 0.05, "permutation_entropy")
    assert out["regime"] == "stochastic" and "not nonlinear" in out["regime_rule"] and "p = 0.4" in out["regime_rule"]
    assert apply_evidence(record, True, 0.05, 0.05, "permutation_entropy")["regime"] == "complex"
    assert apply_evidence({**record, "regime": "regular"}, False, 0.4, 0.05, "x")["regime"] == "regular"
    lyap = apply_evidence({"chaotic": True, "surrogate_count": 39, "surrogate_method": "iaaft"}, False, 0.3, 0.05,
                          "max_lyapunov")
    assert lyap["chaotic"] is False and "not nonlinear" in lyap["chaotic_rule"]


def test_too_few_surrogates_for_alpha_is_warned(cli, data):
    path, _, _ = data
    r = cli(["analyze", path, "-c", "chaos", "-d", 4, "--surrogates", 9, "--seed", 1, "--surrogate-method", "ft"])
    assert r.exit_code == 0
    assert "smallest p is 2/10" in r.stderr and "--surrogates 39" in r.stderr
    assert r.records[0]["nonlinear"] is False


def test_sweep_and_lyapunov_gain_the_evidence(cli, data):
    path, x, _ = data
    r = cli(["sweep", path, "-c", "chaos", "-t", "1,2", "--surrogates", 19, "--seed", 1, "--alpha", 0.1,
             "--surrogate-method", "shuffle"])
    assert r.exit_code == 0, r.stderr
    kinds = [rec["kind"] for rec in r.records]
    assert kinds == ["tau", "tau", "summary"]
    for rec in r.records:
        assert rec["surrogate_count"] == 19 and "permutation_entropy_p" in rec
    assert r.records[0]["permutation_entropy_p"] == pytest.approx(0.1) and r.records[0]["nonlinear"] is True
    r = cli(["lyapunov", path, "-c", "chaos", "--surrogates", 19, "--seed", 1, "--alpha", 0.1])
    assert r.exit_code == 0, r.stderr
    (rec,) = r.records
    assert rec["max_lyapunov"] == pytest.approx(np.log(2), abs=0.1)
    assert rec["max_lyapunov_surrogate_mean"] < rec["max_lyapunov"]
    assert rec["nonlinear"] is True and rec["chaotic"] is True and "nonlinear" in rec["chaotic_rule"]


def test_lyapunov_null_slope_reproduces_the_data_exponent():
    from tscomplex.io import Series
    from tscomplex.lyapunov import max_lyapunov
    from tscomplex.surrogates.records import lyapunov_null_records

    x = logistic(3000)
    result = max_lyapunov(x)
    (null,) = lyapunov_null_records(Series("s", "x", x), dim=result.dim, lag=result.lag, theiler=result.theiler,
                                    steps=result.n_steps, fit_start=result.fit_start, fit_end=result.fit_end)
    assert null["max_lyapunov"] == pytest.approx(result.max_lyapunov, rel=1e-9)


def test_plot_is_a_real_image(cli, data, tmp_path):
    path, _, _ = data
    fig = tmp_path / "s.png"
    r = cli(["surrogates", path, "--count", 9, "--method", "ft", "--seed", 1, "-o", tmp_path / "s.npz",
             "--plot", fig])
    assert r.exit_code == 0, r.stderr
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and fig.stat().st_size > 20_000


def test_a_constant_series_keeps_its_record_with_no_evidence_and_the_reason(cli, tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text("2.5\n" * 500)
    r = cli(["analyze", flat, "-d", 4, "--surrogates", 39, "--seed", 1])
    assert r.exit_code == 0
    (rec,) = r.records
    assert rec["permutation_entropy"] == 0 and rec["nonlinear"] is None
    assert rec["permutation_entropy_p"] is None and "constant" in rec["surrogate_note"]
    assert "constant series" in r.stderr and "Traceback" not in r.stderr


def test_the_generators_choices_are_in_the_record(cli, data):
    path, x, _ = data
    r = cli(["analyze", path, "-c", "linear", "-d", 4, "--surrogates", 39, "--seed", 3])
    (rec,) = r.records
    _, info = surrogates(ar1(), 39, "iaaft", seed=3, return_info=True)
    assert rec["surrogate_iterations_max"] == max(info.iterations)
    assert rec["surrogate_spectral_mismatch_max"] == pytest.approx(max(info.spectral_mismatch), rel=1e-12)
    assert rec["surrogate_block_length"] is None
    r = cli(["analyze", path, "-c", "linear", "-d", 4, "--surrogates", 39, "--seed", 3,
             "--surrogate-method", "block-shuffle"])
    assert r.records[0]["surrogate_block_length"] == round(np.sqrt(x.size))
    assert r.records[0]["surrogate_iterations_max"] is None


def test_surrogates_with_the_spectrum_is_a_usage_error(cli):
    r = cli(["lyapunov", "--system", "lorenz", "--spectrum", "--surrogates", 39])
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "--surrogates" in r.stderr


def test_the_surrogate_evidence_keeps_the_rule_of_the_exponent():
    """An undecided flag keeps the reason the exponent gave (the surrogates cannot decide it for it); a positive
    exponent's rule gains the test's verdict after the rule that found it."""
    from tscomplex.surrogates.records import apply_evidence

    undecided = {"chaotic": None, "chaotic_rule": "noise_floor_undecided", "surrogate_count": 19,
                 "surrogate_method": "iaaft"}
    assert apply_evidence(undecided, True, 0.05, 0.05, "max_lyapunov")["chaotic_rule"] == "noise_floor_undecided"
    found = {**undecided, "chaotic": True, "chaotic_rule": "scaling_region"}
    rule = apply_evidence(found, False, 0.5, 0.05, "max_lyapunov")["chaotic_rule"]
    assert rule.startswith("scaling_region; positive exponent but not nonlinear")
    assert apply_evidence({"chaotic": False, "surrogate_count": 19, "surrogate_method": "iaaft"}, True, 0.05, 0.05,
                          "max_lyapunov")["chaotic_rule"] == "no positive exponent with a good fit"
