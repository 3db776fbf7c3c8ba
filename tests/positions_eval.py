#!/usr/bin/env python3
"""Positions across articles: who supports or opposes an issue, asked in the analyst's words.

Ingests the cross-article corpus of tests/data/positions (every `NN_*.md` there) into
one fresh database with the stancegraph CLI, then, for each question of
`questions.tsv` ("ceasefire in Ukraine", "US tariffs on Brazil", ...):

1. asks the question the way a user of the CLI would (`lookup()` below: one
   function, so that the positions work can switch it to the command it builds);
2. collects the (actor, stance) pairs of the claims the answer shows;
3. scores them against the issue's facts in `gold.tsv`: precision and recall of
   (actor, stance) pairs, per issue and pooled over the issues.

It also counts the **conflated** position nodes: with `stancegraph query` and
`claims(r)`, every stance claim is mapped to the issue of its gold sentence (same
article, the gold line's first eight words in the claim's sentence), and a position
node that holds claims of two or more issues is conflated.

The formats and the rules are in tests/data/positions/README.md. Thresholds
(`--min-precision`, `--min-recall` on the pooled figures, `--max-conflated`) make the
exit status 1 when a figure is worse; without them the run always passes.

usage: positions_eval.py BINARY DATA_DIR [--lookup auto|positions|timeline] [--db DIR]
                         [--min-precision P] [--min-recall R] [--max-conflated N]
                         [--json] [-v]
"""
import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

STANCES = ("SUPPORTS", "OPPOSES", "PROPOSES")
TIERS = ("core", "ok", "not")

# ---------------------------------------------------------------------------
# Keys

# The whole-name synonyms of docs/eval.md, so that the gold's alternatives read as
# they do for `stancegraph eval`.
SYNONYMS = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "united kingdom of great britain and northern ireland": "united kingdom",
    "prc": "china", "peoples republic of china": "china", "people republic of china": "china",
    "russian federation": "russia", "eu": "european union",
    "turkiye": "turkey", "republic of turkey": "turkey",
    "north atlantic treaty organization": "nato", "islamic republic of iran": "iran",
    "the netherlands": "netherlands", "state of israel": "israel", "state of qatar": "qatar",
}


def name_key(text):
    """The name key of docs/eval.md ("Matching"): accents and case folded, `'s` before a
    space dropped, dots and apostrophes dropped, hyphens as spaces, a few synonyms."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("\u2019", "'").replace("'s ", " ")
    s = s.replace(".", "").replace("'", "").replace("-", " ")
    s = " ".join(s.split())
    if s in SYNONYMS:
        return SYNONYMS[s]
    if s.startswith("the ") and SYNONYMS.get(s[4:], s[4:]) in SYNONYMS.values():
        return SYNONYMS.get(s[4:], s[4:])
    return s


def sentence_key(text):
    """Sentences compared loosely: Markdown emphasis and list dashes dropped, quotes and
    dashes unified, case folded, white space collapsed."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("*", "").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub("[\u2012\u2013\u2014\u2015]", "-", s)
    return " ".join(s.casefold().split())


# ---------------------------------------------------------------------------
# Data

class DataError(Exception):
    pass


Fact = collections.namedtuple("Fact", "issue alts actor stance date article key tier where")


def read_tsv(path):
    with open(path, encoding="utf-8-sig") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield no, line.split("\t")


def load_questions(path):
    questions = collections.OrderedDict()
    for no, cols in read_tsv(path):
        if len(cols) != 2 or not cols[0] or not cols[1]:
            raise DataError(f"{path}:{no}: expected issue and question, separated by a tab")
        questions[cols[0]] = cols[1]
    if not questions:
        raise DataError(f"{path}: no questions")
    return questions


def article_bodies(data_dir):
    """Each article's id (its file name without .md, as `ingest` names it) and its body."""
    bodies = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "[0-9][0-9]_*.md"))):
        text = open(path, encoding="utf-8").read()
        parts = text.split("\n---\n", 1)
        bodies[os.path.basename(path)[:-3]] = sentence_key(parts[1] if len(parts) == 2 else text)
    if not bodies:
        raise DataError(f"{data_dir}: no articles (NN_*.md)")
    return bodies


