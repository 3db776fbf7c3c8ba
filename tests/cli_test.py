#!/usr/bin/env python3
"""End-to-end tests of the stancegraph command line: ingest, read commands,
exports parsed back by real readers (NetworkX, Graphviz, xmllint), and every
bad-input path leaving the database as it was.

usage: cli_test.py BINARY SOURCE_DIR   (ctest passes both)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import networkx as nx

from cli_util import claim, run_cli

BINARY = None
SOURCE = None


def run(*args, **kwargs):
    return run_cli(BINARY, *args, **kwargs)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sgcli-")
        self.db = os.path.join(self.tmp, "db")
        self.sample = os.path.join(SOURCE, "tests", "data", "claims", "sample.jsonl")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def stats(self):
        """The database's counts (its size on disk left out: logs grow with any open)."""
        st = json.loads(run("stats", "--db", self.db, "--json").stdout)
        st.pop("disk_bytes")
        return st

    def export(self, fmt):
        out = os.path.join(self.tmp, "graph." + fmt)
        run("export", "--db", self.db, "--format", fmt, "--out", out)
        return out

    def test_ingest_is_idempotent(self):
        first = json.loads(run("ingest", self.sample, "--db", self.db, "--json").stdout)
        self.assertEqual(first["added"], 3)
        self.assertEqual(first["claims"], 26)
        before = self.stats()
        again = json.loads(run("ingest", self.sample, "--db", self.db, "--json").stdout)
        self.assertEqual(again["unchanged"], 3)
        self.assertEqual(again["added"], 0)
        self.assertEqual(self.stats(), before)

    def test_db_from_environment(self):
        env = dict(os.environ, STANCEGRAPH_DB=self.db)
        run("ingest", self.sample, env=env)
        self.assertTrue(os.path.isdir(self.db))
        self.assertIn("articles  3", run("stats", env=env).stdout)

    def test_stdin(self):
        with open(self.sample, encoding="utf-8") as f:
            run("ingest", "-", "--db", self.db, stdin=f.read())
        self.assertEqual(self.stats()["articles"], 3)

    def test_show_resolves_aliases_and_prints_claims(self):
        run("ingest", self.sample, "--db", self.db)
        out = run("show", "Zelensky", "--db", self.db).stdout
        self.assertIn("Volodymyr Zelenskyy", out)
        self.assertIn("HOLDS_OFFICE", out)
        self.assertIn("Ukrainian President Volodymyr Zelenskyy said", out)
        shown = json.loads(run("show", "washington", "--db", self.db, "--json").stdout)
        self.assertEqual(shown["name"], "United States")
        self.assertIn("U.S.", shown["aliases"])
        self.assertEqual(shown["code"], "USA")
        sanctions = [e for e in shown["edges"] if e["relation"] == "SANCTIONS"]
        self.assertEqual(len(sanctions), 2)
        self.assertIn("Reuters", sanctions[0]["outlets"])
        self.assertEqual(sanctions[0]["claims_list"][0]["sources"][0]["name"], "Reuters")

    def test_unknown_name_fails(self):
        run("ingest", self.sample, "--db", self.db)
        p = run("show", "Nobody At All", "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no node named", p.stderr)

    def test_neighbors(self):
        run("ingest", self.sample, "--db", self.db)
        one = json.loads(run("neighbors", "Russia", "--db", self.db, "--json").stdout)
        names = {n["name"] for n in one["nodes"]}
        self.assertIn("Vladimir Putin", names)
        self.assertIn("Ukraine", names)
        self.assertTrue(all(n["depth"] == 1 for n in one["nodes"]))
        two = json.loads(run("neighbors", "Russia", "--depth", "2", "--db", self.db, "--json").stdout)
        names2 = {n["name"] for n in two["nodes"]}
        self.assertIn("Volodymyr Zelenskyy", names2)  # Russia - Ukraine - Zelenskyy
        self.assertTrue(names <= names2)
        only = json.loads(run("neighbors", "Russia", "--relations", "HOLDS_OFFICE", "--db", self.db,
                              "--json").stdout)
        self.assertEqual({n["name"] for n in only["nodes"]}, {"Vladimir Putin"})

    def test_explain(self):
        run("ingest", self.sample, "--db", self.db)
        out = run("explain", "Moscow", "OPPOSES", "unconditional ceasefire", "--db", self.db).stdout
        self.assertIn("Moscow rejected a truce", out)
        self.assertIn("TASS", out)
        p = run("explain", "Moscow", "SUPPORTS", "Ukraine", "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)

    def test_jsonl_export_is_apoc_shaped(self):
        run("ingest", self.sample, "--db", self.db)
        nodes, rels = {}, []
        with open(self.export("jsonl"), encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                if obj["type"] == "node":
                    nodes[obj["id"]] = obj
                else:
                    rels.append(obj)
        st = self.stats()
        self.assertEqual(len(nodes), st["nodes"])
        self.assertEqual(len(rels), st["edges"])
        for r in rels:
            self.assertIn(r["start"]["id"], nodes)
            self.assertIn(r["end"]["id"], nodes)
            self.assertEqual(r["start"]["labels"], nodes[r["start"]["id"]]["labels"])
        office = [r for r in rels if r["label"] == "HOLDS_OFFICE"
                  and nodes[r["start"]["id"]]["properties"]["name"] == "Donald Trump"]
        self.assertEqual(office[0]["properties"]["title"], "President")
        sanction = [r for r in rels if r["label"] == "SANCTIONS"][0]
        self.assertIn("Reuters", sanction["properties"]["sources"])
        self.assertEqual(sanction["properties"]["first_date"], "2025-03-04")

    def test_graphml_opens_in_networkx_and_xmllint(self):
        run("ingest", self.sample, "--db", self.db)
        path = self.export("graphml")
        g = nx.read_graphml(path)
        st = self.stats()
        self.assertEqual(g.number_of_nodes(), st["nodes"])
        self.assertEqual(g.number_of_edges(), st["edges"])
        trump = [n for n, d in g.nodes(data=True) if d.get("name") == "Donald Trump"][0]
        self.assertEqual(g.nodes[trump]["kind"], "Person")
        titles = [d.get("title") for _, _, d in g.out_edges(trump, data=True) if d["relation"] == "HOLDS_OFFICE"]
        self.assertEqual(titles, ["President"])
        self.assertIsInstance(next(iter(g.edges(data=True)))[2]["claims"], int)
        if shutil.which("xmllint"):
            subprocess.run(["xmllint", "--noout", path], check=True)

    def test_dot_renders_with_graphviz(self):
        run("ingest", self.sample, "--db", self.db)
        path = self.export("dot")
        svg = subprocess.run(["dot", "-Tsvg", path], capture_output=True, text=True)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        self.assertIn("Donald Trump", svg.stdout)
        layout = json.loads(subprocess.run(["dot", "-Tjson", path], capture_output=True, text=True,
                                           check=True).stdout)
        st = self.stats()
        self.assertEqual(len(layout["objects"]), st["nodes"])
        self.assertEqual(len(layout["edges"]), st["edges"])

    def test_hostile_names_survive_every_format(self):
        nasty = 'Q "uoted" & <b>Tag</b>\nNew line — Київ 北京 \x01ctl'
        path = self.write("nasty.jsonl", claim(nasty, "SUPPORTS", "a <position> & \"more\"") + "\n")
        run("ingest", path, "--db", self.db)
        g = nx.read_graphml(self.export("graphml"))
        names = {d["name"] for _, d in g.nodes(data=True)}
        self.assertIn('Q "uoted" & <b>Tag</b>\nNew line — Київ 北京 ctl', names)
        svg = subprocess.run(["dot", "-Tsvg", self.export("dot")], capture_output=True, text=True)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        with open(self.export("jsonl"), encoding="utf-8") as f:
            found = [json.loads(l)["properties"].get("name") for l in f]
        self.assertIn(nasty, found)

    def test_malformed_file_fails_and_writes_nothing(self):
        run("ingest", self.sample, "--db", self.db)
        before = self.stats()
        good = self.write("good.jsonl", claim("A Person", "SUPPORTS", "something") + "\n")
        bad = self.write("bad.jsonl", claim("B Person", "SUPPORTS", "x") + "\n" +
                         claim("C Person", "SUPPORTS", "y", okind="Persn") + "\n")
        p = run("ingest", good, bad, "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn(bad + ":2: object.kind unknown kind 'Persn'", p.stderr)
        self.assertEqual(self.stats(), before, "a bad file must leave the database as it was")

    def test_every_bad_line_kind_is_reported(self):
        cases = {
            "{oops": ":1: ",
            json.dumps({"relation": "OPPOSES", "object": {"name": "x", "kind": "Position"}}): ":1: subject missing",
            claim("A", "LIKES", "x"): ":1: relation unknown relation 'LIKES'",
            claim("A", "OPPOSES", "B", okind="Person"): ":1: relation OPPOSES does not go from Person to Person",
            claim("A", "MENTIONS", "x"): ":1: relation MENTIONS edges are derived",
            claim("A", "OPPOSES", "x", date="2025-02-31"): ":1: date '2025-02-31' is not a date",
        }
        for i, (line, message) in enumerate(cases.items()):
            path = self.write(f"bad{i}.jsonl", line + "\n")
            p = run("ingest", path, "--db", self.db, check=False)
            self.assertEqual(p.returncode, 1, line)
            self.assertIn(path + message, p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.db, "CURRENT")),
                         "no database is created by input that fails")

    def test_a_bad_lexicon_fails_before_anything_is_written(self):
        good = self.write("good.jsonl", claim("A Person", "SUPPORTS", "something") + "\n")
        article = self.write("a.txt", "Foreign Minister Sergei Lavrov rejected the proposal.\n")
        lexicon = self.write("bad.tsv", "kind\tname\nPlanet\tMars\n")
        p = run("ingest", good, article, "--lexicon", lexicon, "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("bad.tsv:", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.db, "CURRENT")))

    def test_skip_invalid(self):
        path = self.write("mixed.jsonl", claim("A Person", "SUPPORTS", "x") + "\n{bad\n" +
                          claim("B Person", "OPPOSES", "x") + "\n")
        p = run("ingest", path, "--skip-invalid", "--db", self.db, "--json")
        self.assertIn(path + ":2:", p.stderr)
        self.assertEqual(json.loads(p.stdout)["claims"], 2)

    def test_reingesting_a_changed_file_replaces_its_claims(self):
        path = self.write("edit.jsonl", claim("A Person", "SUPPORTS", "x") + "\n" +
                          claim("B Person", "OPPOSES", "y") + "\n")
        run("ingest", path, "--db", self.db)
        self.write("edit.jsonl", claim("A Person", "OPPOSES", "x") + "\n")
        out = json.loads(run("ingest", path, "--db", self.db, "--json").stdout)
        self.assertEqual(out["replaced"], 1)
        st = self.stats()
        self.assertEqual(st["edges_by_relation"].get("SUPPORTS"), None)
        self.assertEqual(st["edges_by_relation"]["OPPOSES"], 1)
        self.assertEqual(st["nodes_by_kind"]["Person"], 1)  # B Person went with its claim

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("frobnicate", check=False).returncode, 2)
        self.assertEqual(run("export", "--db", self.db, check=False).returncode, 2)
        self.assertEqual(run("neighbors", "x", "--depth", "0", "--db", self.db, check=False).returncode, 2)
        p = run("export", "--format", "xls", "--db", self.db, check=False)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(run("--help", check=False).returncode, 0)
        self.assertIn("--depth", run("neighbors", "--help", check=False).stdout)

    def test_missing_inputs_and_database(self):
        p = run("ingest", os.path.join(self.tmp, "nope.jsonl"), "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no such file", p.stderr)
        p = run("stats", "--db", os.path.join(self.tmp, "none"), check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no database", p.stderr)

    def test_directories_are_walked(self):
        d = os.path.join(self.tmp, "in", "sub")
        os.makedirs(d)
        shutil.copy(self.sample, d)
        self.write("in/.hidden.jsonl", "{bad")
        run("ingest", os.path.join(self.tmp, "in"), "--db", self.db)
        self.assertEqual(self.stats()["articles"], 3)



class SectorTest(unittest.TestCase):
    """Group actors ("Syrian troops") are their state with a sector on the claim, which
    Cypher reads from claims(r) and `export --query` filters on."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sgsector-")
        self.db = os.path.join(self.tmp, "db")
        article = os.path.join(self.tmp, "a.md")
        with open(article, "w", encoding="utf-8") as f:
            f.write("---\ntitle: Border\ndate: 2024-03-02\n---\n"
                    "Syrian troops shelled Turkish border posts on Saturday. "
                    "Turkey's foreign ministry condemned Syria.\n")
        run("ingest", article, "--db", self.db, "--quiet")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_query_reads_the_sector(self):
        out = run("query", "--db", self.db, "--format", "json",
                  "MATCH (a)-[r:ATTACKS]->(b) UNWIND claims(r) AS c "
                  "RETURN a.name AS a, b.name AS b, c.subject_sector AS sector").stdout
        self.assertEqual(json.loads(out), [{"a": "Syria", "b": "Turkey", "sector": "military"}])

    def test_export_filters_by_sector(self):
        out = os.path.join(self.tmp, "military.jsonl")
        run("export", "--db", self.db, "--format", "jsonl", "--out", out, "--query",
            "MATCH (a)-[r]->(b) UNWIND claims(r) AS c WITH a, r, b, c "
            "WHERE c.subject_sector = 'military' RETURN a, r, b")
        with open(out, encoding="utf-8") as f:
            rels = [json.loads(l) for l in f if '"relationship"' in l]
        self.assertEqual([r["label"] for r in rels], ["ATTACKS"])


class EvalCommandTest(unittest.TestCase):
    """`stancegraph eval` (docs/eval.md): what it reads, its exits and its clean-up.
    Its figures are checked against the original scorer by tests/eval_cli_test.py."""

    ARTICLE = "Russia attacked Ukraine on Monday, officials said.\n"

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sgeval-")
        self.scratch = os.path.join(self.tmp, "scratch")
        os.makedirs(self.scratch)
        self.env = dict(os.environ, TMPDIR=self.scratch)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def annotated(self, stem, gold):
        self.write(stem + ".gold.tsv", gold)
        return self.write(stem + ".txt", self.ARTICLE)

    def eval(self, *args):
        return run("eval", *args, check=False, env=self.env)

    def test_json_figures_and_temporary_databases_removed(self):
        self.annotated("set/a", "core\tNobody\tMEETS\tNoone\n")
        self.annotated("set/b", "# only a comment\nbonus\tNobody\tMEETS\tNoone\n")
        self.write("set/c.txt", self.ARTICLE)  # no gold file: not an annotated article
        p = self.eval(os.path.join(self.tmp, "set"), "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual([os.path.basename(a["article"]) for a in out["articles"]], ["a.txt", "b.txt"])
        self.assertEqual(out["articles"][0]["core"], {"found": 0, "total": 1})
        self.assertEqual(out["pooled"]["facts"], {"found": 0, "total": 2})
        self.assertEqual(out["mean"]["core_recall"], 0.0)
        self.assertEqual(out["failures"], [])
        self.assertEqual(os.listdir(self.scratch), [], "the temporary databases are removed")

    def test_table_has_a_row_per_article_and_two_summary_lines(self):
        article = self.annotated("a", "core\tNobody\tMEETS\tNoone\n")
        lines = self.eval(article).stdout.splitlines()
        self.assertEqual([l.split()[0] for l in lines], ["article", "a.txt", "pooled", "mean"])

    def test_thresholds_fail_with_exit_1_and_say_which(self):
        article = self.annotated("a", "core\tNobody\tMEETS\tNoone\n")
        p = self.eval(article, "--min-core-recall", "0.5", "--max-split", "0")
        self.assertEqual(p.returncode, 1)
        self.assertIn("mean core recall 0.000 is below --min-core-recall 0.5", p.stderr)
        self.assertNotIn("split", p.stderr)
        p = self.eval(article, "--json", "--min-precision", "1")
        self.assertEqual(p.returncode, 1)
        self.assertIn("--min-precision", json.loads(p.stdout)["failures"][0])

    def test_a_malformed_gold_line_names_file_and_line(self):
        article = self.annotated("a", "# tier subject relation object\ncore\tRussia\tATTACKS\n")
        p = self.eval(article)
        self.assertEqual(p.returncode, 1)
        self.assertIn(os.path.join(self.tmp, "a.gold.tsv") + ":2: 3 column(s)", p.stderr)
        self.assertEqual(p.stdout, "")

    def test_missing_inputs_exit_1_and_usage_errors_2(self):
        p = self.eval(self.write("lonely.txt", self.ARTICLE))
        self.assertEqual(p.returncode, 1)
        self.assertIn("no gold file", p.stderr)
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty)
        self.assertEqual(self.eval(empty).returncode, 1)
        self.assertEqual(self.eval(os.path.join(self.tmp, "nope")).returncode, 1)
        self.assertEqual(self.eval().returncode, 2)
        article = self.annotated("a", "core\tNobody\tMEETS\tNoone\n")
        self.assertEqual(self.eval(article, "--min-precision", "2").returncode, 2)
        self.assertEqual(self.eval(article, "--max-split", "-1").returncode, 2)


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
