"""cli/errors.py: library messages that name parameters print as the flags the user types."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

import tscomplex
from tscomplex.cli.errors import FLAGS, flag_words

PACKAGE = Path(tscomplex.__file__).resolve().parent


def _message_strings(path: Path):
    """The string constants of a module that are not docstrings (messages, help, labels)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def test_every_flag_named_in_a_library_message_has_its_parameter_in_the_table():
    named = set()
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        for text in _message_strings(path):
            named.update(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text))
    assert named, "the scan found no flag at all: it is broken"
    missing = sorted(named - set(FLAGS.values()))
    assert not missing, f"library messages name flags that cli/errors.FLAGS cannot produce: {missing}"


@pytest.mark.parametrize("library, today", [
    ('use nan="drop" or nan="interpolate"', "use --nan drop or --nan interpolate"),
    ("use nan='drop'", "use --nan drop"),
    ("nan must be one of error, drop, interpolate", "nan must be one of error, drop, interpolate"),
    ("record (give theiler= to override)", "record (give --theiler to override)"),
    ("it can be the time axis (time_column=)", "it can be the time axis (--time-column)"),
    ("choose files with glob=", "choose files with --glob"),
    ("out.csv exists; use force=True to overwrite", "out.csv exists; use --force to overwrite"),
    ("40 series; color_by=FIELD or labels=\"all\" to tell them apart",
     "40 series; --color-by FIELD or --labels all to tell them apart"),
    ('see them with format="wide" or columns=', "see them with -f wide or --columns"),
    ("choose N with params=N=...", "choose N with --param N=..."),
])
def test_a_reworded_message_prints_as_today(library, today):
    assert flag_words(library) == today
    assert flag_words(today) == today  # a message still naming the flag passes unchanged


@pytest.mark.parametrize("text", [
    "series too short for dim=5, tau=3: 4 windows",   # values a message reports are not instructions
    "theiler=12: fewer than 2 neighbours",
    "tau=1 .. tau=40",
    "--param N=... sets the ring size",
    "column 'nan' is empty",
    "mynan=\"drop\" is not ours",                      # only whole parameter names
    "",
])
def test_reported_values_and_other_text_are_left_alone(text):
    assert flag_words(text) == text


def test_non_strings_pass_through():
    assert flag_words(None) is None


def _reworded(series, **options):
    raise ValueError('constant input; use nan="drop" to skip it')


def _warned(series, **options):
    from tscomplex.cli.driver import WARNINGS

    return [{"source": series.source, "series": series.name, "n": len(series.values),
             WARNINGS: ['3 samples removed; nan="interpolate" keeps it uniform']}]


def test_run_prints_and_writes_errors_in_flag_words(capsys):
    from tscomplex.cli.driver import Run
    from tscomplex.cli.options import BatchSettings
    from tscomplex.io import Series

    run = Run("ndjson", None, False, batch=BatchSettings(jobs=1))
    run.map(_reworded, [Series(source="a.csv", name="x", values=np.arange(20.0))])
    with pytest.raises(SystemExit) as stop:
        run.finish()
    assert stop.value.code == 1
    out, err = capsys.readouterr()
    assert err.strip() == "tscomplex: error: a.csv [x]: constant input; use --nan drop to skip it"
    assert json.loads(out)["error"] == "constant input; use --nan drop to skip it"


def test_warnings_travel_as_data_and_are_printed_once_by_the_run(capsys):
    from tscomplex.cli.driver import WARNINGS, Run
    from tscomplex.cli.options import BatchSettings
    from tscomplex.io import Series

    run = Run("ndjson", None, False, batch=BatchSettings(jobs=1))
    run.map(_warned, [Series(source="b.csv", name="y", values=np.arange(20.0))])
    run.finish()
    out, err = capsys.readouterr()
    record = json.loads(out)
    assert WARNINGS not in record and record["n"] == 20
    assert err.strip() == "tscomplex: warning: b.csv [y]: 3 samples removed; --nan interpolate keeps it uniform"


def _with_curve(series, **options):
    from tscomplex.cli.driver import FIGURE_DATA

    return [{"source": series.source, "series": series.name, FIGURE_DATA: (series.name, series.values[:3])}]


def test_figure_data_comes_back_through_the_same_map_in_input_order(capsys):
    from tscomplex.cli.driver import FIGURE_DATA, Run
    from tscomplex.cli.options import BatchSettings
    from tscomplex.io import Series

    items = [Series(source="c.csv", name=str(i), values=np.arange(10.0) + i) for i in range(5)]
    run = Run("ndjson", None, False, batch=BatchSettings(jobs=2))
    run.map(_with_curve, items)
    run.finish()
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["series"] for r in records] == ["0", "1", "2", "3", "4"]
    assert all(FIGURE_DATA not in r for r in records)
    assert [name for name, _ in run.figure_data] == ["0", "1", "2", "3", "4"]
    assert all((values == np.arange(3.0) + int(name)).all() for name, values in run.figure_data)


def test_figure_limit_keeps_the_first_and_counts_the_rest(capsys):
    from tscomplex.cli.driver import Run
    from tscomplex.cli.options import BatchSettings
    from tscomplex.io import Series

    items = [Series(source="c.csv", name=str(i), values=np.arange(10.0) + i) for i in range(4)]
    run = Run("ndjson", None, False, batch=BatchSettings(jobs=1))
    run.figure_limit = 1
    run.map(_with_curve, items)
    run.finish()
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert [name for name, _ in run.figure_data] == ["0"] and run.figure_offered == 4
