#!/usr/bin/env python3
"""`stancegraph eval` against the evaluation scorer it reimplements
(shared/eval/score.py, docs/eval.md).

For every annotated article of the project's sets (each folder of tests/data that
holds NAME.gold.tsv files) and the seed article, the graph `ingest` and `export
--format jsonl` give is scored by score.py, and `eval --json -v` must report the
same: scored and matched edges, core facts found, recall, f1, titles, sources,
each gold fact found or missed, and the edges no fact matched. Split actors are
compared with the pairwise rule the old tests/extraction_eval.py applied
(docs/eval.md, "Split actors"), on score.py's reading of the graph.

usage: eval_cli_test.py BINARY SOURCE_DIR SCORER [--seed ARTICLE GOLD]
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from cli_util import run_cli

ARGS = None
SUMMARY = re.compile(r"precision=([\d.]+) \((\d+)/(\d+)\) core_recall=([\d.]+) \((\d+)/(\d+)\) "
                     r"recall=([\d.]+) f1=([\d.]+) titles=(\d+)/(\d+) sources=(\d+)/(\d+) "
                     r"split_actors=(\d+)")


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer_report(graph, gold):
    """score.py's verdict: each fact's line, the unmatched edges and the summary."""
    out = subprocess.run([sys.executable, ARGS.scorer, "--graph", graph, "--gold", gold],
                         capture_output=True, text=True, check=True).stdout
    facts = [(line[:4] == "hit ", line[5:10].strip(), line[11:])
             for line in out.split("\n") if line[:4] in ("hit ", "MISS")]
    extra = [line[len("extra "):] for line in out.split("\n") if line.startswith("extra ")]
    m = SUMMARY.search(out)
    assert m, f"no summary from score.py: {out}"
    return facts, extra, m.groups()


def pairwise_splits(scorer, graph):
    """The old extraction_eval.py's split actors: actor nodes of one kind sharing a
    normalized name, or a person's one-word name that is another's surname."""
    nodes, _ = scorer.load_graph(graph)
    actors = [n for n in nodes.values() if set(n["labels"]) & scorer.ACTOR_KINDS]
    split = []
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            if a["labels"][0] != b["labels"][0]:
                continue
            shared = a["names"] & b["names"]
            if not shared and a["labels"][0] == "Person":
                words = lambda n: {x for x in n["names"] if " " not in x}
                surnames = lambda n: {x.split()[-1] for x in n["names"] if " " in x}
                shared = (words(a) & surnames(b)) | (words(b) & surnames(a))
            if shared:
                split.append(f"{a['name']} / {b['name']} ({', '.join(sorted(shared))})")
    return split


def project_sets(source):
    data = os.path.join(source, "tests", "data")
    for name in sorted(os.listdir(data)):
        folder = os.path.join(data, name)
        if os.path.isdir(folder) and any(f.endswith(".gold.tsv") for f in os.listdir(folder)):
            yield folder


class AgreesWithScorerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sgevalcli-")
        self.scorer = load_scorer(ARGS.scorer)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def export(self, article):
        """The graph of `article` ingested alone, as score.py reads it."""
        db = os.path.join(self.tmp, os.path.basename(article) + ".db")
        graph = db + ".jsonl"
        run_cli(ARGS.binary, "ingest", article, "--db", db, "--quiet")
        run_cli(ARGS.binary, "export", "--format", "jsonl", "--db", db, "--out", graph)
        return graph

    def check_article(self, result):
        graph = self.export(result["article"])
        facts, extra, g = scorer_report(graph, result["gold"])
        self.assertEqual(f"{result['precision']:.2f}", g[0])
        self.assertEqual((result["edges"]["matched"], result["edges"]["scored"]), (int(g[1]), int(g[2])))
        self.assertEqual(f"{result['core_recall']:.2f}", g[3])
        self.assertEqual((result["core"]["found"], result["core"]["total"]), (int(g[4]), int(g[5])))
        self.assertEqual(f"{result['recall']:.2f}", g[6])
        self.assertEqual(f"{result['f1']:.2f}", g[7])
        self.assertEqual((result["titles"]["found"], result["titles"]["total"]), (int(g[8]), int(g[9])))
        self.assertEqual((result["sources"]["found"], result["sources"]["total"]), (int(g[10]), int(g[11])))
        self.assertEqual([(f["found"], f["tier"], f["fact"]) for f in result["gold_facts"]], facts)
        self.assertEqual(result["unmatched_edges"], extra)
        self.assertEqual(result["split_actors"], pairwise_splits(self.scorer, graph))

    def check(self, *paths):
        out = json.loads(run_cli(ARGS.binary, "eval", *paths, "--json", "-v").stdout)
        self.assertGreater(len(out["articles"]), 0)
        for result in out["articles"]:
            with self.subTest(article=result["article"]):
                self.check_article(result)
                print(f"{os.path.basename(result['article']):40} P={result['precision']:.2f} "
                      f"core={result['core_recall']:.2f} R={result['recall']:.2f}: as score.py")

    def test_project_sets(self):
        sets = list(project_sets(ARGS.source))
        self.assertIn(os.path.join(ARGS.source, "tests", "data", "articles"), sets)
        for folder in sets:
            self.check(folder)

    def test_seed_article(self):
        if not ARGS.seed:
            self.skipTest("no --seed")
        article, gold = ARGS.seed
        local = os.path.join(self.tmp, os.path.basename(article))
        shutil.copy(article, local)
        shutil.copy(gold, os.path.splitext(local)[0] + ".gold.tsv")
        self.check(local)


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("source")
    ap.add_argument("scorer")
    ap.add_argument("--seed", nargs=2, metavar=("ARTICLE", "GOLD"))
    ARGS = ap.parse_args()
    unittest.main(argv=[sys.argv[0], "-v"])


if __name__ == "__main__":
    main()
