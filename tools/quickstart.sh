#!/usr/bin/env bash
# The README's first command: install what is missing, build, and build a graph
# from the sample articles and claims that ship in tests/data/, then question it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
sg=build/bin/stancegraph
db=build/sample.db
out=build/sample
rm -rf "$db" "$out"
mkdir -p "$out"
set -x
$sg ingest tests/data/articles tests/data/claims --db "$db"
$sg stats --db "$db"
$sg show "Lavrov" --db "$db" --claims 2 || $sg show "Putin" --db "$db" --claims 2
$sg neighbors "Russia" --depth 1 --db "$db"
$sg export --format jsonl --out "$out/graph.jsonl" --db "$db"
$sg export --format graphml --out "$out/graph.graphml" --db "$db"
$sg export --format dot --out "$out/graph.dot" --db "$db"
$sg export --format gexf --out "$out/graph.gexf" --db "$db"
$sg export --format cyjs --out "$out/graph.cyjs" --db "$db"
$sg export --format neo4j-csv --out "$out/neo4j" --db "$db"
