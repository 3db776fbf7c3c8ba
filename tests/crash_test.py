#!/usr/bin/env python3
"""Crash and I/O-fault tests of `stancegraph ingest` (docs/reliability.md).

    crash_test.py BINARY [--trials N] [--articles N] [--seed S] [--fsize-limits K,K,...]
                         [--report FILE] [--keep DIR]

Builds a seeded corpus of claims (JSON lines): N articles in a.jsonl, and in
b.jsonl new versions of a fifth of them (replacements) and N/20 new ones. Times
one uninterrupted `ingest a.jsonl b.jsonl`, then per trial:

  crash: starts the same ingest on a fresh database, SIGKILLs it after a delay
    drawn uniformly (seeded RNG) from [0, T] for one trial in three and from
    [O, T] for the others, T being the uninterrupted run's time and O the moment
    its database appeared (before it, the command only reads its inputs), then
  fsize: runs it with RLIMIT_FSIZE set (SIGXFSZ ignored, so a write past the
    limit fails with EFBIG, as on a full disk) and expects a clear error, then

  1. `stancegraph check` passes;
  2. the graph is exactly that of an uninterrupted ingest of a prefix of the
     input (each article wholly present, in its version, or wholly absent, in
     input order): the prefix is read off the Article nodes and ingested into a
     fresh database for the comparison (by names, kinds, relations and
     aggregates: ids differ between databases);
  3. running the ingest again to completion gives exactly the uninterrupted graph,
     and `check` passes.

Exits 1 on the first failed trial, naming its seed and kill time.
"""
import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_util import claim  # noqa: E402

SYMMETRIC = {"MEETS", "COOPERATES_WITH"}


# ----- the corpus

def actors(rng):
    """Fixed names per actor, so that canonical names do not depend on ingest order."""
    people = [(f"Person {i:03d}", [f"P{i:03d}"] if i % 3 == 0 else []) for i in range(150)]
    states = [(f"State {i:02d}", []) for i in range(40)]
    orgs = [(f"Organization {i:02d}", [f"ORG{i:02d}"] if i % 2 else []) for i in range(30)]
    positions = [f"position {i:02d}" for i in range(80)]
    outlets = [f"Outlet {i:02d}" for i in range(20)]
    return people, states, orgs, positions, outlets


