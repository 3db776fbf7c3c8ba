#!/usr/bin/env python3
"""Readers beside a writer, and two writers, as separate processes.

While `stancegraph ingest` writes a generated corpus (tests/concurrency_util.py),
reader threads run `stats`, `query` (counts, patterns, shortestPath), `export`
(GraphML read by NetworkX, JSON lines), the verbs `stances` and `path`, and ask
`serve`'s JSON API, over and over. Every answer must come from one whole prefix
of the corpus (never half an article), and no reader may see less than one that
finished before it started. A second ingest into the same database must fail
fast with a clear message while the first completes, and the result must equal
an ingest that ran alone. docs/reliability.md ("Concurrency") has the figures.

usage: concurrency_test.py BINARY SOURCE_DIR [--long] [--report FILE.json]
"""
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

import networkx as nx

import concurrency_util as cu
from viewer_util import Server

BINARY = None
# The short form runs in CI (ctest -L fast); --long is the same test, bigger.
FORMS = {
    "short": {"articles": 2000, "parts": 4, "threads": 2, "idle_rounds": 1, "writer_tries": 3},
    "long": {"articles": 20000, "parts": 10, "threads": 3, "idle_rounds": 3, "writer_tries": 10},
}
FORM = "short"
REPORT = None
FIGURES = {}
NOT_THERE = "no database at"


def cfg(key):
    return FORMS[FORM][key]


def run(*args, timeout=300):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=timeout)


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


class Absent(Exception):
    """The reader started before the database existed, and said so clearly."""


