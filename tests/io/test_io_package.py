"""The package tscomplex.io: every old import path still works, no import cycle, light to import."""

from __future__ import annotations

import ast
import gzip
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import tscomplex.io as tio
from tscomplex.io.atomic import atomic_write_bytes
from tscomplex.io.readers import read_series

PACKAGE = Path(tio.__file__).parent


def test_every_exported_name_is_the_object_of_its_module():
    import importlib

    for name, home in tio._HOMES.items():
        module = importlib.import_module(f"tscomplex.io.{home}")
        assert getattr(tio, name) is getattr(module, name), name
    assert issubclass(tio.OutputError, tio.InputError)
    with pytest.raises(AttributeError):
        tio.no_such_name  # noqa: B018


def _relative_imports(path: Path) -> tuple[set, list]:
    """(sibling modules imported at module level, relative imports made inside a function or class)."""
    tree = ast.parse(path.read_text())
    top, nested = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node in tree.body:
                top.add(node.module)
            else:
                nested.append(node.module)
    return top, nested


def test_the_modules_import_each_other_without_a_cycle_and_only_at_the_top():
    import graphlib

    graph = {}
    for path in PACKAGE.glob("*.py"):
        if path.stem == "__init__":
            continue
        top, nested = _relative_imports(path)
        assert not nested, (path.name, nested)
        graph[path.stem] = top
    order = list(graphlib.TopologicalSorter(graph).static_order())  # raises CycleError on a cycle
    assert set(order) == set(graph)
    for leaf in ("errors", "series", "filetypes", "atomic", "render", "printable"):
        assert graph[leaf] == set(), leaf


def test_each_module_imports_alone_and_the_package_loads_nothing_heavy():
    names = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module('tscomplex.io.' + name)\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    light = ("import sys, tscomplex.io, tscomplex.io.atomic, tscomplex.io.errors\n"
             "heavy = [m for m in ('numpy', 'pandas', 'pyarrow', 'numba', 'matplotlib') if m in sys.modules]\n"
             "assert not heavy, heavy\n")
    subprocess.run([sys.executable, "-c", light], check=True)


def test_atomic_write_bytes_replaces_whole_or_not_at_all(tmp_path):
    path = tmp_path / "cache.npz"
    atomic_write_bytes(str(path), b"first")
    assert path.read_bytes() == b"first"
    atomic_write_bytes(str(path), b"second", suffix=".npz")
    assert path.read_bytes() == b"second"
    with pytest.raises(TypeError):
        atomic_write_bytes(str(path), "not bytes")  # the write fails: the old file stays, no temporary is left
    assert path.read_bytes() == b"second" and sorted(os.listdir(tmp_path)) == ["cache.npz"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_compressed_fifo_is_decompressed(tmp_path):
    # this path used a name (_io) that the old io.py never imported: a NameError instead of the series
    values = np.array([0.5, -1.25, 3.0, 2.0])
    fifo = tmp_path / "piped.csv.gz"
    os.mkfifo(fifo)
    packed = gzip.compress(("x\n" + "\n".join(map(repr, values.tolist())) + "\n").encode())
    writer = threading.Thread(target=lambda: fifo.write_bytes(packed))
    writer.start()
    try:
        (series,) = read_series(str(fifo))
    finally:
        writer.join(timeout=10)
    assert series.name == "x" and np.array_equal(series.values, values)
