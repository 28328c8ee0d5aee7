"""Shared test helpers: run the CLI in-process and parse its NDJSON output."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from tscomplex.cli import main


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def invoke(args, input=None) -> CliResult:
    """Run ``tscomplex ARGS`` in-process; stdout is not a terminal, so the default format is NDJSON."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=True,
                               prog_name="tscomplex")
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return CliResult(result.exit_code, result.stdout, result.stderr, exc)


@pytest.fixture
def cli():
    return invoke
