#!/usr/bin/env bash
# Spark overhead: posts/s of `telltale score` alone vs score.py in Spark local[1] and local[2].
#
#   scripts/spark/bench.sh [ROWS] [RUNS]        (defaults 100000 rows, 3 runs each, median reported)
#
# The input is ../shared/corpora/non_idiomatic/dev.jsonl repeated to ROWS lines, written to a temp
# directory at run time (corpus text is never committed). Model: Models/telltale.model, else one
# trained on ../shared/corpora/*/train.jsonl. Binary: .build/release/telltale (built if missing).
# Spark numbers are given twice: the whole spark-submit (JVM and session start-up included) and
# the scoring job alone (score.py --timing: read, pipe through telltale, write Parquet).
# Needs the venv of test.sh (TELLTALE_SPARK_VENV, default ${XDG_CACHE_HOME:-~/.cache}/telltale-spark-venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
rows="${1:-100000}"
runs="${2:-3}"
venv="${TELLTALE_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/telltale-spark-venv}"
"$venv/bin/python" -c "import pyspark" || { echo "no pyspark in $venv: run scripts/spark/test.sh once" >&2; exit 1; }
export PATH="$venv/bin:$PATH" PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
corpora="$repo/../shared/corpora"
[ -f "$corpora/non_idiomatic/dev.jsonl" ] || { echo "needs $corpora/non_idiomatic/dev.jsonl" >&2; exit 1; }

bin="${TELLTALE_BIN:-$repo/.build/release/telltale}"
[ -x "$bin" ] || swift build -c release --product telltale
work="$(mktemp -d "${TMPDIR:-/tmp}/telltale-spark-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

model="${TELLTALE_MODEL:-$repo/Models/telltale.model}"
if [ ! -f "$model" ]; then
  model="$work/bench.model"
  "$bin" train --data "$corpora"/*/train.jsonl --out "$model" >/dev/null
fi
python3 - "$corpora/non_idiomatic/dev.jsonl" "$work/posts.jsonl" "$rows" <<'EOF'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [l for l in open(src, "rb").read().split(b"\n") if l]
with open(dst, "wb") as f:
    for i in range(n):
        f.write(lines[i % len(lines)] + b"\n")
EOF
bytes=$(stat -c %s "$work/posts.jsonl")

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

cli() {  # threads
  local t=()
  for _ in $(seq "$runs"); do
    local s; s=$(now)
    "$bin" score --model "$model" --input "$work/posts.jsonl" --threads "$1" > "$work/cli.jsonl" 2>/dev/null
    t+=("$(echo "$(now) - $s" | bc)")
  done
  [ "$(wc -l < "$work/cli.jsonl")" -eq "$rows" ] || { echo "CLI output has the wrong line count" >&2; exit 1; }
  printf '%s\n' "${t[@]}" | median
}

spark() {  # local[N] -> "wall job"
  local walls=() jobs=()
  for _ in $(seq "$runs"); do
    local s; s=$(now)
    spark-submit --master "local[$1]" --driver-memory 2g --conf spark.ui.enabled=false \
      --conf spark.ui.showConsoleProgress=false --conf spark.log.level=WARN \
      --conf spark.sql.files.maxPartitionBytes=$(( bytes / (4 * $1) + 1 )) \
      "$here/score.py" --binary "$bin" --model "$model" --input "$work/posts.jsonl" \
      --output "$work/out.parquet" --timing > "$work/spark.log" 2>&1 || { tail -30 "$work/spark.log" >&2; exit 1; }
    walls+=("$(echo "$(now) - $s" | bc)")
    jobs+=("$(sed -n 's/^score.py: job \([0-9.]*\) s$/\1/p' "$work/spark.log")")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${jobs[@]}" | median)"
}

rate() { echo "scale=0; $rows / $1" | bc; }
pct() { echo "scale=1; 100 * ($2 - $1) / $1" | bc; }  # overhead of time $2 over time $1

echo "input: $rows posts ($bytes bytes), model $(basename "$model"), $runs runs each, medians; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
c1=$(cli 1); c2=$(cli 2)
read -r w1 j1 <<< "$(spark 1)"
read -r w2 j2 <<< "$(spark 2)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| run | cores | seconds | posts/s | posts/s per core | overhead vs CLI, same cores |\n|---|---|---|---|---|---|\n'
printf '| telltale score --threads 1 | 1 | %s | %s | %s | — |\n' "$c1" "$(rate "$c1")" "$(rate "$c1")"
printf '| telltale score --threads 2 | 2 | %s | %s | %s | — |\n' "$c2" "$(rate "$c2")" "$(rate "$(echo "$c2 * 2" | bc)")"
printf '| Spark local[1], scoring job | 1 | %s | %s | %s | %s %% |\n' "$j1" "$(rate "$j1")" "$(rate "$j1")" "$(pct "$c1" "$j1")"
printf '| Spark local[2], scoring job | 2 | %s | %s | %s | %s %% |\n' "$j2" "$(rate "$j2")" "$(rate "$(echo "$j2 * 2" | bc)")" "$(pct "$c2" "$j2")"
printf '| Spark local[1], whole spark-submit | 1 | %s | %s | %s | %s %% |\n' "$w1" "$(rate "$w1")" "$(rate "$w1")" "$(pct "$c1" "$w1")"
printf '| Spark local[2], whole spark-submit | 2 | %s | %s | %s | %s %% |\n' "$w2" "$(rate "$w2")" "$(rate "$(echo "$w2 * 2" | bc)")" "$(pct "$c2" "$w2")"
