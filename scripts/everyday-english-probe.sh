#!/usr/bin/env bash
# How often non_idiomatic flags everyday native English: the sentences of the UD English EWT and
# GUM *test* files (../shared/pos: reviews, e-mail, blogs, answers, news, fiction, conversation,
# academic ...; never trained on) scored by a model, specificity per corpus at its thresholds.
#
#   bash scripts/everyday-english-probe.sh [MODEL]      (default: Models/telltale.model)
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${TELLTALE_CORPORA:-../shared/corpora}
model=${1:-Models/telltale.model}
swift build -c release --product telltale >&2
bin=$(swift build -c release --show-bin-path)/telltale
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/native_negatives.py "$tmp/ud-test.jsonl" --corpora "$corpora" --no-answers --ud --ud-split test >&2
"$bin" score --model "$model" --input "$tmp/ud-test.jsonl" > "$tmp/scores"
python3 scripts/shift-metrics.py non_idiomatic "$tmp/ud-test.jsonl" "$tmp/scores" --name "everyday English ($model)"
