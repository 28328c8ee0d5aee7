"""`tscomplex image`: pictures, NPY and CSV matrices give the library's numbers; bad inputs are one line each."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.ordinal.image import complexity_entropy_2d


@pytest.fixture
def images(tmp_path):
    from PIL import Image

    rng = np.random.default_rng(0)
    gray = (rng.random((40, 50)) * 255).astype(np.uint8)
    Image.fromarray(gray).save(tmp_path / "gray.png")
    rgb = (rng.random((30, 35, 3)) * 255).astype(np.uint8)
    Image.fromarray(rgb).save(tmp_path / "colour.png")
    Image.fromarray(gray).save(tmp_path / "gray.tif")
    field = np.cumsum(rng.normal(size=(25, 30)), axis=1)
    np.save(tmp_path / "field.npy", field)
    np.savetxt(tmp_path / "matrix.csv", field, delimiter=",", fmt="%.17g")
    return tmp_path, gray, rgb, field


def test_every_reader_gives_the_library_numbers(cli, images):
    folder, gray, rgb, field = images
    result = cli(["image", folder / "gray.png", folder / "colour.png", folder / "gray.tif", folder / "field.npy",
                  folder / "matrix.csv", "--dx", 3, "--dy", 2, "--taux", 2])
    assert result.exit_code == 0, result.stderr
    records = {r["source"].rsplit("/", 1)[-1]: r for r in result.records}
    luminance = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]  # written out: BT.601
    for name, matrix in [("gray.png", gray), ("colour.png", luminance), ("gray.tif", gray), ("field.npy", field),
                         ("matrix.csv", field)]:
        h, c = complexity_entropy_2d(matrix, 3, 2, 2, 1)
        r = records[name]
        assert r["permutation_entropy"] == pytest.approx(h, abs=1e-12)
        assert r["statistical_complexity"] == pytest.approx(c, abs=1e-12)
        assert (r["rows"], r["columns"], r["dx"], r["dy"], r["taux"], r["tauy"]) == (*matrix.shape, 3, 2, 2, 1)
        assert r["patterns"] == 720 and r["windows"] == (matrix.shape[0] - 1) * (matrix.shape[1] - 4)
    assert records["colour.png"]["conversion"].startswith("luminance 0.299 R")
    assert records["gray.png"]["conversion"] == "gray (L)" and records["field.npy"]["conversion"] == "none"


def test_a_folder_is_searched_for_images(cli, images):
    folder = images[0]
    (folder / "notes.md").write_text("not an image")
    result = cli(["image", folder, "-f", "ndjson"])
    assert result.exit_code == 0, result.stderr
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in result.records) == [
        "colour.png", "field.npy", "gray.png", "gray.tif", "matrix.csv"]


def test_plot_is_a_real_image(cli, images, tmp_path):
    folder = images[0]
    out = tmp_path / "plane.png"
    result = cli(["image", folder / "gray.png", folder / "field.npy", "--plot", out])
    assert result.exit_code == 0, result.stderr
    from PIL import Image

    with Image.open(out) as img:
        assert img.width > 600 and img.height > 400


@pytest.mark.parametrize("make,message", [
    (lambda p: np.save(p / "x.npy", np.zeros((1, 50))), "at least 2 rows"),
    (lambda p: np.save(p / "x.npy", np.zeros(50)), "an image is 2-D"),
    (lambda p: (p / "x.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken"), "not an image Pillow can read"),
    (lambda p: (p / "x.csv").write_text("1,2,3\n4,5\n"), "rows of equal length"),
    (lambda p: (p / "x.csv").write_text("a,b\n1,2\n3,4\n"), "is not a number"),
    (lambda p: (p / "x.csv").write_text("1,nan\n3,4\n"), "NaN"),
    (lambda p: np.save(p / "x.npy", np.zeros((3, 3), dtype=complex)), "not real numbers"),
])
def test_bad_image_is_one_line_and_the_others_run(cli, images, tmp_path, make, message):
    folder = images[0]
    make(tmp_path)
    bad = next(p for p in tmp_path.iterdir() if p.name.startswith("x."))
    result = cli(["image", bad, folder / "gray.png"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error: ") and message in lines[0], lines
    assert "Traceback" not in result.stderr
    assert [r for r in result.records if "error" not in r][0]["source"].endswith("gray.png")


@pytest.mark.parametrize("args,message", [
    (["--dx", 4, "--dy", 3], "12 gives 479001600 patterns"),
    (["--dx", 1, "--dy", 1], "at least 2"),
    (["--dx", 0], "--dx"),
])
def test_bad_pattern_size_is_a_usage_error(cli, images, args, message):
    result = cli(["image", images[0] / "gray.png", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_window_larger_than_the_image(cli, images):
    result = cli(["image", images[0] / "gray.png", "--dx", 5, "--taux", 20])
    assert result.exit_code == 1 and "more than the image's 40 x 50" in result.stderr


def test_small_image_warns(cli, tmp_path):
    np.save(tmp_path / "tiny.npy", np.arange(20.0).reshape(4, 5) ** 1.5)
    result = cli(["image", tmp_path / "tiny.npy"])
    assert result.exit_code == 0
    assert "tscomplex: warning:" in result.stderr and "fewer than 10 per pattern" in result.stderr


def test_picture_modes_say_what_was_done(cli, tmp_path):
    from PIL import Image

    rng = np.random.default_rng(4)
    rgb = (rng.random((20, 24, 3)) * 255).astype(np.uint8)
    Image.fromarray(np.dstack([rgb, np.full((20, 24), 200, np.uint8)])).save(tmp_path / "rgba.png")
    deep = (rng.random((20, 24)) * 60000).astype(np.uint16)
    Image.fromarray(deep).save(tmp_path / "deep.png")
    frames = [Image.fromarray((rng.random((20, 24)) * 255).astype(np.uint8)) for _ in range(3)]
    frames[0].save(tmp_path / "multi.tif", save_all=True, append_images=frames[1:])
    np.save(tmp_path / "rgb.npy", rgb)
    result = cli(["image", tmp_path / "rgba.png", tmp_path / "deep.png", tmp_path / "multi.tif", tmp_path / "rgb.npy"])
    assert result.exit_code == 0, result.stderr
    r = {rec["source"].rsplit("/", 1)[-1]: rec for rec in result.records}
    assert r["rgba.png"]["conversion"].endswith("alpha ignored")
    assert r["deep.png"]["conversion"] == "gray (I;16)"
    assert r["multi.tif"]["conversion"] == "gray (L); first of 3 frames"
    luminance = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    for name, matrix in (("rgba.png", luminance), ("rgb.npy", luminance), ("deep.png", deep),
                         ("multi.tif", np.asarray(frames[0]))):
        h, c = complexity_entropy_2d(matrix.astype(float), 2, 2)
        assert r[name]["permutation_entropy"] == pytest.approx(h, abs=1e-12)
        assert r[name]["statistical_complexity"] == pytest.approx(c, abs=1e-12)


def test_truncated_picture_and_npz_are_one_line(cli, tmp_path):
    from PIL import Image

    Image.fromarray((np.random.default_rng(0).random((64, 64)) * 255).astype(np.uint8)).save(tmp_path / "ok.png")
    data = (tmp_path / "ok.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[:len(data) // 2])
    np.savez(tmp_path / "z.npz", a=np.zeros((3, 3)))
    result = cli(["image", tmp_path / "cut.png", tmp_path / "z.npz", tmp_path / "ok.png"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "damaged image" in lines[0] and "NPZ archives are not read" in lines[1]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("dx,dy", [(2, 1), (3, 3), (5, 2)])
def test_plot_for_any_pattern_size(cli, images, tmp_path, dx, dy):
    out = tmp_path / f"plane{dx}{dy}.png"
    result = cli(["image", images[0] / "gray.png", "--dx", dx, "--dy", dy, "--plot", out])
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 10000
