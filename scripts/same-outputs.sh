#!/usr/bin/env bash
# Checks that two telltale binaries give byte-identical outputs on the dev sets: `score` (plain,
# --explain, gzip input), `eval --json` and `--scores` (JSONL, fastText, TSV, gzip; one and two
# threads), `train` model bytes (three small fixed-seed trainings), `accounts` and `train-accounts`.
# For refactors that must not change behaviour (issue 18): build the old binary from main first.
#
#   bash scripts/same-outputs.sh OLD_BINARY NEW_BINARY [WORKDIR]
#
# Both binaries use the same model files (Models/telltale.model and Models/accounts.model of this
# checkout, copied to WORKDIR). Reads $TELLTALE_CORPORA (default ../shared/corpora). Exit 0 when
# every output is identical; otherwise names the files that differ.
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 work=${3:-$(mktemp -d)}
c=${TELLTALE_CORPORA:-../shared/corpora}
mkdir -p "$work/fx"
cp Models/telltale.model Models/accounts.model "$work/"
# fastText, TSV and gzip copies of the dev sets (the formats and gzip path of the corpus reader).
python3 - "$c/mixed_zh_en/dev.jsonl" "$work/fx" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
with open(sys.argv[2] + "/mixed.tsv", "w") as t, open(sys.argv[2] + "/mixed.txt", "w") as f:
    for r in rows:
        lab = r["labels"].get("mixed_zh_en")
        if lab is None: continue
        text = r["text"].replace("\t", " ").replace("\n", " ")
        t.write(f"mixed_zh_en={lab}\t{text}\n")
        f.write(("__label__mixed_zh_en " if lab == 1 else "") + text + "\n")
PY
gzip -c "$c/off_topic/dev.jsonl" > "$work/fx/off.jsonl.gz"

run() {  # run BIN OUT
  local bin=$1 out=$2 m=$work/telltale.model a=$work/accounts.model fx=$work/fx
  mkdir -p "$out"
  for l in non_idiomatic mixed_zh_en off_topic; do
    "$bin" score --model "$m" < "$c/$l/dev.jsonl" > "$out/score.$l.jsonl" 2> "$out/score.$l.err"
    "$bin" score --model "$m" --explain --threads 2 < "$c/$l/dev.jsonl" > "$out/explain.$l.jsonl" 2> "$out/explain.$l.err"
    "$bin" eval --model "$m" --data "$c/$l/dev.jsonl" --json - --scores "$out/evalscores.$l.jsonl" > "$out/eval.$l.json" 2> /dev/null
  done
  "$bin" eval --model "$m" --data "$c"/*/dev.jsonl --threads 2 --json - > "$out/eval.all.json" 2> "$out/eval.all.err"
  "$bin" eval --model "$m" --data "$c"/*/dev.jsonl > "$out/eval.all.txt" 2>> "$out/eval.all.err"
  "$bin" eval --model "$m" --data "$fx/mixed.tsv" "$fx/mixed.txt" "$fx/off.jsonl.gz" --json - > "$out/eval.formats.json" 2> "$out/eval.formats.err"
  "$bin" score --model "$m" --input "$fx/off.jsonl.gz" > "$out/score.gz.jsonl" 2> "$out/score.gz.err"
  "$bin" train --data "$c/mixed_zh_en/dev.jsonl" --calibrate-on "$c/mixed_zh_en/dev.jsonl" --seed 3 --out "$out/mixed.model" 2> /dev/null
  "$bin" train --data "$c/off_topic/dev.jsonl" --seed 1 --threads 2 --out "$out/offtopic.model" 2> /dev/null
  "$bin" train --data "$fx/mixed.tsv" --labels mixed_zh_en --seed 2 --out "$out/tsv.model" 2> /dev/null
  "$bin" accounts --model "$m" --account-model "$a" --input "$c/accounts/train.jsonl" --authors "$out/authors.jsonl" \
    --clusters "$out/clusters.jsonl" > "$out/accounts.txt" 2> "$out/accounts.err"
  "$bin" train-accounts --model "$m" --input "$c/accounts/train.jsonl" --output "$out/accounts.model" > /dev/null 2>&1
}
run "$old" "$work/old"
run "$new" "$work/new"
status=0
for f in "$work"/old/*; do
  b=$(basename "$f")
  cmp -s "$f" "$work/new/$b" || { echo "DIFFERS: $b"; status=1; }
done
[ $status = 0 ] && echo "identical: $(ls "$work/old" | wc -l) outputs ($work)"
exit $status
