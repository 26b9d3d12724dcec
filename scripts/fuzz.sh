#!/usr/bin/env bash
# Builds and runs one libFuzzer target of Tests/Fuzz for SECONDS seconds.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET: features | postline | corpus | model      (or `all` to build them all and stop)
#
# Seeds (written for this project) are read from Tests/Fuzz/corpus/TARGET; inputs the fuzzer finds
# go to Tests/Fuzz/.build-fuzz/corpus-TARGET (not committed); a crash is saved as
# Tests/Fuzz/.build-fuzz/crash-TARGET-* and the log ends with libFuzzer's final stats.
# Re-run one input: Tests/Fuzz/.build-fuzz/debug/FuzzX INPUT_FILE
set -euo pipefail
cd "$(dirname "$0")/../Tests/Fuzz"

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:-60}
shift 2 || shift $#
case "$target" in
  features) product=FuzzFeatures; maxlen=4096 ;;
  postline) product=FuzzPostLine; maxlen=8192 ;;
  corpus)   product=FuzzCorpus;   maxlen=8192 ;;
  model)    product=FuzzModel;    maxlen=40000 ;;
  all)      product=all ;;
  *) echo "unknown target '$target' (features, postline, corpus, model)" >&2; exit 1 ;;
esac

build=.build-fuzz
flags=(-c debug --build-path "$build" -Xswiftc -sanitize=fuzzer,address
       -Xcc -fsanitize=fuzzer-no-link,address)

# Seed model files are produced by the FuzzSeeds tool (plain build, no sanitizers).
if [ ! -s corpus/model/three-labels.ttl ]; then
  swift build --build-path .build-seeds --product FuzzSeeds >&2
  .build-seeds/debug/FuzzSeeds corpus/model >&2
fi

if [ "$product" = all ]; then
  for p in FuzzFeatures FuzzPostLine FuzzCorpus FuzzModel; do swift build "${flags[@]}" --product "$p"; done
  exit 0
fi

swift build "${flags[@]}" --product "$product" >&2
work="$build/corpus-$target"
mkdir -p "$work"
log="$build/$target.log"
echo "fuzzing $product for ${seconds}s; log: Tests/Fuzz/$log" >&2
# Swift's runtime keeps some allocations for the life of the process: no leak checking.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
# Swift's own crash backtracer reads memory in ways ASan reports: let libFuzzer report instead.
export SWIFT_BACKTRACE=enable=no
set +e
"$build/debug/$product" "$work" "corpus/$target" -max_total_time="$seconds" -max_len="$maxlen" \
  -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$build/crash-$target-" "$@" 2>&1 | tee "$log" | grep -E '^#[0-9]+[[:space:]]+(INITED|DONE|pulse)|ERROR|invariant|Done|stat::' >&2
status=${PIPESTATUS[0]}
set -e
echo "exit status $status" >&2
exit "$status"
