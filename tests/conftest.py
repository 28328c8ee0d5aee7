"""Shared test helpers: run the CLI in-process and parse its NDJSON output."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from tscomplex.cli import main

# The command-line helpers of tests/cli/test_bad_input.py (tsc, assert_one_error, ...) serve tests in other
# folders too; put that folder on the path so they import whichever file pytest collects first.
sys.path.insert(0, str(Path(__file__).parent / "cli"))

# The suite runs on shared, noisy machines, so no property test may fail on timing: no deadline and no
# too-slow health check, whatever a test's own @settings say about example counts. (The health check for
# heavy filtering stays on; strategies build valid inputs directly instead of throwing most away.)
settings.register_profile("tscomplex", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tscomplex")


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
