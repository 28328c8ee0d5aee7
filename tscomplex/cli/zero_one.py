"""``tscomplex zero-one``: the 0-1 test for chaos (Gottwald & Melbourne) per series."""

from __future__ import annotations

import click

from .driver import Run, run_with_curves
from .entropy import check_side_outputs
from .errors import command_errors
from .options import input_options, output_options


def zero_one_result(series, **options):
    """(record, curves) of one Series (:mod:`tscomplex.records.zero_one`), its warnings as data."""
    from ..records.zero_one import zero_one_result as build
    from .notices import warnings_as_data

    records, curves = build(series, **options)
    return warnings_as_data(records)[0], curves


def zero_one_records(series, **options) -> list[dict]:
    """The record of one Series; module level so it can run in worker processes."""
    return [zero_one_result(series, **options)[0]]


class Downsample(click.ParamType):
    """``ideal`` or a whole number of samples >= 1."""

    name = "ideal|N"

    def convert(self, value, param, ctx):
        if isinstance(value, int) or value == "ideal":
            return value
        text = str(value).strip()
        if text.isdigit() and int(text) >= 1:
            return int(text)
        self.fail(f"must be 'ideal' or a whole number of samples >= 1, got {value!r}", param, ctx)


@click.command("zero-one", short_help="The 0-1 test for chaos: K near 1 chaotic, near 0 regular.")
@input_options
@click.option("--frequencies", "n_c", type=click.IntRange(1, 10_000), default=100, show_default=True,
              metavar="N", help="Number of random frequencies c in (pi/5, 4pi/5); K is the median over them.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the frequencies; the same seed gives the same K.")
@click.option("--downsample", type=Downsample(), default="ideal", show_default=True,
              help="Test every N-th sample; 'ideal': the ideal delay that `tscomplex sweep` reports for d = 5 "
                   "(about 10 samples per natural period; 1 for maps and noise).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="zero_one_chaotic is K > THRESHOLD.")
@click.option("--curves", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write K per frequency and the translation variables (p_c, q_c) as NDJSON.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE",
              help="Draw the translation variables (p_c, q_c) for one c and K against c.")
@output_options
@command_errors
def zero_one(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
             n_c, seed, downsample, threshold, curves, plot, fmt, output, force, spec, batch):
    """The 0-1 test for chaos of each series (Gottwald & Melbourne 2004,
    2009): K near 1 for chaotic dynamics, near 0 for regular (periodic or
    quasi-periodic) dynamics.

    For each of --frequencies random c in (pi/5, 4pi/5) the series drives
    the translation variables p_c(n) = sum phi_j cos(jc), q_c(n) = sum phi_j
    sin(jc); K_c is the correlation of their modified mean-square
    displacement D_c(n) with n (n up to N/10), and K the median over c.
    Records: zero_one_k, zero_one_chaotic (K > --threshold), zero_one_threshold,
    zero_one_frequencies (how many c), zero_one_seed, zero_one_k_q25 and
    zero_one_k_q75 (quartiles of K_c: a wide spread means a doubtful K),
    zero_one_n_cut, downsample (the sampling step used) and
    downsample_method (ideal_tau, or null when given).

    Weaknesses: an oversampled flow (many samples per turn) looks regular
    step by step, so K is low or erratic; by default every N-th sample is
    tested, N the ideal delay `tscomplex sweep` reports (1 for maps);
    weak, nearly periodic chaos (Rossler) may need a coarser --downsample
    and a longer series (compare zero_one_k with its quartiles).
    Measurement noise makes p_c, q_c diffuse whatever the dynamics: K rises
    towards 1 for a noisy periodic signal, and is near 1 for pure noise. K
    tells bounded from diffusive, not chaos from noise; use `lyapunov
    --surrogates` or the plane for that.

    \b
    Example:
      tscomplex zero-one --system logistic
      tscomplex zero-one --system lorenz -n 50000 --plot zero-one.png
      tscomplex zero-one data.csv -c x --downsample 1 --curves k.ndjson
    """
    check_side_outputs(plot, curves, force)
    options = dict(n_c=n_c, seed=seed, downsample=downsample, threshold=threshold)

    def draw(kept, path):
        from ..plots.zero_one import zero_one_figure

        zero_one_figure([(label, cs) for label, _, cs in kept], path)

    run_with_curves(Run(fmt, output, force, batch=batch), zero_one_records, zero_one_result, (spec,),
                    options, curves, plot, draw)
