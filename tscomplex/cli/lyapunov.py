"""``tscomplex lyapunov``: the largest Lyapunov exponent from data, or the full spectrum of a built-in system."""

from __future__ import annotations

import click

from .driver import Run, note_first_compile
from .figures import check_plot
from .errors import command_errors
from .options import deprecated, inputs_with, output_options, parse_params
from .inputs import iter_sources, system_series
from .surrogates_options import surrogate_options, surrogate_wrapper

#: what the surrogates of a series share with it: the embedding and fit region chosen from the data
FIXED_FOR_SURROGATES = (("dim", "embedding_dim"), ("lag", "embedding_lag"), ("theiler", "theiler"),
                        ("steps", "trajectory_steps"), ("fit_start", "fit_start"), ("fit_end", "fit_end"),
                        ("differenced", "differenced"), ("radius", "epsilon_min"))


def _series_result(series, **options):
    """(record, MaxLyapunovResult) of one Series (:mod:`tscomplex.records.lyapunov`), its warning as data."""
    from ..records.lyapunov import lyapunov_result
    from .notices import warnings_as_data

    records, result = lyapunov_result(series, **options)
    return warnings_as_data(records)[0], result


def _is_map(name) -> bool:
    from ..systems import get

    return get(name).kind == "map"


def lyapunov_records(series, **options) -> list[dict]:
    """The record of one Series (see :func:`max_lyapunov`'s options); picklable, for batch maps."""
    return [_series_result(series, **options)[0]]


def spectrum_records(name, params=None, n_steps=None, dt=None, return_history=False):
    """(records, result) of the tangent-space spectrum of a built-in system (:mod:`tscomplex.records.lyapunov`)."""
    try:
        from ..records.lyapunov import spectrum_records as build
        return build(name, params, n_steps, dt, return_history)
    except ModuleNotFoundError as exc:
        if exc.name != "tscomplex.lyapunov.spectrum":
            raise
        raise click.ClickException("the spectrum from the equations needs tscomplex.lyapunov.spectrum, "
                                   "which this installation lacks") from None


def spectrum_data_records(series, **options) -> list[dict]:
    """The record of the spectrum from the data of one Series; picklable, for batch maps."""
    from ..records.lyapunov import spectrum_data_records as build
    from .notices import warnings_as_data

    return warnings_as_data(build(series, **options))


def _refuse_tau(ctx, param, value):
    """-t is the ordinal delay everywhere; lyapunov has none, and its embedding delay is --lag."""
    if value is not None:
        example = f"--lag {value}" if value.strip().isdigit() else "--lag N, one value in samples"
        raise click.UsageError("-t/--tau is the ordinal delay, which lyapunov does not use; "
                               f"the embedding delay is --lag ({example})", ctx=ctx)


@click.command(short_help="Largest Lyapunov exponent from data, or a system's spectrum.")
@inputs_with("With --system: the component whose exponent is estimated (default: the first). Repeatable, for "
             "one record each; -c NAME does the same.")
@click.option("--method", type=click.Choice(["rosenstein", "kantz"]), default="rosenstein", show_default=True,
              help="Nearest neighbour (Rosenstein 1993) or neighbourhood average (Kantz 1994).")
@click.option("-m", "--embedding-dim", "dim", type=click.IntRange(1, 30),
              help="Embedding dimension m (default: from the data).")
@click.option("-d", "--dim", "legacy_dim", type=click.IntRange(1, 30), hidden=True,
              help="Deprecated spelling of -m/--embedding-dim.")
@click.option("--lag", type=click.IntRange(min=1), help="Embedding delay in samples (default: from the data).")
@click.option("-t", "--tau", type=str, hidden=True, expose_value=False, callback=_refuse_tau,
              help="Refused: lyapunov has no ordinal delay; see --lag.")
@click.option("--lag-method", type=click.Choice(["mi", "acf"]), default="mi", show_default=True,
              help="Automatic delay: first minimum of the mutual information, or first zero of the autocorrelation.")
