#!/usr/bin/env python3
"""The web viewer end to end, as a person would use it, in headless Chromium:
search "Russia", click the result, expand a node, click an edge, read the
sentences behind it. Saves a screenshot of the final page.

usage: viewer_e2e_test.py BINARY SOURCE_DIR ARTIFACT_DIR   (ctest passes all three)

Fails, never skips, when Chromium is missing or the viewer's assets were not
built: both are things CI must have.
"""
import json
import os
import shutil
import sys
import tempfile
import time
import unittest

from cdp import Browser
from viewer_util import HOSTILE_CLAIM, Server, ingest_sample

BINARY = SOURCE = ARTIFACTS = None

# Page coordinates of an element's centre, or null.
CENTRE_OF = """(() => {{ const e = {0}; if (!e) return null;
  const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"""
# Page coordinates of a graph node, or of an edge's midpoint.
NODE_AT = """(() => {{ const n = sgViewer.cy.getElementById('{0}'), p = n.renderedPosition(),
  r = sgViewer.cy.container().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()"""
EDGE_AT = """(() => {{ const e = sgViewer.cy.getElementById('{0}'), p = e.renderedMidpoint(),
  r = sgViewer.cy.container().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()"""
# Edges, those whose midpoint lies farthest from any node first (a click there
# cannot land on a node).
EDGES_BY_CLEARANCE = """sgViewer.cy.edges().map((e) => {
  const m = e.renderedMidpoint();
  const d = Math.min(...sgViewer.cy.nodes().map((n) => {
    const p = n.renderedPosition(); return Math.hypot(p.x - m.x, p.y - m.y); }));
  return [d, e.id(), e.data('relation')]; }).sort((a, b) => b[0] - a[0])"""
IDLE = "!sgViewer.busy()"


def sample_sentences():
    path = os.path.join(SOURCE, "tests", "data", "claims", "sample.jsonl")
    with open(path, encoding="utf-8") as f:
        sentences = {json.loads(line).get("sentence") for line in f if line.strip()}
    return sentences | {HOSTILE_CLAIM["sentence"]}


