#!/usr/bin/env python3
"""Scores extraction on the development set (tests/data/articles) and on the seed
article, with the evaluation scorer, and fails below the thresholds.

usage: extraction_eval.py BINARY SOURCE_DIR SCORER [--seed ARTICLE GOLD]
                          [--min-mean-core-recall R] [--min-mean-precision P]
                          [--min-core-recall R] [--min-precision P] [--report FILE]

Each article is ingested alone into a fresh database and exported as JSON lines,
so one article's names cannot help another's score.
"""
import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

SUMMARY = re.compile(r"precision=([\d.]+) \((\d+)/(\d+)\) core_recall=([\d.]+) \((\d+)/(\d+)\) "
                     r"recall=([\d.]+) f1=([\d.]+) titles=(\d+)/(\d+) sources=(\d+)/(\d+) "
                     r"split_actors=(\d+)")


def score(binary, scorer, article, gold, workdir):
    db = os.path.join(workdir, os.path.basename(article) + ".db")
    graph = db + ".jsonl"
    subprocess.run([binary, "ingest", article, "--db", db, "--quiet"], check=True)
    subprocess.run([binary, "export", "--format", "jsonl", "--db", db, "--out", graph], check=True,
                   stderr=subprocess.DEVNULL)
    out = subprocess.run([sys.executable, scorer, "--graph", graph, "--gold", gold, "--quiet"],
                         capture_output=True, text=True)
    m = SUMMARY.search(out.stdout)
    if not m:
        sys.exit(f"extraction_eval: no summary from the scorer for {article}: {out.stdout}{out.stderr}")
    g = [float(x) for x in m.groups()]
    g[12] = len(split_actors(scorer, graph, gold))
    return {"precision": g[0], "matched": g[1], "scored": g[2], "core_recall": g[3],
            "core_hit": g[4], "core": g[5], "recall": g[6], "f1": g[7], "titles": (g[8], g[9]),
            "sources": (g[10], g[11]), "split": g[12]}


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _single_words(node):
    return {n for n in node["names"] if " " not in n}


def _surnames(node):
    """The last words of a person's multi-word names."""
    return {n.split()[-1] for n in node["names"] if " " in n}


def split_actors(scorer, graph, gold):
    """Actors stored as several nodes of one kind: two nodes that share a name or
    alias, or a one-word person name that is another person's surname ("Lavrov"
    beside "Sergei Lavrov"). The scorer's own count is not used: it takes a gold
    line's alternatives for one actor, and lines such as "Italy|France" or
    "Mali|Burkina Faso|Niger" list several."""
    module = load_scorer(scorer)
    nodes, _ = module.load_graph(graph)
    actors = [n for n in nodes.values() if set(n["labels"]) & module.ACTOR_KINDS]
    split = []
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            if a["labels"][0] != b["labels"][0]:
                continue
            shared = a["names"] & b["names"]
            if not shared and a["labels"][0] == "Person":
                shared = (_single_words(a) & _surnames(b)) | (_single_words(b) & _surnames(a))
            if shared:
                split.append(f"{a['name']} / {b['name']} ({', '.join(sorted(shared))})")
    return split


def articles(directory):
    for name in sorted(os.listdir(directory)):
        stem, ext = os.path.splitext(name)
        if ext in (".md", ".txt") and os.path.exists(os.path.join(directory, stem + ".gold.tsv")):
            yield os.path.join(directory, name), os.path.join(directory, stem + ".gold.tsv")


def score_set(name, directory, args, work, min_core, min_precision):
    """Scores every article of a set; returns the failed thresholds."""
    results = []
    for article, gold in articles(directory):
        r = score(args.binary, args.scorer, article, gold, work)
        results.append(r)
        print(f"{name:8} {os.path.basename(article):40} P={r['precision']:.2f} "
              f"core={r['core_recall']:.2f} R={r['recall']:.2f} split={r['split']:.0f}")
    if not results:
        return [f"no {name} articles in {directory}"]
    mean = {k: sum(r[k] for r in results) / len(results) for k in ("precision", "core_recall", "recall")}
    print(f"mean over {len(results)} {name} articles: precision={mean['precision']:.3f} "
          f"core_recall={mean['core_recall']:.3f} recall={mean['recall']:.3f}")
    failures = []
    if mean["precision"] < min_precision or mean["core_recall"] < min_core:
        failures.append(f"{name} set below mean core recall {min_core} / precision {min_precision}")
    splits = sum(r["split"] for r in results)
    if splits:
        failures.append(f"{name} set has {splits:.0f} split actors")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("source")
    ap.add_argument("scorer")
    ap.add_argument("--seed", nargs=2, metavar=("ARTICLE", "GOLD"))
    ap.add_argument("--min-mean-core-recall", type=float, default=0.0)
    ap.add_argument("--min-mean-precision", type=float, default=0.0)
    ap.add_argument("--min-core-recall", type=float, default=0.0)
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--holdout-min-mean-core-recall", type=float, default=0.0)
    ap.add_argument("--holdout-min-mean-precision", type=float, default=0.0)
    args = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory(prefix="sgeval-") as work:
        if args.seed:
            r = score(args.binary, args.scorer, *args.seed, work)
            print(f"seed  {os.path.basename(args.seed[0]):40} P={r['precision']:.2f} "
                  f"core={r['core_recall']:.2f} R={r['recall']:.2f} titles={r['titles'][0]:.0f}/"
                  f"{r['titles'][1]:.0f} sources={r['sources'][0]:.0f}/{r['sources'][1]:.0f} split={r['split']:.0f}")
            if r["core_recall"] < args.min_core_recall or r["precision"] < args.min_precision:
                failures.append(f"seed article below core recall {args.min_core_recall} / "
                                f"precision {args.min_precision}")
            if r["split"]:
                failures.append("seed article has split actors")
        data = os.path.join(args.source, "tests", "data")
        failures += score_set("dev", os.path.join(data, "articles"), args, work,
                              args.min_mean_core_recall, args.min_mean_precision)
        failures += score_set("holdout", os.path.join(data, "holdout"), args, work,
                              args.holdout_min_mean_core_recall, args.holdout_min_mean_precision)
    for f in failures:
        print("FAIL:", f)
    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