@click.option("--embedding-dim-method", "--dim-method", "dim_method", type=click.Choice(["fnn", "cao"]),
              help="Automatic embedding dimension: false nearest neighbours or Cao's method (default: fnn, or "
                   "for a deterministic map the dimension at which one-step prediction stops improving; given, "
                   "it is used for maps too).")
@click.option("--max-embedding-dim", "--max-dim", "max_dim", type=click.IntRange(1, 30), default=10,
              show_default=True, help="Largest embedding dimension the automatic choice may take.")
@click.option("--theiler", type=click.IntRange(min=0),
              help="Theiler window in samples (default: the mean period of the series).")
@click.option("--steps", type=click.IntRange(min=1),
              help="From data: steps to follow each pair (default: until the divergence curve saturates). "
                   "With --spectrum or --indicator on --system: integration steps (default: the system's; "
                   "--indicator: t = 2000, maps 10,000 iterations).")
@click.option("--spectrum", is_flag=True,
              help="The full spectrum: from the data of each input (local linear maps, QR, time-reversal check), "
                   "or with --system from the equations (tangent-space QR).")
@click.option("--neighbors", type=click.IntRange(min=2),
              help="With --spectrum on data: points in each local fit (default max(2m + 2, 10)).")
@click.option("--indicator", type=click.Choice(["sali", "gali"]),
              help="With --system: SALI or GALI_k of one orbit against time, and its regular/chaotic verdict.")
@click.option("--ic", metavar="X,Y,...", help="With --indicator: the initial state, one value per component.")
@click.option("--ic-grid", "ic_grid", type=click.IntRange(min=2), metavar="N",
              help="With --indicator sali on a 2-degree-of-freedom Hamiltonian: an N x N grid of (y, py) on the "
                   "section x = 0 at --energy, each orbit classified (t = 500 unless --steps).")
@click.option("--energy", type=float, help="With --ic-grid: the energy of the section's orbits.")
@click.option("--deviation-vectors", "deviation_vectors", type=click.IntRange(min=2), default=2, show_default=True,
              help="With --indicator gali: k, the number of deviation vectors.")
