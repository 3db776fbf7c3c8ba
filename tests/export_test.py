#!/usr/bin/env python3
"""End-to-end tests of `stancegraph export` (docs/exports.md): every format is
parsed back by a real reader -- NetworkX (GraphML, GEXF), Graphviz (DOT),
xmllint, Python's csv module (neo4j-csv), Cytoscape.js in Node (cyjs, when npm
is available) -- and its counts and properties compared with `stats --json`
and with the JSON-lines export; the subgraph filters are checked against a
reference filter written here in Python; hostile text must survive every format.

usage: export_test.py BINARY SOURCE_DIR BUILD_DIR   (ctest passes all three)
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import networkx as nx
from networkx.readwrite.gexf import GEXF

from cli_util import claim, run_cli

BINARY = SOURCE = BUILD = None

# NetworkX 2.8 knows GEXF 1.1 and 1.2draft; 1.3 keeps their elements (spells,
# attvalues) under a new namespace, so teach the reader that namespace.
GEXF.versions["1.3"] = dict(GEXF.versions["1.2draft"], NS_GEXF="http://gexf.net/1.3",
                            NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")

NASTY = 'Q "uoted" & <b>Tag</b>\nNew line, — Київ 北京 \x01ctl'
NASTY_XML = NASTY.replace("\x01", "")  # XML 1.0 cannot carry U+0001
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"
MINUS = "-Minus Party"
SYMMETRIC = {"MEETS", "COOPERATES_WITH"}

NEO4J_NODES_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "code", "title", "date",
                      "url", "source", "author"]
NEO4J_RELS_HEADER = [":START_ID", ":END_ID", ":TYPE", "claims:int", "articles:int",
                     "first_date:date", "last_date:date", "title", "titles:string[]",
                     "sources:string[]"]


def run(*args, **kwargs):
    return run_cli(BINARY, *args, **kwargs)


def date_first(d):
    """An ISO date, partial or not, as its first day (docs/exports.md)."""
    parts = d.split("-") + ["01", "01"]
    return "-".join(parts[:3])


def date_last(d):
    parts = d.split("-")
    if len(parts) == 3:
        return d
    if len(parts) == 1:
        return d + "-12-31"
    y, m = int(parts[0]), int(parts[1])
    days = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][m - 1]
    return f"{d}-{days:02d}"


class Graph:
    """The whole graph as the jsonl export gives it: the reference for every other format."""

    def __init__(self, path):
        self.nodes, self.edges = {}, []
        with open(path, encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                if obj["type"] == "node":
                    self.nodes[obj["id"]] = obj
                else:
                    self.edges.append(obj)

    def node_names(self):
        return {n["properties"]["name"] for n in self.nodes.values()}

    def kind(self, node_id):
        return self.nodes[node_id]["labels"][0]


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgexport-")
        cls.db = os.path.join(cls.tmp, "db")
        sample = os.path.join(SOURCE, "tests", "data", "claims", "sample.jsonl")
        hostile = os.path.join(cls.tmp, "hostile.jsonl")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(claim(NASTY, "SUPPORTS", 'a <position> & "more"', date="2024-06",
                          article={"id": "hostile", "title": "T & <t>", "date": "2024-06-30"}) + "\n")
            f.write(claim(FORMULA, "OPPOSES", MINUS + " policy", date="2024",
                          article={"id": "hostile", "title": "T & <t>", "date": "2024-06-30"}) + "\n")
            f.write(claim("Undated Person", "SUPPORTS", "undated position",
                          article={"id": "undated"}) + "\n")
        run("ingest", sample, hostile, "--db", cls.db)
        stats = json.loads(run("stats", "--db", cls.db, "--json").stdout)
        cls.stats = stats
        cls.full = Graph(cls.export_to("jsonl"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def export_to(cls, fmt, *filters, name=None):
        out = os.path.join(cls.tmp, (name or "graph") + "." + fmt)
        run("export", "--db", cls.db, "--format", fmt, "--out", out, *filters)
        return out

    def xmllint(self, path):
        subprocess.run(["xmllint", "--noout", path], check=True)

    # ----- every format, whole graph, against stats and the jsonl reference

    def test_reference_matches_stats(self):
        self.assertEqual(len(self.full.nodes), self.stats["nodes"])
        self.assertEqual(len(self.full.edges), self.stats["edges"])
        undated = [e for e in self.full.edges if "first_date" not in e["properties"]]
        self.assertTrue(undated, "the fixture needs an undated edge")

    def test_graphml_typed_keys_and_counts(self):
        path = self.export_to("graphml")
        self.xmllint(path)
        g = nx.read_graphml(path)
        self.assertEqual(g.number_of_nodes(), self.stats["nodes"])
        self.assertEqual(g.number_of_edges(), self.stats["edges"])
        kinds = {}
        for _, d in g.nodes(data=True):
            kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
            self.assertEqual(d["labelV"], d["kind"])  # TinkerPop's vertex label key
        self.assertEqual(kinds, self.stats["nodes_by_kind"])
        relations = {}
        for _, _, d in g.edges(data=True):
            relations[d["relation"]] = relations.get(d["relation"], 0) + 1
            self.assertEqual(d["labelE"], d["relation"])
            self.assertIsInstance(d["claims"], int)
            self.assertIsInstance(d["articles"], int)
        self.assertEqual(relations, self.stats["edges_by_relation"])
        article = [d for _, d in g.nodes(data=True) if d.get("name") == "hostile"][0]
        self.assertEqual((article["title"], article["date"]), ("T & <t>", "2024-06-30"))
        russia = [d for _, d in g.nodes(data=True) if d.get("name") == "Russia"][0]
        self.assertEqual(russia["code"], "RUS")
        self.assertIn("Moscow", russia["aliases"].split("|"))
        keys = ET.parse(path).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
        types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
        self.assertEqual(types[("edge", "claims")], "int")
        for name in ("kind", "name", "aliases", "code", "title", "date", "url", "source", "author"):
            self.assertIn(("node", name), types)
        for name in ("relation", "title", "titles", "first_date", "last_date", "sources"):
            self.assertIn(("edge", name), types)

    def read_gexf(self, path):
        return nx.read_gexf(path, version="1.3")

    def test_gexf_is_dynamic_with_spells(self):
        path = self.export_to("gexf")
        self.xmllint(path)
        root = ET.parse(path).getroot()
        self.assertEqual(root.tag, "{http://gexf.net/1.3}gexf")
        graph = root.find("{http://gexf.net/1.3}graph")
        self.assertEqual((graph.get("mode"), graph.get("timeformat")), ("dynamic", "date"))
        g = self.read_gexf(path)
        self.assertEqual(g.number_of_nodes(), self.stats["nodes"])
        symmetric = sum(n for r, n in self.stats["edges_by_relation"].items() if r in SYMMETRIC)
        # "mutual" edges come back from NetworkX in both directions.
        self.assertEqual(g.number_of_edges(), self.stats["edges"] + symmetric)
        node_span = {}
        for u, v, d in g.edges(data=True):
            ref = [e for e in self.full.edges if "e" + e["id"] == d["id"]][0]["properties"]
            if "first_date" not in ref:
                self.assertNotIn("spells", d)
                continue
            span = (date_first(ref["first_date"]), date_last(ref["last_date"]))
            self.assertEqual(d["spells"], [span])
            self.assertEqual(d["claims"], ref["claims"])
            for n in (u, v):
                lo, hi = node_span.get(n, span)
                node_span[n] = (min(lo, span[0]), max(hi, span[1]))
        for n, d in g.nodes(data=True):
            if n in node_span:
                self.assertEqual(d["spells"], [node_span[n]], d["label"])
            else:
                self.assertNotIn("spells", d)
        nasty = [n for n, d in g.nodes(data=True) if d["label"] == NASTY_XML][0]
        self.assertEqual(g.nodes[nasty]["spells"], [("2024-06-01", "2024-06-30")])
        formula = [n for n, d in g.nodes(data=True) if d["label"] == FORMULA][0]
        self.assertEqual(g.nodes[formula]["spells"], [("2024-01-01", "2024-12-31")])
        self.validate_gexf_if_xsd(path)

    def validate_gexf_if_xsd(self, path):
        """Validates against GEXF 1.3's XSD when one is installed; never downloads it."""
        found = glob.glob("/usr/share/**/gexf*1.3*/gexf.xsd", recursive=True) + \
            glob.glob("/usr/share/**/gexf-1.3.xsd", recursive=True)
        if not found:
            print("export_test: no local GEXF 1.3 XSD; schema validation skipped", file=sys.stderr)
            return
        subprocess.run(["xmllint", "--noout", "--schema", found[0], path], check=True)

    def test_dot_renders_with_graphviz(self):
        path = self.export_to("dot")
        layout = json.loads(subprocess.run(["dot", "-Tjson", path], capture_output=True, text=True,
                                           check=True).stdout)
        self.assertEqual(len(layout["objects"]), self.stats["nodes"])
        self.assertEqual(len(layout["edges"]), self.stats["edges"])
        shapes = {o["label"]: o["shape"] for o in layout["objects"]}
        self.assertEqual(shapes["Russia"], "box")
        self.assertEqual(shapes["Vladimir Putin"], "ellipse")
        colors = {e["color"] for e in layout["edges"] if e["label"].startswith("OPPOSES")}
        self.assertEqual(colors, {"firebrick"})

    def test_cyjs_elements(self):
        path = self.export_to("cyjs")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
        self.assertEqual(len(nodes), self.stats["nodes"])
        self.assertEqual(len(edges), self.stats["edges"])
        ids = {n["data"]["id"] for n in nodes}
        for e in edges:
            self.assertIn(e["data"]["source"], ids)
            self.assertIn(e["data"]["target"], ids)
            self.assertIn(e["data"]["relation"], self.stats["edges_by_relation"])
        russia = [n["data"] for n in nodes if n["data"]["label"] == "Russia"][0]
        self.assertEqual((russia["kind"], russia["code"]), ("State", "RUS"))
        counts = self.cytoscape_counts(path)
        if counts is None:
            self.skipTest("npm or the cytoscape package is not available")
        self.assertEqual(counts, {"nodes": self.stats["nodes"], "edges": self.stats["edges"],
                                  "nasty": 1})

    def cytoscape_counts(self, path):
        """Loads the elements in headless Cytoscape.js; None when npm cannot provide it."""
        node, npm = shutil.which("node"), shutil.which("npm")
        if not node or not npm:
            return None
        prefix = os.path.join(BUILD, "npm")
        module = os.path.join(prefix, "node_modules", "cytoscape")
        if not os.path.isdir(module):
            p = subprocess.run([npm, "install", "--prefix", prefix, "--no-audit", "--no-fund",
                                "--loglevel=error", "cytoscape@3"], capture_output=True, text=True)
            if p.returncode != 0:
                print("export_test: npm install cytoscape failed:", p.stderr, file=sys.stderr)
                return None
        script = (
            "const cytoscape = require(process.argv[1]);"
            "const doc = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
            "const cy = cytoscape({headless: true, elements: doc.elements});"
            "const nasty = cy.nodes().filter(n => n.data('name') === process.argv[3]).length;"
            "console.log(JSON.stringify({nodes: cy.nodes().length, edges: cy.edges().length, nasty}));")
        p = subprocess.run([node, "-e", script, module, path, NASTY], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def read_neo4j_csv(self, directory):
        with open(os.path.join(directory, "nodes.csv"), newline="", encoding="utf-8") as f:
            nodes = list(csv.reader(f))
        with open(os.path.join(directory, "relationships.csv"), newline="", encoding="utf-8") as f:
            rels = list(csv.reader(f))
        return nodes, rels

    def test_neo4j_csv_for_neo4j_admin(self):
        directory = os.path.join(self.tmp, "neo4j")
        p = run("export", "--db", self.db, "--format", "neo4j-csv", "--out", directory)
        self.assertIn(f"{self.stats['nodes']} nodes", p.stderr)
        nodes, rels = self.read_neo4j_csv(directory)
        self.assertEqual(nodes[0], NEO4J_NODES_HEADER)
        self.assertEqual(rels[0], NEO4J_RELS_HEADER)
        self.assertEqual(len(nodes) - 1, self.stats["nodes"])
        self.assertEqual(len(rels) - 1, self.stats["edges"])
        by_id = {row[0]: dict(zip(NEO4J_NODES_HEADER, row)) for row in nodes[1:]}
        for node_id, ref in self.full.nodes.items():
            row = by_id[node_id]
            self.assertEqual(row[":LABEL"], ref["labels"][0])
            aliases = row["aliases:string[]"].split(";") if row["aliases:string[]"] else []
            self.assertEqual(aliases, ref["properties"]["aliases"])
        for row in rels[1:]:
            r = dict(zip(NEO4J_RELS_HEADER, row))
            self.assertIn(r[":START_ID"], by_id)
            self.assertIn(r[":END_ID"], by_id)
            int(r["claims:int"]), int(r["articles:int"])
        sanction = [dict(zip(NEO4J_RELS_HEADER, r)) for r in rels[1:] if r[2] == "SANCTIONS"][0]
        self.assertIn("Reuters", sanction["sources:string[]"].split(";"))
        names = {r["name"] for r in by_id.values()}
        self.assertIn("'" + FORMULA, names)  # formula guard
        self.assertIn("'" + MINUS + " policy", names)
        self.assertIn(NASTY, names)  # quotes, comma, newline and \x01 kept inside one cell
        with open(os.path.join(directory, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        absdir = os.path.abspath(directory)
        self.assertIn(f"neo4j-admin database import full --nodes={absdir}/nodes.csv "
                      f"--relationships={absdir}/relationships.csv --array-delimiter=\";\" "
                      "--multiline-fields=true neo4j", readme)
        self.assertEqual(sorted(os.listdir(directory)), ["README.md", "nodes.csv", "relationships.csv"])

    def test_neo4j_csv_needs_a_directory(self):
        p = run("export", "--db", self.db, "--format", "neo4j-csv", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--out DIR", p.stderr)

    def test_hostile_text_survives_every_format(self):
        g = nx.read_graphml(self.export_to("graphml"))
        self.assertIn(NASTY_XML, {d["name"] for _, d in g.nodes(data=True)})
        self.assertIn('a <position> & "more"', {d["name"] for _, d in g.nodes(data=True)})
        g = self.read_gexf(self.export_to("gexf"))
        self.assertIn(NASTY_XML, {d["name"] for _, d in g.nodes(data=True)})
        self.assertIn(FORMULA, {d["label"] for _, d in g.nodes(data=True)})
        layout = json.loads(subprocess.run(["dot", "-Tjson", self.export_to("dot")],
                                           capture_output=True, text=True, check=True).stdout)
        # DOT writes a line break in a label as Graphviz's "\n" escape.
        self.assertIn(NASTY_XML.replace("\n", "\\n"), {o["label"] for o in layout["objects"]})
        with open(self.export_to("cyjs"), encoding="utf-8") as f:
            cy = json.load(f)
        self.assertIn(NASTY, {n["data"]["name"] for n in cy["elements"]["nodes"]})
        self.assertIn(NASTY, self.full.node_names())
        self.assertIn(FORMULA, self.full.node_names())  # the guard is for CSV only

    # ----- subgraph filters, against a reference filter over the full graph

    def filtered(self, *filters, name):
        return Graph(self.export_to("jsonl", *filters, name=name))

    def expect(self, keep_node, keep_edge, edge_filter):
        nodes = {i for i, n in self.full.nodes.items() if keep_node(i)}
        edges = {e["id"] for e in self.full.edges
                 if e["start"]["id"] in nodes and e["end"]["id"] in nodes and keep_edge(e)}
        if edge_filter:
            ends = {e["start"]["id"] for e in self.full.edges if e["id"] in edges} | \
                   {e["end"]["id"] for e in self.full.edges if e["id"] in edges}
            nodes &= ends
        return nodes, edges

    def assert_graph(self, got, expected):
        nodes, edges = expected
        self.assertEqual(set(got.nodes), nodes)
        self.assertEqual({e["id"] for e in got.edges}, edges)

    def test_filter_kinds_keeps_isolated_matching_nodes(self):
        got = self.filtered("--kinds", "Person,State", name="kinds")
        self.assert_graph(got, self.expect(lambda i: self.full.kind(i) in ("Person", "State"),
                                           lambda e: True, False))
        self.assertEqual(len(got.nodes), self.stats["nodes_by_kind"]["Person"] +
                         self.stats["nodes_by_kind"]["State"])

    def test_filter_relations_drops_nodes_without_edges(self):
        got = self.filtered("--relations", "OPPOSES,SUPPORTS", name="rel")
        self.assert_graph(got, self.expect(lambda i: True,
                                           lambda e: e["label"] in ("OPPOSES", "SUPPORTS"), True))
        self.assertEqual(len(got.edges), self.stats["edges_by_relation"]["OPPOSES"] +
                         self.stats["edges_by_relation"]["SUPPORTS"])

    def overlaps(self, e, since, until):
        p = e["properties"]
        if "first_date" not in p:
            return False
        return date_last(p["last_date"]) >= date_first(since) and \
            date_first(p["first_date"]) <= date_last(until)

    def test_filter_dates_overlap_and_drop_undated(self):
        for since, until in (("2024-06-15", "2024-06-15"), ("2025-03", "2025-05"), ("2024", "2024")):
            got = self.filtered("--since", since, "--until", until, name="dates")
            expected = self.expect(lambda i: True, lambda e: self.overlaps(e, since, until), True)
            self.assert_graph(got, expected)
            self.assertTrue(expected[1], (since, until))
        got = self.filtered("--since", "2025-05-01", name="since")
        self.assertNotIn("Undated Person", got.node_names())
        self.assertTrue(all(e["properties"]["last_date"] >= "2025-05" for e in got.edges))

    def test_filter_around_is_the_neighbourhood(self):
        hood = json.loads(run("neighbors", "Russia", "--depth", "2", "--db", self.db,
                              "--json").stdout)
        names = {hood["start"]["name"]} | {n["name"] for n in hood["nodes"]}
        got = self.filtered("--around", "Moscow", "--depth", "2", name="around")
        self.assertEqual(got.node_names(), names)
        ids = set(got.nodes)
        self.assert_graph(got, self.expect(lambda i: i in ids, lambda e: True, False))
        both = self.filtered("--around", "Russia", "--depth", "2", "--kinds", "State",
                             "--relations", "SANCTIONS,MEETS,ATTACKS", name="around2")
        self.assertTrue(both.edges)
        for e in both.edges:
            self.assertIn(e["label"], ("SANCTIONS", "MEETS", "ATTACKS"))
            self.assertEqual(e["start"]["labels"], ["State"])
        self.assertIn("Russia", both.node_names())

    def test_filters_apply_to_every_format(self):
        flt = ("--relations", "SUPPORTS", "--since", "2025")
        ref = self.filtered(*flt, name="every")
        g = nx.read_graphml(self.export_to("graphml", *flt, name="every"))
        self.assertEqual((g.number_of_nodes(), g.number_of_edges()), (len(ref.nodes), len(ref.edges)))
        g = self.read_gexf(self.export_to("gexf", *flt, name="every"))
        self.assertEqual((g.number_of_nodes(), g.number_of_edges()), (len(ref.nodes), len(ref.edges)))
        layout = json.loads(subprocess.run(["dot", "-Tjson", self.export_to("dot", *flt, name="every")],
                                           capture_output=True, text=True, check=True).stdout)
        self.assertEqual((len(layout["objects"]), len(layout["edges"])), (len(ref.nodes), len(ref.edges)))
        with open(self.export_to("cyjs", *flt, name="every"), encoding="utf-8") as f:
            cy = json.load(f)["elements"]
        self.assertEqual((len(cy["nodes"]), len(cy["edges"])), (len(ref.nodes), len(ref.edges)))
        directory = os.path.join(self.tmp, "every-csv")
        run("export", "--db", self.db, "--format", "neo4j-csv", "--out", directory, *flt)
        nodes, rels = self.read_neo4j_csv(directory)
        self.assertEqual((len(nodes) - 1, len(rels) - 1), (len(ref.nodes), len(ref.edges)))

    def test_bad_filter_values_fail(self):
        for args, message in ((("--kinds", "Persn"), "unknown kind 'Persn'"),
                              (("--relations", "LIKES"), "unknown relation 'LIKES'"),
                              (("--since", "2025-13-01"), "--since '2025-13-01'"),
                              (("--around", "Nobody At All"), "no node named")):
            p = run("export", "--db", self.db, "--format", "jsonl", *args, check=False)
            self.assertEqual(p.returncode, 1, args)
            self.assertIn(message, p.stderr)
            self.assertEqual(p.stdout, "")
        p = run("export", "--db", self.db, "--format", "jsonl", "--around", "Russia", "--depth", "0",
                check=False)
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    BINARY, SOURCE, BUILD = sys.argv[1], sys.argv[2], sys.argv[3]
    unittest.main(argv=[sys.argv[0], "-v"])
