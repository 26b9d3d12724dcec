#!/usr/bin/env bash
# Spark local-mode test: score.py and eval.py give the single-machine CLI's results.
#
#   scripts/spark/test.sh            (from anywhere; uses the repo this script is in)
#
# 1. trains a model on two thirds of Corpus/examples.jsonl with `telltale train` (no dependency on Models/);
# 2. scores a file with error lines, plain-text lines, empty lines and rows without id with
#    `telltale score` and with score.py in local[2] split into several partitions: every row is
#    there once, in order, with the same id / error / scores / flags, and the kept fields;
# 3. scores the labelled file again through a shuffle (--repartition 3), evaluates it with eval.py
#    and compares the report with an independent single-machine computation (reference_eval.py)
#    and, when the CLI has `telltale eval`, with `telltale eval --json`, to 1e-6;
# 4. a wrapper that drops telltale's last output line makes score.py fail (never a silent drop).
#
# Skips (exit 0, "SKIP:" on stdout) when Java 17+ is missing or pyspark cannot be installed (no
# network to PyPI); any other failure exits non-zero.
# Environment: TELLTALE_BIN (default: the debug build, built if missing), TELLTALE_SPARK_VENV
# (default: ${XDG_CACHE_HOME:-~/.cache}/telltale-spark-venv), TELLTALE_PYSPARK (default 4.3.0),
# TELLTALE_SPARK_KEEP=1 keeps the work directory (data, CLI and Spark outputs, reports, logs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
started=$SECONDS

skip() { echo "SKIP: Spark test: $*"; exit 0; }

command -v java >/dev/null || skip "no java on PATH (Spark needs Java 17+)"
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
[ "${java_major:-0}" -ge 17 ] || skip "Java ${java_major:-?} found, Spark 4 needs 17+"

venv="${TELLTALE_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/telltale-spark-venv}"
# pyarrow and pandas: score.py's default engine (mapInArrow); pandas < 3 as PySpark 4.3 asks.
requirements=("pyspark==${TELLTALE_PYSPARK:-4.3.0}" "pyarrow>=15" "pandas>=2.2,<3")
if [ "$(cat "$venv/.telltale-requirements" 2>/dev/null)" != "${requirements[*]}" ] \
   || ! "$venv/bin/python" -c "import pyspark, pyarrow, pandas" 2>/dev/null; then
  echo "Spark test: installing ${requirements[*]} into $venv (once; about 500 MB)"
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv" || skip "could not create a Python venv at $venv (apt-get install python3-venv)"
  # A quick look at the package index first, so an offline machine skips in seconds, not after pip's retries.
  if "$venv/bin/pip" index --help >/dev/null 2>&1 \
     && ! "$venv/bin/pip" index versions pyspark --timeout 20 --retries 1 >/dev/null 2>&1; then
    skip "the Python package index (PyPI or the configured mirror) is unreachable: pyspark cannot be installed"
  fi
  if ! timeout 1200 "$venv/bin/pip" install -q --retries 2 --timeout 60 "${requirements[@]}"; then
    skip "${requirements[*]} could not be installed into $venv (no network to PyPI?)"
  fi
  echo "${requirements[*]}" > "$venv/.telltale-requirements"
fi
export PATH="$venv/bin:$PATH"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

bin="${TELLTALE_BIN:-}"
if [ -z "$bin" ]; then
  bin="$(swift build --show-bin-path)/telltale"
  [ -x "$bin" ] || swift build --product telltale
fi
[ -x "$bin" ] || { echo "Spark test: no telltale binary at $bin" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/telltale-spark-test.XXXXXX")"
if [ -n "${TELLTALE_SPARK_KEEP:-}" ]; then echo "Spark test: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

# ---- data: the written example corpus, some ids removed, plus lines that must become errors ----
python3 - "$repo/Corpus/examples.jsonl" "$work" <<'EOF'
import json, sys
src, work = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
with open(f"{work}/train.jsonl", "w", encoding="utf-8") as f:  # a third held out: metrics short of perfect
    f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for i, r in enumerate(rows) if i % 3 != 0)
out = []
for i, r in enumerate(rows):
    if i % 7 == 3:
        r.pop("id", None)                  # joined back by position, not by id
    if i % 11 == 5:
        r["id"] = 1000 + i                 # numeric ids are echoed as given
    out.append(json.dumps(r, ensure_ascii=False).encode())
edge = [
    b'{"id": "bad-json", "text": "unterminated',
    b'{"id": "bad-utf8", "text": "caf\xc3 ok"}',
    b'{"id": "no-text"}',
    b'{"id": "bad-label", "text": "I very like it.", "labels": {"non_idiomatic": 2}}',
    b'{"id": "unknown-label", "text": "A plain sentence about the weather.", "labels": {"spam": 1, "non_idiomatic": 0}}',
    b'{"id": "reply-without-parent", "text": "Police strengthen cooperation.", "labels": {"off_topic": 1}, "source": "edge"}',
    b'{"text": "No id and no labels here."}',
]
labelled = out[:40] + edge[:3] + out[40:120] + edge[3:] + out[120:]
with open(f"{work}/labelled.jsonl", "wb") as f:
    f.write(b"\n".join(labelled) + b"\n")
