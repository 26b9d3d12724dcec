#!/usr/bin/env python3
"""Telltale as an `--external` tool for ../shared/peers harnesses.

classify: peers-external.py classify LABEL TRAIN.tsv TEST.tsv PRED TIMING [telltale train options...]
  Trains on TRAIN (label<TAB>text, label 0/1; `parent ||| reply` texts are split back into
  parent and reply), scores TEST, writes `label<TAB>P(1)` per row and timing JSON.
  With TELLTALE_MODEL set, skips training and scores with that model.
langmix:  peers-external.py langmix INPUT.tsv PRED TIMING
  Scores the mixed_zh_en label of the default (or TELLTALE_MODEL) model.

TELLTALE (env) names the binary (default: .build/release/telltale next to this script).
TELLTALE_THREADS sets --threads for scoring (default 1, as the peers).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("TELLTALE", os.path.join(HERE, "..", ".build", "release", "telltale"))
THREADS = os.environ.get("TELLTALE_THREADS", "1")


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


def score(model, jsonl, label):
    t0 = time.perf_counter()
    args = [BIN, "score", "--input", jsonl, "--threads", THREADS]
    if model:
        args += ["--model", model]
    p = subprocess.run(args, capture_output=True, check=True)
    dt = time.perf_counter() - t0
    probs = []
    for line in p.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        v = rec.get("scores", {}).get(label)
        probs.append(0.0 if v is None else float(v))
    return probs, dt


def main():
    mode = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "classify":
            label, train, test, pred, timing = sys.argv[2:7]
            extra = sys.argv[7:]
            model = os.environ.get("TELLTALE_MODEL")
            train_s = 0.0
            if not model:
                tj = os.path.join(tmp, "train.jsonl")
                tsv_to_jsonl(train, tj, label)
                model = os.path.join(tmp, "m.model")
                t0 = time.perf_counter()
                subprocess.run([BIN, "train", "--data", tj, "--out", model, "--labels", label] + extra, check=True)
                train_s = time.perf_counter() - t0
            ej = os.path.join(tmp, "test.jsonl")
            tsv_to_jsonl(test, ej, label)
            probs, dt = score(model, ej, label)
            with open(pred, "w") as f:
                for p in probs:
                    f.write(f"{1 if p >= 0.5 else 0}\t{p:.6f}\n")
            with open(timing, "w") as f:
                json.dump({"train_s": train_s, "predict_s": dt, "threads": int(THREADS)}, f)
        elif mode == "langmix":
            inp, pred, timing = sys.argv[2:5]
            ej = os.path.join(tmp, "test.jsonl")
            tsv_to_jsonl(inp, ej, "mixed_zh_en")
            probs, dt = score(os.environ.get("TELLTALE_MODEL"), ej, "mixed_zh_en")
            with open(pred, "w") as f:
                for p in probs:
                    f.write(f"{1 if p >= 0.5 else 0}\t{p:.6f}\n")
            with open(timing, "w") as f:
                json.dump({"predict_s": dt, "init_s": 0.0, "threads": int(THREADS)}, f)
        else:
            sys.exit("usage: peers-external.py classify|langmix ...")


if __name__ == "__main__":
    main()
