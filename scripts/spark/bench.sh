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
# Each run's wall seconds and CPU seconds (user+system of the process tree) are measured; on a
# shared machine the CPU seconds (posts per CPU-second = throughput per core) are the stable figure.
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
if [ -n "${TELLTALE_SPARK_KEEP:-}" ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

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
TIMEFORMAT='%R %U %S'
timed() {  # stdout-file command... -> "wall cpu" of the command (stderr to $work/run.log)
  local t out="$1"; shift
  t=$( { time "$@" > "$out" 2> "$work/run.log"; } 2>&1 ) || { tail -30 "$work/run.log" >&2; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' <<< "$t"
}

cli() {  # threads -> "wall cpu" medians
  local w=() c=()
  for _ in $(seq "$runs"); do
    read -r a b <<< "$(timed "$work/cli.jsonl" "$bin" score --model "$model" --input "$work/posts.jsonl" --threads "$1")"
    w+=("$a"); c+=("$b")
  done
  [ "$(wc -l < "$work/cli.jsonl")" -eq "$rows" ] || { echo "CLI output has the wrong line count" >&2; exit 1; }
  echo "$(printf '%s\n' "${w[@]}" | median) $(printf '%s\n' "${c[@]}" | median)"
}

spark() {  # local[N] -> "wall cpu jobwall jobcpu" medians
  local w=() c=() jw=() jc=()
  for _ in $(seq "$runs"); do
    read -r a b <<< "$(timed "$work/spark.out" spark-submit --master "local[$1]" --driver-memory 2g --conf spark.ui.enabled=false \
      --conf spark.ui.showConsoleProgress=false --conf spark.log.level=WARN \
      --conf spark.sql.files.maxPartitionBytes=$(( bytes / (4 * $1) + 1 )) \
      "$here/score.py" --binary "$bin" --model "$model" --input "$work/posts.jsonl" \
      --output "$work/out.parquet" --timing)"
    w+=("$a"); c+=("$b")
    # spark-submit passes the Python driver's stderr on to its stdout
    jw+=("$(sed -n 's/^score.py: job \([0-9.]*\) s, cpu \([0-9.]*\) s .*$/\1/p' "$work/spark.out")")
    jc+=("$(sed -n 's/^score.py: job \([0-9.]*\) s, cpu \([0-9.]*\) s .*$/\2/p' "$work/spark.out")")
    echo "local[$1]: $(grep '^score.py: job' "$work/spark.out")" >&2
  done
  echo "$(printf '%s\n' "${w[@]}" | median) $(printf '%s\n' "${c[@]}" | median)" \
       "$(printf '%s\n' "${jw[@]}" | median) $(printf '%s\n' "${jc[@]}" | median)"
}

rate() { echo "scale=0; $rows / $1" | bc; }
pct() { echo "scale=1; 100 * ($2 - $1) / $1" | bc; }  # overhead of time $2 over time $1

echo "input: $rows posts ($bytes bytes), model $(basename "$model"), $runs runs each, medians; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r c1w c1c <<< "$(cli 1)"
read -r c2w c2c <<< "$(cli 2)"
read -r s1w s1c j1w j1c <<< "$(spark 1)"
read -r s2w s2c j2w j2c <<< "$(spark 2)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | wall s | CPU s | posts/s (wall) | posts per CPU-second | CPU overhead vs CLI --threads 1 | wall overhead vs CLI, same cores |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row() {  # name wall cpu wall-reference
  local o="—"; [ -n "${4:-}" ] && o="$(pct "$4" "$2") %"
  echo "| $1 | $2 | $3 | $(rate "$2") | $(rate "$3") | $(pct "$c1c" "$3") % | $o |"
}
row "telltale score --threads 1" "$c1w" "$c1c"
row "telltale score --threads 2" "$c2w" "$c2c"
row "Spark local[1], scoring job" "$j1w" "$j1c" "$c1w"
row "Spark local[2], scoring job" "$j2w" "$j2c" "$c2w"
row "Spark local[1], whole spark-submit" "$s1w" "$s1c" "$c1w"
row "Spark local[2], whole spark-submit" "$s2w" "$s2c" "$c2w"
