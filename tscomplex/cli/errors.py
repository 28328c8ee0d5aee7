"""How the command line reports problems: library messages in the words of its flags, and quiet pipe endings.

The library names its parameters in messages (``use nan="drop"``, ``give theiler= to override``); the
command line names its flags (``use --nan drop``, ``give --theiler to override``). :data:`FLAGS` is the one
table between the two, and :func:`flag_words` rewrites a message with it. Messages that already name a
flag pass unchanged, so a library not yet reworded prints as before.
"""

from __future__ import annotations

import functools
import re
import sys

#: library parameter name -> the flag that sets it. Every flag named in a library message is here.
FLAGS = {
    "nan": "--nan",
    "theiler": "--theiler",
    "time_column": "--time-column",
    "glob": "--glob",
    "force": "--force",
    "columns": "--columns",
    "select_columns": "--columns",
    "format": "-f",
    "fmt": "-f",
    "labels": "--labels",
    "label_by": "--label-by",
    "color_by": "--color-by",
    "params": "--param",
    "param": "--param",
    "tau": "--tau",
    "curves": "--curves",
    "resume": "--resume",
    "jobs": "--jobs",
    "dask": "--dask",
    "dask_timeout": "--dask-timeout",
    "ties": "--ties",
    "seed": "--seed",
}

# name="value" or name='value' -> FLAG value; name=True -> FLAG; name=METAVAR (capitals) -> FLAG METAVAR;
# a bare name= (followed by a space, punctuation or the end) -> FLAG. A number (tau=3) is a value the
# message reports, not an instruction, and is left alone.
_NAMES = "|".join(sorted(map(re.escape, FLAGS), key=len, reverse=True))
_PARAMETER = re.compile(
    r"(?<![\w.-])(?P<name>" + _NAMES + r")="
    r"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<true>True)\b|(?P<meta>[A-Z][A-Z0-9_]*(?:=\.\.\.)?)\b"
    r"|(?=[\s,;:)]|$))"
)


def _flag(match: re.Match) -> str:
    flag = FLAGS[match["name"]]
    value = match["dq"] if match["dq"] is not None else match["sq"] if match["sq"] is not None else match["meta"]
    return f"{flag} {value}" if value else flag


def flag_words(message: str) -> str:
    """``message`` with every library parameter of :data:`FLAGS` named as its flag (``nan="drop"`` ->
    ``--nan drop``, ``theiler=`` -> ``--theiler``); anything else, flags included, unchanged."""
    if not isinstance(message, str) or "=" not in message:
        return message
    return _PARAMETER.sub(_flag, message)


def command_errors(f):
    """Turn a broken pipe (``| head``) into a quiet exit."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except BrokenPipeError:
            quiet_broken_pipe()

    return wrapper


def quiet_broken_pipe():
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)