mixed = labelled[:10] + [b"a plain text line, not JSON", b"", b"\xff\xfe"] + labelled[10:] + [b"last plain line\r"]
with open(f"{work}/mixed.jsonl", "wb") as f:
    f.write(b"\n".join(mixed) + b"\n")
EOF

echo "Spark test: training a model on two thirds of Corpus/examples.jsonl"
"$bin" train --data "$work/train.jsonl" --out "$work/test.model" >/dev/null
"$bin" score --model "$work/test.model" --input "$work/mixed.jsonl" > "$work/cli-mixed.jsonl" 2>/dev/null
"$bin" score --model "$work/test.model" --input "$work/labelled.jsonl" > "$work/cli-labelled.jsonl" 2>/dev/null

submit=(spark-submit --master "local[2]" --driver-memory 1g
        --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false --conf spark.log.level=WARN --conf spark.sql.shuffle.partitions=4)

echo "Spark test: score.py (arrow engine) on $(wc -l < "$work/mixed.jsonl") lines in 8 KB input partitions"
"${submit[@]}" --conf spark.sql.files.maxPartitionBytes=8192 --conf spark.sql.files.openCostInBytes=0 \
  "$here/score.py" --binary "$bin" --model "$work/test.model" --engine arrow \
  --input "$work/mixed.jsonl" --output "$work/mixed.parquet" --keep labels,source > "$work/spark-score1.log" 2>&1 \
  || { tail -40 "$work/spark-score1.log" >&2; exit 1; }
parts=$(ls "$work/mixed.parquet" | grep -c '^part-' || true)
[ "$parts" -ge 2 ] || { echo "Spark test: expected several partitions, got $parts part files" >&2; exit 1; }

echo "Spark test: score.py (rdd engine) on the labelled lines through a shuffle (--repartition 3)"
"${submit[@]}" "$here/score.py" --binary "$bin" --model "$work/test.model" --engine rdd --repartition 3 \
  --input "$work/labelled.jsonl" --output "$work/labelled.parquet" --keep labels,source > "$work/spark-score2.log" 2>&1 \
  || { tail -40 "$work/spark-score2.log" >&2; exit 1; }
echo "Spark test: both outputs against telltale score ($parts partitions in the first)"
"$venv/bin/python" "$here/check.py" scores --keep labels,source \
  --run "$work/mixed.parquet" "$work/cli-mixed.jsonl" "$work/mixed.jsonl" \
  --run "$work/labelled.parquet" "$work/cli-labelled.jsonl" "$work/labelled.jsonl"

echo "Spark test: a telltale that loses a line must fail the job, not shift or drop rows"
printf '#!/bin/sh\n"%s" "$@" | sed '"'"'$d'"'"'\n' "$bin" > "$work/lossy-telltale"
chmod +x "$work/lossy-telltale"
if "${submit[@]}" "$here/score.py" --binary "$work/lossy-telltale" --model "$work/test.model" \
     --input "$work/labelled.jsonl" --output "$work/lossy.parquet" > "$work/spark-lossy.log" 2>&1; then
  echo "Spark test: score.py succeeded although telltale lost a line" >&2; exit 1
fi
grep -q "output ended after [0-9]" "$work/spark-lossy.log" \
  || { tail -40 "$work/spark-lossy.log" >&2; echo "Spark test: the lossy run failed for another reason" >&2; exit 1; }
echo "ok: the job failed with: $(grep -o 'output ended after [0-9][^;]*' "$work/spark-lossy.log" | head -1)"

echo "Spark test: eval.py against the single-machine metrics"
"${submit[@]}" "$here/eval.py" --scores "$work/labelled.parquet" --model "$work/test.model" --partitions 3 \
  --json "$work/spark-eval.json" > "$work/spark-eval.log" 2>&1 \
  || { tail -40 "$work/spark-eval.log" >&2; exit 1; }

"$venv/bin/python" "$here/reference_eval.py" --data "$work/labelled.jsonl" --scored "$work/cli-labelled.jsonl" \
  --model "$work/test.model" > "$work/reference-eval.json"
"$venv/bin/python" "$here/check.py" report --expected "$work/reference-eval.json" --actual "$work/spark-eval.json"

if "$bin" --help 2>/dev/null | grep -qE '^ +eval +'; then
  "$bin" eval --model "$work/test.model" --data "$work/labelled.jsonl" --json "$work/cli-eval.json" \
    > "$work/cli-eval.log" 2>&1 || { cat "$work/cli-eval.log" >&2; echo "Spark test: telltale eval failed" >&2; exit 1; }
  "$venv/bin/python" "$here/check.py" report --expected "$work/cli-eval.json" --actual "$work/spark-eval.json"
else
  echo "Spark test: this telltale has no eval command: compared with reference_eval.py only"
fi
echo "Spark test: passed in $((SECONDS - started)) s"
