#!/usr/bin/python3
"""Writes the seed corpora tests/fuzz/corpus/<target>/seed-* (docs/reliability.md).

Seeds are a few real inputs from tests/data plus edge cases. Files not named
seed-* (crash reproducers, regression-*) are left alone. Run from anywhere:
    tests/fuzz/make_seeds.py
Needs the `capnp` tool (Debian's capnproto) for the capnp_decode seeds.
"""
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
DATA = ROOT / "tests/data"


def write(target, name, content):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    (d / f"seed-{name}").write_bytes(content)


def clear(target):
    d = CORPUS / target
    for f in d.glob("seed-*") if d.exists() else []:
        f.unlink()


def body_of(path, limit=1500):
    """An article's text cut at a sentence end near `limit` bytes."""
    text = path.read_text(encoding="utf-8")
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1 if cut > 0 else limit] + "\n"


SNIPPET = ("Russian Foreign Minister Sergei Lavrov said on Tuesday that Moscow opposes any "
           "ceasefire that freezes the front, according to Kommersant. Ukrainian President "
           "Volodymyr Zelenskyy met U.S. Secretary of State Marco Rubio in Riyadh on March 11, 2025. "
           "\"We will never accept territorial concessions,\" Zelenskyy told Reuters.\n")


def article_text():
    t = "article_text"
    clear(t)
    for p in sorted(DATA.glob("articles/*.txt"))[:3]:
        write(t, p.stem, body_of(p))
    write(t, "snippet", SNIPPET)
    write(t, "empty", b"")
    write(t, "bom-only", b"\xef\xbb\xbf")
    write(t, "whitespace", " \n\t\r\n  \n")
    write(t, "crlf", SNIPPET.replace("\n", "\r\n").replace(". ", ".\r\n"))
    write(t, "old-mac-cr", SNIPPET.replace(". ", ".\r"))
    write(t, "invalid-utf8", b"Lavrov said \xff\xfe Moscow opposes sanctions.\n")
    write(t, "nul-bytes", b"Lavrov\x00 said Moscow\x00 opposes sanctions.\n")
    write(t, "dates", "WASHINGTON, Jan. 5, 2025 \u2014 On 2025-13-45 and 0000-00-00 and "
          "99999-01-01 and 31/12/2024, Trump threatened tariffs on Canada.\n")
    write(t, "quotes-parens", "Putin (who \"never\" (as (Peskov (said)))) criticized "
          "\u201cthe West\u201d, TASS reported, citing \u00abRIA\u00bb.\n")
    write(t, "front-matter-in-txt", "---\ntitle: x\ndate: 2025-05-16\n---\n" + SNIPPET)
    write(t, "long-word", "Lavrov " + "a" * 2000 + ". Moscow opposes sanctions.\n")


def markdown_front_matter():
    t = "markdown_front_matter"
    clear(t)
    for p in sorted(DATA.glob("articles/*.md"))[:3]:
        write(t, p.stem, body_of(p))
    fm = "---\ntitle: Talks in Istanbul\ndate: 2025-05-16\nsource: Sample Wire\nid: ist-1\n---\n\n"
    write(t, "minimal", fm + SNIPPET)
    write(t, "crlf", (fm + SNIPPET).replace("\n", "\r\n"))
    write(t, "dots-close", "---\ntitle: 'Quoted: title'\nauthor: \"A. B.\"\n...\n# Heading\n" + SNIPPET)
    write(t, "comments-blank", "---\n# a comment\n\nTitle: Caps key\nDATE: 2025-03\n---\n" + SNIPPET)
    write(t, "unclosed", "---\ntitle: never closed\ndate: 2025-01-01\n" + SNIPPET)
    write(t, "no-colon", "---\ntitle talks\n---\n" + SNIPPET)
    write(t, "empty-front-matter", "---\n---\n")
    write(t, "heading-only", "# Only a heading\n")
    write(t, "bad-date", "---\ndate: 2025-13-45\n---\nText.\n")
    write(t, "zero-date", "---\ndate: 0000-00-00\n---\nText.\n")
    write(t, "huge-year", "---\ndate: 99999-01-01\n---\nText.\n")
    write(t, "negative-date", "---\ndate: -1\n---\nText.\n")
    write(t, "long-date", "---\ndate: " + "2025-" * 200 + "\n---\nText.\n")
    write(t, "bom", b"\xef\xbb\xbf" + (fm + SNIPPET).encode())
    write(t, "empty-values", "---\nid:\ntitle: ''\ndate: \"\"\n---\n" + SNIPPET)


