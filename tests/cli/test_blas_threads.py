"""A command gives BLAS one thread, before numpy loads it, unless the user chose a number."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import os, sys
from tscomplex.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
print(os.environ.get("OPENBLAS_NUM_THREADS"), os.environ.get("MKL_NUM_THREADS"), "numpy" in sys.modules)
"""


@pytest.mark.parametrize("given, expected", [(None, "1 1 False"), ("3", "3 1 False"), ("", " 1 False")])
def test_a_command_gives_blas_one_thread_unless_the_user_set_it(given, expected):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == expected  # numpy is not loaded yet: BLAS reads the variable later
