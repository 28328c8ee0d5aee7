"""The atomic writer: no partial file, the umask's mode."""

from __future__ import annotations

import os

import pytest

from tscomplex.io.atomic import atomic_write


def test_atomic_write_leaves_no_partial_file(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old contents")

    def explode(fh):
        fh.write(b"half of the new")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(str(path), explode)
    assert path.read_text() == "old contents"
    assert os.listdir(tmp_path) == ["out.json"]
    atomic_write(str(path), lambda fh: fh.write(b"new"))
    assert path.read_text() == "new" and os.listdir(tmp_path) == ["out.json"]


def test_atomic_write_gives_the_umask_mode(tmp_path):
    import os

    mask = os.umask(0o027)
    try:
        atomic_write(str(tmp_path / "a.bin"), lambda fh: fh.write(b"x"))
    finally:
        os.umask(mask)
    assert (tmp_path / "a.bin").stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]