def articles_jsonl():
    t = "articles_jsonl"
    clear(t)
    lines = []
    for p in sorted(DATA.glob("articles/*.txt"))[:3]:
        lines.append(json.dumps({"id": p.stem, "title": p.stem, "date": "2025-05-16",
                                 "source": "Sample Wire", "text": body_of(p, 700)}, ensure_ascii=False))
    write(t, "three-articles", "\n".join(lines) + "\n")
    write(t, "one", json.dumps({"id": "a1", "text": SNIPPET}) + "\n")
    write(t, "crlf", "\r\n".join(lines[:2]) + "\r\n")
    write(t, "int-id-nulls", '{"id": 42, "title": null, "date": null, "text": "Lavrov met Rubio."}\n')
    write(t, "no-id", '{"text": "Moscow opposes sanctions."}\n\n{"text": "Kyiv supports talks."}\n')
    write(t, "missing-text", '{"id": "x", "title": "no text"}\n')
    write(t, "wrong-types", '{"id": [], "text": 5}\n{"id": "y", "text": "ok", "date": 20250101}\n')
    write(t, "not-object", '[1, 2, 3]\n"text"\nnull\n')
    write(t, "not-json", '{"id": "x", "text": "unterminated\n')
    write(t, "deep", "[" * 300 + "]" * 300 + "\n")
    write(t, "escapes", '{"id": "e", "text": "NUL \\u0000 here, lone \\ud800 surrogate, \\u00e9t\\u00e9."}\n')
    write(t, "bad-dates", '{"id": "d1", "date": "2025-13-45", "text": "x"}\n'
          '{"id": "d2", "date": "0000-00-00", "text": "x"}\n')
    write(t, "invalid-utf8", b'{"id": "u", "text": "bad \xc3\x28 byte"}\n')
    write(t, "empty", b"")
    write(t, "bom-blank-lines", b"\xef\xbb\xbf\n  \n" + json.dumps({"id": "b", "text": "x"}).encode() + b"\n")


def claims_jsonl():
    t = "claims_jsonl"
    clear(t)
    sample = (DATA / "claims/sample.jsonl").read_text(encoding="utf-8").splitlines()
    write(t, "sample-head", "\n".join(sample[:3]) + "\n")
    write(t, "sample-tail", "\n".join(sample[-3:]) + "\n")
    write(t, "crlf", "\r\n".join(sample[3:5]) + "\r\n")

    def c(**extra):
        line = {"subject": {"name": "Sergei Lavrov", "kind": "Person"}, "relation": "OPPOSES",
                "object": {"name": "ceasefire", "kind": "Position"}}
        line.update(extra)
        return json.dumps(line, ensure_ascii=False)

    write(t, "minimal", c() + "\n")
    write(t, "all-fields", c(article={"id": "a", "title": "t", "date": "2025-03", "url": "u",
                                      "source": "s", "author": "w"},
                             sentence="Lavrov opposes a ceasefire.", sentence_no=3, span=[0, 27],
                             cue="opposes", sources=["TASS", {"name": "RIA", "date": "2025-03-01"}],
                             date="2025", polarity=-1, rule="r", confidence=0.5, title="FM",
                             properties={"title": "Foreign Minister", "n": 1, "b": True}) + "\n")
    write(t, "two-articles", c(article="a") + "\n" + c(article="b") + "\n" + c(article="a") + "\n")
    write(t, "wrong-types", '{"subject": [], "relation": 5, "object": {}}\n'
          + c(sentence_no="x") + "\n" + c(span=[5, 1]) + "\n" + c(polarity=0) + "\n")
    write(t, "bad-kind-relation", c(relation="MENTIONS") + "\n"
          + json.dumps({"subject": {"name": "x", "kind": "Persn"}, "relation": "X",
                        "object": {"name": "y", "kind": "State"}}) + "\n")
    write(t, "bad-dates", c(date="2025-13-45") + "\n" + c(date="0000-00-00") + "\n"
          + c(date="99999-01-01") + "\n" + c(date="-1") + "\n")
    write(t, "deep", '{"subject": ' + "[" * 100 + "]" * 100 + "}\n")
    write(t, "not-json", '{"subject": {"name": "x"\n')
    write(t, "escapes", c(sentence="NUL") [:-1] + ', "cue": "\\u0000 and \\ud800"}\n')
    write(t, "invalid-utf8", b'{"subject": {"name": "\xff", "kind": "Person"}, "relation": "OPPOSES", '
          b'"object": {"name": "x", "kind": "Position"}}\n')
    write(t, "empty", b"")
    write(t, "blank-lines", "\n \t\n" + c() + "\n\n")
    write(t, "huge-numbers", c(sentence_no=1e300, confidence=1e-320, span=[0, 18446744073709551615]) + "\n")


