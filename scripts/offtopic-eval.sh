#!/usr/bin/env bash
# off_topic on the clean dev set and on the same-site swap probe, Telltale beside the peers, in one
# run (Models/README.md, "off_topic judged by the pair").
#
#   bash scripts/offtopic-eval.sh [OUTDIR]          (default OUTDIR: out/offtopic)
#
# Trains an off_topic-only model with the shipped options (scripts/recipe.sh, the same feature
# families + pair) on off_topic/train.jsonl plus the training data prep of scripts/offtopic-data.sh
# (decoration copies, same-site swaps), calibrated on off_topic/dev.jsonl without semeval-cqa-bad; scores
#   dev    off_topic/dev.jsonl as it is, and
#   probe  every genuine dev answer of an own-answer source (medquad, skeptics, semeval-cqa-good)
#          and the same answer under another question of its site (scripts/offtopic-swaps.py
#          --probe --seed 7): only the pair tells them apart;
#   short  the probe's answers and swaps cut to their first sentences (scripts/short-answers.py
#          --probe): is a short genuine answer still told from a short swap?
#   tweets native dev tweets split in two, the continuation vs another tweet's second part under
#          the first part (scripts/tweet-continuations.py): the closest the corpora come to replies
#          to tweets;
# and prints per model: clean dev ROC-AUC, swap probe ROC-AUC per source and overall, and per dev
# source specificity (S) or recall (R) at 0.5 (scripts/offtopic-metrics.py); for the short and
# tweets probes, their ROC-AUC and S / R per source.
# Rows: `telltale` (the model trained here), `telltale_default` (Models/telltale.model as shipped),
# and the peers (fastText, fastText+chars, sklearn NB/LR, VW from ../shared/peers with their
# defaults, one thread) trained on the same rows (parent ||| reply, as scripts/bench-peers.sh).
#
# Knobs: SKIP_PEERS=1, PEER_MODELS=fasttext,vw (default: all five), OT_EXTRA="--l2 1e-5" (more
# train options), and those of scripts/offtopic-data.sh (OT_SWAP_FRACTION, OT_SWAP_WEIGHT,
# OT_CQA_BAD_WEIGHT, OT_CALIBRATE_ALL, OT_POLITE_FRACTION, OT_SHORT_FRACTION, OT_SHORT_SWAPS,
# OT_TWEET_WEIGHT).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-out/offtopic}
corpora=${TELLTALE_CORPORA:-../shared/corpora}
peers=${PEERS:-../shared/peers}
mkdir -p "$out"
out=$(cd "$out" && pwd)
swift build -c release --product telltale >&2
bin=$(swift build -c release --show-bin-path)/telltale
source scripts/recipe.sh
source scripts/offtopic-data.sh

# The shipped options without the non_idiomatic-only source weights (no such rows here).
opts=()
skip=0
for o in "${NI_OPTIONS[@]}"; do
  if [ $skip = 1 ]; then skip=0; case $o in non_idiomatic:*) continue ;; *) opts+=(--source-weight) ;; esac; fi
  if [ "$o" = --source-weight ]; then skip=1; continue; fi
  opts+=("$o")
done
# shellcheck disable=SC2206
extra=(${OT_EXTRA:-})

ot_train_rows "$corpora" "$out/train.jsonl" >&2
ot_calibration_rows "$corpora" "$out/calibration.jsonl"
python3 scripts/offtopic-swaps.py "$corpora/off_topic/dev.jsonl" "$out/probe.jsonl" --probe --seed 7 >&2
python3 scripts/short-answers.py "$out/probe.jsonl" "$out/short-probe.jsonl" --probe --seed 7
python3 scripts/tweet-continuations.py "$corpora/non_idiomatic/dev.jsonl" "$out/tweet-probe.jsonl" --seed 7 >&2
"$bin" train --data "$out/train.jsonl" \
  --dev "$corpora/off_topic/dev.jsonl" --calibrate-on "$out/calibration.jsonl" \
  --labels off_topic --features "${NI_FEATURES[@]}" pair "${opts[@]}" "${OT_WEIGHTS[@]}" "${extra[@]}" \
  --out "$out/offtopic.model" 2> "$out/train.log" || { cat "$out/train.log" >&2; exit 1; }

: > "$out/table.txt"
run_telltale() {
  local name=$1 model=$2
  "$bin" score --model "$model" --threads 2 --input "$corpora/off_topic/dev.jsonl" > "$out/$name.dev.scores"
  "$bin" score --model "$model" --threads 2 --input "$out/probe.jsonl" > "$out/$name.probe.scores"
  python3 scripts/offtopic-metrics.py "$corpora/off_topic/dev.jsonl" "$out/$name.dev.scores" \
    "$out/probe.jsonl" "$out/$name.probe.scores" --name "$name" --json "$out/$name.json" | tee -a "$out/table.txt"
  "$bin" score --model "$model" --threads 2 --input "$out/short-probe.jsonl" > "$out/$name.short.scores"
  python3 scripts/offtopic-metrics.py "$out/short-probe.jsonl" "$out/$name.short.scores" \
    "$out/short-probe.jsonl" "$out/$name.short.scores" --name "$name/short" --json "$out/$name.short.json" | tee -a "$out/table.txt"
  "$bin" score --model "$model" --threads 2 --input "$out/tweet-probe.jsonl" > "$out/$name.tweets.scores"
  python3 scripts/offtopic-metrics.py "$out/tweet-probe.jsonl" "$out/$name.tweets.scores" \
    "$out/tweet-probe.jsonl" "$out/$name.tweets.scores" --name "$name/tweets" --json "$out/$name.tweets.json" | tee -a "$out/table.txt"
}
run_telltale telltale "$out/offtopic.model"
run_telltale telltale_default "$root/Models/telltale.model"

if [ "${SKIP_PEERS:-0}" != 1 ]; then
  py="$peers/.venv/bin/python"
  [ -x "$py" ] || { echo "no peers venv at $peers/.venv (set PEERS=...)" >&2; exit 1; }
  python3 scripts/corpus-to-tsv.py off_topic "$out/train.jsonl" "$out/train.tsv"
  python3 scripts/corpus-to-tsv.py off_topic "$corpora/off_topic/dev.jsonl" "$out/dev.tsv"
  python3 scripts/corpus-to-tsv.py off_topic "$out/probe.jsonl" "$out/probe.tsv"
  cat "$out/dev.tsv" "$out/probe.tsv" > "$out/test.tsv"
  ndev=$(wc -l < "$out/dev.tsv")
  "$py" scripts/peers-predictions.py "$peers" "$out/train.tsv" "$out/test.tsv" "$out/peers" \
    "${PEER_MODELS:-fasttext,fasttext_char,nb_hash,lr_hash,vw}" >&2
  for pred in "$out"/peers/*.pred; do
    name=$(basename "$pred" .pred)
    head -n "$ndev" "$pred" > "$out/$name.dev.scores"
    tail -n +"$((ndev + 1))" "$pred" > "$out/$name.probe.scores"
    python3 scripts/offtopic-metrics.py "$corpora/off_topic/dev.jsonl" "$out/$name.dev.scores" \
      "$out/probe.jsonl" "$out/$name.probe.scores" --name "$name" --json "$out/$name.json" | tee -a "$out/table.txt"
  done
fi
