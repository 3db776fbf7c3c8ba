#!/usr/bin/env python3
"""Regression tests for negated claims ("X did not oppose Y", polarity -1) in the
analyst verbs, and for the CLI and the viewer's API answering them alike
(docs/query.md, "Analyst verbs"; docs/viewer.md, "The API").

Bugs pinned here:
- `stances ACTOR --since D` counted negated claims as evidence; without a date
  it did not.
- a claim that is only negated makes no edge, so `timeline` never showed it,
  and `explain` called it a claim of the edge.
- the CLI's verbs and the viewer's API were two implementations that could
  disagree.

The fixture is tests/data/claims/negated.jsonl: Russia OPPOSES the grain
corridor in March and May and "did not oppose" it in April; in April it also
"did not back" it and Turkey "did not oppose" it (neither has an asserted
claim: no edge); the United States SUPPORTS it; Russia PROPOSES an undated
peace summit.

usage: negated_claims_test.py BINARY SOURCE_DIR   (ctest passes both)
"""
import json
import os
import shutil
import sys
import tempfile
import unittest
import urllib.parse

from cli_util import run_cli
from viewer_util import Server

BINARY = None
SOURCE = None

CORRIDOR = "grain corridor"
# (since, until) pairs the parity tests ask both the CLI and the API.
DATE_RANGES = [("", ""), ("2025-04", ""), ("", "2025-04"), ("2025-04", "2025-04"),
               ("2025", "2025-05-19"), ("2025-03-01", "2025-03-01"), ("2026", "")]


class NegatedClaimsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgnegated-")
        cls.db = os.path.join(cls.tmp, "db")
        fixture = os.path.join(SOURCE, "tests", "data", "claims", "negated.jsonl")
        run_cli(BINARY, "ingest", fixture, "--db", cls.db, "--quiet")
        cls.server = Server(BINARY, cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def cli(self, *args, check=True):
        return run_cli(BINARY, *args, "--db", self.db, check=check)

    def cli_json(self, *args):
        return json.loads(self.cli(*args, "--format", "json").stdout)

    def api(self, path, status=200):
        code, body, _ = self.server.get(path)
        self.assertEqual(code, status, f"GET {path}: {body}")
        return body

    def node_id(self, name):
        hits = self.api("/api/search?" + urllib.parse.urlencode({"q": name}))["results"]
        return [h["id"] for h in hits if h["name"] == name][0]

    def stances(self, actor, since="", until=""):
        dates = (["--since", since] if since else []) + (["--until", until] if until else [])
        return [(r["position"], r["stance"], r["claims"], r["articles"], r["first_date"], r["last_date"])
                for r in self.cli_json("stances", actor, *dates)]

    # ----- stances: a negated claim is never evidence

    def test_stances_never_count_negated_claims(self):
        summit = ("peace summit", "PROPOSES", 1, 1, None, None)
        self.assertEqual(self.stances("Russia"),
                         [(CORRIDOR, "OPPOSES", 2, 2, "2025-03-01", "2025-05-20"), summit])
        self.assertEqual(self.stances("Russia", since="2025-04"),
                         [(CORRIDOR, "OPPOSES", 1, 1, "2025-05-20", "2025-05-20")],
                         "the negated claim of 2025-04-10 is not counted")
        self.assertEqual(self.stances("Russia", until="2025-04"),
                         [(CORRIDOR, "OPPOSES", 1, 1, "2025-03-01", "2025-03-01")])
        self.assertEqual(self.stances("Russia", since="2025-04", until="2025-04"), [],
                         "April holds only negated claims: no stance")
        for since in ("", "2025"):
            self.assertEqual(self.stances("Ankara", since=since), [], "a negated claim makes no stance")

    def test_negated_claims_make_no_edge(self):
        q = ("MATCH (a:State)-[r]->(p:Position {name: 'grain corridor'}) "
             "RETURN a.name AS actor, type(r) AS relation, r.claims AS claims ORDER BY actor")
        rows = json.loads(self.cli("query", q, "--format", "json").stdout)
        self.assertEqual(rows, [{"actor": "Russia", "relation": "OPPOSES", "claims": 2},
                                {"actor": "United States", "relation": "SUPPORTS", "claims": 1}])

    # ----- timeline and explain show negated claims as "not OPPOSES"

    def timeline(self, *args):
        return [(r["date"], r["actor"], r["stance"]) for r in self.cli_json("timeline", CORRIDOR, *args)]

    def test_timeline_shows_negated_only_claims(self):
        april = [("2025-04-10", "Russia", "not OPPOSES"), ("2025-04-10", "Russia", "not SUPPORTS"),
                 ("2025-04-10", "Turkey", "not OPPOSES")]
        self.assertEqual(self.timeline(),
                         [("2025-03-01", "Russia", "OPPOSES"), ("2025-03-01", "United States", "SUPPORTS")] +
                         april + [("2025-05-20", "Russia", "OPPOSES")])
        self.assertEqual(self.timeline("--since", "2025-04", "--until", "2025-04"), april)
        self.assertEqual(self.timeline("--actor", "Ankara"), [("2025-04-10", "Turkey", "not OPPOSES")])
        self.assertEqual(self.timeline("--actor", "Ankara", "--since", "2025-04-10"),
                         [("2025-04-10", "Turkey", "not OPPOSES")])
        row = self.cli_json("timeline", CORRIDOR, "--actor", "Ankara")[0]
        self.assertEqual((row["outlet"], row["article"]), ("Anadolu", "negated-2"))
        self.assertIn("Ankara did not oppose", row["sentence"])
        table = self.cli("timeline", CORRIDOR, "--actor", "Turkey").stdout
        self.assertIn("not OPPOSES", table)

    def test_explain_shows_a_negated_only_claim(self):
        out = self.cli("explain", "Turkey", "OPPOSES", CORRIDOR).stdout
        self.assertIn("Turkey -OPPOSES-> grain corridor: no edge, only 1 negated claim(s) (not OPPOSES)", out)
        self.assertIn("Ankara did not oppose the grain corridor.  (not OPPOSES)", out)
        claims = json.loads(self.cli("explain", "Turkey", "OPPOSES", CORRIDOR, "--json").stdout)
        self.assertEqual([(c["stance"], c["polarity"]) for c in claims], [("not OPPOSES", -1)])
        both = self.cli("explain", "Moscow", "OPPOSES", CORRIDOR).stdout
        self.assertIn("Russia -OPPOSES-> grain corridor: 2 claim(s); 1 negated (not OPPOSES), not counted",
                      both)
        self.assertEqual(self.cli("explain", "Turkey", "SUPPORTS", CORRIDOR, check=False).returncode, 1)

    # ----- the viewer's API answers as the CLI does

    def api_stances(self, actor, since, until):
        query = urllib.parse.urlencode({k: v for k, v in (("since", since), ("until", until)) if v})
        body = self.api(f"/api/stances/{self.node_id(actor)}?{query}")
        rows = [(s["position"]["name"], s["stance"], s["claims"], s["articles"],
                 s["first_date"] or None, s["last_date"] or None) for s in body["stances"]]
        for relation in ("SUPPORTS", "OPPOSES", "PROPOSES"):
            self.assertEqual(body["counts"][relation],
                             sum(r[2] for r in rows if r[1] == relation), (actor, since, until))
        return rows

    def test_api_and_cli_give_the_same_stances(self):
        for actor in ("Russia", "Turkey", "United States"):
            for since, until in DATE_RANGES:
                with self.subTest(actor=actor, since=since, until=until):
                    self.assertEqual(self.api_stances(actor, since, until),
                                     self.stances(actor, since, until))

    def test_api_and_cli_give_the_same_timeline(self):
        position = self.node_id(CORRIDOR)
        for since, until in DATE_RANGES:
            with self.subTest(since=since, until=until):
                query = urllib.parse.urlencode({k: v for k, v in (("since", since), ("until", until)) if v})
                body = self.api(f"/api/timeline/{position}?{query}")
                api = [(c["date"], c["actor"]["name"], c["stance"], c["article"], c["sentence"])
                       for c in body["claims"]]
                dates = (["--since", since] if since else []) + (["--until", until] if until else [])
                cli = [(r["date"], r["actor"], r["stance"], r["article"], r["sentence"])
                       for r in self.cli_json("timeline", CORRIDOR, *dates)]
                self.assertEqual(api, cli)

    def test_api_edge_of_negated_only_claims_has_no_aggregate(self):
        turkey, corridor = self.node_id("Turkey"), self.node_id(CORRIDOR)
        ev = self.api(f"/api/edge/{turkey}/OPPOSES/{corridor}/claims")
        self.assertIsNone(ev["edge"])
        self.assertEqual([c["stance"] for c in ev["claims"]], ["not OPPOSES"])
        self.api(f"/api/edge/{turkey}/SUPPORTS/{corridor}/claims", 404)

    def test_api_rejects_bad_dates(self):
        russia = self.node_id("Russia")
        self.assertIn("since", self.api(f"/api/stances/{russia}?since=May", 400)["error"])
        self.assertIn("until", self.api(f"/api/timeline/{self.node_id(CORRIDOR)}?until=2025-13", 400)["error"])


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
