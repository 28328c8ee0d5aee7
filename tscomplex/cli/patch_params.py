"""The option types of ``tscomplex patch`` (--range, --threshold, --jump) and the reader of an --entropy file."""

from __future__ import annotations

import click


class ValueRange(click.ParamType):
    """R, or (for --tokenizer entrope) LOW:HIGH or qA:qB."""

    name = "R|LOW:HIGH|qA:qB"

    def convert(self, value, param, ctx):
        from ..patching.tokenizers import entrope_limits

        if isinstance(value, float):
            return value
        text = str(value).strip()
        try:
            if ":" in text:
                if text.startswith("q"):
                    entrope_limits(text, [0.0, 1.0])
                else:
                    entrope_limits(text)
                return text
            return float(entrope_limits(text)[1])
        except ValueError as exc:
            self.fail(str(exc).replace("value_range", "--range"), param, ctx)


def read_entropy_file(path: str):
    """The one column of an entropy trace file (text, CSV, NPY, ...), refused in one line when it has
    several columns, NaN or no values."""
    from ..io import InputError, read_series

    try:
        found = read_series(path)
    except (InputError, OSError, ValueError) as exc:
        message = str(exc).split("; use nan=")[0]  # NaN in a trace is refused, not dropped
        if message != str(exc):
            message += ": an entropy trace must be finite"
        raise click.BadParameter(f"{path}: {message}", param_hint="--entropy") from None
    if len(found) != 1:
        names = ", ".join(series.name for series in found)
        raise click.BadParameter(f"{path} has {len(found)} columns ({names}); it must hold one entropy trace",
                                 param_hint="--entropy")
    return found[0].values


class Threshold(click.ParamType):
    """A number, or qNN for a percentile of the trace."""

    name = "NUMBER|qNN"

    def convert(self, value, param, ctx):
        from ..patching import resolve_threshold

        try:
            resolve_threshold([0.0], value, param.name if param else "threshold")
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return value