def load_gold(path, questions, bodies):
    facts = []
    for no, cols in read_tsv(path):
        where = f"{os.path.basename(path)}:{no}"
        if len(cols) == 6:
            cols = cols + ["core"]
        if len(cols) != 7:
            raise DataError(f"{where}: {len(cols)} column(s); expected issue, actor, stance, "
                            "date, article, first 8 words and an optional tier")
        issue, actors, stance, date, article, words, tier = cols
        if issue not in questions:
            raise DataError(f"{where}: issue '{issue}' has no question in questions.tsv")
        if stance not in STANCES:
            raise DataError(f"{where}: stance '{stance}' is not one of {', '.join(STANCES)}")
        if tier not in TIERS:
            raise DataError(f"{where}: tier '{tier}' is not core, ok or not")
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            raise DataError(f"{where}: date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD")
        article_id = article[:-3] if article.endswith(".md") else article
        if article_id not in bodies:
            raise DataError(f"{where}: no article {article}")
        key = sentence_key(words)
        n = len(words.split())
        if n > 8 or (n < 8 and words[-1:] not in ".?!"):
            raise DataError(f"{where}: '{words}' is not the sentence's first eight words "
                            "(or all of a shorter sentence)")
        if bodies[article_id].count(key) != 1:
            raise DataError(f"{where}: '{words}' occurs {bodies[article_id].count(key)} "
                            f"time(s) in {article}; it must start exactly one sentence")
        alts = [a for a in actors.split("|")]
        if not all(name_key(a) for a in alts):
            raise DataError(f"{where}: an empty actor alternative")
        facts.append(Fact(issue, frozenset(name_key(a) for a in alts), alts[0], stance, date,
                          article_id, key, tier, where))
    if not facts:
        raise DataError(f"{path}: no facts")
    canon = {}
    for f in facts:  # one actor, one spelling of its canonical name
        for other in canon.get(f.actor, []):
            if other != f.alts:
                raise DataError(f"{f.where}: '{f.actor}' has other alternatives elsewhere")
        canon.setdefault(f.actor, []).append(f.alts)
    return facts


# ---------------------------------------------------------------------------
# The CLI

class Cli:
    def __init__(self, binary, db):
        self.binary, self.db = binary, db

    def run(self, *args, check=True):
        p = subprocess.run([self.binary, "--db", self.db, *args], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"stancegraph {' '.join(args)} exited {p.returncode}: {p.stderr}")
        return p

    def json(self, *args):
        return json.loads(self.run(*args, "--format", "json").stdout)

    def query(self, cypher):
        out = self.run("query", cypher, "--format", "jsonl").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]


# ---------------------------------------------------------------------------
# The lookup: the analyst's question -> the claims the answer shows

STOPWORDS = {"a", "an", "the", "of", "and"}
PREPOSITIONS = {"in", "on", "against", "for", "over", "with", "to", "by", "from", "about"}
Answer = collections.namedtuple("Answer", "mode positions rows failed")


def words(text):
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text.casefold())  # "u.s." -> "us."
    return [w for w in re.split(r"[^\w]+", text.replace("\u2019s", "").replace("'s", ""))
            if w]


def stem(word):
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def head_and_scope(question):
    """("ceasefire in Ukraine") -> ("ceasefire", {"ukraine"}); ("US tariffs on Brazil") ->
    ("tariff", {"us", "brazil"}): the head is the last word before the first preposition,
    the rest of the question's words qualify it."""
    ws = [w for w in words(question) if w not in STOPWORDS]
    cut = next((i for i, w in enumerate(ws) if w in PREPOSITIONS), len(ws))
    if cut == 0:
        raise DataError(f"question '{question}' has no word before its preposition")
    head = stem(ws[cut - 1])
    rest = {stem(w) for w in ws[:cut - 1] + ws[cut + 1:] if w not in PREPOSITIONS}
    return head, rest


def pick_positions(question, names, questions):
    """Today's lookup by hand: the positions whose name holds the question's head word
    (its concept: "ceasefire", "sanction", "tariff"), except those that name what only a
    sibling question (same head, other words) is about: for "ceasefire in Ukraine", no
    position naming Gaza; for "EU sanctions on Russia", none naming the US."""
    head, scope = head_and_scope(question)
    exclude = set()
    for other in questions:
        if other == question:
            continue
        other_head, other_scope = head_and_scope(other)
        if other_head == head:
            exclude |= other_scope - scope

    def names_word(name_words, w):
        return any(x == w or (len(w) >= 4 and x.startswith(w)) for x in name_words)

    picked = []
    for name in names:
        ws = [stem(w) for w in words(name)]
        if head in ws and not any(names_word(ws, w) for w in exclude):
            picked.append(name)
    return picked


