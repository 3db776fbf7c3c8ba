#!/usr/bin/env python3
"""Tests of `stancegraph serve`'s JSON API (docs/viewer.md) over real HTTP:
every endpoint, every error path, the page and its assets, the loopback default,
a port in use, and serving beside a running writer.

usage: viewer_api_test.py BINARY SOURCE_DIR   (ctest passes both)
"""
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

from viewer_util import HOSTILE_CLAIM, OPENER, Server, ingest_sample

BINARY = None
SOURCE = None


class ViewerApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgserve-")
        cls.db = os.path.join(cls.tmp, "db")
        ingest_sample(BINARY, SOURCE, cls.db, cls.tmp)
        cls.server = Server(BINARY, cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def get(self, path, status=200):
        code, body, ctype = self.server.get(path)
        self.assertEqual(code, status, f"GET {path}: {body}")
        if path.startswith("/api/"):
            self.assertIn("application/json", ctype)
        return body

    def error(self, path, status):
        body = self.get(path, status)
        self.assertIsInstance(body.get("error"), str, body)
        self.assertTrue(body["error"])
        return body["error"]

    def node_id(self, name, kind=None):
        q = urllib.parse.urlencode({"q": name, **({"kind": kind} if kind else {})})
        hits = [h for h in self.get(f"/api/search?{q}")["results"] if h["name"] == name]
        self.assertEqual(len(hits), 1, hits)
        return hits[0]["id"]

    # ----- search

    def test_search_prefix_is_case_and_accent_insensitive(self):
        hits = self.get("/api/search?q=" + urllib.parse.quote("RUSSÍA"))["results"]
        self.assertEqual(hits[0]["name"], "Russia")
        self.assertEqual(hits[0]["kind"], "State")
        self.assertTrue(hits[0]["prefix"])

    def test_search_by_alias(self):
        hits = self.get("/api/search?q=kremlin")["results"]
        self.assertEqual([h["name"] for h in hits], ["Russia"])
        self.assertEqual(hits[0]["matched"], "the Kremlin")

    def test_search_substring(self):
        hits = self.get("/api/search?q=ceasefire")["results"]
        names = {h["name"] for h in hits}
        self.assertIn("unconditional ceasefire", names)
        self.assertIn("phased ceasefire in Gaza", names)
        self.assertTrue(all(not h["prefix"] for h in hits if h["name"] != "ceasefire"))

    def test_search_kind_and_limit(self):
        hits = self.get("/api/search?q=a&kind=Person&limit=2")
        self.assertEqual(len(hits["results"]), 2)
        self.assertTrue(hits["truncated"])
        self.assertTrue(all(h["kind"] == "Person" for h in hits["results"]))

    def test_search_finds_no_articles_or_sources(self):
        hits = self.get("/api/search?q=sample")["results"]
        self.assertEqual(hits, [])

    def test_search_errors(self):
        self.assertIn("letter or digit", self.error("/api/search?q=", 400))
        self.assertIn("letter or digit", self.error("/api/search", 400))
        self.assertIn("kind", self.error("/api/search?q=a&kind=Persn", 400))
        self.assertIn("Article", self.error("/api/search?q=a&kind=Article", 400))
        self.assertIn("limit", self.error("/api/search?q=a&limit=0", 400))
        self.assertIn("limit", self.error("/api/search?q=a&limit=x", 400))

    # ----- node

    def test_node(self):
        node = self.get(f"/api/node/{self.node_id('Russia')}")
        self.assertEqual(node["name"], "Russia")
        self.assertEqual(node["code"], "RUS")
        self.assertIn("Moscow", node["aliases"])
        self.assertEqual(node["properties"], {})

    def test_node_errors(self):
        self.error("/api/node/999999999", 404)
        self.assertIn("number", self.error("/api/node/abc", 400))
        self.assertIn("number", self.error("/api/node/99999999999999999999999", 400))

    # ----- neighbourhood

    def test_neighborhood_is_cytoscape_elements(self):
        russia = self.node_id("Russia")
        hood = self.get(f"/api/neighborhood/{russia}")
        nodes = {n["data"]["label"]: n["data"] for n in hood["elements"]["nodes"]}
        self.assertEqual(nodes["Russia"]["depth"], 0)
        self.assertEqual(nodes["Vladimir Putin"]["depth"], 1)
        self.assertIn("unconditional ceasefire", nodes)
        ids = {d["id"] for d in nodes.values()}
        for e in hood["elements"]["edges"]:
            d = e["data"]
            self.assertIn(d["source"], ids)
            self.assertIn(d["target"], ids)
            self.assertTrue(d["id"].startswith("e"))
        tones = {e["data"]["relation"]: e["data"]["tone"] for e in hood["elements"]["edges"]}
        self.assertEqual(tones["OPPOSES"], "negative")
        self.assertEqual(tones["SUPPORTS"], "positive")
        self.assertFalse(hood["truncated"])

    def test_neighborhood_filters(self):
        russia = self.node_id("Russia")
        labels = lambda q: {n["data"]["label"] for n in
                            self.get(f"/api/neighborhood/{russia}?{q}")["elements"]["nodes"]}
        self.assertEqual(labels("relations=OPPOSES"), {"Russia", "unconditional ceasefire"})
        self.assertEqual(labels("kinds=Person"), {"Russia", "Vladimir Putin"})
        self.assertNotIn("Vladimir Putin", labels("since=2025-05-17"))
        self.assertIn("Vladimir Putin", labels("since=2025-05&until=2025-05-16"))
        self.assertEqual(labels("until=2024"), {"Russia"})
        deeper = labels("depth=2")
        self.assertIn("Volodymyr Zelenskyy", deeper)  # via Ukraine

    def test_neighborhood_errors(self):
        russia = self.node_id("Russia")
        self.error("/api/neighborhood/999999999", 404)
        self.assertIn("depth", self.error(f"/api/neighborhood/{russia}?depth=0", 400))
        self.assertIn("depth", self.error(f"/api/neighborhood/{russia}?depth=9", 400))
        self.assertIn("relations", self.error(f"/api/neighborhood/{russia}?relations=LIKES", 400))
        self.assertIn("kinds", self.error(f"/api/neighborhood/{russia}?kinds=Planet", 400))
        self.assertIn("since", self.error(f"/api/neighborhood/{russia}?since=2025-13-01", 400))
        self.assertIn("until", self.error(f"/api/neighborhood/{russia}?until=yesterday", 400))

    # ----- stances and timeline

    def test_stances(self):
        st = self.get(f"/api/stances/{self.node_id('Russia')}")
        self.assertEqual(st["actor"]["name"], "Russia")
        got = {(s["edge"]["relation"], s["position"]["name"]) for s in st["stances"]}
        self.assertEqual(got, {("OPPOSES", "unconditional ceasefire"),
                               ("SUPPORTS", "prisoner exchange")})
        self.assertEqual(st["counts"], {"SUPPORTS": 1, "OPPOSES": 1, "PROPOSES": 0})

    def test_stances_errors(self):
        self.error("/api/stances/999999999", 404)
        position = self.node_id("unconditional ceasefire")
        self.assertIn("not an actor", self.error(f"/api/stances/{position}", 400))

    def test_timeline_in_date_order(self):
        tl = self.get(f"/api/timeline/{self.node_id('unconditional ceasefire')}")
        self.assertEqual(tl["position"]["name"], "unconditional ceasefire")
        rows = [(c["date"], c["actor"]["name"], c["relation"]) for c in tl["claims"]]
        self.assertEqual(rows, sorted(rows, key=lambda r: r[0]))
        self.assertEqual(rows[0], ("2025-05-15", "United States", "SUPPORTS"))
        self.assertIn(("2025-05-16", "Russia", "OPPOSES"), rows)
        russia = [c for c in tl["claims"] if c["actor"]["name"] == "Russia"][0]
        self.assertIn("Moscow rejected a truce", russia["sentence"])
        self.assertEqual(russia["sources"], [{"name": "TASS", "date": "2025-05-16"}])
        self.assertEqual(russia["publisher"], "Stancegraph Sample Desk")

    def test_timeline_errors(self):
        self.error("/api/timeline/999999999", 404)
        self.assertIn("not a Position", self.error(f"/api/timeline/{self.node_id('Russia')}", 400))

    # ----- edge claims

    def test_edge_claims(self):
        russia, truce = self.node_id("Russia"), self.node_id("unconditional ceasefire")
        ev = self.get(f"/api/edge/{russia}/OPPOSES/{truce}/claims")
        self.assertEqual(ev["edge"]["claims"], 1)
        self.assertEqual(ev["source"]["name"], "Russia")
        self.assertEqual(ev["target"]["name"], "unconditional ceasefire")
        claim = ev["claims"][0]
        self.assertIn("Moscow rejected a truce", claim["sentence"])
        self.assertEqual(claim["date"], "2025-05-16")
        self.assertIn("TASS", ev["edge"]["outlets"])

    def test_symmetric_edge_either_way_round(self):
        russia, ukraine = self.node_id("Russia"), self.node_id("Ukraine")
        a = self.get(f"/api/edge/{russia}/MEETS/{ukraine}/claims")
        b = self.get(f"/api/edge/{ukraine}/MEETS/{russia}/claims")
        self.assertEqual(a, b)
        self.assertIn("face-to-face talks", a["claims"][0]["sentence"])

    def test_edge_claims_errors(self):
        russia, truce = self.node_id("Russia"), self.node_id("unconditional ceasefire")
        self.error(f"/api/edge/{russia}/SUPPORTS/{truce}/claims", 404)
        self.assertIn("relation", self.error(f"/api/edge/{russia}/LIKES/{truce}/claims", 400))
        self.assertIn("number", self.error(f"/api/edge/x/OPPOSES/{truce}/claims", 400))

    def test_untrusted_text_comes_back_verbatim(self):
        hits = self.get("/api/search?q=" + urllib.parse.quote("<img"))["results"]
        self.assertEqual(hits[0]["name"], HOSTILE_CLAIM["subject"]["name"])

    # ----- everything else

    def test_unknown_endpoints_are_json_404s(self):
        self.error("/api/nothing", 404)
        self.error("/api/node", 404)
        self.error("/nothing.js", 404)

    def test_page_and_assets(self):
        page = self.get("/")
        self.assertIn("<title>Stancegraph</title>", page)
        self.assertEqual(self.get("/index.html"), page)
        if "were not built" in page:
            self.fail("the viewer's assets were not built (configure with npm; "
                      "tools/install-deps.sh installs it)")
        self.assertIn("cytoscape", self.get("/cytoscape.min.js")[:2000].lower())
        self.assertIn("textContent", self.get("/app.js"))
        self.assertIn("#graph", self.get("/app.css"))
        _, _, ctype = self.server.get("/app.js")
        self.assertIn("javascript", ctype)

    def test_binds_loopback_by_default(self):
        self.assertEqual(self.server.host, "127.0.0.1")
        out = subprocess.run(["ss", "-ltnH", f"sport = :{self.server.port}"],
                             capture_output=True, text=True)
        if out.returncode == 0:  # ss (iproute2) is on Debian by default
            self.assertIn(f"127.0.0.1:{self.server.port}", out.stdout)
            self.assertNotIn(f"0.0.0.0:{self.server.port}", out.stdout)

    def test_security_headers(self):
        with OPENER.open(self.server.url + "/") as r:
            self.assertIn("default-src 'self'", r.headers["Content-Security-Policy"])
            self.assertEqual(r.headers["X-Content-Type-Options"], "nosniff")

    def test_refuses_other_host_names(self):
        """DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1."""
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.request("GET", "/api/search?q=russia", headers={"Host": "evil.example:80"})
        r = conn.getresponse()
        self.assertEqual(r.status, 403)
        self.assertIn("127.0.0.1 or localhost", json.loads(r.read())["error"])
        conn.close()
        for host in ("localhost", f"localhost:{self.server.port}", "127.0.0.1"):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
            conn.request("GET", "/api/search?q=russia", headers={"Host": host})
            self.assertEqual(conn.getresponse().status, 200, host)
            conn.close()

    def test_port_in_use_fails_clearly(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            p = subprocess.run([BINARY, "serve", "--db", self.db, "--port", str(port)],
                               capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn(f"cannot listen on 127.0.0.1:{port}", p.stderr)
        self.assertIn("in use", p.stderr)

    def test_second_server_on_same_port_fails(self):
        p = subprocess.run([BINARY, "serve", "--db", self.db, "--port", str(self.server.port)],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("in use", p.stderr)

    def test_missing_database_fails(self):
        p = subprocess.run([BINARY, "serve", "--db", os.path.join(self.tmp, "none"), "--port", "0"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("stancegraph:", p.stderr)

    def test_bad_port_is_usage_error(self):
        p = subprocess.run([BINARY, "serve", "--db", self.db, "--port", "70000"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 2, p.stderr)

    def test_serves_beside_a_writer(self):
        """The server holds the database read-only: an ingest can still write."""
        db = os.path.join(self.tmp, "beside")
        ingest_sample(BINARY, SOURCE, db, self.tmp)
        server = Server(BINARY, db)
        try:
            extra = os.path.join(self.tmp, "more.jsonl")
            with open(extra, "w", encoding="utf-8") as f:
                f.write('{"subject":{"name":"Malta","kind":"State"},"relation":"SUPPORTS",'
                        '"object":{"name":"unconditional ceasefire","kind":"Position"},'
                        '"article":"more-1"}\n')
            p = subprocess.run([BINARY, "ingest", extra, "--db", db, "--quiet"],
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            code, body, _ = server.get("/api/search?q=russia")
            self.assertEqual(code, 200)
            self.assertEqual(body["results"][0]["name"], "Russia")
        finally:
            server.close()

if __name__ == "__main__":
    BINARY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
