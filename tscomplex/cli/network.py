"""``tscomplex network``: the ordinal transition network of each series; its edges as CSV/Parquet or GraphML."""

from __future__ import annotations

import click

from .driver import FIGURE_DATA, Run, refuse_chunk_size
from .errors import command_errors
from .inputs import iter_sources
from .options import input_options, output_options


def network_records(series, dim=5, tau=1, tie_precision=None) -> list[dict]:
    """The record of one Series; module level so it can run in worker processes."""
    from ..records.network import network_result

    return list(network_result(series, dim, tau, tie_precision)[0])


class _WithEdges:
    """A record function whose record carries its series' edge rows as figure data (see :meth:`Run.map`)."""

    def __call__(self, series, dim=5, tau=1, tie_precision=None):
        from ..records.network import network_result

        records, edges = network_result(series, dim, tau, tie_precision)
        return [{**records[0], FIGURE_DATA: edges}]


def check_edges_path(path, force, inputs):
    from ..io import InputError, OutputError, check_output_path
    from ..records.network import EDGE_SUFFIXES

    if not path.lower().endswith(EDGE_SUFFIXES):
        raise click.BadParameter(f"name the edge file {', '.join(EDGE_SUFFIXES)}; got {path!r}", param_hint="--edges")
    try:
        check_output_path(path, force, inputs)
    except (InputError, OutputError) as exc:
        raise click.BadParameter(str(exc), param_hint="--edges") from None


def write_edges(path, edge_lists) -> None:
    """Every series' edge rows to ``path``: GraphML (one graph per series) or records by suffix, atomically."""
    if path.lower().endswith(".graphml"):
        from ..io import atomic_write
        from ..records.network import graphml_text

        graphs = []
        for rows in edge_lists:
            if rows:
                where = rows[0]["source"] if rows[0]["series"] is None else f"{rows[0]['source']} [{rows[0]['series']}]"
                graphs.append((where, rows))
        text = graphml_text(graphs)
        atomic_write(path, lambda fh: fh.write(text.encode()), suffix=".graphml")
        if len(graphs) > 1:
            click.echo(f"tscomplex: warning: {path} holds {len(graphs)} graphs, one per series; some tools (networkx) "
                       "read only the first: give one series per .graphml file for them", err=True)
        return
    from ..io import RecordWriter, format_for_path

    writer = RecordWriter(format_for_path(path, None, False), path)
    for rows in edge_lists:
        writer.write_many(rows)
    writer.close()


def pattern_options(f):
    """-d/--dim, -t/--tau (one delay) and --tie-precision: the ordinal options of network and distance."""
    from .. import options as vocab

    for decorator in reversed((
        click.option("-d", "--dim", type=click.IntRange(vocab.MIN_DIM, vocab.MAX_DIM), default=vocab.DEFAULT_DIM,
                     show_default=True, help="Ordinal pattern length d (d! patterns)."),
        click.option("-t", "--tau", type=click.IntRange(min=1), default=vocab.DEFAULT_TAU, show_default=True,
                     help="Ordinal delay in samples."),
        click.option("--tie-precision", type=click.IntRange(min=0), metavar="K",
                     help="Round data to K decimals before ranking, so near-equal values tie."))):
        f = decorator(f)
    return f


def _same_file(a, b) -> bool:
    import os

    return os.path.abspath(a) == os.path.abspath(b)


@click.command(short_help="Ordinal transition network per series: node entropy, edges.")
@input_options
@pattern_options
@click.option("--edges", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write every edge (from_pattern, to_pattern, count, weight per series) to FILE: .csv, .tsv, "
                   ".parquet, .ndjson, .json, or .graphml for network tools.")
@output_options
@command_errors
def network(inputs, system, components, length, params, columns, time_column, dt, nan, recursive,
            dim, tau, tie_precision, edges, fmt, output, force, spec, batch):
    """The ordinal transition network of each series (Small 2013; McCullough
    et al. 2015; Pessa & Ribeiro 2019): every pattern seen is a node, and each
    window followed by the next (one sample later) adds to the edge between
    their patterns.

    Records: source, series, n, dim, tau, global_node_entropy (sum over nodes
    of the weight into the node times the entropy of its outgoing weights;
    natural log, as ordpy), missing_transitions (the fraction of possible
    transitions never seen: of d! d at tau = 1, where successive windows
    share d-1 samples, of (d!)^2 at tau > 1), nodes, edges, self_loops,
    transitions (windows - 1) and possible_transitions. Numbers match
    ordpy's ordinal_network, global_node_entropy and missing_links.

    --edges FILE writes the edge list: from_pattern and to_pattern in ordpy's
    names ('0|2|1', the argsort of the window), from_code and to_code (the
    pattern numbers of tscomplex), count and weight (count / transitions).

    \b
    Example:
      tscomplex network --system logistic -d 4
      tscomplex network data.csv -c flux -d 5 -f json
      tscomplex network a.csv b.csv -d 4 --edges edges.csv
      tscomplex network data.csv -c flux -d 3 --edges flux.graphml
    """
    refuse_chunk_size("network", "its transitions need the whole series", batch)
    if edges:
        check_edges_path(edges, force, inputs)
        if output and _same_file(edges, output):
            raise click.UsageError("--edges and -o name the same file; give each its own")
    run = Run(fmt, output, force, batch=batch)
    items = iter_sources(run, spec)
    options = dict(dim=dim, tau=tau, tie_precision=tie_precision)
    if not edges:
        run.map(network_records, items, **options)
    else:
        run.map(_WithEdges(), items, **options)
        if run.figure_data:
            write_edges(edges, run.figure_data)
        else:
            click.echo(f"tscomplex: warning: no series gave a network; {edges} not written", err=True)
    run.finish()