def random_claim(rng, pool, version):
    people, states, orgs, positions, outlets = pool
    kinds = {"Person": people, "State": states, "Organization": orgs}

    def actor():
        kind = rng.choice(["Person", "Person", "State", "Organization"])
        name, aliases = rng.choice(kinds[kind])
        return name, kind, aliases

    s, sk, sa = actor()
    roll = rng.random()
    extra = {}
    if roll < 0.45:
        rel = rng.choice(["SUPPORTS", "OPPOSES", "PROPOSES"])
        o, ok, oa = rng.choice(positions), "Position", []
    elif roll < 0.55:
        s, sa = rng.choice(people)
        sk = "Person"
        rel = "HOLDS_OFFICE"
        ok = rng.choice(["State", "Organization"])
        o, oa = rng.choice(kinds[ok])
        extra["title"] = rng.choice(["Minister", "President", "Envoy", "Chair"])
    else:
        rel = rng.choice(["MEETS", "COOPERATES_WITH", "CRITICIZES", "THREATENS", "SANCTIONS",
                          "ATTACKS", "MEMBER_OF"])
        if rel == "MEMBER_OF":
            ok = rng.choice(["State", "Organization"])
            o, oa = rng.choice(kinds[ok])
        else:
            o, ok, oa = actor()
    if rng.random() < 0.6:
        extra["sources"] = [{"name": rng.choice(outlets),
                             "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
                            for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.7:
        extra["date"] = f"2025-{rng.randint(1, 12):02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.7 else "")
    if rng.random() < 0.08:
        extra["polarity"] = -1
    extra["sentence"] = f"{s} {rel.lower()} {o} (v{version})."
    line = json.loads(claim(s, rel, o, skind=sk, okind=ok, **extra))
    if sa:
        line["subject"]["aliases"] = sa
    if oa:
        line["object"]["aliases"] = oa
    return line


def article(rng, pool, aid, version):
    meta = {"id": aid, "title": f"{aid} v{version}", "source": rng.choice(pool[4]),
            "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
    lines = []
    for _ in range(rng.randint(2, 10)):
        c = random_claim(rng, pool, version)
        c["article"] = meta
        lines.append(json.dumps(c, ensure_ascii=False))
    return lines


def build_corpus(n, seed):
    """[(file name, [(article id, version, lines)])] in ingest order."""
    rng = random.Random(seed)
    pool = actors(rng)
    a = [(f"art-{i:05d}", 1, article(rng, pool, f"art-{i:05d}", 1)) for i in range(n)]
    replaced = sorted(rng.sample(range(n), n // 5))
    b = [(f"art-{i:05d}", 2, article(rng, pool, f"art-{i:05d}", 2)) for i in replaced]
    b += [(f"new-{i:05d}", 1, article(rng, pool, f"new-{i:05d}", 1)) for i in range(n // 20)]
    rng.shuffle(b)
    return [("a.jsonl", a), ("b.jsonl", b)]


def write_corpus(corpus, directory, limit=None):
    """Writes the first `limit` articles (all when None); returns the paths."""
    paths, left = [], limit
    for name, arts in corpus:
        if left is not None and left <= 0:
            break
        take = arts if left is None else arts[:left]
        if left is not None:
            left -= len(take)
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8") as f:
            for _, _, lines in take:
                f.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths


# ----- the graph, independent of ids

def run(binary, *args, check=True, **kw):
    p = subprocess.run([binary, *args], capture_output=True, text=True, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}{p.stdout[-2000:]}")
    return p


def graph(binary, db):
    """The exported graph as a set of id-free lines, and {article id: title}."""
    if not os.path.exists(os.path.join(db, "CURRENT")):
        return set(), {}
    out = run(binary, "export", "--format", "jsonl", "--db", db).stdout
    items = [json.loads(l) for l in out.splitlines() if l.strip()]
    names, lines, titles = {}, set(), {}
    for it in items:
        if it["type"] == "node":
            p = dict(it["properties"])
            p["aliases"] = sorted(p.get("aliases") or [])
            names[it["id"]] = (tuple(it["labels"]), p["name"])
            lines.add(json.dumps([it["labels"], p], sort_keys=True))
            if it["labels"] == ["Article"]:
                titles[p["name"]] = p.get("title", "")
    for it in items:
        if it["type"] == "relationship":
            ends = [names[it["start"]["id"]], names[it["end"]["id"]]]
            if it["label"] in SYMMETRIC:
                ends.sort()
            lines.add(json.dumps([it["label"], ends, it["properties"]], sort_keys=True))
    return lines, titles


def prefix_length(corpus, titles):
    """How many input articles the database holds, if it holds a prefix; else raises."""
    order = [(aid, v) for _, arts in corpus for aid, v, _ in arts]
    version = {}
    k = 0
    for i, (aid, v) in enumerate(order):
        if titles.get(aid) == f"{aid} v{v}":
            version[aid] = v
            k = i + 1
    # Each article the database holds must show the version the prefix of length k gives it.
    expected = {}
    for aid, v in order[:k]:
        expected[aid] = f"{aid} v{v}"
    if expected != titles:
        extra = {a: t for a, t in titles.items() if expected.get(a) != t}
        raise AssertionError(f"not a prefix of the input (k={k}): unexpected articles {list(extra.items())[:5]}")
    return k


def check_db(binary, db, finished=True):
    """`check`'s "ok" line; "absent" for a database killed before its creation
    finished (no CURRENT file, or no schema version yet: read-only commands then
    see no database, and the next ingest creates it)."""
    if not os.path.exists(os.path.join(db, "CURRENT")):
        return "absent"
    p = run(binary, "check", "--db", db, check=False)
    if p.returncode != 0:
        if not finished and p.returncode == 1 and p.stderr.startswith("stancegraph: not found: no database"):
            return "absent"
        raise AssertionError(f"check failed on {db}:\n{p.stdout[-4000:]}{p.stderr}")
    return p.stdout.strip()


class Harness:
    def __init__(self, binary, corpus, work):
        self.binary, self.corpus, self.work = binary, corpus, work
        self.inputs = write_corpus(corpus, work)
        self.total = sum(len(a) for _, a in corpus)
        self.prefix_cache = {}

    def ingest_args(self, db):
        return [self.binary, "ingest", "-q", "--db", db, *self.inputs]

    def reference(self):
        """Times an uninterrupted ingest: its whole run, and when the database
        appeared (before that the command reads and checks its inputs)."""
        db = os.path.join(self.work, "full.db")
        start = time.monotonic()
        p = subprocess.Popen(self.ingest_args(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.open_seconds = None
        while p.poll() is None:
            if self.open_seconds is None and os.path.exists(os.path.join(db, "CURRENT")):
                self.open_seconds = time.monotonic() - start
            time.sleep(0.002)
        self.full_seconds = time.monotonic() - start
        if p.returncode != 0:
            raise AssertionError(f"uninterrupted ingest failed: {p.stderr.read()}")
        if self.open_seconds is None:
            self.open_seconds = 0.0
        check_db(self.binary, db)
        self.full_graph = graph(self.binary, db)[0]
        shutil.rmtree(db)
        return self.full_seconds

    def prefix_graph(self, k):
        if k not in self.prefix_cache:
            d = tempfile.mkdtemp(dir=self.work)
            paths = write_corpus(self.corpus, d, limit=k)
            db = os.path.join(d, "db")
            if paths and k:
                run(self.binary, "ingest", "-q", "--db", db, *paths)
            self.prefix_cache[k] = graph(self.binary, db)[0]
            shutil.rmtree(d)
        return self.prefix_cache[k]

    def verify(self, db):
        """Steps 1 to 3 of the module's doc; returns the prefix length found."""
        if check_db(self.binary, db, finished=False) == "absent":
            lines, titles = set(), {}
        else:
            lines, titles = graph(self.binary, db)
        k = prefix_length(self.corpus, titles)
        want = self.prefix_graph(k)
        if lines != want:
            raise AssertionError(f"graph of {k} articles differs from an uninterrupted ingest of them: "
                                 f"{sorted(lines - want)[:3]} / {sorted(want - lines)[:3]}")
        run(self.binary, *self.ingest_args(db)[1:])
        check_db(self.binary, db)
        final = graph(self.binary, db)[0]
        if final != self.full_graph:
            raise AssertionError(f"finished ingest differs from the uninterrupted one: "
                                 f"{sorted(final - self.full_graph)[:3]} / {sorted(self.full_graph - final)[:3]}")
        return k


def crash_trial(h, rng, trial):
    db = os.path.join(h.work, f"crash-{trial}.db")
    # One kill in three anywhere in the run, two in three once the database is
    # open (while articles are being written, and the final flush).
    low = 0.0 if trial % 3 == 0 else h.open_seconds
    delay = rng.uniform(low, h.full_seconds)
    p = subprocess.Popen(h.ingest_args(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        p.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        killed = True
    k = h.verify(db)
    shutil.rmtree(db, ignore_errors=True)
    return {"trial": trial, "delay": round(delay, 4), "killed": killed, "articles_present": k}


def fsize_trial(h, limit, trial):
    db = os.path.join(h.work, f"fsize-{trial}.db")

    def limit_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    p = subprocess.run(h.ingest_args(db), capture_output=True, text=True, preexec_fn=limit_files)
    message = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
    if p.returncode == 0:
        outcome = "fit under the limit"
    else:
        # The message must say what failed (the OS's words) and what is kept.
        if p.returncode != 1 or "File too large" not in message or "stored whole" not in message:
            raise AssertionError(f"limit {limit}: exit {p.returncode}, unclear message: {p.stderr}")
        outcome = "failed cleanly"
    k = h.verify(db)
    shutil.rmtree(db, ignore_errors=True)
    return {"trial": trial, "limit_bytes": limit, "exit": p.returncode, "outcome": outcome,
            "articles_present": k, "message": message}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--trials", type=int, default=12)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20260127)
    ap.add_argument("--fsize-limits", default="65536,262144,1048576,4194304",
                    help="RLIMIT_FSIZE values in bytes, comma-separated ('' for none)")
    ap.add_argument("--report", help="write the trials as JSON here")
    ap.add_argument("--keep", help="work in this directory and keep it")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="sg-crash-")
    os.makedirs(work, exist_ok=True)
    corpus = build_corpus(args.articles, args.seed)
    h = Harness(args.binary, corpus, work)
    claims = sum(len(l) for _, arts in corpus for _, _, l in arts)
    full = h.reference()
    print(f"corpus: {h.total} articles ({claims} claims) in a.jsonl + b.jsonl, seed {args.seed}; "
          f"uninterrupted ingest {full:.2f} s (database open at {h.open_seconds:.2f} s)", flush=True)
    report = {"seed": args.seed, "articles": h.total, "claims": claims, "full_seconds": full,
              "open_seconds": h.open_seconds,
              "crash": [], "fsize": []}
    rng = random.Random(args.seed)
    started = time.monotonic()
    try:
        for t in range(args.trials):
            r = crash_trial(h, rng, t)
            report["crash"].append(r)
            print(f"crash {t}: kill at {r['delay']:.3f} s -> {r['articles_present']}/{h.total} "
                  f"articles present, check ok, prefix graph ok, finished graph ok", flush=True)
        limits = [int(x) for x in args.fsize_limits.split(",") if x]
        for t, limit in enumerate(limits):
            r = fsize_trial(h, limit, t)
            report["fsize"].append(r)
            print(f"fsize {limit}: exit {r['exit']} ({r['outcome']}), {r['articles_present']}/{h.total} "
                  f"articles present, check ok, finished graph ok; message: {r['message']}", flush=True)
    except AssertionError as e:
        print(f"FAILED (seed {args.seed}, trial {len(report['crash'])}): {e}", flush=True)
        print(f"work directory kept: {work}")
        return 1
    report["seconds"] = time.monotonic() - started
    present = [r["articles_present"] for r in report["crash"]]
    if present:
        mid = sum(1 for k in present if 0 < k < h.total)
        print(f"ok: {len(present)} kills ({mid} mid-ingest, articles present min {min(present)}, "
              f"max {max(present)}), {len(report['fsize'])} write-limit runs, in {report['seconds']:.1f} s")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=1)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
