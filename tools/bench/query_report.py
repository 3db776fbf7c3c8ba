#!/usr/bin/python3
"""Merges query_bench's and query_peers.py's JSON results into markdown tables.

usage: query_report.py CPP.json [SQLITE.json] [NETWORKX.json] [--cli CLI.json]

Prints the setup (open and load times, memory) and per-query latencies (median,
p90 in ms) with the ratios the benchmark is judged by: each peer's median over
ours, and ours over the in-memory CSR bound. "Ours" is the query engine when it
ran, else the direct Store API (marked). Checks that every system gave the same
answer to each question and lists any that did not.
"""
import json
import re
import sys

QUERIES = [("2hop", "2-hop neighbourhood, hub (median of top 1%)"),
           ("2hop_top100", "2-hop neighbourhood, 100th hub"),
           ("path", "shortest path (5 actor pairs, ≤6 hops)"),
           ("stance", "filtered stance (OPPOSES since 2024, top 20)"),
           ("count", "count by relation type")]


def load(paths):
    merged = {"results": {}, "setup": {}, "params": {}}
    for path in paths:
        with open(path) as f:
            d = json.load(f)
        merged["results"].update(d["results"])
        if "system" in d:
            merged["setup"][d["system"]] = d["setup"]
            merged.setdefault("versions", d.get("versions"))
        else:
            merged["setup"]["ours"] = d["setup"]
            merged["params"] = d["params"]
    return merged


def cell(r):
    if r is None:
        return "—"
    if r.get("error"):
        return "> %.0f s" % timed_out_s(r) if timed_out_s(r) else "error"
    return f"{fmt(r['median_ms'])} ({fmt(r['p90_ms'])})"


def timed_out_s(r):
    """The time limit a query hit (the peers' --timeout, the engine's 60 s), else None."""
    if r.get("timed_out_s"):
        return r["timed_out_s"]
    m = re.search(r"time limit of ([0-9.]+) s", r.get("error", ""))
    return float(m.group(1)) if m else None


def fmt(ms):
    if ms >= 1000:
        return f"{ms / 1000:.1f} s"
    if ms >= 10:
        return f"{ms:.0f}"
    if ms >= 1:
        return f"{ms:.2f}"
    return f"{ms:.3f}"


def ratio(num, den):
    if num is None or den is None:
        return "—"
    if den.get("error"):  # ours hit a time limit: the ratio is at most this
        ok = num.get("n") and not num.get("error") and timed_out_s(den)
        return f"< {num['median_ms'] / (timed_out_s(den) * 1000):.2g}×" if ok else "—"
    if not den.get("n"):
        return "—"
    if num.get("error"):
        return f"> {timed_out_s(num) * 1000 / den['median_ms']:,.0f}×" if timed_out_s(num) else "—"
    if not num.get("n") or den["median_ms"] == 0:
        return "—"
    x = num["median_ms"] / den["median_ms"]
    if x >= 10:
        return f"{x:,.0f}×"
    return f"{x:.1f}×" if x >= 0.1 else f"{x:.2g}×"


def main():
    args = sys.argv[1:]
    cli = None
    if "--cli" in args:
        i = args.index("--cli")
        cli = json.load(open(args[i + 1]))
        del args[i:i + 2]
    m = load(args)
    res, p, setup = m["results"], m["params"], m["setup"]
    ours_name = "ours-engine" if any(
        r.get("n") for r in res.get("ours-engine", {}).values()) else "ours-direct"
    print("Ratios are of medians, as engine; direct (the direct Store API, by hand)."
          + ("" if ours_name == "ours-engine" else " The query engine was not available."))
    print()
    print("| query | engine | direct | CSR (in memory) | SQLite | NetworkX | SQLite / ours "
          "| NetworkX / ours | ours / CSR |")
    print("|---|---|---|---|---|---|---|---|---|")
    mismatches = []
    for q, label in QUERIES:
        row = {s: res.get(s, {}).get(q) for s in
               ("ours-engine", "ours-direct", "csr", "sqlite", "networkx")}
        if all(v is None for v in row.values()):
            continue
        both = (row["ours-engine"], row["ours-direct"])
        print(f"| {label} | " + " | ".join(cell(row[s]) for s in row) + " | " + " | ".join(
            "; ".join(ratio(num, den) for num, den in pairs) for pairs in (
                [(row["sqlite"], o) for o in both], [(row["networkx"], o) for o in both],
                [(o, row["csr"]) for o in both])) + " |")
        answers = {s: r["answer"] for s, r in row.items() if r and r.get("n")}
        if len(set(answers.values())) > 1:
            mismatches.append((q, answers))
    print()
    print("Cells: median (p90) in ms per query in a warm process.")
    variants = [f"{s} {q}: {res[s][q]['variant']}" for s in ("sqlite", "networkx")
                for q, _ in QUERIES if res.get(s, {}).get(q, {}).get("variant")]
    if variants:
        print("Fastest variant used: " + "; ".join(variants) + ".")
    print()
    o = setup.get("ours", {})
    print("| setup | time | memory / size |")
    print("|---|---|---|")
    if o:
        print(f"| ours: read-only open | {o['open_ms_first']:.0f} ms first, "
              f"{o['open_ms_median']:.0f} ms median of 5 | {o['disk_bytes'] / 2**20:,.0f} MiB on disk |")
        print(f"| CSR: load analyst edges from the store | {o['csr_load_ms'] / 1000:.1f} s | "
              f"process peak {o['peak_rss_mib']:,} MiB |")
    if cli:
        print(f"| ours: one-off `stancegraph query` process | {cli['median_ms']:.0f} ms median of "
              f"{cli['n']} | |")
    s = setup.get("sqlite")
    if s:
        print(f"| SQLite: insert rows / build indexes | {s['load_s']:.0f} s / {s['index_s']:.0f} s "
              f"| {s['file_bytes'] / 2**20:,.0f} MiB file |")
        print(f"| SQLite: open | {s['open_ms']:.1f} ms | |")
    n = setup.get("networkx")
    if n:
        print(f"| NetworkX: build the MultiDiGraph from TSV | {n['load_s']:.0f} s | "
              f"+{n['rss_mib']:,.0f} MiB resident |")
    print()
    if p:
        print(f"Parameters: hub {p['hub']} (degree {p['hub_degree']}, the median of the top 1% = "
              f"{p['top_percent_nodes']:,} nodes), 100th hub {p['top100']} (degree "
              f"{p['top100_degree']}), position {p['position']} ({p['position_opposes']} OPPOSES "
              f"edges), pairs {p['pairs']}.")
        for q in ("2hop", "2hop_top100", "path"):
            r = res.get("csr", {}).get(q)
            if r:
                print(f"Answer {q}: {r['answer']}")
    if o:
        print(f"Graph: {o['nodes']:,} nodes, {o['edges']:,} edges ({o['analyst_edges']:,} analyst), "
              f"{o['claims']:,} claims, {o['articles']:,} articles; by relation "
              f"{o['edges_by_relation']}.")
    print()
    if mismatches:
        for q, answers in mismatches:
            print(f"ANSWERS DIFFER for {q}: {answers}")
    else:
        print("Every system gave the same answers.")


if __name__ == "__main__":
    main()
