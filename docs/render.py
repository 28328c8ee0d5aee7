"""Re-run the commands of a documentation page and paste their real output under them.

Usage (from the repository root, with tscomplex installed)::

    python docs/render.py docs/lyapunov.md [docs/plane.md ...]

Every ``$ `` line inside a ```` ```console ```` block is run with bash, in
order, in one scratch folder per page, where ``docs`` links to this
repository's ``docs/`` folder (so ``--plot docs/figures/x.png`` re-renders the
figure the page shows). stdout and stderr are pasted under the command as a
terminal shows them; ``$ echo $?`` lines print the previous status. A benchmark's
output (``benchmarks/bench_*``) is kept as it is: its numbers come from its
own run. Output is pasted as it comes: look at the diff before you commit it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)


def render(page: Path) -> bool:
    text = page.read_text()
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("docs", "benchmarks", "examples"):
            os.symlink(ROOT / name, Path(scratch) / name)
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # piped: tables print every column
        status = {"last": 0}

        def run_block(match: re.Match) -> str:
            out = []
            keep = False  # the old output of a benchmark, whose numbers come from its own run
            for line in match.group(2).splitlines():
                if not line.startswith("$ "):
                    if keep:
                        out.append(line)
                    continue  # old output: replaced below
                out.append(line)
                command = line[2:]
                keep = "benchmarks/bench_" in command
                if keep:
                    continue
                if command.strip() == "echo $?":
                    out.append(str(status["last"]))
                    continue
                proc = subprocess.run(["bash", "-o", "pipefail", "-c", f"{{ {command}\n}} 2>&1"], cwd=scratch,
                                      env=env, stdout=subprocess.PIPE, text=True, timeout=600)
                status["last"] = proc.returncode
                out.extend(ln.rstrip() for ln in proc.stdout.splitlines())
            return match.group(1) + "\n".join(out) + "\n" + match.group(3)

        new = BLOCK.sub(run_block, text)
    page.write_text(new)
    return new != text


def main(argv=None) -> None:
    for name in argv if argv is not None else sys.argv[1:]:
        changed = render(Path(name))
        print(f"{name}: {'updated' if changed else 'unchanged'}")


if __name__ == "__main__":
    main()
