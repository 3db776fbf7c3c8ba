#!/usr/bin/env python3
"""What users really feed the tools (docs/reliability.md, "Hostile input"):
invalid UTF-8, UTF-16, binary files, NUL bytes, a 100 MB single line, empty files,
Windows line endings, deeply nested or huge JSON, wrong types, absurd dates, and
queries that would run away.

Each input is either handled (exit 0, a sensible result) or refused with exit 1
and a message naming the file and the line ("FILE:LINE: ..."), and a refused
ingest leaves the database exactly as it was: `stats --json` and a JSON-lines
export are compared before and after, on a database that already holds articles.

usage: hostile_input_test.py BINARY SOURCE_DIR   (ctest passes both)
"""
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from cli_util import claim, run_cli

BINARY = None
SOURCE = None

# A refused input must be refused quickly, in bounded memory, even under ASan.
MAX_SECONDS = 45
MAX_RSS_MB = 1500


def run(*args, **kwargs):
    return run_cli(BINARY, *args, **kwargs)


def run_bytes(args, cwd=None):
    """Runs the binary with bytes output (messages may quote odd bytes)."""
    return subprocess.run([BINARY, *args], capture_output=True, cwd=cwd)


class Fixture:
    """A temp dir with a database that already holds claims and two articles."""

    def __init__(self, prefix):
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self.db = os.path.join(self.tmp, "db")
        articles = os.path.join(SOURCE, "tests", "data", "articles")
        run("ingest", os.path.join(SOURCE, "tests", "data", "claims", "sample.jsonl"),
            os.path.join(articles, "001_istanbul-talks.md"),
            os.path.join(articles, "002_hungary-eu-vetoes.txt"), "--db", self.db, "--quiet")

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def snapshot(self):
        """The database's counts (not its size on disk) and its whole graph."""
        st = json.loads(run("stats", "--db", self.db, "--json").stdout)
        st.pop("disk_bytes", None)
        out = self.path("snapshot.jsonl")
        run("export", "--db", self.db, "--format", "jsonl", "--out", out)
        with open(out, encoding="utf-8") as f:
            return st, f.read()

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def good_claim(**extra):
    return claim("Sergei Lavrov", "OPPOSES", "ceasefire", **extra)


ARTICLE = ("Russian Foreign Minister Sergei Lavrov said on Tuesday that Moscow opposes a "
           "ceasefire that freezes the front. Ukrainian President Volodymyr Zelenskyy met "
           "U.S. Secretary of State Marco Rubio in Riyadh.\n\nHungary vetoed the sanctions "
           "package, and the European Union criticized Budapest.\n")


class HostileIngestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fx = Fixture("sghostile-")
        cls.baseline = cls.fx.snapshot()
        assert cls.baseline[0]["articles"] >= 5, cls.baseline[0]

    @classmethod
    def tearDownClass(cls):
        cls.fx.close()

    def refuse(self, name, content, line=None, expect=(), max_seconds=MAX_SECONDS):
        """Ingests `content` as file `name`: exit 1, an error naming the file (and
        `line`), every string of `expect` in it, and the database unchanged."""
        path = self.fx.write(name, content)
        start = time.monotonic()
        p = run_bytes(["ingest", path, "--db", self.fx.db, "--quiet"])
        elapsed = time.monotonic() - start
        err = p.stderr.decode("utf-8", errors="replace")
        self.assertEqual(p.returncode, 1, f"{name}: exit {p.returncode}: {err[:500]}")
        self.assertTrue(err.startswith("stancegraph: invalid input: "), err[:500])
        self.assertIn(f"{path}:{line}:" if line else f"{path}:", err)
        for e in expect:
            self.assertIn(e, err)
        self.assertLess(len(err), 1000, "a clear error is short: " + err[:300])
        self.assertLess(elapsed, max_seconds, f"{name}: {elapsed:.1f} s")
        self.assertEqual(self.fx.snapshot(), self.baseline, f"{name}: the database changed")
        os.remove(path)
        return err

    # -- encodings ---------------------------------------------------------

    def test_invalid_utf8(self):
        bad = b"Latin-1 caf\xe9 here.\n"
        self.refuse("u8/a.txt", ARTICLE.encode() + bad, line=4, expect=["invalid UTF-8", "byte 0xE9"])
        self.refuse("u8/a.md", b"---\ntitle: T\n---\n" + bad, line=4, expect=["invalid UTF-8"])
        self.refuse("u8/a.jsonl", json.dumps({"id": "x", "text": "ok"}).encode() + b"\n"
                    + b'{"id": "y", "text": "caf\xe9"}\n', line=2, expect=["invalid UTF-8"])
        self.refuse("u8/c.jsonl", (good_claim() + "\n").encode() * 2
                    + good_claim(sentence="X").encode().replace(b'"X"', b'"caf\xe9"') + b"\n",
                    line=3, expect=["UTF-8"])

    def test_utf16_with_bom(self):
        for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
            name = codec.upper().replace("-", "").replace("UTF16", "UTF-16")
            for fname, text in (("a.txt", ARTICLE), ("a.md", "---\ntitle: T\n---\n" + ARTICLE),
                                ("c.jsonl", good_claim() + "\n")):
                self.refuse(f"{codec}/{fname}", bom + text.encode(codec), line=1, expect=[name, "iconv"])

    def test_utf16_without_bom(self):
        self.refuse("u16/a.txt", ARTICLE.encode("utf-16-le"), line=1, expect=["NUL byte", "UTF-16"])

    def test_binary_files(self):
        rng = random.Random(7)
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2000))
        elf = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + bytes(rng.randrange(256) for _ in range(2000))
        noise = bytes(rng.randrange(256) for _ in range(4096))
        self.refuse("bin/image.txt", png, line=1, expect=["byte 0x89"])
        self.refuse("bin/program.md", elf, line=1, expect=["NUL byte"])
        for name in ("bin/noise.txt", "bin/noise.jsonl", "bin/noise.bin"):
            self.refuse(name, noise)

    def test_nul_bytes(self):
        self.refuse("nul/a.txt", "Lavrov spoke.\nMoscow\0 opposes sanctions.\n", line=2,
                    expect=["column 7: NUL byte"])
        self.refuse("nul/a.jsonl", json.dumps({"id": "n", "text": "Lavrov\0 spoke."}) + "\n", line=1,
                    expect=['"text" contains a NUL character'])
        self.refuse("nul/c.jsonl", good_claim() + "\n" + good_claim(sentence="a\0b") + "\n", line=2,
                    expect=["sentence contains a NUL character"])
        self.refuse("nul/raw.jsonl", good_claim() + "\n" + good_claim().replace("OPPOSES", "OPP\0OSES") + "\n",
                    line=2, expect=["NUL byte"])

    # -- sizes -------------------------------------------------------------

    def big_refusal(self, name, head, unit, tail, expect):
        """A 100 MB file of one line: refused fast and in bounded memory."""
        path = self.fx.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(head)
            chunk = unit * (1_000_000 // len(unit))
            for _ in range(100):
                f.write(chunk)
            f.write(tail)
        self.assertGreaterEqual(os.path.getsize(path), 99_000_000)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.monotonic()
        p = run_bytes(["ingest", path, "--db", self.fx.db, "--quiet"])
        elapsed = time.monotonic() - start
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        os.remove(path)
        err = p.stderr.decode("utf-8", errors="replace")
        self.assertEqual(p.returncode, 1, err[:500])
        self.assertIn(f"{path}:1:", err)
        for e in expect:
            self.assertIn(e, err)
        self.assertLess(len(err), 1000, err[:300])
        self.assertLess(elapsed, MAX_SECONDS, f"{name}: {elapsed:.1f} s")
        if rss_mb > before / 1024:  # the peak of this child, when it is the highest so far
            self.assertLess(rss_mb, MAX_RSS_MB, f"{name}: peak RSS {rss_mb:.0f} MB")
        self.assertEqual(self.fx.snapshot(), self.baseline)

    def test_100mb_single_line_txt(self):
        self.big_refusal("big/one-line.txt", b"", b"Lavrov said Moscow opposes the ceasefire. ", b"",
                         ["over the limit of 4 MiB"])

    def test_100mb_single_line_article_jsonl(self):
        self.big_refusal("big/one-line.jsonl", b'{"id": "big", "text": "', b"Lavrov spoke again. ", b'"}',
                         ["line is longer than 16 MiB"])

    def test_100mb_single_line_claims_jsonl(self):
        head = good_claim()[:-1].encode() + b', "sentence": "'
        self.big_refusal("big/claims.jsonl", head, b"Lavrov spoke again. ", b'"}',
                         ["(line) is longer than 16 MiB"])

    def test_huge_json_strings(self):
        text = "Lavrov spoke. " * (5_000_000 // 14)
        self.refuse("huge/a.jsonl", json.dumps({"id": "ok", "text": "fine"}) + "\n"
                    + json.dumps({"id": "h", "text": text}) + "\n", line=2,
                    expect=["over the limit of 4 MiB"])
        self.refuse("huge/c.jsonl", good_claim() + "\n" + good_claim(sentence="x" * 17_000_000) + "\n",
                    line=2, expect=["longer than 16 MiB"])

    def test_deeply_nested_json(self):
        deep = "[" * 100_000 + "]" * 100_000
        self.refuse("deep/a.jsonl", '{"text": "x", "title": ' + deep + "}\n", line=1,
                    expect=["nests deeper than 64"])
        self.refuse("deep/c.jsonl", good_claim() + "\n" + '{"subject": ' + "[" * 100_000 + "\n", line=2,
                    expect=["nests deeper than 64"])
        self.refuse("deep/first.jsonl", '{"subject": ' + deep + "}\n", line=1, expect=["nests deeper"])
        self.refuse("deep/array.jsonl", deep + "\n", line=1)

    # -- empty files and line endings ---------------------------------------

    def test_empty_files_add_nothing(self):
        for name, content in (("e/zero.txt", b""), ("e/space.md", b" \n\t\n  \r\n"),
                              ("e/bom.txt", b"\xef\xbb\xbf"), ("e/bom.jsonl", b"\xef\xbb\xbf\n"),
                              ("e/zero.jsonl", b""), ("e/blank.jsonl", b"\n\n  \n")):
            path = self.fx.write(name, content)
            p = run_bytes(["ingest", path, "--db", self.fx.db, "--json"])
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(json.loads(p.stdout)["added"], 0, name)
            self.assertEqual(self.fx.snapshot(), self.baseline, name)

    def test_crlf_extracts_the_same_claims_as_lf(self):
        src = os.path.join(SOURCE, "tests", "data", "articles")
        with open(os.path.join(src, "003_gaza-ceasefire-doha.md"), encoding="utf-8") as f:
            md = f.read()
        with open(os.path.join(src, "004_iran-iaea-board.txt"), encoding="utf-8") as f:
            txt = f.read()
        with open(os.path.join(SOURCE, "tests", "data", "claims", "sample.jsonl"), encoding="utf-8") as f:
            claims = f.read()
        jsonl = json.dumps({"id": "j1", "date": "2025-03-01", "text": ARTICLE}) + "\n"
        files = {"in/gaza.md": md, "in/iran.txt": txt, "in/claims.jsonl": claims, "in/arts.jsonl": jsonl}
        exports = []
        for eol in ("\n", "\r\n", "\r"):
            fx = Fixture("sgeol-")
            try:
                for name, text in files.items():
                    # JSON lines end with "\n" (docs/claims-format.md): no old Mac form.
                    mac_jsonl = eol == "\r" and name.endswith(".jsonl")
                    fx.write(name, text if mac_jsonl else text.replace("\n", eol))
                # Relative paths, so the stored article paths are the same for each.
                p = subprocess.run([BINARY, "ingest", "in", "--db", "db", "--json"], cwd=fx.tmp,
                                   capture_output=True, text=True)
                self.assertEqual(p.returncode, 0, f"{eol!r}: {p.stderr}")
                out = json.loads(p.stdout)
                # The fixture already holds sample.jsonl's three articles: unchanged.
                self.assertEqual((out["added"], out["unchanged"]), (3, 3), out)
                exports.append(fx.snapshot())
            finally:
                fx.close()
        self.assertGreater(exports[0][0]["claims"], 40)
        self.assertEqual(exports[1], exports[0], "CRLF must give what LF gives")
        self.assertEqual(exports[2], exports[0], "old Mac CR must give what LF gives")

    # -- wrong types and absurd dates ---------------------------------------

    def test_wrong_types(self):
        cases = [
            ('{"subject": [], "relation": "OPPOSES", "object": {"name": "x", "kind": "Position"}}',
             "subject must be an object"),
            (good_claim().replace('"OPPOSES"', "5"), "relation must be a string"),
            (good_claim(sentence_no="x"), "sentence_no must be a number"),
            (good_claim(sentence_no=1.5), "sentence_no must be a whole number"),
            (good_claim(span="0-4"), "span must be [begin, end]"),
            (good_claim(sources="TASS"), "sources must be an array"),
            (good_claim(confidence=True), "confidence must be a number"),
            (good_claim(article=[]), "article must be an object or an id string"),
            (good_claim(properties={"k": [1]}), "properties.k must be a string"),
            (good_claim(date=20250101), "date must be a string"),
        ]
        for line, expect in cases:
            self.refuse("types/c.jsonl", good_claim() + "\n" + line + "\n", line=2, expect=[expect])
        for obj, expect in (({"id": "x", "text": 5}, '"text" must be a string'),
                            ({"id": {}, "text": "x"}, '"id" must be a string'),
                            ({"id": "x", "text": "x", "date": 20250101}, '"date" must be a string'),
                            ({"id": "x", "text": "x", "title": ["t"]}, '"title" must be a string')):
            self.refuse("types/a.jsonl", json.dumps({"text": "fine"}) + "\n" + json.dumps(obj) + "\n",
                        line=2, expect=[expect])
        self.refuse("types/a.jsonl", '[1, 2]\n', line=1, expect=["expected a JSON object"])

    def test_absurd_dates(self):
        absurd = ["0000-00-00", "99999-01-01", "2025-13-45", "-1", "2025-02-30", "2025-01-01garbage",
                  "0999-12-31", "9" * 10_000]
        for date in absurd:
            self.refuse("dates/a.md", f"---\ntitle: T\ndate: {date}\n---\n{ARTICLE}", line=3,
                        expect=['field "date": not a date'])
            self.refuse("dates/a.jsonl", json.dumps({"id": "d", "date": date, "text": ARTICLE}) + "\n",
                        line=1, expect=['field "date": not a date'])
            self.refuse("dates/c.jsonl", good_claim() + "\n" + good_claim(date=date) + "\n", line=2,
                        expect=["is not a date"])
            self.refuse("dates/d.jsonl", good_claim(article={"id": "a", "date": date}) + "\n", line=1,
                        expect=["article.date"])
        err = self.refuse("dates/long.md", "---\ndate: " + "9" * 10_000 + "\n---\nText.\n", line=2)
        self.assertIn("(10000 bytes)", err)

    def test_dates_in_text_are_handled(self):
        """Absurd dates inside an article's text are not metadata: the article goes
        in, and its inferred date is a real one or none."""
        fx = Fixture("sgtextdates-")
        try:
            path = fx.write("t/dates.txt", "KYIV, 2025-13-45 \u2014 On 0000-00-00 and 99999-01-01, "
                            "Lavrov said Moscow opposes the ceasefire. Kyiv replied on February 30, 2025.\n")
            out = json.loads(run("ingest", path, "--db", fx.db, "--json").stdout)
            self.assertEqual(out["added"], 1)
            rows = json.loads(run("query", "MATCH (a:Article) RETURN a.date AS d", "--db", fx.db,
                                  "--format", "json").stdout)
            for row in rows:
                d = row["d"]
                self.assertTrue(d is None or (len(d) in (4, 7, 10) and "1000" <= d[:4] <= "2999"), rows)
        finally:
            fx.close()


class QueryLimitsTest(unittest.TestCase):
    """Queries that would run away stop at a limit with a clear error."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sgqlimits-")
        cls.db = os.path.join(cls.tmp, "db")
        people = [f"Person {i:02d}" for i in range(40)]
        lines = [claim(a, "CRITICIZES", b, okind="Person") for a in people for b in people if a != b]
        path = os.path.join(cls.tmp, "dense.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        run("ingest", path, "--db", cls.db, "--quiet")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def stopped(self, query, *flags, expect="limit"):
        start = time.monotonic()
        p = run("query", query, "--db", self.db, "--format", "json", *flags, check=False)
        elapsed = time.monotonic() - start
        self.assertEqual(p.returncode, 1, f"{query}: {p.stdout[:200]} {p.stderr[:300]}")
        self.assertIn(expect, p.stderr)
        self.assertLess(elapsed, 30, f"{query}: {elapsed:.1f} s")
        return p.stderr

    def test_var_length_star_on_a_dense_graph(self):
        err = self.stopped("MATCH p = (a)-[*]->(b) RETURN count(p)", "--timeout", "3")
        self.assertIn("hop limit", err)
        err = self.stopped("MATCH p = (a)-[*1..10]->(b) RETURN count(p)", "--timeout", "3")
        self.assertTrue("time limit" in err or "expansion limit" in err, err)

    def test_var_length_star_returning_paths(self):
        self.stopped("MATCH p = (a)-[*]->(b) RETURN p", "--max-rows", "10000", "--timeout", "5")

    def test_cartesian_product_rows(self):
        self.stopped("MATCH (a), (b), (c) RETURN a.name, b.name, c.name", "--max-rows", "1000",
                     expect="row limit")

    def test_cartesian_product_count(self):
        self.stopped("MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)", "--timeout", "2")

    def test_unwind_huge_range(self):
        self.stopped("UNWIND range(1, 1000000000) AS x RETURN sum(x)", expect="row limit")

    def test_max_hops_is_bounded(self):
        p = run("query", "MATCH (a)-[*1..1000]->(b) RETURN count(*)", "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("limit", p.stderr)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=2)
