#!/usr/bin/env bash
# The long fuzzing run (docs/reliability.md, "Fuzzing"): each libFuzzer target in
# turn, one process at a time, from its seed corpus.
#
#   tests/fuzz/run_fuzzers.sh [SECONDS [TARGET...]]     (default: 600 s, every target)
#
# Needs a build with -DSG_BUILD_FUZZERS=ON in $BUILD_DIR (default build-fuzz). What
# each run finds is kept out of the repository, in $BUILD_DIR/fuzz-work/TARGET/:
# corpus/ (new inputs), artifacts/ (crash-*, leak-*, timeout-*, oom-*), log.
# Prints the final libFuzzer line of each target; exits 1 if any target failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
build="${BUILD_DIR:-build-fuzz}"
seconds="${1:-600}"
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(article_text markdown_front_matter articles_jsonl claims_jsonl
                                     query_parser capnp_decode)
status=0
for t in "${targets[@]}"; do
  work="$build/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  start=$(date +%s)
  nice -n 19 "$build/bin/fuzz_$t" "$work/corpus" "tests/fuzz/corpus/$t" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" >"$work/log" 2>&1
  rc=$?
  [ $rc -eq 0 ] || status=1
  last=$(grep -E '^#[0-9]+' "$work/log" | tail -1)
  execs=$(grep -E '^stat::number_of_executed_units' "$work/log" | awk '{print $2}')
  echo "$t: exit $rc, $(( $(date +%s) - start )) s, ${execs:-?} execs, corpus $(ls "$work/corpus" | wc -l) files; $last"
  ls "$work/artifacts"
done
exit $status
