#!/usr/bin/env bash
# Throughput and peak memory of `telltale accounts` on synthetic posts (scripts/gen-accounts.py:
# ~2.5 % "desk" accounts pasting disguised campaign texts in Beijing office hours, the rest posting
# their own sentences on US evenings; ~40 posts per account).
#
# usage: scripts/bench-accounts.sh [N ...]          (default: 100000 1000000)
# env:   MODEL=path   model to score with (default: $TELLTALE_MODEL or Models/telltale.model);
#                     without a model only the --no-scores rows are measured
#        THREADS="1 2"  thread counts to measure
# Prints one Markdown table row per run: posts, mode, threads, wall seconds, CPU seconds (user +
# sys), posts per wall second, posts per CPU second, peak RSS. On a shared machine the CPU figure is
# the steadier one; the load average at the start is printed for context.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product telltale >/dev/null
bin=.build/release/telltale
dir=${TMPDIR:-/tmp}/telltale-bench-accounts
mkdir -p "$dir"
model=${MODEL:-${TELLTALE_MODEL:-Models/telltale.model}}
threads=${THREADS:-"1 2"}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "| posts | mode | threads | wall s | CPU s | posts/s (wall) | posts/CPU-s | peak RSS (MB) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  input="$dir/posts-$n.jsonl"
  [ -s "$input" ] || python3 scripts/gen-accounts.py "$n" --seed 1 > "$input"
  modes=("--no-scores")
  [ -f "$model" ] && modes+=("--model $model")
  for mode in "${modes[@]}"; do
    for t in $threads; do
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$bin" accounts --input "$input" $mode --threads "$t" \
        --authors "$dir/authors.jsonl" --clusters "$dir/clusters.jsonl" --report "$dir/report.html" \
        > "$dir/stdout" 2> "$dir/stderr"
      read -r secs user sys kb < "$dir/time"
      label=$([ "$mode" = "--no-scores" ] && echo "times + copy-paste (--no-scores)" || echo "scored + times + copy-paste")
      awk -v n="$n" -v m="$label" -v t="$t" -v s="$secs" -v u="$user" -v y="$sys" -v kb="$kb" \
        'BEGIN { c = u + y; printf "| %d | %s | %d | %.1f | %.1f | %.0f | %.0f | %.0f |\n", n, m, t, s, c, n / (s > 0 ? s : 0.01), n / (c > 0 ? c : 0.01), kb / 1024 }'
    done
  done
done
