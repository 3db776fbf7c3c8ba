"""The corpus of tests/concurrency_test.py and the checks that tell a whole
snapshot from a partial one.

Article k (id "cc-NNNNNN", ingested in order k = 0, 1, ...) writes, in one batch:

    Person "Actor k"  SUPPORTS   Position "policy k"
    Person "Actor k"  OPPOSES    Position "counter k"
    Person "Actor k"  MEMBER_OF  Organization "Assembly"
    Person "Actor k"  CRITICIZES Person "Actor k-1"          (k > 0)
    Article "cc-k"    MENTIONS   each of the names above     (derived)
    Article "cc-k"    CITES      Source "Outlet k%5"         (derived)

so a database holding n whole articles holds exactly these edges for k < n, and
its counts are functions of n alone (expected_counts). A reader that sees any
other set — an actor without its stances, an article without its MENTIONS, a
gap in k, counts that disagree with each other — saw a half-written article.
"""
import json
import re

from cli_util import claim

HUB = "Assembly"


def article_id(k):
    return f"cc-{k:06d}"


def actor(k):
    return f"Actor {k}"


def article_claims(k):
    """The JSON lines of article k."""
    art = {"id": article_id(k), "date": "2025-01-01", "source": "Desk"}
    lines = [
        claim(actor(k), "SUPPORTS", f"policy {k}", article=art, sentence=f"{actor(k)} backs it.",
              sources=[{"name": f"Outlet {k % 5}"}]),
        claim(actor(k), "OPPOSES", f"counter {k}", article=art),
        claim(actor(k), "MEMBER_OF", HUB, okind="Organization", article=art),
    ]
    if k:
        lines.append(claim(actor(k), "CRITICIZES", actor(k - 1), okind="Person", article=art))
    return lines


def write_corpus(path, count, first=0):
    """Writes articles first..first+count-1 as one claims file."""
    with open(path, "w", encoding="utf-8") as f:
        for k in range(first, first + count):
            f.write("\n".join(article_claims(k)) + "\n")


def actor_edges(k):
    """The edges article k gives its actor, as (source, relation, target) names."""
    edges = {(actor(k), "SUPPORTS", f"policy {k}"), (actor(k), "OPPOSES", f"counter {k}"),
             (actor(k), "MEMBER_OF", HUB)}
    if k:
        edges.add((actor(k), "CRITICIZES", actor(k - 1)))
    return edges


def article_edges(k):
    """The derived edges of article k."""
    named = {actor(k), f"policy {k}", f"counter {k}", HUB} | ({actor(k - 1)} if k else set())
    edges = {(article_id(k), "MENTIONS", x) for x in named}
    edges.add((article_id(k), "CITES", f"Outlet {k % 5}"))
    return edges


def expected_counts(n):
    """What `stats --json` says of n whole articles (disk_bytes aside)."""
    if n == 0:
        return {"articles": 0, "claims": 0, "nodes": 0, "edges": 0,
                "nodes_by_kind": {}, "edges_by_relation": {}}
    return {
        "articles": n, "claims": 4 * n - 1, "nodes": 4 * n + 1 + min(n, 5), "edges": 10 * n - 2,
        "nodes_by_kind": {"Article": n, "Person": n, "Position": 2 * n, "Organization": 1,
                          "Source": min(n, 5)},
        "edges_by_relation": {k: v for k, v in {
            "SUPPORTS": n, "OPPOSES": n, "MEMBER_OF": n, "CRITICIZES": n - 1,
            "MENTIONS": 5 * n - 1, "CITES": n}.items() if v},
    }


class Partial(AssertionError):
    """A reader saw something no whole prefix of the corpus holds."""


_OWNER = re.compile(r"^(?:Actor (\d+)|cc-(\d+))$")


def prefix_size(edges, kinds=("actor", "article")):
    """Checks that `edges` ((source, relation, target) names) are exactly those of
    articles 0..n-1 for some n, counting only edges owned by `kinds` (an actor's
    outgoing edges, an article's derived ones). Returns n; raises Partial."""
    by_owner = {}
    for e in edges:
        m = _OWNER.match(e[0])
        if not m:
            raise Partial(f"edge from an unknown node: {e}")
        kind, k = ("actor", int(m.group(1))) if m.group(1) else ("article", int(m.group(2)))
        if kind in kinds:
            by_owner.setdefault(k, set()).add(e)
    n = len(by_owner)
    if sorted(by_owner) != list(range(n)):
        missing = sorted(set(range(max(by_owner) + 1)) - set(by_owner))
        raise Partial(f"articles seen are not a prefix: {n} seen, missing {missing[:5]}")
    for k, got in by_owner.items():
        want = set()
        if "actor" in kinds:
            want |= actor_edges(k)
        if "article" in kinds:
            want |= article_edges(k)
        if got != want:
            raise Partial(f"article {k}: edges {sorted(got ^ want)[:4]} differ")
    return n


def check_counts(stats):
    """Checks a `stats --json` answer against its own article count; returns n."""
    n = stats["articles"]
    got = {k: v for k, v in stats.items() if k != "disk_bytes"}
    if got != expected_counts(n):
        raise Partial(f"counts of {n} articles: {json.dumps(got, sort_keys=True)}")
    return n


def graph_size(nodes, edges):
    """Checks a whole exported graph: nodes as (kind, name), edges as names.
    Returns n."""
    n = prefix_size(edges)
    want = expected_counts(n)
    by_kind = {}
    for kind, _ in nodes:
        by_kind[kind] = by_kind.get(kind, 0) + 1
    if by_kind != want["nodes_by_kind"] or len(edges) != want["edges"]:
        raise Partial(f"{n} articles but nodes {by_kind}, {len(edges)} edges")
    return n
