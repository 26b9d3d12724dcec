#!/usr/bin/env python3
"""Telltale as an `--external` tool for ../shared/peers harnesses.

classify: peers-external.py classify LABEL TRAIN.tsv TEST.tsv PRED TIMING [telltale train options...]
  Trains on TRAIN (label<TAB>text, label 0/1; `parent ||| reply` texts are split back into
  parent and reply), scores TEST, writes `label<TAB>P(1)` per row and timing JSON.
  Calibration: `telltale train`'s default, a random 10 % hold-out of TRAIN (never the test file).
  With TELLTALE_MODEL set, skips training and scores with that model (e.g. the default model).
langmix:  peers-external.py langmix INPUT.tsv PRED TIMING
  Scores the mixed_zh_en label of the default (or TELLTALE_MODEL) model.

How prediction time is measured (the peers' harness excludes model loading for peers, so it is
excluded here too):
  init_s    = the fastest of TELLTALE_INIT_RUNS (3) runs of `telltale score` on an EMPTY input with
              the same model and threads: process start, model load (mmap + checks), scorer setup.
  predict_s = median wall time of TELLTALE_REPEATS (7) runs of `telltale score` on the test rows
              (JSONL in, JSONL to a file) minus init_s. Subtracting the fastest init makes predict_s
              larger, i.e. errs against Telltale. Converting the TSV and reading the output back are
              outside the timing. Every run's output is compared with the first (must be identical).

Environment:
  TELLTALE          the binary (default: .build/release/telltale next to this script)
  TELLTALE_THREADS  --threads for scoring (default 1, as the peers)
  TELLTALE_MODEL    score with this model instead of training one
  TELLTALE_MODEL_CACHE  directory: reuse a model trained on the same TRAIN/LABEL/options
  TELLTALE_REPEATS, TELLTALE_INIT_RUNS  (defaults 7 and 3)
  TELLTALE_BENCH_LOG  append one JSON line per call with every timing (runs, init, score-only
                    peak RSS from os.wait4, rows, threads, model)
"""
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timed_run import timed_run  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("TELLTALE", os.path.join(HERE, "..", ".build", "release", "telltale"))
THREADS = os.environ.get("TELLTALE_THREADS", "1")
REPEATS = int(os.environ.get("TELLTALE_REPEATS", "7"))
INIT_RUNS = int(os.environ.get("TELLTALE_INIT_RUNS", "3"))


def tsv_to_jsonl(src, dst, label):
    n = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            lab, text = line.split("\t", 1)
            row = {"text": text}
            if " ||| " in text:
                parent, reply = text.split(" ||| ", 1)
                row = {"text": reply, "parent": parent}
            if lab in ("0", "1"):
                row["labels"] = {label: int(lab)}
            elif lab == label or lab == "mixed_zh_en":
                row["labels"] = {label: 1}
            else:
                row["labels"] = {label: 0}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def run_score(model, jsonl, out_path, tmp):
    """One `telltale score` run: (wall seconds, peak RSS MB of telltale itself, CPU seconds)."""
    args = [BIN, "score", "--input", jsonl, "--threads", THREADS]
    if model:
        args += ["--model", model]
    return timed_run(args, out_path, tmp)


def timed_scoring(model, jsonl, tmp):
    """Scores `jsonl` REPEATS times; returns (output path, timing dict)."""
    empty = os.path.join(tmp, "empty.jsonl")
    open(empty, "w").close()
    init_all = [run_score(model, empty, os.path.join(tmp, "empty.out"), tmp) for _ in range(INIT_RUNS)]
    init = [x[0] for x in init_all]
    runs, rss, cpu = [], [], []
    first = os.path.join(tmp, "scores.jsonl")
    for r in range(REPEATS):
        path = first if r == 0 else os.path.join(tmp, "scores.again.jsonl")
        dt, peak, c = run_score(model, jsonl, path, tmp)
        runs.append(dt)
        rss.append(peak)
        cpu.append(c)
        if r > 0 and not same_file(first, path):
            sys.exit(f"telltale score gave different output on run {r + 1}")
    init_s = min(init)
    predict_s = max(statistics.median(runs) - init_s, 1e-9)
    return first, {"init_s": init_s, "init_runs": init, "score_runs": runs, "predict_s": predict_s,
                   "score_peak_rss_mb": max(rss),
                   # user + system CPU seconds (os.wait4), same subtraction: robust to other load
                   "init_cpu_runs": [x[2] for x in init_all], "score_cpu_runs": cpu,
                   "predict_cpu_s": max(statistics.median(cpu) - min(x[2] for x in init_all), 1e-9)}


