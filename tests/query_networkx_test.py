#!/usr/bin/env python3
"""Cross-checks `stancegraph query` (docs/query.md) against NetworkX on the same
graph: the query fixture (tests/data/queries/fixture.jsonl) and a generated
graph (300 actors and positions, 1500 claims, fixed seed), each ingested with
the CLI, exported as GraphML and read with networkx.read_graphml.

Over the analyst relations (MENTIONS and CITES left out), for random node pairs
and nodes it compares:
  - shortestPath length with nx.shortest_path_length on the undirected graph;
  - the number of allShortestPaths with the number of relationship sequences
    along nx.all_shortest_paths (a node path counts once per choice of parallel
    relationship at each step, as Cypher's paths are relationship sequences);
  - DISTINCT ends of -[*1..2]- with the nodes at distance 1 or 2, plus the start
    itself when a neighbour is joined to it by two or more relationships (a-b-a
    over two different relationships is a path; over one it is not);
  - DISTINCT ends of -[]-> and <-[]- with successors and predecessors, where
    MEETS and COOPERATES_WITH (stored once, smaller id first) count both ways;
  - DISTINCT ends of -[*1..2]-> with the directed two-step closure, same rules.

GraphML node ids are "n<id>" with id(n) the store's node id (tools/export_xml.cc).

usage: query_networkx_test.py BINARY SOURCE_DIR   (ctest passes both)
"""
import json
import os
import random
import shutil
import sys
import tempfile
import unittest

import networkx as nx

from cli_util import run_cli

BINARY = SOURCE = None

ANALYST = ["HOLDS_OFFICE", "MEMBER_OF", "SUPPORTS", "OPPOSES", "PROPOSES", "MEETS",
           "COOPERATES_WITH", "CRITICIZES", "THREATENS", "SANCTIONS", "ATTACKS"]
TYPES = "|".join(ANALYST)
SYMMETRIC = {"MEETS", "COOPERATES_WITH"}
MAX_HOPS = 10  # QueryLimits::max_hops, the default cap
PAIRS = 100    # random pairs per graph
STARTS = 60    # random start nodes per graph


