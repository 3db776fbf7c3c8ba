"""Helpers shared by the end-to-end tests that drive the stancegraph binary."""
import json
import subprocess


def run_cli(binary, *args, stdin=None, check=True, env=None):
    """Runs `binary args...`; with check, a non-zero exit fails the test with stderr."""
    p = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def claim(subject, relation, obj, skind="Person", okind="Position", **extra):
    """One claim as a JSON line (docs/claims-format.md)."""
    line = {"subject": {"name": subject, "kind": skind}, "relation": relation,
            "object": {"name": obj, "kind": okind}}
    line.update(extra)
    return json.dumps(line, ensure_ascii=False)