class Readers:
    """The reader commands and what each may answer. Each reader returns the
    number of whole articles its snapshot held (None when it cannot tell),
    raises Absent for a clear "no database" error, cu.Partial for a snapshot no
    whole prefix holds, and AssertionError for anything else."""

    def __init__(self, db, tmp):
        self.db, self.tmp = db, tmp

    def kinds(self):
        return ["stats", "query_kinds", "query_counts", "query_actors", "query_articles",
                "shortest_path", "stances", "path", "export_graphml", "export_jsonl"]

    def cli(self, *args):
        p = run(*args, "--db", self.db)
        if p.returncode == 1 and NOT_THERE in p.stderr:
            raise Absent(p.stderr.strip())
        return p

    def ok(self, *args):
        p = self.cli(*args)
        if p.returncode != 0:
            raise AssertionError(f"{args[:2]} exited {p.returncode}: {p.stderr.strip()}")
        return p.stdout

    def query(self, text, *params):
        extra = [a for v in params for a in ("--param", v)]
        out = self.ok("query", text, "--format", "jsonl", *extra)
        return [json.loads(line) for line in out.splitlines()]

    def stats(self, floor):
        return cu.check_counts(json.loads(self.ok("stats", "--json")))

    def query_kinds(self, floor):
        rows = self.query("MATCH (n) RETURN labels(n)[0] AS kind, count(*) AS n")
        by_kind = {r["kind"]: r["n"] for r in rows}
        n = by_kind.get("Article", 0)
        if by_kind != cu.expected_counts(n)["nodes_by_kind"]:
            raise cu.Partial(f"{n} articles but nodes {by_kind}")
        return n

    def query_counts(self, floor):
        rows = self.query("MATCH (x:Article) WITH count(x) AS n "
                          "OPTIONAL MATCH ()-[r]->() RETURN n, count(r) AS edges")
        n, edges = rows[0]["n"], rows[0]["edges"]
        if edges != cu.expected_counts(n)["edges"]:
            raise cu.Partial(f"{n} articles but {edges} edges")
        return n

    def query_actors(self, floor):
        rows = self.query("MATCH (a:Person)-[r]->(b) RETURN a.name AS a, type(r) AS r, b.name AS b")
        return cu.prefix_size([(x["a"], x["r"], x["b"]) for x in rows], kinds=("actor",))

    def query_articles(self, floor):
        rows = self.query("MATCH (a:Article)-[r]->(b) RETURN a.name AS a, type(r) AS r, b.name AS b")
        return cu.prefix_size([(x["a"], x["r"], x["b"]) for x in rows], kinds=("article",))

    def shortest_path(self, floor):
        m = max(1, floor - 1)  # an actor every later snapshot holds, once floor > 1
        rows = self.query("MATCH (x:Article) WITH count(x) AS n "
                          "MATCH p = shortestPath((a:Person {name: 'Actor 0'})-[*..4]-(b:Person {name: $b})) "
                          "RETURN n, length(p) AS hops", f"b={cu.actor(m)}")
        if not rows:
            if m < floor:
                raise AssertionError(f"no path to {cu.actor(m)}, which a reader before saw")
            return None
        if rows[0]["hops"] != (1 if m == 1 else 2) or rows[0]["n"] <= m:
            raise cu.Partial(f"path to {cu.actor(m)}: {rows}")
        return rows[0]["n"]

    def missing_or_whole(self, p, m, floor):
        """A verb on Actor m: a clear "no node" error only if m may not be there."""
        if p.returncode == 1 and "no node named" in p.stderr and m >= floor:
            return False
        if p.returncode != 0:
            raise AssertionError(f"actor {m} (floor {floor}): exit {p.returncode}: {p.stderr.strip()}")
        return True

    def stances(self, floor):
        m = random.randint(max(0, floor - 5), floor + 20)
        p = self.cli("stances", cu.actor(m), "--format", "json")
        if self.missing_or_whole(p, m, floor):
            got = sorted((r["position"], r["stance"]) for r in json.loads(p.stdout))
            if got != [(f"counter {m}", "OPPOSES"), (f"policy {m}", "SUPPORTS")]:
                raise cu.Partial(f"stances of {cu.actor(m)}: {got}")
        return None

    def path(self, floor):
        m = random.randint(1, floor + 20)
        p = self.cli("path", cu.actor(0), cu.actor(m), "--format", "json")
        if p.returncode == 1 and "no node named 'Actor 0'" in p.stderr and floor == 0:
            return None
        if self.missing_or_whole(p, m, floor):
            hops = len(json.loads(p.stdout)[0]["path"]["relationships"])
            if hops != (1 if m == 1 else 2):
                raise cu.Partial(f"path to {cu.actor(m)}: {hops} hops")
        return None

    def export_file(self, fmt):
        out = os.path.join(self.tmp, f"{threading.get_ident()}.{fmt}")
        self.ok("export", "--format", fmt, "--out", out)
        return out

    def export_graphml(self, floor):
        g = nx.read_graphml(self.export_file("graphml"), force_multigraph=True)
        nodes = [(d["kind"], d["name"]) for _, d in g.nodes(data=True)]
        name = {v: d["name"] for v, d in g.nodes(data=True)}
        edges = [(name[u], d["relation"], name[v]) for u, v, d in g.edges(data=True)]
        return cu.graph_size(nodes, edges)

    def export_jsonl(self, floor):
        nodes, rels = {}, []
        with open(self.export_file("jsonl"), encoding="utf-8") as f:
            for line in f:
                x = json.loads(line)
                if x["type"] == "node":
                    nodes[x["id"]] = (x["labels"][0], x["properties"]["name"])
                else:
                    rels.append((x["start"]["id"], x["label"], x["end"]["id"]))
        edges = [(nodes[s][1], r, nodes[t][1]) for s, r, t in rels]
        return cu.graph_size(list(nodes.values()), edges)