class ViewerE2eTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sgview-")
        db = os.path.join(self.tmp, "db")
        ingest_sample(BINARY, SOURCE, db, self.tmp)
        self.server = Server(BINARY, db)
        self.addCleanup(self.server.close)
        self.browser = Browser(log_path=os.path.join(ARTIFACTS, "chromium.log"))
        self.addCleanup(self.browser.close)
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.browser.call(f"{domain}.enable")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def click_element(self, js_element, what):
        centre = self.browser.wait_for(CENTRE_OF.format(js_element), what)
        self.browser.click(*centre)

    def open_page(self):
        b = self.browser
        b.call("Page.navigate", url=self.server.url + "/")
        b.wait_for("document.readyState === 'complete'", "the page to load")
        if b.evaluate("!!document.getElementById('unbuilt')"):
            self.fail("the viewer's assets were not built: configure with npm installed "
                      "(tools/install-deps.sh), SG_BUILD_VIEWER=ON")
        b.wait_for("typeof sgViewer === 'object'", "the viewer's script")

    def search_russia(self):
        b = self.browser
        self.click_element("document.getElementById('search')", "the search box")
        b.type_text("Russia")
        b.press_enter()
        b.wait_for(f"document.querySelectorAll('#results li[data-id]').length > 1 && {IDLE}",
                   "search results")
        # News text is shown as text: the hostile name's tag is not an element.
        texts = b.evaluate("[...document.querySelectorAll('#results li')].map((li) => li.textContent)")
        self.assertTrue(any("<img src=x" in t for t in texts), texts)
        self.assertEqual(b.evaluate("document.querySelectorAll('#results img').length"), 0)

    def open_russia(self):
        b = self.browser
        russia = ("[...document.querySelectorAll('#results li')].find((li) => "
                  "li.firstChild.textContent === 'Russia' && li.textContent.includes('State'))")
        self.click_element(russia, "the Russia result")
        b.wait_for(f"sgViewer.cy.nodes().length > 3 && {IDLE} && "
                   "document.getElementById('panel-title').textContent === 'Russia'",
                   "Russia's neighbourhood")
        self.assertIn("OPPOSES unconditional ceasefire",
                      b.evaluate("document.getElementById('panel-body').textContent"))

    def expand_ukraine(self):
        b = self.browser
        ukraine = b.evaluate("sgViewer.cy.nodes().filter((n) => n.data('label') === 'Ukraine').id()")
        self.assertTrue(ukraine, "Ukraine is not drawn next to Russia")
        before = b.evaluate("sgViewer.cy.nodes().length")
        b.click(*b.evaluate(NODE_AT.format(ukraine)))
        b.wait_for(f"sgViewer.cy.getElementById('{ukraine}').hasClass('expanded') && {IDLE}",
                   "Ukraine to expand")
        labels = b.evaluate("sgViewer.cy.nodes().map((n) => n.data('label'))")
        self.assertIn("Volodymyr Zelenskyy", labels)  # Ukraine's, not Russia's
        self.assertGreater(len(labels), before)

    def click_an_edge(self):
        """Clicks edges, clearest first, until one opens its claims."""
        b = self.browser
        for _, edge, relation in b.evaluate(EDGES_BY_CLEARANCE)[:5]:
            b.click(*b.evaluate(EDGE_AT.format(edge)))
            try:
                b.wait_for(f"document.querySelector('#panel-body .claim .sentence') && "
                           f"document.getElementById('panel-title').textContent.includes('{relation}') "
                           f"&& {IDLE}", "the edge's claims", timeout=5)
                return relation
            except AssertionError:
                continue
        self.fail("no edge click opened its claims")

    def check_claims_panel(self, relation):
        b = self.browser
        sentences = b.evaluate("[...document.querySelectorAll('#panel-body .claim .sentence')]"
                               ".map((p) => p.textContent)")
        self.assertTrue(sentences)
        self.assertTrue(set(sentences) <= sample_sentences(), sentences)
        meta = b.evaluate("document.querySelector('#panel-body .claim .outlets').textContent")
        self.assertRegex(meta, r"^\d{4}(-\d\d){0,2} · ")  # date, then outlets
        self.assertEqual(b.evaluate("document.querySelectorAll('#panel-body script').length"), 0)

    def check_no_errors_or_outside_requests(self):
        events = self.browser.events
        errors = [e["params"] for e in events if e["method"] == "Runtime.exceptionThrown" or
                  (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error") or
                  (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")]
        self.assertEqual(errors, [], "script errors, failed loads or policy violations")
        urls = {e["params"]["request"]["url"] for e in events
                if e["method"] == "Network.requestWillBeSent"}
        self.assertTrue(urls)
        outside = {u for u in urls
                   if not u.startswith((self.server.url + "/", "data:"))}  # data: is inline
        self.assertEqual(outside, set(), "the page must load nothing from elsewhere")

    def test_search_expand_and_read_an_edge(self):
        started = time.monotonic()
        self.open_page()
        self.search_russia()
        self.open_russia()
        self.expand_ukraine()
        relation = self.click_an_edge()
        self.check_claims_panel(relation)
        self.check_no_errors_or_outside_requests()
        shot = os.path.join(ARTIFACTS, "viewer.png")
        self.browser.screenshot(shot)
        self.assertGreater(os.path.getsize(shot), 10000)
        print(f"\nscreenshot: {shot} ({time.monotonic() - started:.1f}s in the browser; "
              f"edge clicked: {relation})")


if __name__ == "__main__":
    BINARY, SOURCE, ARTIFACTS = (os.path.abspath(a) for a in sys.argv[1:4])
    os.makedirs(ARTIFACTS, exist_ok=True)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[4:])
