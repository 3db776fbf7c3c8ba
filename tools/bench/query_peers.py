#!/usr/bin/python3
"""The peers of query_bench: the same four questions, on the same data, answered by
SQLite (tables, indexes, recursive CTEs) and by NetworkX (an in-memory MultiDiGraph).

usage: /usr/bin/python3 query_peers.py --data DIR --params CPP.json --system sqlite|networkx
                                      [--work DIR] [--warmup 3] [--repeat 20]
                                      [--timeout 60] [--budget 60] --json OUT.json

DIR holds nodes.tsv and edges.tsv from `query_bench --db DB export-edges DIR` (the
analyst graph: no MENTIONS/CITES edges, which the peers never need). CPP.json is
query_bench's result file: the hub, pairs and position are taken from it, so every
system answers the same questions. Run one system per process, so that its load
time and memory are its own. Latencies are per query inside this warm process:
median and p90 (nearest rank) of --repeat runs after --warmup runs; a query whose
first run is slow gets fewer runs (at most --budget seconds per query, at least
one run), and a SQL query past --timeout seconds is interrupted and reported as
'>timeout'. Uses only the standard library, NetworkX (Debian's python3-networkx)
and the sqlite3 module.
"""
import argparse
import collections
import json
import math
import os
import resource
import sqlite3
import sys
import time

SYMMETRIC = {"MEETS", "COOPERATES_WITH"}


class Timeout(Exception):
    pass


def percentile(values, p):
    if not values:
        return 0.0
    v = sorted(values)
    rank = max(1, math.ceil(p * len(v)))
    return v[min(len(v), rank) - 1]


def measure(fn, warmup, repeat, budget):
    """Times fn() (which returns its answer as text); fewer runs when it is slow."""
    result = {"median_ms": 0.0, "p90_ms": 0.0, "n": 0, "answer": "", "error": ""}
    samples = []
    try:
        start = time.perf_counter()
        answer = fn()
        first = time.perf_counter() - start
        if first * (warmup + repeat) > budget:  # too slow for the full count: time what fits
            samples.append(first * 1000)
            runs = int(budget // max(first, 1e-9)) - 1
            for _ in range(max(0, min(repeat - 1, runs))):
                start = time.perf_counter()
                answer = fn()
                samples.append((time.perf_counter() - start) * 1000)
        else:
            for _ in range(warmup - 1):
                fn()
            for _ in range(repeat):
                start = time.perf_counter()
                answer = fn()
                samples.append((time.perf_counter() - start) * 1000)
        result["answer"] = answer
    except Timeout as e:
        result["error"] = f"timeout: >{e.args[0]:.0f} s"
        result["timed_out_s"] = e.args[0]
    result.update(median_ms=percentile(samples, 0.5), p90_ms=percentile(samples, 0.9),
                  n=len(samples))
    return result


def count_answer(pairs):
    return ",".join(f"{rel}={n}" for rel, n in sorted(pairs))


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# ----- SQLite

SQL_TWO_HOP_JOINS = """
WITH n1(x) AS (SELECT dst FROM edges WHERE src = :h UNION SELECT src FROM edges WHERE dst = :h)
SELECT count(*) FROM (
  SELECT x FROM n1
  UNION SELECT e.dst FROM n1 JOIN edges e ON e.src = n1.x
  UNION SELECT e.src FROM n1 JOIN edges e ON e.dst = n1.x
) WHERE x <> :h"""

SQL_TWO_HOP_RECURSIVE = """
WITH RECURSIVE walk(x, d) AS (
  SELECT :h, 0
  UNION SELECT e.dst, w.d + 1 FROM walk w JOIN edges e ON e.src = w.x WHERE w.d < 2
  UNION SELECT e.src, w.d + 1 FROM walk w JOIN edges e ON e.dst = w.x WHERE w.d < 2
) SELECT count(DISTINCT x) FROM walk WHERE x <> :h"""

# Breadth first: SQLite runs a recursive CTE as a FIFO queue, so the first row
# that reaches :b has the least depth, and LIMIT 1 stops the walk there.
SQL_PATH = """
WITH RECURSIVE walk(x, d) AS (
  SELECT :a, 0
  UNION SELECT e.dst, w.d + 1 FROM walk w JOIN edges e ON e.src = w.x WHERE w.d < :hops
  UNION SELECT e.src, w.d + 1 FROM walk w JOIN edges e ON e.dst = w.x WHERE w.d < :hops
) SELECT d FROM walk WHERE x = :b LIMIT 1"""

SQL_STANCE = """
SELECT n.name, e.claims FROM edges e JOIN nodes n ON n.id = e.src
WHERE e.dst = :p AND e.rel = 'OPPOSES' AND e.last_date >= :since
ORDER BY e.claims DESC LIMIT :lim"""

SQL_COUNT = """
SELECT rel, count(*) * (CASE WHEN rel IN ('MEETS', 'COOPERATES_WITH') THEN 2 ELSE 1 END)
FROM edges GROUP BY rel"""


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def sqlite_load(data, path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript("""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;
        CREATE TABLE nodes (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL);
        CREATE TABLE edges (src INTEGER NOT NULL, rel TEXT NOT NULL, dst INTEGER NOT NULL,
                            claims INTEGER NOT NULL, first_date TEXT, last_date TEXT);""")
    start = time.perf_counter()
    db.executemany("INSERT INTO nodes VALUES (?, ?, ?)",
                   ((int(i), k, n) for i, k, n in read_tsv(os.path.join(data, "nodes.tsv"))))
    db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)",
                   ((int(s), r, int(d), int(c), f, l)
                    for s, r, d, c, f, l in read_tsv(os.path.join(data, "edges.tsv"))))
    db.commit()
    load = time.perf_counter() - start
    start = time.perf_counter()
    # Covering indexes for the walks (each adjacency read never touches the table),
    # so SQLite is measured at its best; (rel) serves the count.
    db.executescript("""
        CREATE INDEX edges_src ON edges (src, rel, dst);
        CREATE INDEX edges_dst ON edges (dst, rel, src);
        CREATE INDEX edges_rel ON edges (rel);
        ANALYZE;""")
    index = time.perf_counter() - start
    db.close()
    return {"load_s": load, "index_s": index, "file_bytes": os.path.getsize(path)}


