#!/usr/bin/env python3
"""End-to-end tests of the query command line: `query` in every output format,
parameters and errors, `shell` fed by stdin, and the analyst verbs (stances,
timeline, path, actors, positions, rank, components) on known facts of the
sample claims.

usage: query_cli_test.py BINARY SOURCE_DIR   (ctest passes both)
"""
import csv
import io
import json
import os
import pty
import shutil
import sys
import tempfile
import unittest

from cli_util import run_cli

BINARY = None
SOURCE = None


def run(*args, **kwargs):
    return run_cli(BINARY, *args, **kwargs)


class QueryCliTest(unittest.TestCase):
    """One database of tests/data/claims/sample.jsonl, shared: every command here only reads."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgquery-")
        cls.db = os.path.join(cls.tmp, "db")
        run("ingest", os.path.join(SOURCE, "tests", "data", "claims", "sample.jsonl"), "--db", cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def q(self, text, *args, check=True, stdin=None):
        return run("query", text, "--db", self.db, *args, check=check, stdin=stdin)

    def rows(self, text, *args):
        """The rows of a query, through --format json."""
        return json.loads(self.q(text, "--format", "json", *args).stdout)

    def verb(self, *args, check=True):
        return run(*args, "--db", self.db, check=check)

    def verb_rows(self, *args):
        return json.loads(self.verb(*args, "--format", "json").stdout)

    def shell(self, script, *args, check=False):
        return run("shell", "--db", self.db, *args, stdin=script, check=check)

    # ----- query: formats

    STANCE = ("MATCH (a:State {name: 'Russia'})-[r:OPPOSES]->(p) "
              "RETURN a.name AS actor, p.name, r.claims AS claims")

    def test_json_is_one_array_keyed_by_column_names(self):
        out = self.q(self.STANCE, "--format", "json").stdout
        rows = json.loads(out)
        self.assertEqual(rows, [{"actor": "Russia", "p.name": "unconditional ceasefire", "claims": 1}])
        self.assertEqual(list(rows[0].keys()), ["actor", "p.name", "claims"], "columns in RETURN order")
        self.assertEqual(self.rows(self.STANCE), json.loads(self.q(self.STANCE, "--json").stdout))

    def test_jsonl_is_one_object_per_line(self):
        out = self.q("MATCH (n:Person) RETURN n.name AS name ORDER BY name", "--format", "jsonl").stdout
        lines = out.splitlines()
        self.assertEqual(len(lines), 8)
        self.assertEqual(json.loads(lines[0]), {"name": "Benjamin Netanyahu"})
        self.assertTrue(all(isinstance(json.loads(l), dict) for l in lines))

    def test_csv_has_a_header_and_reads_back(self):
        out = self.q(self.STANCE, "--format", "csv").stdout
        table = list(csv.reader(io.StringIO(out)))
        self.assertEqual(table, [["actor", "p.name", "claims"], ["Russia", "unconditional ceasefire", "1"]])

    def test_csv_guards_formulas_and_nests_json(self):
        out = self.q("RETURN '=1+2' AS f, -3 AS n, 'a, \"b\"' AS q, [1, 'x'] AS l, null AS z",
                     "--format", "csv").stdout
        header, row = list(csv.reader(io.StringIO(out)))
        self.assertEqual(header, ["f", "n", "q", "l", "z"])
        self.assertEqual(row[0], "'=1+2", "a formula-looking text gets a leading quote")
        self.assertEqual(row[1], "-3", "a negative number stays a number")
        self.assertEqual(row[2], 'a, "b"')
        self.assertEqual(json.loads(row[3]), [1, "x"])
        self.assertEqual(row[4], "")

    def test_table_has_header_rule_rows_and_footer(self):
        out = self.q("MATCH (n:Person) RETURN n.name AS name, size(n.aliases) AS aliases "
                     "ORDER BY name LIMIT 3").stdout
        lines = out.splitlines()
        self.assertRegex(lines[0], r"^name\s+\| aliases$")
        self.assertRegex(lines[1], r"^-+-\+--+$")
        self.assertTrue(lines[2].startswith("Benjamin Netanyahu | "))
        self.assertEqual(lines[-1], "3 rows")
        self.assertEqual({l.index("|") for l in lines[2:5]}, {lines[0].index("|")}, "columns are aligned")
        self.assertEqual(lines[1].index("+"), lines[0].index("|"))
        one = self.q("RETURN 1 AS x").stdout.splitlines()
        self.assertEqual(one[-1], "1 row")
        none = self.q("MATCH (n:Person {name: 'Nobody'}) RETURN n").stdout.splitlines()
        self.assertEqual(none[-1], "0 rows")

    def test_table_cuts_long_cells_unless_wide(self):
        long = "Київ " * 30
        out = self.q(f"RETURN '{long}' AS s").stdout.splitlines()
        self.assertTrue(out[2].endswith("…"))
        self.assertEqual(len(out[2]), 60, "cut at 60 display columns, ellipsis included")
        wide = self.q(f"RETURN '{long}' AS s", "--wide").stdout.splitlines()
        self.assertEqual(wide[2], long)

    def test_value_shapes_in_json(self):
        row = self.rows("RETURN null AS n, true AS b, 7 AS i, 2.5 AS f, 'x' AS s, "
                        "date('2025-02-17') AS d, [1, 'a', null] AS l, {k: 2, a: 'b'} AS m")[0]
        self.assertEqual(row, {"n": None, "b": True, "i": 7, "f": 2.5, "s": "x", "d": "2025-02-17",
                               "l": [1, "a", None], "m": {"k": 2, "a": "b"}})
        self.assertEqual(list(row["m"].keys()), ["k", "a"], "map keys in the order written")

    def test_nodes_relationships_and_paths_in_json(self):
        row = self.rows("MATCH (p:Person {name: 'Donald Trump'})-[r:HOLDS_OFFICE]->(s) RETURN p, r, s")[0]
        p, r, s = row["p"], row["r"], row["s"]
        self.assertEqual(p["labels"], ["Person"])
        self.assertEqual(p["properties"]["name"], "Donald Trump")
        self.assertIn("Trump", p["properties"]["aliases"])
        self.assertEqual(s["properties"]["code"], "USA")
        self.assertEqual(r["type"], "HOLDS_OFFICE")
        self.assertEqual((r["start"], r["end"]), (p["id"], s["id"]))
        props = r["properties"]
        self.assertEqual(props["claims"], 1)
        self.assertEqual(props["title"], "President")
        self.assertEqual(props["titles"], ["President"])
        self.assertEqual(props["first_date"], "2025-03-04")
        self.assertIsInstance(r["id"], int)
        path = self.rows("MATCH q = (:Person {name: 'Vladimir Putin'})-[:HOLDS_OFFICE]->(:State) "
                         "RETURN q")[0]["q"]
        self.assertEqual([n["properties"]["name"] for n in path["nodes"]], ["Vladimir Putin", "Russia"])
        self.assertEqual([x["type"] for x in path["relationships"]], ["HOLDS_OFFICE"])

    # ----- query: input and parameters

    def test_params(self):
        rows = self.rows("MATCH (n {name: $name}) RETURN n.name AS name, $k + 1 AS k, $d AS d, $s AS s",
                         "--param", "name=Russia", "--param", "k=41",
                         "--param", "d=date('2025-01-02')", "--param", "s=not a literal")
        self.assertEqual(rows, [{"name": "Russia", "k": 42, "d": "2025-01-02", "s": "not a literal"}])
        p = self.q("RETURN $missing AS m", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("missing", p.stderr)

    def test_query_from_stdin_and_file(self):
        self.assertEqual(json.loads(run("query", "-", "--json", "--db", self.db,
                                        stdin="RETURN 1 AS one").stdout), [{"one": 1}])
        path = os.path.join(self.tmp, "q.cypher")
        with open(path, "w", encoding="utf-8") as f:
            f.write("// a comment\nRETURN 2 AS two;\n")
        self.assertEqual(json.loads(run("query", "--file", path, "--json", "--db", self.db).stdout),
                         [{"two": 2}])

    # ----- query: errors

    def test_syntax_error_has_line_column_and_caret(self):
        text = "MATCH (n RETURN n"
        p = self.q(text, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, "")
        lines = p.stderr.splitlines()
        self.assertRegex(lines[0], r"^stancegraph: invalid input: line 1, column \d+: ")
        column = int(lines[0].split("column ")[1].split(":")[0])
        self.assertEqual(lines[1], text)
        self.assertEqual(lines[2], " " * (column - 1) + "^")

    def test_syntax_error_on_a_later_line(self):
        p = self.q("MATCH (n:State)\nWHERE n.name = \nRETURN n", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stderr, r"line [23], column \d+")

    def test_writes_are_refused(self):
        for text in ["CREATE (n:Person {name: 'X'}) RETURN n", "MATCH (n) DETACH DELETE n RETURN 1"]:
            p = self.q(text, check=False)
            self.assertEqual(p.returncode, 1, text)
            self.assertIn("read-only", p.stderr)
        self.assertEqual(self.rows("MATCH (n:Person {name: 'X'}) RETURN n"), [])

    def test_usage_errors_exit_2(self):
        self.assertEqual(self.q("RETURN 1", "--format", "xml", check=False).returncode, 2)
        self.assertEqual(run("query", "--db", self.db, check=False).returncode, 2)
        self.assertEqual(run("query", "RETURN 1", "--file", "x", "--db", self.db, check=False).returncode, 2)
        self.assertEqual(self.q("RETURN 1", "--param", "1bad=2", check=False).returncode, 2)
        self.assertEqual(self.verb("stances", "Russia", "--since", "May", check=False).returncode, 2)
        self.assertEqual(self.verb("path", "Russia", "Ukraine", "--max-hops", "0", check=False).returncode, 2)

    def test_missing_database(self):
        p = run("query", "RETURN 1", "--db", os.path.join(self.tmp, "none"), check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no database", p.stderr)

    # ----- shell

    def test_limits_from_the_command_line(self):
        r = self.q("MATCH (a) RETURN a", "--max-rows", "2", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("row limit", r.stderr)
        r = self.q("MATCH (a)-[*]-(b) RETURN count(*)", "--max-hops", "2", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("hop limit of 2", r.stderr)
        r = self.q("MATCH (a)-[*1..3]-(b) RETURN count(*)", "--max-hops", "2", check=False)
        self.assertIn("over the hop limit of 2", r.stderr)
        r = self.q("MATCH (a), (b), (c) RETURN count(*)", "--timeout", "0.001", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("time limit", r.stderr)

    def test_export_query_keeps_what_the_query_returns(self):
        import networkx
        out = os.path.join(self.tmp, "path.graphml")
        run("export", "--db", self.db, "--format", "graphml", "--out", out, "--query",
            "MATCH p = shortestPath((a:Person {name: $a})-[:HOLDS_OFFICE|MEETS*..4]-(b:Person {name: $b})) RETURN p",
            "--param", "a=Vladimir Putin", "--param", "b=Volodymyr Zelenskyy")
        g = networkx.read_graphml(out)
        names = sorted(d["name"] for _, d in g.nodes(data=True))
        self.assertEqual(names, ["Russia", "Ukraine", "Vladimir Putin", "Volodymyr Zelenskyy"])
        self.assertEqual(g.number_of_edges(), 3)
        r = run("export", "--db", self.db, "--format", "jsonl", "--query", "MATCH (a RETURN a",
                check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("line 1, column 10", r.stderr)
        r = run("export", "--db", self.db, "--format", "jsonl", "--query", "RETURN 1",
                "--around", "Russia", check=False)
        self.assertEqual(r.returncode, 2)

    def test_shell_runs_statements_and_goes_on_after_an_error(self):
        script = ("RETURN 1 AS one;\n"
                  "RETURN 'a;b' AS s; // a comment; with a semicolon\n"
                  "MATCH (n\n"
                  "RETURN n;\n"
                  "/* ; */ RETURN \"x\\\";y\" AS q, 2 AS `a;b`;\n"
                  "RETURN 3 AS last\n")
        p = self.shell(script, "--format", "jsonl")
        self.assertEqual(p.returncode, 1, "a failed statement makes the exit status 1")
        self.assertEqual([json.loads(l) for l in p.stdout.splitlines()],
                         [{"one": 1}, {"s": "a;b"}, {"q": 'x";y', "a;b": 2}, {"last": 3}])
        self.assertIn("statement 3 (line 3): invalid input: line ", p.stderr)
        self.assertNotIn("statement 4", p.stderr)

    def test_shell_commands(self):
        script = (":param who=Russia\n"
                  ":param n => 2\n"
                  ":params\n"
                  "MATCH (s:State {name: $who}) RETURN s.name AS name, $n AS n;\n"
                  ":format csv\n"
                  "RETURN 'c' AS x;\n"
                  ":help\n")
        p = self.shell(script, "--format", "jsonl")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("who = 'Russia'", p.stdout)
        self.assertIn("n = 2", p.stdout)
        self.assertIn('{"name":"Russia","n":2}', p.stdout)
        self.assertIn("x\nc\n", p.stdout)
        self.assertIn(":quit", p.stdout)

    def test_shell_quit_and_unknown_command(self):
        p = self.shell("RETURN 1 AS a;\n:frob\n:quit\nRETURN 2 AS b;\n", "--format", "jsonl")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout.strip(), '{"a":1}')
        self.assertIn("line 2: invalid input: unknown command ':frob'", p.stderr)

    def test_shell_all_good_exits_0(self):
        p = self.shell("RETURN 1 AS a;\n\n  ;\n// only a comment\n", "--format", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout), [{"a": 1}])

    def test_shell_line_numbers_skip_comments_and_commands(self):
        script = ("/* a header;\n   over two lines */\n"
                  ":format jsonl\n"
                  "// leading comment;\n"
                  "RETURN 'it\\'s; fine' AS s;\n"
                  "\n"
                  "  RETURN\n"
                  "    nope;\n")
        p = self.shell(script)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(json.loads(p.stdout), {"s": "it's; fine"})
        self.assertIn("statement 2 (line 7): invalid input: line 2, column 5: ", p.stderr)

    def test_shell_on_a_terminal(self):
        """Line editing, continuation lines and history through libedit, on a pseudo-terminal."""
        home = os.path.join(self.tmp, "home")
        os.makedirs(home, exist_ok=True)
        pid, fd = pty.fork()
        if pid == 0:  # the child: the shell on the terminal's slave side
            os.environ["HOME"] = home
            os.execv(BINARY, [BINARY, "shell", "--db", self.db, "--format", "jsonl"])
        os.write(fd, b"RETURN 1\r AS one;\r:param x=2\rRETURN $x AS x;\rRETURN nope;\r:quit\r")
        out = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child has gone
                break
            if not chunk:
                break
            out += chunk
        _, status = os.waitpid(pid, 0)
        text = out.decode("utf-8", "replace")
        self.assertEqual(os.waitstatus_to_exitcode(status), 0, text)
        self.assertIn("...>", text, "a continuation prompt for the unfinished statement")
        self.assertIn('{"one":1}', text)
        self.assertIn('{"x":2}', text)
        self.assertIn("invalid input: line 1, column 8", text)
        with open(os.path.join(home, ".stancegraph_history"), encoding="utf-8") as f:
            self.assertIn(":param", f.read())

    # ----- verbs

    def test_stances_resolves_aliases(self):
        rows = self.verb_rows("stances", "Moscow")
        self.assertEqual([(r["position"], r["stance"], r["claims"]) for r in rows],
                         [("prisoner exchange", "SUPPORTS", 1), ("unconditional ceasefire", "OPPOSES", 1)])
        self.assertEqual(list(rows[0].keys()),
                         ["position", "stance", "claims", "articles", "first_date", "last_date"])
        self.assertEqual(rows[1]["first_date"], "2025-05-16")
        table = self.verb("stances", "Moscow").stdout
        self.assertIn("Russia (State)", table)
        self.assertIn("unconditional ceasefire", table)

    def test_stances_filters(self):
        names = lambda rows: sorted(r["position"] for r in rows)
        self.assertEqual(names(self.verb_rows("stances", "Washington")),
                         ["phased ceasefire in Gaza", "unconditional ceasefire"])
        self.assertEqual(names(self.verb_rows("stances", "Washington", "--since", "2025-05")),
                         ["unconditional ceasefire"])
        self.assertEqual(names(self.verb_rows("stances", "Washington", "--until", "2025-01")),
                         ["phased ceasefire in Gaza"])
        self.assertEqual(names(self.verb_rows("stances", "US", "--position", "unconditional ceasefire")),
                         ["unconditional ceasefire"])
        self.assertEqual(names(self.verb_rows("stances", "US", "--position", "Ceasefire")),
                         ["phased ceasefire in Gaza", "unconditional ceasefire"])

    def test_timeline(self):
        rows = self.verb_rows("timeline", "unconditional ceasefire")
        self.assertEqual([(r["date"], r["actor"], r["stance"], r["outlet"]) for r in rows],
                         [("2025-05-15", "United States", "SUPPORTS", "Associated Press"),
                          ("2025-05-16", "Russia", "OPPOSES", "TASS"),
                          ("2025-05-16", "Ukraine", "SUPPORTS", "Reuters")])
        self.assertEqual(list(rows[0].keys()), ["date", "actor", "stance", "outlet", "article", "sentence"])
        self.assertEqual(rows[1]["article"], "sample-istanbul-talks-2025")
        self.assertIn("Moscow rejected a truce", rows[1]["sentence"])
        only = self.verb_rows("timeline", "unconditional ceasefire", "--actor", "the Kremlin")
        self.assertEqual([r["actor"] for r in only], ["Russia"])
        since = self.verb_rows("timeline", "phased ceasefire in Gaza", "--since", "2025-01-16")
        self.assertEqual([(r["actor"], r["date"]) for r in since], [("Israel", "2025-01-17")])

    def test_path_is_a_chain_in_stored_direction(self):
        out = self.verb("path", "Putin", "Zelensky").stdout
        self.assertIn("Vladimir Putin -[HOLDS_OFFICE]-> Russia -[MEETS]- Ukraine "
                      "<-[HOLDS_OFFICE]- Volodymyr Zelenskyy", out)
        self.assertIn("3 hops", out)
        rows = self.verb_rows("path", "Putin", "Zelensky")
        path = rows[0]["path"]
        self.assertEqual([n["properties"]["name"] for n in path["nodes"]],
                         ["Vladimir Putin", "Russia", "Ukraine", "Volodymyr Zelenskyy"])
        p = self.verb("path", "Putin", "Zelensky", "--max-hops", "2", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no path within 2 hops", p.stderr)
        only = self.verb("path", "Putin", "Zelensky", "--relations", "HOLDS_OFFICE,SUPPORTS").stdout
        self.assertIn("Vladimir Putin -[HOLDS_OFFICE]-> Russia -[SUPPORTS]-> prisoner exchange "
                      "<-[SUPPORTS]- Ukraine <-[HOLDS_OFFICE]- Volodymyr Zelenskyy", only)
        self.assertIn("4 hops", only)

    def test_actors_and_positions(self):
        actors = self.verb_rows("actors", "--limit", "2")
        self.assertEqual([(a["actor"], a["kind"], a["edges"], a["claims"]) for a in actors],
                         [("United States", "State", 6, 6), ("Ukraine", "State", 5, 5)])
        people = self.verb_rows("actors", "--kind", "Person", "--limit", "0")
        self.assertEqual(len(people), 8)
        self.assertTrue(all(p["kind"] == "Person" and p["claims"] == 1 for p in people))
        positions = self.verb_rows("positions")
        top = positions[0]
        self.assertEqual((top["position"], top["actors"], top["claims"], top["supports"], top["proposes"]),
                         ("phased ceasefire in Gaza", 4, 4, 3, 1))
        cease = [p for p in positions if p["position"] == "unconditional ceasefire"][0]
        self.assertEqual((cease["supports"], cease["opposes"]), (2, 1))
        csv_rows = list(csv.reader(io.StringIO(self.verb("positions", "--format", "csv").stdout)))
        self.assertEqual(csv_rows[0][:4], ["position", "actors", "edges", "claims"])

    def test_rank(self):
        rows = self.verb_rows("rank", "--by", "degree", "--top", "2")
        self.assertEqual([(r["rank"], r["name"], r["kind"], r["degree"]) for r in rows],
                         [(1, "United States", "State", 6), (2, "Ukraine", "State", 5)])
        self.assertEqual(list(rows[0].keys()), ["rank", "name", "kind", "degree", "claims", "id"])
        everyone = self.verb_rows("rank", "--by", "pagerank", "--top", "0")
        self.assertAlmostEqual(sum(r["pagerank"] for r in everyone), 1.0, places=4)
        scores = [r["pagerank"] for r in everyone]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertEqual(self.verb_rows("rank", "--by", "betweenness", "--top", "1")[0]["name"],
                         "United States")
        people = self.verb_rows("rank", "--kinds", "Person", "--top", "0")
        self.assertEqual(len(people), 8)
        self.assertEqual(self.verb("rank", "--by", "fame", check=False).returncode, 2)

    def test_components(self):
        nodes = self.rows("MATCH (n) WHERE NOT n:Article AND NOT n:Source RETURN count(n) AS n")[0]["n"]
        parts = self.verb_rows("components", "--members", "3")
        self.assertEqual([(c["component"], c["size"]) for c in parts], [(1, nodes)],
                         "the sample's actors and positions are all connected")
        self.assertEqual(parts[0]["members"], ["United States", "Ukraine", "Russia"])
        people = self.verb_rows("components", "--kinds", "Person", "--top", "0")
        self.assertEqual(len(people), 8, "people alone are never joined: one component each")

    def test_verbs_on_missing_names(self):
        for args, message in [(("stances", "Nobody At All"), "no node named 'Nobody At All'"),
                              (("timeline", "world peace"), "no Position named 'world peace'"),
                              (("path", "Russia", "Atlantis"), "no node named 'Atlantis'"),
                              (("stances", "unconditional ceasefire"), "not an actor")]:
            p = self.verb(*args, check=False)
            self.assertEqual(p.returncode, 1, args)
            self.assertIn(message, p.stderr)
            self.assertEqual(p.stdout, "")
        hint = self.verb("timeline", "ceasefire", check=False)
        self.assertEqual(hint.returncode, 1)
        self.assertIn("did you mean", hint.stderr)
        self.assertIn("unconditional ceasefire", hint.stderr)


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
