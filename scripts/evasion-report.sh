#!/usr/bin/env bash
# Evasion robustness on the real dev sets: every post of ../shared/corpora/<label>/dev.jsonl is
# scored clean and under six perturbations (full-width Latin, Cyrillic/Greek homoglyphs,
# zero-width characters between letters, mixed case, extra spaces, emoji decoration; see
# scripts/evasion_perturb.py), and the change of that corpus's label is summarised: mean and max
# |Δ score|, share of posts moved by more than 0.02, and flag flips at the model's thresholds.
#
#   scripts/evasion-report.sh [MODEL]      (Markdown table on stdout)
#
# MODEL defaults to Models/telltale.model; without one, a model is trained first on the
# corpora's train.jsonl files (telltale train defaults, seed 1) into $TMPDIR.
# Environment: TELLTALE (binary, default .build/release/telltale), CORPORA (default ../shared/corpora),
# LIMIT (posts per dev set, default all).
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${CORPORA:-../shared/corpora}
bin=${TELLTALE:-.build/release/telltale}
[ -x "$bin" ] || swift build -c release --product telltale >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

model=${1:-Models/telltale.model}
if [ ! -f "$model" ]; then
  model="$work/evasion.model"
  echo "no model given: training one on $corpora/*/train.jsonl" >&2
  "$bin" train --data "$corpora"/*/train.jsonl --dev "$corpora"/*/dev.jsonl --out "$model" --seed 1 >&2
fi

echo "| corpus (dev) | perturbation | label | posts | mean \\|Δ\\| | max \\|Δ\\| | \\|Δ\\| > 0.02 | flag flips |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
for dev in "$corpora"/*/dev.jsonl; do
  label=$(basename "$(dirname "$dev")")
  python3 scripts/evasion_perturb.py perturb "$dev" "$work/$label.jsonl" --limit "${LIMIT:-0}" 2>/dev/null
  "$bin" score --model "$model" --input "$work/$label.jsonl" > "$work/$label.scores.jsonl"
  python3 scripts/evasion_perturb.py summarise "$work/$label.scores.jsonl" --label "$label" --markdown --no-header |
    sed "s/^| /| $label | /"
done
