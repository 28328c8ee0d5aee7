"""Option value checks shared by every command: no NaN or infinity, no integer beyond what the kernels hold.

click's ``FloatRange(min=0)`` accepts ``nan`` (every comparison with NaN is
false) and ``inf``; its ``IntRange(min=1)`` accepts ``10**30``, which later
fails deep inside numpy ("Python int too large to convert to C long") with
exit 1, or allocates without bound (a tau range of 10^10 values). Each of these
is a wrong command line: exit 2 and one line naming the option.

:func:`harden` applies the checks to every option of a command when it is
loaded (:class:`tscomplex.cli.LazyGroup`), so options added later are covered
without each declaration repeating them.
"""

from __future__ import annotations

import math

import click

#: The largest integer any option takes: the kernels index with int64, and no count of samples, steps or
#: lags a computer can hold comes near it. Larger values are a typo, refused before any work.
MAX_INT = 2**31 - 1
#: The most values a list or range option (``-t 1:N``) may expand to.
MAX_LIST = 100_000


def _no_open_range(kind, describe):
    """The range for --help; nothing for a plain int or float (click would print '[x<=None]')."""
    return "" if kind.min is None and kind.max is None else describe()


class FiniteFloatRange(click.FloatRange):
    """click.FloatRange that also refuses nan and inf."""

    def _describe_range(self) -> str:
        return _no_open_range(self, super()._describe_range)

    def convert(self, value, param, ctx):
        out = super().convert(value, param, ctx)
        if not math.isfinite(out):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return out


class BoundedIntRange(click.IntRange):
    """click.IntRange whose open ends stop at +-MAX_INT."""

    def _describe_range(self) -> str:
        return _no_open_range(self, super()._describe_range)

    def convert(self, value, param, ctx):
        try:
            number = int(value) if not isinstance(value, int) else value
        except (TypeError, ValueError):
            number = None
        if number is not None and abs(number) > MAX_INT:
            self.fail(f"{value!r} is too large (at most {MAX_INT})", param, ctx)
        return super().convert(value, param, ctx)


def _harden_type(kind):
    if type(kind) is click.FloatRange:
        new = FiniteFloatRange.__new__(FiniteFloatRange)
        new.__dict__.update(kind.__dict__)
        return new
    if type(kind) is click.IntRange:
        new = BoundedIntRange.__new__(BoundedIntRange)
        new.__dict__.update(kind.__dict__)
        return new
    if kind is click.FLOAT:
        return FiniteFloatRange()
    if kind is click.INT:
        return BoundedIntRange()
    return kind


def harden(command: click.Command) -> click.Command:
    """Give every numeric option of ``command`` (and of its subcommands) the checks above; returns it."""
    if getattr(command, "_tscomplex_hardened", False):
        return command
    for param in command.params:
        param.type = _harden_type(param.type)
    for sub in getattr(command, "commands", {}).values():
        harden(sub)
    command._tscomplex_hardened = True
    return command


def parse_range(text: str, option: str = "--plot-range") -> tuple[int, int]:
    """'A:B' -> (A, B) with 0 <= A < B (``option`` names the flag in messages)."""
    try:
        a, b = (int(part) for part in text.split(":"))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not of the form A:B (sample indices)", param_hint=option) \
            from None
    if not 0 <= a < b:
        raise click.BadParameter(f"{text!r}: need 0 <= A < B", param_hint=option)
    return a, b