def sqlite_run(args, params):
    path = os.path.join(args.work, "peers.sqlite")
    setup = sqlite_load(args.data, path)
    print(f"sqlite: loaded in {setup['load_s']:.1f} s, indexed in {setup['index_s']:.1f} s, "
          f"{setup['file_bytes'] / 2**20:.0f} MiB", flush=True)
    start = time.perf_counter()
    db = sqlite3.connect(path)
    setup["open_ms"] = (time.perf_counter() - start) * 1000
    db.execute("PRAGMA cache_size = -4194304")  # 4 GiB of page cache: warm, as ours
    db.execute("PRAGMA mmap_size = 17179869184")
    deadline = [math.inf]

    def progress():
        return 1 if time.perf_counter() > deadline[0] else 0
    db.set_progress_handler(progress, 10000)

    def q(sql, **kw):
        deadline[0] = time.perf_counter() + args.timeout
        try:
            return db.execute(sql, kw).fetchall()
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                raise Timeout(args.timeout)
            raise

    results, notes = {}, {}
    for query in args.queries:
        if query in ("2hop", "2hop_top100"):
            hub = params["hub"] if query == "2hop" else params["top100"]
            joins = measure(lambda: str(q(SQL_TWO_HOP_JOINS, h=hub)[0][0]), args.warmup,
                            args.repeat, args.budget)
            recursive = measure(lambda: str(q(SQL_TWO_HOP_RECURSIVE, h=hub)[0][0]), args.warmup,
                                args.repeat, args.budget)
            best = min((joins, "self-joins"), (recursive, "recursive CTE"),
                       key=lambda r: (bool(r[0]["error"]), r[0]["median_ms"]))
            results[query] = dict(best[0], variant=best[1],
                                  other={"self-joins": joins, "recursive CTE": recursive})
        elif query == "path":
            results[query] = time_pairs(
                lambda a, b: (q(SQL_PATH, a=a, b=b, hops=params["max_hops"]) or [[-1]])[0][0],
                params, args)
        elif query == "stance":
            results[query] = measure(lambda: ",".join(str(c) for _, c in q(
                SQL_STANCE, p=params["position"], since=params["since"],
                lim=params["stance_limit"])), args.warmup, args.repeat, args.budget)
        elif query == "count":
            results[query] = measure(lambda: count_answer(q(SQL_COUNT)), args.warmup,
                                     args.repeat, args.budget)
        report("sqlite", query, results[query])
    return setup, results


def time_pairs(path_length, params, args):
    """The path query over every pair: one sample per pair and run; a pair that
    times out ends the query (reported as the timeout)."""
    pairs = params["pairs"]
    samples, lengths = [], [None] * len(pairs)
    per_pair = {}
    for i, (a, b) in enumerate(pairs):
        r = measure(lambda: str(path_length(a, b)), args.warmup, args.repeat,
                    args.budget / len(pairs))
        per_pair[f"{a}-{b}"] = r
        if r["error"]:
            return {"median_ms": 0.0, "p90_ms": 0.0, "n": 0, "answer": "", "error": r["error"],
                    "timed_out_s": r.get("timed_out_s"), "pairs": per_pair}
        lengths[i] = r["answer"]
        samples += [r["median_ms"]] * r["n"]  # per-pair medians weighted by runs
    return {"median_ms": percentile(samples, 0.5), "p90_ms": percentile(samples, 0.9),
            "n": len(samples), "answer": ",".join(lengths), "error": "", "pairs": per_pair}


# ----- NetworkX

