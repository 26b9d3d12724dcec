#!/usr/bin/env bash
# non_idiomatic on text it has never seen the like of: shift folds, Telltale beside the peers.
#
#   bash scripts/shift-eval.sh [OUTDIR]          (default OUTDIR: out/shift)
#
# Folds (scripts/shift-folds.py): wmt22 / wmt21 = train without that WMT year, test on it; genre =
# train without the Chinese-L1 learner essays and the native answers, test on them; dev = the usual
# dev split (secondary: it shares years and documents with train). Every fold is trained with the
# shipped recipe (scripts/recipe.sh: native negatives, tweet-decoration copies, features, options)
# and the peers (fastText, fastText+chars, sklearn NB/LR on hashed n-grams, VW; ../shared/peers'
# own workers and defaults via scripts/peers-predictions.py) train on the same rows (before
# Telltale's decoration copies, which are part of its recipe), in the same run.
# Writes OUTDIR/table.md (ROC-AUC, ECE and per-source recall/specificity of every tool on every
# fold) and OUTDIR/<fold>/<tool>.json.
#
# Environment: PEERS (a copy of ../shared/peers with its venvs, default ../shared/peers),
# SKIP_PEERS=1, PEER_MODELS (default fasttext,fasttext_char,nb_hash,lr_hash,vw), FOLDS (default
# wmt22,wmt21,genre,dev), TELLTALE_CORPORA, NI_FEATURES / NI_OPTIONS / NI_NATIVES to try another
# recipe (see scripts/recipe.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-out/shift}
peers=${PEERS:-../shared/peers}
corpora=${TELLTALE_CORPORA:-../shared/corpora}
folds=${FOLDS:-wmt22,wmt21,genre,dev}
peer_models=${PEER_MODELS:-fasttext,fasttext_char,nb_hash,lr_hash,vw}
source scripts/recipe.sh
mkdir -p "$out"
swift build -c release --product telltale >&2
bin=$(swift build -c release --show-bin-path)/telltale

ni_native_rows "$corpora" "$out/natives.jsonl" >&2
python3 scripts/shift-folds.py "$out" --corpora "$corpora" --natives "$out/natives.jsonl" --folds "$folds" >&2

for fold in ${folds//,/ }; do
  d="$out/$fold"
  echo "== $fold" >&2
  ni_decorate "$d/train.jsonl" "$d/train.decorated.jsonl" >&2
  "$bin" train --data "$d/train.decorated.jsonl" --calibrate-on "$d/calib.jsonl" --labels non_idiomatic \
    --features "${NI_FEATURES[@]}" "${NI_OPTIONS[@]}" --out "$d/telltale.model" 2> "$d/telltale.train.log" >&2 \
    || { cat "$d/telltale.train.log" >&2; exit 1; }
  "$bin" score --model "$d/telltale.model" --input "$d/test.jsonl" > "$d/telltale.scores"
  auc_without=""
  [ "$fold" = dev ] && auc_without="medquad-own-answer,skeptics-own-answer"
  python3 scripts/shift-metrics.py non_idiomatic "$d/test.jsonl" "$d/telltale.scores" --name "telltale $fold" \
    --json "$d/telltale.json" --auc-without "$auc_without"
  if [ "${SKIP_PEERS:-0}" != 1 ]; then
    py="$peers/.venv/bin/python"
    [ -x "$py" ] || { echo "no peers venv at $peers/.venv: run setup_peers.sh --locked (PEERS=...)" >&2; exit 1; }
    "$py" scripts/peers-predictions.py "$peers" "$d/train.tsv" "$d/test.tsv" "$d/peers" "$peer_models" >&2
    for p in ${peer_models//,/ }; do
      [ -f "$d/peers/$p.pred" ] || continue
      python3 scripts/shift-metrics.py non_idiomatic "$d/test.jsonl" "$d/peers/$p.pred" --name "$p $fold" \
        --json "$d/$p.json" --auc-without "$auc_without"
    done
  fi
done
python3 scripts/shift-table.py "$out" --folds "$folds" > "$out/table.md"
echo "table: $out/table.md" >&2
