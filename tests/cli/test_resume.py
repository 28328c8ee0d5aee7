"""--resume checks what it resumes (issue 22): same options, same real files, nobody else's records removed.

The run description lives beside the output as ``OUTPUT.run.json`` (so the
NDJSON stays a plain file of records); see :mod:`tscomplex.batch.resume`.
"""

from __future__ import annotations

import json
import os

import numpy as np

from test_bad_input import assert_one_error, tsc


def _folder(root, name="many", n=4):
    d = root / name
    d.mkdir()
    rng = np.random.default_rng(7)
    for i in range(n):
        np.savetxt(d / f"f{i}.csv", rng.standard_normal(300))
    return d


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_run_description_names_options_and_real_files(tmp_path):
    d = _folder(tmp_path)
    result = tsc("analyze", "many", "-d", "3", "-t", "1:2", "-o", "out.ndjson", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(_lines(tmp_path / "out.ndjson")) == 8  # the NDJSON holds records only
    desc = json.loads((tmp_path / "out.ndjson.run.json").read_text())
    assert desc["tscomplex_run"] == 1 and desc["command"] == "tscomplex analyze"
    assert desc["parameters"]["dim"] == 3 and desc["parameters"]["taus"] == [1, 2]
    assert "output" not in desc["parameters"] and "inputs" not in desc["parameters"]
    first = desc["inputs"][0]
    info = os.stat(d / "f0.csv")
    assert first["source"] == "many/f0.csv" and first["path"] == os.path.realpath(d / "f0.csv")
    assert (first["device"], first["inode"]) == (info.st_dev, info.st_ino)


def test_two_spellings_of_a_folder_are_one_input(tmp_path):
    _folder(tmp_path)
    assert tsc("analyze", "many", "-d", "3", "-o", "out.ndjson", cwd=tmp_path).returncode == 0
    again = tsc("analyze", "./many/", "-d", "3", "-o", "out.ndjson", "--resume", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    records = _lines(tmp_path / "out.ndjson")
    assert len(records) == 4
    # only the last input may have been cut short, so it alone is redone (under the new spelling)
    assert [r["source"] for r in records] == ["many/f0.csv", "many/f1.csv", "many/f2.csv", "./many/f3.csv"]


def test_a_resume_with_other_options_is_refused(tmp_path):
    _folder(tmp_path)
    assert tsc("analyze", "many", "-d", "3", "-t", "1:2", "-o", "out.ndjson", cwd=tmp_path).returncode == 0
    before = (tmp_path / "out.ndjson").read_bytes()
    line = assert_one_error(tsc("analyze", "many", "-d", "3", "-t", "1:3", "-o", "out.ndjson", "--resume",
                                cwd=tmp_path), 2, "--tau 1,2", "1,2,3")
    assert "out.ndjson" in line
    assert_one_error(tsc("analyze", "many", "-d", "4", "-t", "1:2", "-o", "out.ndjson", "--resume", cwd=tmp_path),
                     2, "--dim 3", "this run has 4")
    assert_one_error(tsc("patch", "many", "-o", "out.ndjson", "--resume", cwd=tmp_path), 2,
                     "'tscomplex analyze'")
    assert (tmp_path / "out.ndjson").read_bytes() == before
    # how the work runs is not an option of the records: --jobs may change
    same = tsc("analyze", "many", "-d", "3", "-t", "1:2", "-o", "out.ndjson", "--resume", "--jobs", "2",
               cwd=tmp_path)
    assert same.returncode == 0, same.stderr


def test_a_resume_with_another_input_list_keeps_the_records_of_the_first(tmp_path):
    _folder(tmp_path, "a", 3)
    _folder(tmp_path, "b", 2)
    assert tsc("analyze", "a", "-d", "3", "-o", "out.ndjson", cwd=tmp_path).returncode == 0
    result = tsc("analyze", "b", "-d", "3", "-o", "out.ndjson", "--resume", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sources = [r["source"] for r in _lines(tmp_path / "out.ndjson")]
    assert sources == ["a/f0.csv", "a/f1.csv", "a/f2.csv", "b/f0.csv", "b/f1.csv"]
    desc = json.loads((tmp_path / "out.ndjson.run.json").read_text())
    assert [e["source"] for e in desc["inputs"]] == sources


def test_a_resume_after_a_cut_redoes_only_the_last_input_when_it_is_named_again(tmp_path):
    _folder(tmp_path, "a", 3)
    assert tsc("analyze", "a", "-d", "3", "-t", "1:2", "-o", "out.ndjson", cwd=tmp_path).returncode == 0
    out = tmp_path / "out.ndjson"
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:-1]) + lines[-1][:20])  # the last input lost a record and half a line
    result = tsc("analyze", "a", "-d", "3", "-t", "1:2", "-o", "out.ndjson", "--resume", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = _lines(out)
    assert [(r["source"], r["tau"]) for r in records] == [(f"a/f{i}.csv", t) for i in range(3) for t in (1, 2)]


def test_a_resume_without_a_description_still_works_and_says_so(tmp_path):
    _folder(tmp_path, "a", 2)
    assert tsc("analyze", "a", "-d", "3", "-o", "out.ndjson", cwd=tmp_path).returncode == 0
    os.unlink(tmp_path / "out.ndjson.run.json")  # as written by an older tscomplex
    result = tsc("analyze", "a", "-d", "3", "-o", "out.ndjson", "--resume", cwd=tmp_path)
    assert result.returncode == 0 and "options not checked" in result.stderr
    assert len(_lines(tmp_path / "out.ndjson")) == 2


def test_a_cut_input_whose_name_is_not_utf8_is_redone_on_resume(tmp_path):
    """A record's source is the escaped name (valid UTF-8 everywhere), which names no file; the run
    description maps it back to the real file, so a resume recognises the cut last input and redoes it."""
    d = _folder(tmp_path)
    with open(os.path.join(os.fsencode(d), b"zz\xe9.csv"), "wb") as fh:  # sorts last: the input a kill cuts
        fh.write((d / "f0.csv").read_bytes())
    first = tsc("analyze", "many", "-d", "3", "-t", "1:2", "-o", "out.ndjson", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    out = tmp_path / "out.ndjson"
    want = _lines(out)
    assert len(want) == 10 and want[-1]["source"].endswith("zz\\xe9.csv")
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:-1]))  # killed after the first of its two records
    again = tsc("analyze", "many", "-d", "3", "-t", "1:2", "-o", "out.ndjson", "--resume", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert _lines(out) == want  # the cut input redone whole, every record exactly once