def same_file(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def write_predictions(scores_path, label, pred):
    """Streams the scores into `label<TAB>P(1)` lines (nothing held in memory); returns rows."""
    n = 0
    with open(scores_path, encoding="utf-8") as f, open(pred, "w") as out:
        for line in f:
            v = json.loads(line).get("scores", {}).get(label)
            p = 0.0 if v is None else float(v)
            out.write(f"{1 if p >= 0.5 else 0}\t{p:.6f}\n")
            n += 1
    return n


def train(label, train_tsv, extra, tmp):
    """Trains (or reuses a cached model); returns (model path, train seconds)."""
    cache = os.environ.get("TELLTALE_MODEL_CACHE")
    key = None
    if cache:
        h = hashlib.sha256()
        with open(train_tsv, "rb") as f:
            h.update(f.read())
        h.update(json.dumps([label, extra, os.path.getmtime(BIN)]).encode())
        key = os.path.join(cache, h.hexdigest()[:16])
        if os.path.exists(key + ".model") and os.path.exists(key + ".json"):
            with open(key + ".json") as f:
                return key + ".model", json.load(f)["train_s"]
    tj = os.path.join(tmp, "train.jsonl")
    tsv_to_jsonl(train_tsv, tj, label)
    model = os.path.join(tmp, "m.model")
    t0 = time.perf_counter()
    # One thread, as the peers train; calibration on a hold-out of train (no --calibrate-on).
    subprocess.run([BIN, "train", "--data", tj, "--out", model, "--labels", label, "--threads", "1"] + extra,
                   check=True, stdout=subprocess.DEVNULL)
    train_s = time.perf_counter() - t0
    if key:
        os.makedirs(cache, exist_ok=True)
        os.replace(model, key + ".model")
        with open(key + ".json", "w") as f:
            json.dump({"train_s": train_s, "label": label, "train": train_tsv, "options": extra}, f)
        model = key + ".model"
    return model, train_s


def log(record):
    path = os.environ.get("TELLTALE_BENCH_LOG")
    if path:
        record = dict(record, name=os.environ.get("TELLTALE_BENCH_NAME"), run=os.environ.get("TELLTALE_BENCH_RUN"))
        with open(path, "a") as f:
            f.write(json.dumps(record) + "\n")


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "classify":
            label, train_tsv, test, pred, timing = sys.argv[2:7]
            extra = sys.argv[7:]
            model = os.environ.get("TELLTALE_MODEL")
            train_s = 0.0
            if not model:
                model, train_s = train(label, train_tsv, extra, tmp)
            ej = os.path.join(tmp, "test.jsonl")
            rows = tsv_to_jsonl(test, ej, label)
            scores, t = timed_scoring(model, ej, tmp)
            write_predictions(scores, label, pred)
            with open(timing, "w") as f:
                json.dump({"train_s": train_s, "predict_s": t["predict_s"], "init_s": t["init_s"],
                           "threads": int(THREADS)}, f)
            log(dict(t, mode=mode, label=label, test=test, rows=rows, threads=int(THREADS), train_s=train_s,
                     model="TELLTALE_MODEL=" + model if os.environ.get("TELLTALE_MODEL") else "trained on " + train_tsv))
        elif mode == "langmix":
            inp, pred, timing = sys.argv[2:5]
            ej = os.path.join(tmp, "test.jsonl")
            rows = tsv_to_jsonl(inp, ej, "mixed_zh_en")
            model = os.environ.get("TELLTALE_MODEL")
            scores, t = timed_scoring(model, ej, tmp)
            write_predictions(scores, "mixed_zh_en", pred)
            with open(timing, "w") as f:
                json.dump({"predict_s": t["predict_s"], "init_s": t["init_s"], "threads": int(THREADS)}, f)
            log(dict(t, mode=mode, label="mixed_zh_en", test=inp, rows=rows, threads=int(THREADS),
                     model=model or "default"))
        else:
            sys.exit("usage: peers-external.py classify|langmix ...")


if __name__ == "__main__":
    main()