def query_parser():
    t = "query_parser"
    clear(t)
    queries = []
    for f in sorted(DATA.glob("queries/*.test")):
        for block in re.findall(r"^(?:query \S+|error) (\S+)\n(.*?)\n----", f.read_text(), re.M | re.S):
            queries.append((f.stem + "-" + block[0], block[1]))
    # A spread of files and shapes, at most ~20.
    step = max(1, len(queries) // 18)
    for name, q in queries[::step][:18]:
        write(t, re.sub(r"[^A-Za-z0-9_.-]", "_", name), q + "\n")
    write(t, "param-int", "n=5")
    write(t, "param-list-map", "x=[1, 2.5, 'a', {k: null, d: date('2025-01-01')}, true]")
    write(t, "param-string", "name=Sergei Lavrov")
    write(t, "deep-parens", "RETURN " + "(" * 250 + "1" + ")" * 250)
    write(t, "deep-lists", "RETURN " + "[" * 250 + "]" * 250)
    write(t, "unterminated", "MATCH (a)-[r:OPPOSES*1..]->(b) WHERE a.name = 'x RETURN a")
    write(t, "empty", b"")
    write(t, "write-clause", "MATCH (n) DETACH DELETE n")


def capnp_encode(struct, text):
    return subprocess.run(["capnp", "encode", str(ROOT / "storage/schema.capnp"), struct],
                          input=text.encode(), capture_output=True, check=True).stdout


def zero_size_list(count):
    """A one-segment message: a root struct with 4 pointers, the 4th a list of
    `count` VOID elements (which capnp reads as a list of empty structs)."""
    words = [
        (0).to_bytes(4, "little") + (5).to_bytes(4, "little"),  # segment table: 1 segment of 5 words
        (0).to_bytes(4, "little") + (0).to_bytes(2, "little") + (4).to_bytes(2, "little"),  # root
        bytes(8), bytes(8), bytes(8),                              # name, aliases, code: null
        (1).to_bytes(4, "little") + ((count << 3) & 0xFFFFFFFF).to_bytes(4, "little"),  # VOID list
    ]
    return b"".join(words)


def capnp_decode():
    t = "capnp_decode"
    clear(t)
    write(t, "node", capnp_encode("Node", '(id = 7, kind = 1, name = "Russia", aliases = ["Moscow", '
                                  '"the Kremlin"], code = "RUS", properties = [(key = "k", value = "v")])'))
    write(t, "edge", capnp_encode("Edge", '(id = 3, source = 1, relation = 4, target = 2, claimCount = 2, '
                                  'articleCount = 1, firstDate = "2025-03", lastDate = "2025-05-16", '
                                  'titles = ["President"], outlets = ["TASS", "Reuters"], '
                                  'titleCounts = [2], outletCounts = [1, 1])'))
    write(t, "claim", capnp_encode("Claim", '(id = 9, articleId = "a1", source = 1, relation = 4, target = 2, '
                                   'subjectText = "Lavrov", objectText = "ceasefire", sentence = "Lavrov '
                                   'opposes a ceasefire.", sentenceNo = 3, spanBegin = 0, spanEnd = 27, '
                                   'cue = "opposes", sources = [(name = "TASS", date = "2025-03-01")], '
                                   'date = "2025-03", polarity = -1, rule = "r", confidence = 0.5, '
                                   'title = "FM", properties = [(key = "n", value = "1")], publisher = "W")'))
    write(t, "article", capnp_encode("Article", '(id = "a1", title = "T", date = "2025-05-16", url = "u", '
                                     'source = "s", author = "w", contentHash = "abc", claimIds = [1, 2, 3], '
                                     'path = "p.txt", node = 5)'))
    write(t, "empty-struct", capnp_encode("Node", "()"))
    write(t, "empty", b"")
    write(t, "bad-size", b"\x00\x00\x00")
    # A Node whose properties (pointer 3) is a list of 2^29-1 zero-size elements:
    # a list-amplification attempt, refused by the traversal limit.
    write(t, "zero-size-list", zero_size_list(2**29 - 1))
    write(t, "huge-segment-count", b"\xff\xff\xff\x7f" + b"\x00" * 12)


if __name__ == "__main__":
    article_text()
    markdown_front_matter()
    articles_jsonl()
    claims_jsonl()
    query_parser()
    capnp_decode()
    for d in sorted(CORPUS.iterdir()):
        files = list(d.iterdir())
        print(f"{d.name}: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")