def networkx_load(data):
    import networkx as nx
    before = rss_mib()
    start = time.perf_counter()
    g = nx.MultiDiGraph()
    for i, kind, name in read_tsv(os.path.join(data, "nodes.tsv")):
        g.add_node(int(i), kind=kind, name=name)
    dates = {}  # one int object per distinct date: memory, not speed

    def day(iso):
        if not iso:
            return 0
        d = dates.get(iso)
        if d is None:
            d = dates[iso] = int(iso.replace("-", "").ljust(8, "0"))
        return d
    for s, rel, d, claims, first, last in read_tsv(os.path.join(data, "edges.tsv")):
        g.add_edge(int(s), int(d), key=rel, claims=int(claims), first=day(first), last=day(last))
    load = time.perf_counter() - start
    return g, {"load_s": load, "rss_mib": rss_mib() - before,
               "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def nx_two_hop(g, hub):
    succ, pred = g._succ, g._pred  # the graph's own dicts: the fastest walk NetworkX allows
    seen = {hub}
    first = (set(succ[hub]) | set(pred[hub])) - seen
    seen |= first
    for v in first:
        seen.update(succ[v])
        seen.update(pred[v])
    return len(seen) - 1


def networkx_run(args, params):
    import networkx as nx
    g, setup = networkx_load(args.data)
    print(f"networkx {nx.__version__}: loaded {setup['nodes']} nodes, {setup['edges']} edges in "
          f"{setup['load_s']:.1f} s, +{setup['rss_mib']:.0f} MiB resident", flush=True)
    undirected = g.to_undirected(as_view=True)
    results = {}
    for query in args.queries:
        if query in ("2hop", "2hop_top100"):
            hub = params["hub"] if query == "2hop" else params["top100"]
            by_hand = measure(lambda: str(nx_two_hop(g, hub)), args.warmup, args.repeat,
                              args.budget)
            library = measure(lambda: str(len(nx.single_source_shortest_path_length(
                undirected, hub, cutoff=2)) - 1), args.warmup, args.repeat, args.budget)
            best = min((by_hand, "BFS over _succ/_pred"),
                       (library, "single_source_shortest_path_length(cutoff=2)"),
                       key=lambda r: (bool(r[0]["error"]), r[0]["median_ms"]))
            results[query] = dict(best[0], variant=best[1],
                                  other={"by hand": by_hand, "library": library})
        elif query == "path":
            def length(a, b):
                try:
                    n = len(nx.bidirectional_shortest_path(undirected, a, b)) - 1
                except nx.NetworkXNoPath:
                    return -1
                return n if n <= params["max_hops"] else -1
            results[query] = time_pairs(length, params, args)
        elif query == "stance":
            results[query] = measure(lambda: nx_stance(g, params), args.warmup, args.repeat,
                                     args.budget)
        elif query == "count":
            # No kept counts: iterate over every edge.
            def count():
                c = collections.Counter(k for _, _, k in g.edges(keys=True))
                return count_answer((r, n * (2 if r in SYMMETRIC else 1)) for r, n in c.items())
            results[query] = measure(count, args.warmup, args.repeat, args.budget)
        report("networkx", query, results[query])
    setup["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return setup, results


def nx_stance(g, params):
    since = int(params["since"].replace("-", ""))
    rows = []
    for u, by_key in g._pred[params["position"]].items():
        e = by_key.get("OPPOSES")
        if e is not None and e["last"] >= since:
            rows.append((e["claims"], u))
    rows.sort(reverse=True)
    top = rows[:params["stance_limit"]]
    names = [g.nodes[u]["name"] for _, u in top]  # as a result row would hold them
    assert len(names) == len(top)
    return ",".join(str(c) for c, _ in top)


def report(system, query, r):
    print(f"  {system:<9} {query:<12} median {r['median_ms']:10.3f} ms  p90 {r['p90_ms']:10.3f} ms"
          f"  (n={r['n']})  {r.get('variant', '')} answer {r['answer'][:50]} {r['error']}",
          flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--params", required=True)
    ap.add_argument("--system", required=True, choices=["sqlite", "networkx"])
    ap.add_argument("--work", default=None)
    ap.add_argument("--queries", default="2hop,2hop_top100,path,stance,count")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--budget", type=float, default=60)
    ap.add_argument("--json", required=True)
    args = ap.parse_args()
    args.work = args.work or args.data
    args.queries = [q for q in args.queries.split(",") if q]
    with open(args.params) as f:
        params = json.load(f)["params"]
    run = sqlite_run if args.system == "sqlite" else networkx_run
    setup, results = run(args, params)
    with open(args.json, "w") as f:
        json.dump({"system": args.system, "setup": setup, "results": {args.system: results},
                   "versions": {"python": sys.version.split()[0],
                                "sqlite": sqlite3.sqlite_version,
                                "networkx": __import__("networkx").__version__}}, f, indent=1)


if __name__ == "__main__":
    main()
