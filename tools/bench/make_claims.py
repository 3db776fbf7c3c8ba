#!/usr/bin/env python3
"""Writes a synthetic claims JSON-lines corpus for benchmarking `stancegraph ingest`.

usage: make_claims.py N_CLAIMS [--per-article 20] [--actors 20000] [--positions 2000] > claims.jsonl

Actors and positions are drawn with a Zipf-like law (a few gather most claims), as
in news; every sentence is distinct. Deterministic for a given N.
"""
import argparse
import bisect
import json
import random
import sys

KINDS = ["Person", "State", "Organization"]
ACTOR_RELATIONS = ["MEETS", "COOPERATES_WITH", "CRITICIZES", "THREATENS", "SANCTIONS", "ATTACKS"]


def zipf_sampler(n, rng):
    weights, total = [], 0.0
    for i in range(n):
        total += 1.0 / (i + 1)
        weights.append(total)
    return lambda: bisect.bisect_left(weights, rng.random() * total)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("claims", type=int)
    ap.add_argument("--per-article", type=int, default=20)
    ap.add_argument("--actors", type=int, default=20000)
    ap.add_argument("--positions", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(42)
    actor, position = zipf_sampler(args.actors, rng), zipf_sampler(args.positions, rng)
    out = sys.stdout
    for i in range(args.claims):
        n = i // args.per_article
        a = actor()
        line = {"subject": {"name": f"Actor {a}", "kind": KINDS[a % 3], "aliases": [f"A{a}"]},
                "article": {"id": f"bench-{n}", "date": f"2025-{10 + n % 3:02d}-{10 + n % 18:02d}",
                            "source": f"Outlet {n % 50}"},
                "sentence": f"Synthetic sentence {i} about actor {a}, as long as a news sentence tends to be.",
                "rule": "bench"}
        if rng.random() < 0.5:
            line["relation"] = "SUPPORTS" if rng.random() < 0.6 else "OPPOSES"
            line["object"] = {"name": f"position {position()}", "kind": "Position"}
        else:
            b = actor()
            b = b if b != a else (b + 1) % args.actors
            line["relation"] = rng.choice(ACTOR_RELATIONS)
            line["object"] = {"name": f"Actor {b}", "kind": KINDS[b % 3], "aliases": [f"A{b}"]}
        if rng.random() < 1 / 3:
            line["sources"] = [{"name": f"Outlet {rng.randrange(200)}", "date": line["article"]["date"]}]
        out.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
