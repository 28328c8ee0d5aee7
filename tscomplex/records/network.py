"""Records of ``network``: the ordinal transition network of one series, its edge list, and GraphML."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from .base import Records

EDGE_SUFFIXES = (".csv", ".tsv", ".parquet", ".pq", ".ndjson", ".jsonl", ".json", ".graphml")


def network_result(series, dim: int = 5, tau: int = 1, tie_precision=None):
    """(Records holding the one record, edge rows) of one Series; ValueError with the reason when it cannot
    be done (a series shorter than two windows has no transition)."""
    from ..ordinal.networks import node_entropy_of, ordinal_network
    from ..ordinal.series import n_windows

    x = series.values
    if n_windows(x.size, dim, tau) < 2:
        raise ValueError(f"series of {x.size} samples has fewer than two windows for dim={dim}, tau={tau}: "
                         f"a transition needs at least (dim-1)*tau+2 = {(dim - 1) * tau + 2} samples")
    net = ordinal_network(x, dim, tau, tie_precision=tie_precision)
    records = Records()
    record = {"source": series.source, "series": series.name, "n": int(x.size), "dim": int(dim), "tau": int(tau),
              "global_node_entropy": node_entropy_of(net),
              "missing_transitions": 1.0 - net.counts.size / net.possible_transitions,
              "nodes": int(net.nodes.size), "edges": int(net.counts.size), "self_loops": net.self_loops,
              "transitions": net.transitions, "possible_transitions": net.possible_transitions}
    if tie_precision is not None:
        record["tie_precision"] = int(tie_precision)
    records.append(record)
    return records, edge_rows(series, net)


def edge_rows(series, net) -> list[dict]:
    """One row per edge: the series, both patterns (ordpy's 'i|j|k' names and our codes), count and weight."""
    labels = dict(zip(net.nodes.tolist(), net.labels()))
    weights = net.weights
    return [{"source": series.source, "series": series.name, "from_pattern": labels[a], "to_pattern": labels[b],
             "from_code": a, "to_code": b, "count": c, "weight": float(w)}
            for a, b, c, w in zip(net.sources.tolist(), net.targets.tolist(), net.counts.tolist(), weights)]


def graphml_text(graphs) -> str:
    """GraphML (http://graphml.graphdrawing.org) of ``graphs``, a list of (graph id, edge rows): one directed
    graph each, nodes named by pattern with their code, edges with count and weight."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
             '  <key id="code" for="node" attr.name="code" attr.type="long"/>',
             '  <key id="count" for="edge" attr.name="count" attr.type="long"/>',
             '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>']
    for graph_id, rows in graphs:
        lines.append(f'  <graph id={quoteattr(graph_id)} edgedefault="directed">')
        nodes = {}
        for r in rows:
            nodes.setdefault(r["from_pattern"], r["from_code"])
            nodes.setdefault(r["to_pattern"], r["to_code"])
        for label, code in sorted(nodes.items(), key=lambda item: item[1]):
            lines.append(f'    <node id={quoteattr(label)}><data key="code">{code}</data></node>')
        for r in rows:
            lines.append(f'    <edge source={quoteattr(r["from_pattern"])} target={quoteattr(r["to_pattern"])}>'
                         f'<data key="count">{r["count"]}</data><data key="weight">{r["weight"]!r}</data></edge>')
        lines.append("  </graph>")
    lines.append("</graphml>")
    return "\n".join(lines) + "\n"