def generated_claims(path, seed=20250517, n_claims=1500):
    """A claims file over 300 nodes in two groups (280 and 20) that never meet,
    so the analyst graph has at least two components. Kinds and relations follow
    docs/schema.md; about one claim in twenty is negated (no edge)."""
    rng = random.Random(seed)
    kinds = [("Person", 120), ("State", 60), ("Organization", 40), ("Position", 80)]
    nodes = [(f"{kind} {i:03d}", kind) for kind, n in kinds for i in range(n)]
    rng.shuffle(nodes)
    groups = [nodes[:280], nodes[280:]]

    def pick(group, wanted):
        return rng.choice([n for n in group if n[1] in wanted])

    actor = ("Person", "State", "Organization")
    shapes = [("HOLDS_OFFICE", ("Person",), ("State", "Organization")),
              ("MEMBER_OF", actor, ("Organization", "State")),
              ("SUPPORTS", actor, ("Position",)), ("OPPOSES", actor, ("Position",)),
              ("PROPOSES", actor, ("Position",))]
    shapes += [(r, actor, actor) for r in
               ("MEETS", "COOPERATES_WITH", "CRITICIZES", "THREATENS", "SANCTIONS", "ATTACKS")]
    lines = []
    for i in range(n_claims):
        group = groups[0] if i % 15 else groups[1]
        rel, sk, ok = rng.choice(shapes)
        s = pick(group, sk)
        o = pick(group, ok)
        while o == s:
            o = pick(group, ok)
        line = {"subject": {"name": s[0], "kind": s[1]}, "relation": rel,
                "object": {"name": o[0], "kind": o[1]},
                # Articles stay within a group so MENTIONS do not join the groups.
                "article": {"id": f"gen-{0 if i % 15 else 1}-{i // 150:02d}",
                            "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "Generator"},
                "sentence": f"Generated claim {i}.", "rule": "generator"}
        if rng.random() < 0.05:
            line["polarity"] = -1
        lines.append(json.dumps(line))
    # ClaimsFile groups lines by article in order of first appearance.
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


class Graph:
    """The analyst relations of a GraphML export."""

    def __init__(self, graphml):
        g = nx.read_graphml(graphml, force_multigraph=True)
        self.ids = {n: int(n[1:]) for n in g.nodes}
        self.nodes = sorted(self.ids.values())
        self.undirected = nx.MultiGraph()
        self.undirected.add_nodes_from(self.nodes)
        self.out = {n: [] for n in self.nodes}  # node -> [(edge key, other)] usable forwards
        self.inc = {n: [] for n in self.nodes}
        for u, v, key, data in g.edges(keys=True, data=True):
            rel = data["relation"]
            if rel not in ANALYST:
                continue
            a, b = self.ids[u], self.ids[v]
            self.undirected.add_edge(a, b, key=key)
            self.out[a].append((key, b))
            self.inc[b].append((key, a))
            if rel in SYMMETRIC:  # an arrow on it matches either way round
                self.out[b].append((key, a))
                self.inc[a].append((key, b))
        self.simple = nx.Graph(self.undirected)

    def multiplicity(self, a, b):
        return self.undirected.number_of_edges(a, b)

    def count_all_shortest(self, a, b):
        if not nx.has_path(self.simple, a, b):
            return 0
        total = 0
        for path in nx.all_shortest_paths(self.simple, a, b):
            n = 1
            for u, v in zip(path, path[1:]):
                n *= self.multiplicity(u, v)
            total += n
        return total

    def within_two(self, a):
        dist = nx.single_source_shortest_path_length(self.simple, a, cutoff=2)
        ends = {v for v, d in dist.items() if d >= 1}
        if any(self.multiplicity(a, b) >= 2 for b in self.simple.neighbors(a)):
            ends.add(a)
        return ends

    def directed_two(self, a):
        """Ends of directed trails of one or two relationships from a."""
        ends = set()
        for k1, b in self.out[a]:
            ends.add(b)
            for k2, c in self.out[b]:
                if k2 != k1:
                    ends.add(c)
        return ends


class QueryNetworkxTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgquerynx-")
        generated = os.path.join(cls.tmp, "generated.jsonl")
        generated_claims(generated)
        fixture = os.path.join(SOURCE, "tests", "data", "queries", "fixture.jsonl")
        cls.graphs = {}
        for name, claims in (("fixture", fixture), ("generated", generated)):
            db = os.path.join(cls.tmp, name + ".db")
            run_cli(BINARY, "ingest", "--db", db, claims)
            graphml = os.path.join(cls.tmp, name + ".graphml")
            run_cli(BINARY, "export", "--db", db, "--format", "graphml", "--out", graphml)
            cls.graphs[name] = (db, Graph(graphml))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def query(self, db, text, **params):
        args = ["query", text, "--db", db, "--format", "json"]
        for k, v in params.items():
            args += ["--param", f"{k}={v}"]
        return json.loads(run_cli(BINARY, *args).stdout)

    def samples(self, graph, seed):
        rng = random.Random(seed)
        pairs = [tuple(rng.sample(graph.nodes, 2)) for _ in range(PAIRS)]
        # Pairs one hop apart and pairs in one component, so most have a path.
        edges = list(graph.simple.edges)
        pairs += [rng.choice(edges) for _ in range(PAIRS // 4)]
        comp = max(nx.connected_components(graph.simple), key=len)
        pairs += [tuple(rng.sample(sorted(comp), 2)) for _ in range(PAIRS // 2)]
        starts = rng.sample(graph.nodes, min(STARTS, len(graph.nodes)))
        # Starts joined to a neighbour by parallel relationships.
        starts += [a for a in graph.nodes
                   if any(graph.multiplicity(a, b) >= 2 for b in graph.simple.neighbors(a))][:10]
        return pairs, starts

    def check_graph(self, name, seed):
        """One query per check over every sampled pair or start (UNWIND), since
        each CLI run pays for opening the database."""
        db, g = self.graphs[name]
        pairs, starts = self.samples(g, seed)
        pairs = sorted({(a, b) for a, b in pairs if a != b})
        connected = [(a, b) for a, b in pairs if nx.has_path(g.simple, a, b)]
        self.assertGreater(len(connected), len(pairs) // 2, "too few connected pairs to test anything")
        pair_list = json.dumps([list(p) for p in pairs])
        bind = "UNWIND $pairs AS pair MATCH (a) WHERE id(a) = pair[0] MATCH (b) WHERE id(b) = pair[1] "

        rows = self.query(db, bind + f"MATCH p = shortestPath((a)-[:{TYPES}*..{MAX_HOPS}]-(b)) "
                                     "RETURN id(a) AS a, id(b) AS b, length(p) AS len", pairs=pair_list)
        got = {(r["a"], r["b"]): r["len"] for r in rows}
        self.assertEqual(len(got), len(rows), "one shortest path per pair")
        expected = {(a, b): nx.shortest_path_length(g.simple, a, b) for a, b in connected}
        self.assertLessEqual(max(expected.values()), MAX_HOPS)
        self.assertEqual(got, expected)

        rows = self.query(db, bind + f"MATCH p = allShortestPaths((a)-[:{TYPES}*..{MAX_HOPS}]-(b)) "
                                     "RETURN id(a) AS a, id(b) AS b, count(p) AS n, min(length(p)) AS lo, "
                                     "max(length(p)) AS hi", pairs=pair_list)
        got = {(r["a"], r["b"]): (r["n"], r["lo"], r["hi"]) for r in rows}
        expected = {(a, b): (g.count_all_shortest(a, b),) + (nx.shortest_path_length(g.simple, a, b),) * 2
                    for a, b in connected}
        self.assertEqual(got, expected)

        start_list = json.dumps(sorted(set(starts)))

        def ends(pattern):
            rows = self.query(db, "UNWIND $starts AS s MATCH (a) WHERE id(a) = s "
                                  f"MATCH {pattern} RETURN DISTINCT s AS start, id(x) AS id",
                              starts=start_list)
            found = {s: set() for s in set(starts)}
            for r in rows:
                found[r["start"]].add(r["id"])
            return found

        checks = [
            (f"(a)-[:{TYPES}*1..2]-(x)", g.within_two),
            (f"(a)-[:{TYPES}]-(x)", lambda a: set(g.simple.neighbors(a))),
            (f"(a)-[:{TYPES}]->(x)", lambda a: {b for _, b in g.out[a]}),
            (f"(a)<-[:{TYPES}]-(x)", lambda a: {b for _, b in g.inc[a]}),
            (f"(a)-[:{TYPES}*1..2]->(x)", g.directed_two),
        ]
        for pattern, reference in checks:
            with self.subTest(graph=name, pattern=pattern):
                found = ends(pattern)
                expected = {a: reference(a) for a in found}
                wrong = {a: (sorted(found[a] - expected[a]), sorted(expected[a] - found[a]))
                         for a in found if found[a] != expected[a]}
                self.assertEqual(wrong, {}, "start: (extra, missing)")

    def test_fixture(self):
        self.check_graph("fixture", seed=1)

    def test_generated(self):
        self.check_graph("generated", seed=2)

    def test_counts_agree(self):
        """The export and the query engine see the same graph."""
        for name, (db, g) in self.graphs.items():
            with self.subTest(graph=name):
                rows = self.query(db, "MATCH (n) RETURN count(*) AS n")
                self.assertEqual(rows, [{"n": len(g.nodes)}])
                rows = self.query(db, f"MATCH ()-[r:{TYPES}]->() RETURN count(DISTINCT r) AS n")
                self.assertEqual(rows, [{"n": g.undirected.number_of_edges()}])

    def test_generated_has_two_components(self):
        _, g = self.graphs["generated"]
        sizes = sorted((len(c) for c in nx.connected_components(g.simple)), reverse=True)
        self.assertGreaterEqual(len(sizes), 2)
        self.assertGreater(sizes[0], 200)


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.join(SOURCE, "tests"))
    unittest.main(argv=sys.argv[:1], verbosity=2)