@click.option("--curves", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the divergence curves S(k) of the chosen embedding dimension and its neighbours (m - 1, "
                   "m + 1) as NDJSON, one object per curve point.")
@click.option("--plot", "plot", type=click.Path(dir_okay=False), metavar="FILE",
              help="Draw the divergence curve and its fitted region (with --spectrum: the running estimates).")
@surrogate_options
@output_options
@command_errors
def lyapunov(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
             method, dim, legacy_dim, lag, lag_method, dim_method, max_dim, theiler, steps, spectrum, neighbors,
             indicator, ic, ic_grid, energy, deviation_vectors, curves, plot, fmt, output, force, spec, batch,
             surrogates):
    """The largest Lyapunov exponent of each series, or the spectrum of a built-in system.

    From data, every choice is made automatically unless given: the delay
    (first minimum of the auto mutual information, or with --lag-method acf
    the first zero of the autocorrelation; 1 when consecutive samples are not
    strongly alike, r(1) < 1/2, as for maps), the dimension (false nearest
    neighbours), and the Theiler window (the mean period). Nearest neighbours
    come from a KD-tree. The exponent is the slope of the largest stretch of
    the divergence curve <ln d(k)> whose local slopes agree within 25%, after
    its plateau is cut; the record gives that stretch (fit_start, fit_end in
    steps) and its r²; a flow's local slopes are taken over a quarter of the
    Theiler window, or over one mean period when no stretch qualifies there
    (slope_window). max_lyapunov is per time unit (per sample without dt);
    it is null when there is no scaling region, and chaotic is true only for a
    good fit with a positive slope, and null (with a note) when the series
    spans fewer than 20 mean periods, too few to decide. Observational noise
    makes a flow's curve jump at its first step to a noise floor
    (noise_jump, in ln units): the stretch is then searched above the floor;
    when there is none but the curve still rises an e-fold above it, the 0-1
    test on every lag-th sample decides: K <= 1/2 is regular (chaotic
    false), K > 1/2 is chaos or noise, which it cannot tell apart (chaotic
    null, with a note; zero_one_k is recorded). Pairs that never part beyond
    1e-8 of the standard deviation repeat the orbit to rounding (a periodic
    sequence): chaotic false. A curve with no straight stretch that still
    climbs (by an e-fold or more) where it had to stop is a slow divergence
    cut short: chaotic null (still_rising). A straight rise whose nearest
    neighbours lie close in time (median under 5% of the record, where a
    stationary attractor's lie anywhere: a chirp, a drifting frequency)
    measures that drift, not chaos: chaotic null (neighbours_close_in_time;
    neighbour_separation is that median, as a fraction of the record).
    chaotic_rule says which rule decided: scaling_region,
    scaling_region_above_noise_floor, no_scaling_region, poor_fit,
    too_few_cycles, still_rising, noise_floor_and_zero_one_regular,
    noise_floor_undecided, repeats_to_rounding, kantz_epsilon_range,
    neighbours_close_in_time, constant_series.

    With --spectrum on input files the whole spectrum comes from the data:
    local linear maps fitted by least squares on the --neighbors nearest
    points of each reference in the embedding (chosen as above), carried
    along the orbit and re-orthonormalized by QR (Eckmann et al. 1986; Sano
    & Sawada 1985; TISEAN lyap_spec), each map looking --steps samples ahead
    (default: the lag). The estimate is repeated on the time-reversed series:
    true exponents change sign there, spurious ones (an embedding larger
    than the system) do not. Records: lyapunov_spectrum (per time unit),
    max_lyapunov, kaplan_yorke_dimension, spurious_exponents (one boolean
    each), reversed_lyapunov_spectrum, the embedding, neighbors,
    evolution_steps and reference_points.

    --curves FILE writes the divergence curves behind the fit, for the
    chosen embedding dimension m and for m - 1 and m + 1 (same lag, Theiler
    window and steps), as NDJSON: one object per point with source, series,
    method, embedding_dim, embedding_lag, theiler, chosen, step, time
    (step times dt) and s (the mean log distance, S(k)).

    With --system NAME --indicator sali (or gali with --deviation-vectors
    k) one orbit from --ic (default: the system's initial state) is followed
    with its deviation vectors for --steps RK4 steps of --dt (default:
    t = 2000; maps: 10,000 iterations): records time, alignment_index,
    and on each the verdict chaotic (the index fell below threshold, 1e-8,
    at decision_time), deviation_vectors, initial_condition, dt and params.
    Only a system that preserves phase-space volume (Hamiltonian orbits,
    area-preserving maps) gets a verdict; GALI_k with k above the degrees
    of freedom decays for regular orbits too, so its verdict is null with a
    note (Skokos 2001; Skokos, Bountis & Antonopoulos 2007). --ic-grid N
    --energy E classifies an N x N grid of (y, py) on the section x = 0 of
    a 2-degree-of-freedom Hamiltonian (px >= 0 from the energy): one record
    per point (y, py, allowed, alignment_index at the end, chaotic,
    decision_time), and --plot draws the map.

    With --system NAME the system is simulated and its --component (default:
    the first; -c works too) analyzed the same way; with --system NAME
    --spectrum the whole spectrum and the Kaplan-Yorke dimension come from
    the equations, integrated for --steps steps.

    Records: source, series, n, dt, method, max_lyapunov,
    max_lyapunov_per_sample, chaotic, embedding_dim, embedding_lag, theiler,
    trajectory_steps, fit_start, fit_end, fit_r2, slope_window, chaotic_rule,
    noise_jump, zero_one_k, deterministic_map and one_step_error_ratio (the
    map test: a series whose next value the nearest neighbour predicts 20
    times better than a linear predictor is a map, embedded at lag 1),
    embedding_lag_method (quarter_mean_period when that bound cut the
    method's lag, deterministic_map for a map) and embedding_dim_method
    (one_step_prediction for a map; both null when given), epsilon_min and
    epsilon_max (Kantz's radii whose curves at m and m + 1 agreed, when
    chaotic_rule is kantz_epsilon_range: a flow whose Rosenstein curve has
    no straight rise), differenced (true when the series drifts, an unwrapped
    angle or a random walk, and its increments were analysed),
    neighbour_separation, and a note when no exponent. A
    constant series is not a failure: its measures are null, with a warning.
    -t is refused here: it is the ordinal delay in every command, and the
    embedding delay is --lag. The old -d for the embedding dimension works
    for this release, with a warning; use -m.

    With --surrogates N the exponent is also estimated on N surrogates of
    the series, with the embedding, Theiler window and steps chosen for the
    data: max_lyapunov_surrogate_mean, _surrogate_std, _z, _p and nonlinear
    (max_lyapunov's test at --alpha). chaotic then needs nonlinear = true
    as well, and chaotic_rule says which rule decided. A linear series can
    have a positive slope too; only the test tells them apart.

    \b
    Example:
      tscomplex lyapunov --system logistic
      tscomplex lyapunov --system logistic -n 2000 --surrogates 39 --seed 1
      tscomplex lyapunov data.csv -c x --dt 0.01 --plot divergence.png
      tscomplex lyapunov data.csv -c x -m 3 --lag 17
      tscomplex lyapunov data.csv -c x --dt 0.01 --curves divergence.ndjson
      tscomplex lyapunov --system lorenz --spectrum --steps 200000 --plot convergence.png
      tscomplex lyapunov henon.csv -c x --spectrum -m 2
      tscomplex lyapunov --system henon_heiles --indicator sali --ic 0,-0.1,0.5568,0
      tscomplex lyapunov --system henon_heiles --indicator sali --ic-grid 40 --energy 0.125 --plot map.png
    """

    if legacy_dim is not None:
        if dim is not None:
            raise click.UsageError("give -m/--embedding-dim only (-d is its deprecated spelling)")
        deprecated("lyapunov -d/--dim (embedding dimension)", "-m/--embedding-dim")
        dim = legacy_dim

    if plot:
        check_plot(plot)
    if curves:
        if spectrum or indicator or ic is not None:
            raise click.UsageError("--curves writes the divergence curves of the largest exponent from data; "
                                   "drop --spectrum and --indicator")
        from ..io import InputError, check_output_path

        try:
            check_output_path(curves, force)
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint="--curves") from None
    if indicator or ic is not None or ic_grid is not None:
        if spectrum or surrogates.count:
            raise click.UsageError("--indicator is a run of its own; drop --spectrum and --surrogates")
        from .indicators import indicator_run

        indicator_run(system, inputs, indicator, ic, deviation_vectors, steps, params, dt, plot, fmt, output, force,
                      ic_grid, energy, batch)
        return
    if spectrum:
        if surrogates.count:
            raise click.UsageError("--surrogates tests the largest exponent; it does not apply to --spectrum")
        if not system:
            if plot:
                raise click.UsageError("--plot with --spectrum draws the equations' running estimates; "
                                       "it needs --system NAME")
            run = Run(fmt, output, force, batch=batch)
            run.map(spectrum_data_records, iter_sources(run, spec), dim=dim, lag=lag, theiler=theiler,
                    steps=steps, lag_method=lag_method, dim_method=dim_method, max_dim=max_dim,
                    neighbors=neighbors)
            run.finish()
            return
        if neighbors is not None:
            raise click.UsageError("--neighbors is for the spectrum from data; the equations need none")
        _spectrum(system, inputs, tuple(components) + tuple(columns), length, steps, params, dt, plot, fmt, output,
                  force, batch)
        return

    options = dict(method=method, dim=dim, lag=lag, lag_method=lag_method, dim_method=dim_method,
                   theiler=theiler, steps=steps, max_dim=max_dim)
    run = Run(fmt, output, force, batch=batch)
    from ..surrogates.records import lyapunov_null_records

    tested = surrogate_wrapper(lyapunov_records, surrogates, "max_lyapunov", null_func=lyapunov_null_records,
                               fixed=FIXED_FOR_SURROGATES, match=())
    if system:
        if inputs:
            raise click.UsageError("give input files or --system, not both")
        chosen = tuple(components) + tuple(columns)  # -c names a component, as --component does
        note_first_compile()
        found = system_series(system, chosen, length, parse_params(params), dt)
        items = found if chosen else found[:1]
    else:  # the batch layer spreads the work (--jobs, --dask, --resume)
        items = iter_sources(run, spec)
    if not (plot or curves):
        run.map(tested or lyapunov_records, items, **options)
        run.finish()
        return
    # the same map; each series also brings its divergence curve for the figure (and its neighbours' curves)
    run.map(lyapunov_figure_records, items, tested=tested, curves=bool(curves), **options)
    results = [result for result, _, _, _ in run.figure_data]
    labels = [label for _, label, _, _ in run.figure_data]
    dt_known = [known for _, _, known, _ in run.figure_data]
    if curves:
        from .driver import write_curves

        write_curves(curves, [point for _, _, _, points in run.figure_data for point in points])
    if plot and results:
        from ..plots.lyapunov import divergence_figure

        if system and _is_map(system):
            unit = "iterations"
        else:
            unit = "time units" if any(dt_known) else "samples"
        from ..plots.plane import series_labels

        # labels name the source and the series, as short as keeps them apart (a.csv:x, b.csv:x)
        divergence_figure(results, plot, labels=series_labels(labels, always_series=True) if len(results) > 1
                          else None, time_unit=unit)
    run.finish()


