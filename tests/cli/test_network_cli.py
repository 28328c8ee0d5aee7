"""`tscomplex network` through click's CliRunner: records, edge files (CSV, Parquet, GraphML), bad input."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from tscomplex import global_node_entropy, missing_transitions, ordinal_network


@pytest.fixture
def data(tmp_path):
    rng = np.random.default_rng(7)
    noise = rng.standard_normal(2000)
    walk = np.cumsum(rng.standard_normal(2000))
    path = tmp_path / "data.csv"
    with open(path, "w") as fh:
        fh.write("noise,walk\n")
        for a, b in zip(noise, walk):
            fh.write(f"{float(a)!r},{float(b)!r}\n")
    return path, {"noise": noise, "walk": walk}


def test_records_match_the_api(cli, data):
    path, series = data
    result = cli(["network", path, "-d", "4", "-t", "2"])
    assert result.exit_code == 0, result.stderr
    records = {r["series"]: r for r in result.records}
    assert set(records) == {"noise", "walk"}
    for name, x in series.items():
        r = records[name]
        net = ordinal_network(x, 4, 2)
        assert r["global_node_entropy"] == pytest.approx(global_node_entropy(x, 4, 2), abs=1e-12)
        assert r["missing_transitions"] == pytest.approx(missing_transitions(x, 4, 2), abs=1e-15)
        assert r["edges"] == net.counts.size and r["nodes"] == net.nodes.size
        assert r["transitions"] == x.size - 3 * 2 - 1
        assert r["possible_transitions"] == math.factorial(4) ** 2
        assert isinstance(r["edges"], int) and r["dim"] == 4 and r["tau"] == 2


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_edge_list(cli, data, tmp_path, suffix):
    path, series = data
    edges = tmp_path / f"edges{suffix}"
    result = cli(["network", path, "-d", "3", "--edges", edges])
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(edges) if suffix == ".csv" else pd.read_parquet(edges)
    assert list(table.columns) == ["source", "series", "from_pattern", "to_pattern", "from_code", "to_code",
                                   "count", "weight"]
    for name, x in series.items():
        part = table[table.series == name]
        net = ordinal_network(x, 3)
        assert part["count"].tolist() == net.counts.tolist()
        assert part["from_code"].tolist() == net.sources.tolist()
        assert part["weight"].sum() == pytest.approx(1.0)
        assert part["from_pattern"].iloc[0] == "|".join(map(str, range(3))) or part["from_code"].iloc[0] != 0


def test_graphml_is_valid_xml_with_the_network(cli, data, tmp_path):
    path, series = data
    out = tmp_path / "net.graphml"
    result = cli(["network", path, "-c", "walk", "-d", "3", "--edges", out])
    assert result.exit_code == 0, result.stderr
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    graphs = root.findall("g:graph", ns)
    assert len(graphs) == 1 and graphs[0].get("edgedefault") == "directed"
    net = ordinal_network(series["walk"], 3)
    nodes = graphs[0].findall("g:node", ns)
    assert [n.get("id") for n in nodes] == net.labels()
    edges = graphs[0].findall("g:edge", ns)
    counts = [int(e.find("g:data[@key='count']", ns).text) for e in edges]
    assert counts == net.counts.tolist()
    weights = [float(e.find("g:data[@key='weight']", ns).text) for e in edges]
    np.testing.assert_allclose(weights, net.weights, rtol=0, atol=1e-15)
    networkx = pytest.importorskip("networkx")
    g = networkx.read_graphml(out)
    assert g.number_of_edges() == net.counts.size


def test_graphml_of_several_series_warns(cli, data, tmp_path):
    path, _ = data
    out = tmp_path / "net.graphml"
    result = cli(["network", path, "-d", "3", "--edges", out])
    assert result.exit_code == 0
    assert len(ET.parse(out).getroot().findall("{http://graphml.graphdrawing.org/xmlns}graph")) == 2
    assert "2 graphs" in result.stderr and result.stderr.count("\n") == 1


def test_bad_inputs_one_line_each(cli, data, tmp_path):
    path, _ = data
    short = tmp_path / "short.csv"
    short.write_text("x\n1\n2\n3\n4\n")
    result = cli(["network", path, short, "-d", "4"])
    assert result.exit_code == 1
    assert len(result.records) == 3 and "error" in result.records[-1]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error: ") and "two windows" in lines[0]
    assert "Traceback" not in result.stderr
    bad = cli(["network", path, "--edges", tmp_path / "edges.xyz"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "--edges" in bad.stderr
    assert not (tmp_path / "edges.xyz").exists()
    edges = tmp_path / "e.csv"
    nothing = cli(["network", short, "-d", "4", "--edges", edges])
    assert nothing.exit_code == 1 and not edges.exists()


def test_workers_system_and_same_file(cli, data, tmp_path):
    path, series = data
    one = cli(["network", path, "-d", "4", "--jobs", "1"])
    two = cli(["network", path, "-d", "4", "--jobs", "2", "--edges", tmp_path / "e.ndjson"])
    assert two.exit_code == 0, two.stderr
    assert two.records == one.records
    system = cli(["network", "--system", "logistic", "-n", "3000", "-d", "4"])
    assert system.exit_code == 0, system.stderr
    (record,) = system.records
    assert record["missing_transitions"] > 0.5  # the logistic map forbids patterns, hence transitions
    same = cli(["network", path, "-o", tmp_path / "x.csv", "--edges", tmp_path / "x.csv"])
    assert same.exit_code == 2 and same.stderr.count("\n") == 1 and not (tmp_path / "x.csv").exists()


def test_graphml_escapes_names():
    from tscomplex.records.network import graphml_text

    rows = [{"source": "a", "series": 's&"<>', "from_pattern": "0|1", "to_pattern": "1|0", "from_code": 0,
             "to_code": 1, "count": 3, "weight": 0.75}]
    root = ET.fromstring(graphml_text([('a.csv [s&"<>]', rows)]))
    graph = root.find("{http://graphml.graphdrawing.org/xmlns}graph")
    assert graph.get("id") == 'a.csv [s&"<>]'