def timeline_rows(cli, position):
    """`timeline POSITION --format json`, without negated claims ("not OPPOSES"), and
    None with the CLI's message when it fails (exit 1: no such position, an ambiguous
    name); a usage error (exit 2) or a crash stops the run."""
    p = cli.run("timeline", position, "--format", "json", check=False)
    if p.returncode == 1:
        return None, p.stderr.strip().split("\n")[0]
    if p.returncode != 0:
        raise RuntimeError(f"stancegraph timeline {position!r} exited {p.returncode}: {p.stderr}")
    return [r for r in json.loads(p.stdout) if r["stance"] in STANCES], None


def lookup(cli, question, questions, mode="auto"):
    """Asks `question` as a user of today's commands would.

    - `timeline`: `stancegraph timeline "QUESTION"` and its rows, nothing else. This is
      the question as the positions issue (issue 11) means it to be asked; today it
      resolves only a position named exactly so.
    - `positions`: `stancegraph positions --limit 0` lists every position; the user picks
      the names that hold the question's concept word, not those about a sibling
      question's scope (`pick_positions`), and reads `stancegraph timeline NAME` of each.
    - `auto` (the default): `timeline` when the question resolves, else `positions`.

    Returns the mode used, the positions read, the asserted claims shown (actor,
    stance, article, sentence, position) and the CLI's messages for the names that
    failed.
    """
    failed = []
    if mode in ("auto", "timeline"):
        rows, message = timeline_rows(cli, question)
        if rows is not None or mode == "timeline":
            for r in rows or []:
                r["position"] = question
            return Answer("timeline", [question] if rows is not None else [], rows or [],
                          [message] if message else [])
        failed.append(message)
    names = [p["position"] for p in cli.json("positions", "--limit", "0")]
    picked = pick_positions(question, names, questions)
    rows = []
    for name in picked:
        got, message = timeline_rows(cli, name)
        if message:
            failed.append(message)
        for r in got or []:
            r["position"] = name
            rows.append(r)
    return Answer("positions", picked, rows, failed)


# ---------------------------------------------------------------------------
# Scoring

def actor_keys(cli):
    """Every actor node's name -> the keys of its name and aliases."""
    keys = collections.defaultdict(set)
    for r in cli.query("MATCH (a:Person|State|Organization) RETURN a.name AS name, a.aliases AS aliases"):
        keys[r["name"]].add(name_key(r["name"]))
        keys[r["name"]].update(name_key(a) for a in r["aliases"] or [])
    return keys


def stance_ok(predicted, gold):
    """As `stancegraph eval`: a PROPOSES claim counts as SUPPORTS, not the reverse."""
    return predicted == gold or (predicted == "PROPOSES" and gold == "SUPPORTS")


def resolve_actor(name, keys, facts):
    """The gold actor (canonical name) a graph actor is, among `facts`, else None."""
    ks = keys.get(name) or {name_key(name)}
    for f in facts:
        if ks & f.alts:
            return f.actor
    return None


def score_pairs(rows, facts, keys, all_facts):
    """(actor, stance) pairs of `rows` against the issue's `facts`. An actor is named by
    its gold name when the gold knows it (in any issue), else by its node's name."""
    predicted = {}
    for r in rows:
        actor = resolve_actor(r["actor"], keys, facts)
        shown = actor or resolve_actor(r["actor"], keys, all_facts) or r["actor"]
        predicted.setdefault((shown, r["stance"]), actor is not None)
    correct = {p for p, known in predicted.items()
               if known and any(f.actor == p[0] and stance_ok(p[1], f.stance)
                                for f in facts if f.tier != "not")}
    gold = {(f.actor, f.stance) for f in facts if f.tier == "core"}
    found = {g for g in gold if any(p[0] == g[0] and stance_ok(p[1], g[1]) for p in predicted)}
    return {"predicted": sorted(predicted), "correct": sorted(correct),
            "gold": sorted(gold), "found": sorted(found)}


def ratio(a, b):
    return a / b if b else 0.0


