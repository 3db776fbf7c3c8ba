"""Helpers shared by the viewer tests: a sample database and a running
`stancegraph serve` on a free loopback port."""
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request

# The server is on this machine: never ask a proxy for it.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# A claim whose names are HTML: the page must show them as text.
HOSTILE_CLAIM = {
    "subject": {"name": "<img src=x onerror=alert(1)> Russia Watch", "kind": "Organization"},
    "relation": "CRITICIZES",
    "object": {"name": "Russia", "kind": "State"},
    "article": {"id": "hostile-1", "title": "<script>alert(1)</script>", "date": "2025-06-01",
                "source": "<b>Bold Outlet</b>"},
    "sentence": "<script>alert('sentence')</script> criticised Russia.",
    "date": "2025-06-01",
    "rule": "hand-coded",
}


def ingest_sample(binary, source_dir, db, extra_dir):
    """Ingests tests/data/claims/sample.jsonl and the hostile claim into `db`."""
    hostile = os.path.join(extra_dir, "hostile.jsonl")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write(json.dumps(HOSTILE_CLAIM) + "\n")
    sample = os.path.join(source_dir, "tests", "data", "claims", "sample.jsonl")
    subprocess.run([binary, "ingest", sample, hostile, "--db", db, "--quiet"], check=True)


class Server:
    """`stancegraph serve --port 0` on 127.0.0.1; the port is read from its
    start-up line. Stops (SIGTERM, then SIGKILL) on close()."""

    def __init__(self, binary, db, *extra):
        self.proc = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", *extra],
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()
        m = re.search(r"at http://([^:/]+):(\d+)/", line)
        if not m:
            self.close()
            raise AssertionError(f"serve did not start: {line!r}")
        self.host, self.port = m.group(1), int(m.group(2))
        self.url = f"http://{self.host}:{self.port}"

    def get(self, path):
        """(status, parsed JSON or text body, content type)."""
        try:
            with OPENER.open(self.url + path, timeout=10) as r:
                return r.status, decode(r), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            return e.code, decode(e), e.headers.get("Content-Type", "")

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()


def decode(response):
    body = response.read().decode("utf-8")
    if "json" in response.headers.get("Content-Type", ""):
        return json.loads(body)
    return body


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
