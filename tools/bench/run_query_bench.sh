#!/bin/bash
# The query benchmark end to end: generate the graph (cached) -> export it for the
# peers -> time ours and the in-memory CSR (query_bench run) -> time a one-off
# `stancegraph query` process -> time SQLite and NetworkX -> merge into markdown.
#
#   tools/bench/run_query_bench.sh                 # 1M nodes, 10M analyst edges (~30 min the first time)
#   SMOKE=1 tools/bench/run_query_bench.sh         # 10k nodes, 100k edges: a minute, end to end
#
# Environment: NODES, EDGES, SEED (the graph; SMOKE=1 makes the defaults 10000/100000),
# OUT (data, results and logs; default /tmp/qbench, keep it outside the repository),
# BUILD (a build tree with SG_BUILD_BENCHMARKS=ON; default build), WARMUP (3),
# REPEAT (20), TIMEOUT (60 s per SQL query), BUDGET (60 s of runs per peer query),
# PEERS ("sqlite networkx"; empty skips them), QUERIES (all five), STEPS (which
# steps after generate and export to run: "ours cli peers report" by default; a step
# left out reuses the results a previous run left in OUT).
# The graph is generated once per (NODES, EDGES, SEED) and reused; the peers'
# SQLite file is rebuilt each run so that its load time is measured.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$src/build}
if [ -n "${SMOKE:-}" ]; then
  nodes=${NODES:-10000} edges=${EDGES:-100000}
else
  nodes=${NODES:-1000000} edges=${EDGES:-10000000}
fi
seed=${SEED:-1}
out=${OUT:-/tmp/qbench}
warmup=${WARMUP:-3} repeat=${REPEAT:-20} timeout=${TIMEOUT:-60} budget=${BUDGET:-60}
peers=${PEERS-sqlite networkx}
queries=${QUERIES:-2hop,2hop_top100,path,stance,count}
steps=" ${STEPS:-ours cli peers report} "
name=n$nodes-e$edges-s$seed
db=$out/$name.db data=$out/$name.data res=$out/$name
bench=$build/bin/query_bench cli=$build/bin/stancegraph
python=/usr/bin/python3  # Debian's, with python3-networkx

[ -x "$bench" ] || { echo "no $bench: configure with -DSG_BUILD_BENCHMARKS=ON and build query_bench" >&2; exit 1; }
mkdir -p "$out"
echo "== generate $name into $db (log $res.generate.log)"
"$bench" --db "$db" generate --nodes "$nodes" --edges "$edges" --seed "$seed" 2>&1 | tee -a "$res.generate.log"
du -sh "$db"

if [ ! -f "$data/edges.tsv" ] || [ "$db/QBENCH_DONE" -nt "$data/edges.tsv" ]; then
  echo "== export the analyst graph to $data"
  "$bench" --db "$db" export-edges "$data"
fi

if [[ $steps == *" ours "* ]]; then
  echo "== ours and the CSR bound"
  "$bench" --db "$db" run --queries "$queries" --warmup "$warmup" --repeat "$repeat" \
    --json "$res.cpp.json" | tee "$res.cpp.log"
fi

cli_flag=()
[ -f "$res.cli.json" ] && cli_flag=(--cli "$res.cli.json")
if [[ $steps != *" cli "* ]]; then
  :
elif [ -x "$cli" ] && "$cli" query --help > /dev/null 2>&1; then
  echo "== one-off stancegraph query processes"
  "$python" - "$cli" "$db" "$res.cpp.json" "$res.cli.json" <<'EOF'
import json, statistics, subprocess, sys, time
cli, db, params, out = sys.argv[1:]
p = json.load(open(params))["params"]
text = ("MATCH (a)-[r:OPPOSES]->(p:Position) WHERE id(p) = $p AND r.last_date >= date('2024-01-01') "
        "RETURN a.name, r.claims ORDER BY r.claims DESC LIMIT 20")
ms = []
for _ in range(10):
    start = time.perf_counter()
    subprocess.run([cli, "query", text, "--db", db, f"--param=p={p['position']}"], check=True,
                   stdout=subprocess.DEVNULL)
    ms.append((time.perf_counter() - start) * 1000)
r = {"query": text, "n": len(ms), "median_ms": statistics.median(ms), "max_ms": max(ms)}
print(f"  one-off stance query: median {r['median_ms']:.0f} ms, max {r['max_ms']:.0f} ms of {r['n']} processes")
json.dump(r, open(out, "w"))
EOF
  cli_flag=(--cli "$res.cli.json")
else
  echo "== no 'stancegraph query' in $build: one-off process not timed"
fi

peer_results=()
for system in $peers; do
  if [[ $steps != *" peers "* ]]; then
    [ -f "$res.$system.json" ] && peer_results+=("$res.$system.json")
    continue
  fi
  echo "== $system"
  "$python" "$src/tools/bench/query_peers.py" --data "$data" --params "$res.cpp.json" \
    --system "$system" --queries "$queries" --warmup "$warmup" --repeat "$repeat" \
    --timeout "$timeout" --budget "$budget" --json "$res.$system.json" | tee "$res.$system.log"
  peer_results+=("$res.$system.json")
done

[[ $steps == *" report "* ]] || exit 0
echo "== report ($res.report.md)"
"$python" "$src/tools/bench/query_report.py" "$res.cpp.json" "${peer_results[@]}" "${cli_flag[@]}" \
  | tee "$res.report.md"
