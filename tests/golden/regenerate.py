"""Regenerate the golden outputs: ``python tests/golden/regenerate.py``.

Each line of ``commands.txt`` is a tscomplex command line (without the leading
``tscomplex``); its NDJSON output (stdout) is written to ``expected/NN.ndjson``.
Run this only when a change to the output is deliberate, and say which in the
commit message: ``tests/test_golden.py`` holds every later change against these
files, so that moving code around cannot change what users get.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def commands() -> list[list[str]]:
    lines = (HERE / "commands.txt").read_text().splitlines()
    return [shlex.split(ln) for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def run(args: list[str]) -> tuple[int, str]:
    """Exit code and stdout of ``tscomplex ARGS -f ndjson`` in-process; ``{tmp}`` is a scratch folder."""
    import tempfile

    from click.testing import CliRunner

    from tscomplex.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        args = [a.replace("{tmp}", tmp) for a in args]
        result = CliRunner().invoke(main, [*args, "-f", "ndjson"], catch_exceptions=False, prog_name="tscomplex")
    return result.exit_code, result.stdout


def main() -> None:
    out = HERE / "expected"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.ndjson"):
        old.unlink()
    for i, args in enumerate(commands()):
        code, text = run(args)
        if code != 0:
            raise SystemExit(f"tscomplex {shlex.join(args)} exited {code}")
        (out / f"{i:02d}.ndjson").write_text(text)
        print(f"{i:02d}  {len(text.splitlines()):4d} records  tscomplex {shlex.join(args)}")


if __name__ == "__main__":
    main()