class Viewer:
    """A `serve` started at some point of the ingest: its snapshot must stay
    the one it opened, a whole prefix, at least as large as every reader that
    finished before it started."""

    def __init__(self, db, floor):
        self.server = Server(BINARY, db)
        self.floor = floor
        self.present, self.absent = -1, None  # the largest actor seen, the smallest missing

    def find(self, m):
        q = urllib.parse.quote(cu.actor(m))
        code, body, _ = self.server.get(f"/api/search?q={q}&kind=Person&limit=5")
        assert code == 200, (code, body)
        hits = [h["id"] for h in body["results"] if h["name"] == cu.actor(m)]
        return hits[0] if hits else None

    def probe(self, m):
        node = self.find(m)
        if node is None:
            if m < self.floor:
                raise AssertionError(f"viewer lacks {cu.actor(m)}, seen before it started")
            self.absent = m if self.absent is None else min(self.absent, m)
        else:
            code, body, _ = self.server.get(f"/api/stances/{node}")
            got = sorted((s["position"]["name"], s["edge"]["relation"]) for s in body["stances"])
            if code != 200 or got != [(f"counter {m}", "OPPOSES"), (f"policy {m}", "SUPPORTS")]:
                raise cu.Partial(f"viewer: stances of {cu.actor(m)}: {code} {got}")
            code, body, _ = self.server.get(f"/api/neighborhood/{node}?relations=MEMBER_OF")
            labels = [n["data"]["label"] for n in body["elements"]["nodes"]]
            if code != 200 or labels != [cu.actor(m), cu.HUB]:
                raise cu.Partial(f"viewer: {cu.actor(m)} is no member: {code} {labels}")
            self.present = max(self.present, m)
        if self.absent is not None and self.present >= self.absent:
            raise cu.Partial(f"viewer saw {cu.actor(self.present)} but not {cu.actor(self.absent)}: "
                             "its snapshot moved or has a hole")

    def close(self):
        self.server.close()


class Run:
    """Reader threads over one database until stop is set; collects runs."""

    def __init__(self, readers, phase):
        self.readers, self.phase = readers, phase
        self.lock = threading.Lock()
        self.floor, self.seen_db = 0, False
        self.results = []  # dicts: kind, phase, seconds, n, outcome, detail
        self.viewers = []
        self.stop = threading.Event()

    def once(self, kind):
        with self.lock:
            floor, seen_db = self.floor, self.seen_db
            viewers = list(self.viewers)
        start = time.monotonic()
        n, outcome, detail = None, "ok", ""
        try:
            if kind == "viewer":
                if not viewers:
                    return
                random.choice(viewers).probe(random.randint(0, floor + 20))
            else:
                n = getattr(self.readers, kind)(floor)
                if n is not None and n < floor:
                    raise cu.Partial(f"saw {n} articles after a reader saw {floor}")
        except Absent as e:
            outcome, detail = ("absent", str(e)) if not seen_db else ("error", f"db vanished: {e}")
        except cu.Partial as e:
            outcome, detail = "partial", str(e)
        except Exception as e:  # noqa: BLE001 - every failure is recorded and fails the test
            outcome, detail = "error", f"{type(e).__name__}: {e}"
        seconds = time.monotonic() - start
        with self.lock:
            if outcome == "ok" and kind != "viewer":
                self.seen_db = True
                if n is not None:
                    self.floor = max(self.floor, n)
            self.results.append({"kind": kind, "phase": self.phase, "seconds": seconds, "n": n,
                                 "outcome": outcome, "detail": detail})

    def loop(self, offset, rounds=None):
        kinds = self.readers.kinds() + ["viewer"]
        i, done = offset, 0
        while not self.stop.is_set() and (rounds is None or done < rounds * len(kinds)):
            self.once(kinds[i % len(kinds)])
            i += 1
            done += 1

    def start(self, threads, rounds=None):
        self.threads = [threading.Thread(target=self.loop, args=(i * 3, rounds))
                        for i in range(threads)]
        for t in self.threads:
            t.start()

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join()