def lyapunov_figure_records(series, tested=None, curves=False, **options) -> list[dict]:
    """:func:`lyapunov_records` (tested against surrogates with ``tested``), the record carrying the
    divergence curve, the figure label, whether dt is known and (with ``curves``) the points of the curves of
    the chosen and neighbouring embedding dimensions, for the figure and --curves (none for a constant series)."""
    from ..records.lyapunov import divergence_curve_points
    from .driver import FIGURE_DATA

    record, result = _series_result(series, **options)
    if tested is not None:
        record = tested.test([record], series, options)[0]
    if result is not None:
        group = series.meta.get("group")
        label = (series.source, series.name if group is None else f"{group}:{series.name}")
        points = divergence_curve_points(series, result, options.get("method", "rosenstein")) if curves else []
        record[FIGURE_DATA] = (result, label, series.dt is not None, points)
    return [record]


def _spectrum(system, inputs, components, length, steps, params, dt, plot, fmt, output, force, batch):
    if not system:
        raise click.UsageError("--spectrum needs --system NAME (the spectrum comes from the equations)")
    if inputs:
        raise click.UsageError("give input files or --system, not both")
    if components:
        raise click.UsageError("--spectrum covers all components; drop --component and -c")
    ctx = click.get_current_context()
    if ctx.get_parameter_source("length") == click.core.ParameterSource.COMMANDLINE:
        if steps is not None:
            raise click.UsageError("with --spectrum give --steps only (-n is samples, not integration steps)")
        deprecated("lyapunov --spectrum -n (integration steps)", "--steps")
        steps = length
    run = Run(fmt, output, force, batch=batch)
    note_first_compile()
    try:
        records, result = spectrum_records(system, parse_params(params), steps, dt, return_history=bool(plot))
    except (KeyError, ValueError) as exc:  # an unknown system or a bad parameter, as in system_series
        from ..systems import DivergenceError

        if isinstance(exc, DivergenceError):  # a well-formed request whose run failed: exit 1
            raise click.ClickException(str(exc)) from None
        raise click.UsageError(str(exc).strip("'\"")) from None
    for record in records:
        run.emit(record)
    if plot:
        from ..plots.lyapunov import spectrum_figure

        spectrum_figure(result, plot)
    run.finish()
