"""The documents: no prose stops mid-sentence before a code block, every source the code cites is in
docs/references.md, and nothing in the repository points at a machine path or a file it does not ship."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MACHINE_ROOT = "/".join(("", "work", ""))  # where the project was developed: no file may point there
PAGES = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md", ROOT / "examples" / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sentence_stops_before_a_code_block(page):
    lines = page.read_text().splitlines()
    fenced = False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            before = lines[i - 1].rstrip() if i else ""
            if not fenced and before and not before.startswith(("|", "#", "!", "-", ">", "<")):
                assert before.endswith((":", ".", ")", "`", "*")), f"{page.name}:{i}: {before!r}"
            fenced = not fenced
    assert not fenced, f"{page.name}: a code block is never closed"


def test_sources_cite_the_shipped_references():
    references = (ROOT / "docs" / "references.md").read_text()
    for value in ("0.41922", "0.9056", "0.678462", "0.551240", "1.036071", "2509.26157"):
        assert value in references
    for path in list((ROOT / "tscomplex").rglob("*.py")) + list((ROOT / "tests").rglob("*.py")):
        text = path.read_text()
        assert not re.search(r"(?<![\w/])REFERENCE\.md", text), f"{path.name} cites a reference file that is not shipped"
        assert MACHINE_ROOT not in text, f"{path.name} holds a machine path"
