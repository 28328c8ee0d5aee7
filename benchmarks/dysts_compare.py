"""dysts' stored largest Lyapunov exponent beside tscomplex's computed one, for every system both catalogs have.

A tscomplex system is matched to dysts by its ``dysts_name``; a system
without one is matched when its name is dysts' name in snake case (or in the
short table GUESSES below), and the table says "by name". dysts stores two
estimates of lambda_max per flow (``maximum_lyapunov_estimated`` and the
first entry of ``lyapunov_spectrum_estimated``); both are shown, and a
difference over 20% (of the larger of the two) between tscomplex and dysts' ``maximum_lyapunov_estimated``
is flagged, with whether the default parameters agree. dysts stores no
exponents for its maps.

    PYTHONPATH=. python benchmarks/dysts_compare.py            # print the table
    PYTHONPATH=. python benchmarks/dysts_compare.py --write    # and put it into docs/systems.md between markers

Needs dysts (the bench extra); nothing outside benchmarks/ imports it.
"""

from __future__ import annotations

import argparse
import json
import os
import re

from tscomplex import systems
from tscomplex.systems.invariants import stored

DOC = os.path.join(os.path.dirname(__file__), "..", "docs", "systems.md")
START, END = "<!-- dysts-compare:start -->", "<!-- dysts-compare:end -->"
FLAG = 0.20
# dysts names whose snake case is not the tscomplex name (same system, same equations)
GUESSES = {"RikitakeDynamo": "rikitake", "NewtonLiepnik": "newton_leipnik", "WindmiReduced": "windmi",
           "NoseHoover": "sprott_a"}


def dysts_data() -> tuple[dict, dict]:
    import dysts

    folder = os.path.join(os.path.dirname(dysts.__file__), "data")
    with open(os.path.join(folder, "chaotic_attractors.json")) as fh:
        flows = json.load(fh)
    with open(os.path.join(folder, "discrete_maps.json")) as fh:
        maps = json.load(fh)
    return flows, maps


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def matches() -> list[tuple[str, str, str]]:
    """(tscomplex name, dysts name, how) for every system both have."""
    flows, maps = dysts_data()
    known = {**flows, **maps}
    out, taken = [], set()
    for name in systems.names():
        system = systems.get(name)
        if system.dysts_name and system.dysts_name in known:
            out.append((name, system.dysts_name, "dysts_name"))
            taken.add(system.dysts_name)
    ours = {n for n, _, _ in out}
    for dname in known:
        if dname in taken:
            continue
        guess = GUESSES.get(dname) or snake(dname)
        if guess in systems.names() and guess not in ours:
            out.append((guess, dname, "by name"))
            ours.add(guess)
    return sorted(out)


def same_parameters(ours: dict, theirs: dict) -> str:
    if not theirs:
        return "dysts lists none"
    if set(ours) != set(theirs):
        return "names differ"
    bad = [k for k in ours if abs(float(ours[k]) - float(theirs[k])) > 1e-3 * max(1.0, abs(float(theirs[k])))]
    return "yes" if not bad else "no: " + ", ".join(f"{k} {ours[k]:g} vs {float(theirs[k]):g}" for k in bad)


def table() -> tuple[list[str], int, int]:
    flows, maps = dysts_data()
    rows = ["| tscomplex | dysts | matched | tscomplex lambda_max (converged) | dysts maximum_lyapunov_estimated "
            "| dysts spectrum[0] | difference | same default parameters |",
            "|---|---|---|---|---|---|---|---|"]
    flagged = compared = 0
    for name, dname, how in matches():
        inv = stored(name) or {}
        ours = inv.get("max_lyapunov")
        entry = flows.get(dname) or maps.get(dname) or {}
        theirs = entry.get("maximum_lyapunov_estimated")
        spectrum = entry.get("lyapunov_spectrum_estimated") or [None]
        params = same_parameters(systems.get(name).params, entry.get("parameters") or {})
        if ours is None or theirs is None:
            diff = "dysts stores none" if theirs is None else "not computed"
        else:
            compared += 1
            # of the larger of the two: relative to ours alone, a non-chaotic 6e-9 against dysts' 0.064 read 10^9 %
            rel = abs(ours - theirs) / max(abs(ours), abs(theirs)) if (ours or theirs) else 0.0
            diff = f"{100 * rel:.0f}%" + (" (not chaotic here)" if inv.get("chaotic") is False else "")
            diff += " **>20%**" if rel > FLAG else ""
            flagged += rel > FLAG
        fmt = (lambda v: "-" if v is None else f"{v:.4g}")
        done = inv.get("max_lyapunov_converged", inv.get("converged"))
        conv = "" if done is None else (" (yes)" if done else " (no)")
        rows.append(f"| {name} | {dname} | {how} | {fmt(ours)}{conv} | {fmt(theirs)} | {fmt(spectrum[0])} | {diff} "
                    f"| {params} |")
    return rows, flagged, compared


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="Write the table into docs/systems.md.")
    args = parser.parse_args(argv)
    rows, flagged, compared = table()
    summary = (f"{len(rows) - 2} systems in both catalogs; {compared} compared; {flagged} differ by more than 20% "
               f"from dysts' maximum_lyapunov_estimated.")
    print("\n".join(rows))
    print(summary)
    if args.write:
        with open(DOC, encoding="utf-8") as fh:
            text = fh.read()
        block = f"{START}\n{summary}\n\n" + "\n".join(rows) + f"\n{END}"
        if START in text:
            text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
        else:
            text = text.rstrip() + "\n\n" + block + "\n"
        with open(DOC, "w", encoding="utf-8") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