def map_claim(claim, facts_by_article, keys, heads):
    """The issue of a claim's gold sentence: None when its sentence has no gold line,
    "?" when the sentence holds several issues and the actor does not tell them apart."""
    sent = sentence_key(claim["sentence"] or "")
    cands = [f for f in facts_by_article.get(claim["article"], []) if f.key in sent]
    issues = {f.issue for f in cands}
    if len(issues) <= 1:
        return issues.pop() if issues else None
    ks = keys.get(claim["actor"]) or {name_key(claim["actor"])}
    narrow = [f for f in cands if ks & f.alts and stance_ok(claim["stance"], f.stance)]
    narrow = narrow or [f for f in cands if ks & f.alts]
    if len({f.issue for f in narrow}) == 1:
        return narrow[0].issue
    # One actor, one stance, two issues in a sentence ("called for a ceasefire, promising
    # sanctions"): the issue whose question's head word the claim's position holds.
    position = {stem(w) for w in words(claim["position"])}
    by_head = {f.issue for f in narrow if heads[f.issue] in position}
    return by_head.pop() if len(by_head) == 1 else "?"


def evaluate(cli, questions, facts, mode):
    keys = actor_keys(cli)
    heads = {issue: head_and_scope(q)[0] for issue, q in questions.items()}
    by_issue = collections.defaultdict(list)
    for f in facts:
        by_issue[f.issue].append(f)
    facts_by_article = collections.defaultdict(list)
    for f in facts:
        facts_by_article[f.article].append(f)

    # Every stance claim on every position node, mapped to its issue.
    claims = cli.query(
        "MATCH (a)-[r:SUPPORTS|OPPOSES|PROPOSES]->(p:Position) UNWIND claims(r) AS c "
        "RETURN id(p) AS id, p.name AS position, a.name AS actor, type(r) AS stance, "
        "c.article AS article, c.sentence AS sentence, c.polarity AS polarity, c.date AS date")
    nodes = collections.defaultdict(lambda: collections.defaultdict(list))
    unmapped, ambiguous = [], []
    mapped = collections.defaultdict(list)
    for c in claims:
        issue = map_claim(c, facts_by_article, keys, heads)
        if issue is None:
            unmapped.append(c)
        elif issue == "?":
            ambiguous.append(c)
        else:
            nodes[(c["id"], c["position"])][issue].append(c)
            mapped[issue].append(c)
    conflated = [{"id": nid, "position": name,
                  "issues": {i: len(cs) for i, cs in sorted(held.items())},
                  "claims": [{"issue": i, "actor": c["actor"], "stance": c["stance"],
                              "article": c["article"], "sentence": c["sentence"]}
                             for i, cs in sorted(held.items()) for c in cs]}
                 for (nid, name), held in sorted(nodes.items()) if len(held) >= 2]

    # Gold sentences no claim came from (extraction found nothing there).
    claimed = {(c["article"], f.key) for c in claims for f in facts_by_article.get(c["article"], [])
               if f.key in sentence_key(c["sentence"] or "")}

    # Dates: an asserted claim that states a gold fact (its sentence, actor and stance)
    # should carry the fact's date: the same day, or the same month or year when the
    # gold gives only those.
    dated = collections.Counter()
    for c in claims:
        if c["polarity"] != 1:
            continue
        ks = keys.get(c["actor"]) or {name_key(c["actor"])}
        sent = sentence_key(c["sentence"] or "")
        fs = [f for f in facts_by_article.get(c["article"], []) if f.tier != "not"
              and f.key in sent and ks & f.alts and stance_ok(c["stance"], f.stance)]
        if fs:
            dated["stating"] += 1
            dated["right"] += any(str(c["date"] or "")[:len(f.date)] == f.date for f in fs)

    issues, totals, oracle_totals = [], collections.Counter(), collections.Counter()
    for issue, question in questions.items():
        answer = lookup(cli, question, list(questions.values()), mode)
        s = score_pairs(answer.rows, by_issue[issue], keys, facts)
        asserted = [dict(c) for c in mapped[issue] if c["polarity"] == 1]
        oracle = score_pairs(asserted, by_issue[issue], keys, facts)
        silent = sorted({(f.article, f.key) for f in by_issue[issue]} - claimed)
        spread = sorted({c["position"] for c in mapped[issue]})
        # Actors the gold gives both for (SUPPORTS or PROPOSES) and against the issue: a
        # change of stance over time, or outlets that disagree. Does the answer show both?
        mixed = []
        for actor in sorted({f.actor for f in by_issue[issue]}):
            kinds = {("for" if f.stance != "OPPOSES" else "against") for f in by_issue[issue]
                     if f.actor == actor and f.tier == "core"}
            if len(kinds) == 2:
                shown = {("for" if r["stance"] != "OPPOSES" else "against") for r in answer.rows
                         if resolve_actor(r["actor"], keys, by_issue[issue]) == actor}
                mixed.append([actor, len(shown) == 2])
        row = {"issue": issue, "question": question, "mode": answer.mode,
               "positions": answer.positions, "failed": answer.failed,
               "precision": ratio(len(s["correct"]), len(s["predicted"])),
               "recall": ratio(len(s["found"]), len(s["gold"])),
               "pairs": {"correct": len(s["correct"]), "predicted": len(s["predicted"]),
                         "found": len(s["found"]), "gold": len(s["gold"])},
               "oracle": {"precision": ratio(len(oracle["correct"]), len(oracle["predicted"])),
                          "recall": ratio(len(oracle["found"]), len(oracle["gold"])),
                          "pairs": {k: len(oracle[k]) for k in ("correct", "predicted", "found", "gold")}},
               "spread": spread, "silent_sentences": len(silent), "mixed": mixed,
               "gold_sentences": len({(f.article, f.key) for f in by_issue[issue]}),
               "detail": {"predicted": [[a, st, (a, st) in set(s["correct"])] for a, st in s["predicted"]],
                          "gold": [[a, st, (a, st) in set(s["found"])] for a, st in s["gold"]],
                          "silent": [f"{a}: {k}" for a, k in silent]}}
        issues.append(row)
        for k, v in row["pairs"].items():
            totals[k] += v
        for k, v in row["oracle"]["pairs"].items():
            oracle_totals[k] += v
    pooled = {"precision": ratio(totals["correct"], totals["predicted"]),
              "recall": ratio(totals["found"], totals["gold"]), "pairs": dict(totals),
              "oracle": {"precision": ratio(oracle_totals["correct"], oracle_totals["predicted"]),
                         "recall": ratio(oracle_totals["found"], oracle_totals["gold"])},
              "silent_sentences": sum(r["silent_sentences"] for r in issues),
              "gold_sentences": sum(r["gold_sentences"] for r in issues)}
    return {"issues": issues, "pooled": pooled, "conflated": conflated,
            "claims": {"total": len(claims), "mapped": sum(len(v) for v in mapped.values()),
                       "unmapped": len(unmapped), "ambiguous": len(ambiguous)},
            "position_nodes": len({c["id"] for c in claims}),
            "dates": {"right": dated["right"], "stating": dated["stating"]},
            "outside": [{"actor": c["actor"], "stance": c["stance"], "position": c["position"],
                         "article": c["article"], "sentence": c["sentence"],
                         "ambiguous": c in ambiguous} for c in unmapped + ambiguous]}