def ingest(db, corpus, *extra):
    return subprocess.Popen([BINARY, "ingest", corpus, "--db", db, "--json", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def graph_of(db):
    """The database's content as the JSON-lines export, and its counts."""
    p = run("export", "--db", db, "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    st = json.loads(run("stats", "--db", db, "--json").stdout)
    st.pop("disk_bytes")
    return st, p.stdout


class ConcurrencyTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgconc-")
        cls.n = cfg("articles")
        cls.corpus = os.path.join(cls.tmp, "corpus.jsonl")
        cu.write_corpus(cls.corpus, cls.n)
        # The corpus again in parts, each ingested by its own process: readers
        # then also meet a writer that opens (a new MANIFEST), flushes and closes.
        size = -(-cls.n // cfg("parts"))
        cls.parts = []
        for first in range(0, cls.n, size):
            cls.parts.append(os.path.join(cls.tmp, f"part{len(cls.parts)}.jsonl"))
            cu.write_corpus(cls.parts[-1], min(size, cls.n - first), first)
        # The single-writer reference: the same parts, nothing else running.
        cls.reference = os.path.join(cls.tmp, "reference")
        start = time.monotonic()
        for part in cls.parts:
            p = run("ingest", part, "--db", cls.reference, "--json", timeout=1800)
            assert p.returncode == 0, p.stderr
        FIGURES["ingest_alone_seconds"] = round(time.monotonic() - start, 2)
        FIGURES["articles"], FIGURES["ingests"] = cls.n, len(cls.parts)
        cls.reference_graph = graph_of(cls.reference)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check_runs(self, results):
        bad = [f"{r['kind']}: {r['outcome']}: {r['detail']}" for r in results
               if r["outcome"] in ("partial", "error")]
        self.assertEqual(bad, [], f"{len(bad)} reader runs failed")

    def test_readers_see_whole_articles_during_an_ingest(self):
        db = os.path.join(self.tmp, "busy")
        work = tempfile.mkdtemp(dir=self.tmp)
        during = Run(Readers(db, work), "ingest")
        # Before the database exists: a clear error, from the viewer as from the rest.
        p = run("serve", "--db", db, "--port", "0", timeout=20)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn(NOT_THERE, p.stderr)
        during.start(cfg("threads"))
        time.sleep(0.3)  # let some readers find no database
        start = time.monotonic()
        writer = threading.Thread(target=self.ingest_parts, args=(db,))
        writer.start()
        try:
            self.start_viewers(during, writer)
            writer.join()
            FIGURES["ingest_with_readers_seconds"] = round(time.monotonic() - start, 2)
            self.assertEqual(self.added, self.n, self.writer_errors)
            for _ in range(10):  # the viewers still answer from their snapshots
                during.once("viewer")
            during.join()
        finally:
            during.stop.set()
            for v in during.viewers:
                v.close()
            writer.join()
        self.record(during, during)  # figures even when the check below fails
        self.check_runs(during.results)
        self.assertEqual(graph_of(db), self.reference_graph)
        # A viewer started now sees everything.
        fresh = Viewer(db, self.n)
        try:
            fresh.probe(self.n - 1)
            fresh.probe(self.n)
        finally:
            fresh.close()
        # The same readers with no writer: idle latencies, on the whole database.
        idle = Run(Readers(db, work), "idle")
        idle.floor, idle.seen_db = self.n, True
        idle.viewers = [Viewer(db, self.n)]
        try:
            idle.start(cfg("threads"), rounds=cfg("idle_rounds"))
            for t in idle.threads:
                t.join()
        finally:
            idle.viewers[0].close()
        self.check_runs(idle.results)
        self.record(during, idle)

    def ingest_parts(self, db):
        self.added, self.writer_errors = 0, []
        for part in self.parts:
            out, err = ingest(db, part).communicate(timeout=1800)
            if err:
                self.writer_errors.append(err)
                return
            self.added += json.loads(out)["added"]

    def start_viewers(self, during, writer):
        """One viewer as soon as the database holds an article, one at mid-ingest."""
        for target in (1, self.n // 2):
            while writer.is_alive() and during.floor < target:
                time.sleep(0.05)
            if not writer.is_alive():
                return
            with during.lock:
                floor = during.floor
            viewer = Viewer(during.readers.db, floor)
            with during.lock:
                during.viewers.append(viewer)

    def record(self, during, idle):
        rows = {}
        for r in during.results + (idle.results if idle is not during else []):
            row = rows.setdefault(r["kind"], {"runs": 0, "absent": 0, "partial": 0, "error": 0,
                                              "ingest": [], "idle": []})
            row["runs"] += 1
            if r["outcome"] != "ok":
                row[r["outcome"]] += 1
            else:
                row[r["phase"]].append(r["seconds"])
        for row in rows.values():
            for phase in ("ingest", "idle"):
                secs = row.pop(phase)
                row[phase + "_runs"] = len(secs)
                row[phase + "_median_ms"] = round(1000 * statistics.median(secs)) if secs else None
                row[phase + "_p90_ms"] = round(1000 * percentile(secs, 0.9)) if secs else None
        FIGURES["readers"] = rows
        FIGURES["viewers_started_during_ingest"] = len(during.viewers)
        FIGURES["max_articles_seen_by_a_reader_during_ingest"] = during.floor

    def test_a_second_writer_fails_fast_and_the_first_completes(self):
        db = os.path.join(self.tmp, "two-writers")
        intruder = os.path.join(self.tmp, "intruder.jsonl")
        with open(intruder, "w", encoding="utf-8") as f:
            f.write(cu.claim("Intruder", "SUPPORTS", "intrusion", article="intruder-1") + "\n")
        first = ingest(db, self.corpus)
        refusals = []
        try:
            while len(refusals) < cfg("writer_tries") and first.poll() is None:
                if not os.path.exists(os.path.join(db, "CURRENT")):
                    time.sleep(0.05)
                    continue
                start = time.monotonic()
                p = run("ingest", intruder, "--db", db, "--quiet", timeout=60)
                seconds = time.monotonic() - start
                if first.poll() is not None and p.returncode == 0:
                    break  # the first had finished: not a second writer any more
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertIn("is in use by another writer", p.stderr)
                refusals.append(seconds)
                time.sleep(0.2)
            out, err = first.communicate(timeout=1800)
        finally:
            if first.poll() is None:
                first.kill()
        self.assertEqual(first.returncode, 0, err)
        self.assertEqual(json.loads(out)["added"], self.n)
        self.assertGreater(len(refusals), 0, "the ingest ended before a second writer could try")
        self.assertLess(max(refusals), 5.0)
        FIGURES["second_writer_refusals"] = len(refusals)
        FIGURES["second_writer_max_seconds"] = round(max(refusals), 3)
        self.assertEqual(graph_of(db), self.reference_graph)
        if re.search(r"^\s+check\s", run("--help").stdout, re.M):  # being written
            p = run("check", "--db", db)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            FIGURES["check"] = "passed"
        else:
            FIGURES["check"] = "not available: compared with the single-writer run only"
        # Now alone, the second writer goes through.
        p = run("ingest", intruder, "--db", db, "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(run("stats", "--db", db, "--json").stdout)["articles"], self.n + 1)


def main():
    global BINARY, FORM, REPORT
    args = sys.argv[1:]
    BINARY = os.path.abspath(args.pop(0))
    args.pop(0)  # SOURCE_DIR: unused, for symmetry with the other tests
    if "--long" in args:
        args.remove("--long")
        FORM = "long"
    if "--report" in args:
        i = args.index("--report")
        REPORT = args[i + 1]
        del args[i:i + 2]
    prog = unittest.main(argv=[sys.argv[0], "-v"] + args, exit=False)
    FIGURES["form"] = FORM
    print(json.dumps(FIGURES, indent=1, sort_keys=True))
    if REPORT:
        with open(REPORT, "w", encoding="utf-8") as f:
            json.dump(FIGURES, f, indent=1, sort_keys=True)
    sys.exit(0 if prog.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