def print_report(res, verbose):
    print(f"{'issue':<22} {'question':<24} {'lookup':<9} {'pos':>3}  "
          f"{'precision':<14} {'recall':<14} {'oracle P/R':<11} nodes")
    for r in res["issues"]:
        p = r["pairs"]
        print(f"{r['issue']:<22} {r['question']:<24} {r['mode']:<9} {len(r['positions']):>3}  "
              f"{r['precision']:.2f} {p['correct']:>3}/{p['predicted']:<4}   "
              f"{r['recall']:.2f} {p['found']:>3}/{p['gold']:<4}   "
              f"{r['oracle']['precision']:.2f}/{r['oracle']['recall']:.2f}   {len(r['spread'])}")
    t = res["pooled"]["pairs"]
    print(f"{'pooled':<22} {'':<24} {'':<9} {'':>3}  "
          f"{res['pooled']['precision']:.2f} {t['correct']:>3}/{t['predicted']:<4}   "
          f"{res['pooled']['recall']:.2f} {t['found']:>3}/{t['gold']:<4}   "
          f"{res['pooled']['oracle']['precision']:.2f}/{res['pooled']['oracle']['recall']:.2f}")
    print(f"gold sentences no claim came from: {res['pooled']['silent_sentences']}/"
          f"{res['pooled']['gold_sentences']}")
    c = res["claims"]
    print(f"claims: {c['total']} stance claims on {res['position_nodes']} position nodes; "
          f"{c['mapped']} in gold sentences, {c['unmapped']} elsewhere, {c['ambiguous']} ambiguous")
    d = res["dates"]
    print(f"dates: {d['right']}/{d['stating']} asserted claims that state a gold fact carry its date")
    mixed = [(r["issue"], a, shown) for r in res["issues"] for a, shown in r["mixed"]]
    print(f"actors for and against one issue (stance changes, outlets disagreeing), both shown: "
          f"{sum(s for _, _, s in mixed)}/{len(mixed)}: "
          + "; ".join(f"{a} on {i}{'' if s else ' (not shown)'}" for i, a, s in mixed))
    print(f"conflated position nodes (claims of two or more issues): {len(res['conflated'])}")
    for n in res["conflated"]:
        held = ", ".join(f"{i} {k}" for i, k in n["issues"].items())
        print(f"  {n['position']!r}: {held}")
        if verbose:
            for cl in n["claims"]:
                print(f"      [{cl['issue']}] {cl['actor']} {cl['stance']} ({cl['article']}): {cl['sentence']}")
    if verbose:
        print("\nclaims outside the gold sentences, or in a sentence of several issues that "
              "the actor and the position do not tell apart (ambiguous):")
        for c in res["outside"]:
            print(f"  {'ambiguous ' if c['ambiguous'] else ''}{c['actor']} {c['stance']} "
                  f"{c['position']!r} ({c['article']}): {c['sentence']}")
        for r in res["issues"]:
            print(f"\n== {r['issue']}: \"{r['question']}\" ({r['mode']})")
            print("  positions read: " + ("; ".join(r["positions"]) or "none"))
            for m in r["failed"]:
                print(f"  failed: {m}")
            print("  positions holding its claims: " + "; ".join(r["spread"]))
            for a, st, ok in r["detail"]["predicted"]:
                print(f"  {'hit  ' if ok else 'extra'} {a} {st}")
            for a, st, ok in r["detail"]["gold"]:
                if not ok:
                    print(f"  MISS  {a} {st}")
            for s in r["detail"]["silent"]:
                print(f"  no claim from  {s}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("data_dir")
    ap.add_argument("--lookup", choices=("auto", "positions", "timeline"), default="auto")
    ap.add_argument("--db", help="keep the database here (must not exist) instead of a temporary one")
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--max-conflated", type=int, default=-1, help="-1 (default): no limit")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    try:
        questions = load_questions(os.path.join(args.data_dir, "questions.tsv"))
        bodies = article_bodies(args.data_dir)
        facts = load_gold(os.path.join(args.data_dir, "gold.tsv"), questions, bodies)
    except (DataError, OSError) as e:
        print(f"positions_eval: {e}", file=sys.stderr)
        return 1

    tmp = None
    if args.db:
        if os.path.exists(args.db):
            print(f"positions_eval: {args.db} exists; give a new directory", file=sys.stderr)
            return 2
        db = args.db
    else:
        tmp = tempfile.mkdtemp(prefix="positions-eval-")
        db = os.path.join(tmp, "db")
    try:
        cli = Cli(args.binary, db)
        articles = sorted(glob.glob(os.path.join(args.data_dir, "[0-9][0-9]_*.md")))
        cli.run("ingest", *articles)
        res = evaluate(cli, questions, facts, args.lookup)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    failures = []
    if res["pooled"]["precision"] < args.min_precision:
        failures.append(f"pooled precision {res['pooled']['precision']:.3f} is below "
                        f"--min-precision {args.min_precision}")
    if res["pooled"]["recall"] < args.min_recall:
        failures.append(f"pooled recall {res['pooled']['recall']:.3f} is below "
                        f"--min-recall {args.min_recall}")
    if args.max_conflated >= 0 and len(res["conflated"]) > args.max_conflated:
        failures.append(f"{len(res['conflated'])} conflated position node(s), more than "
                        f"--max-conflated {args.max_conflated}")
    res["failures"] = failures
    if args.json:
        print(json.dumps(res, indent=1, ensure_ascii=False))
    else:
        print_report(res, args.verbose)
    for f in failures:
        print(f"positions_eval: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
