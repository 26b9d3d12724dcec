#!/usr/bin/env python3
"""Quick dev-set check used while tuning (the full report is `telltale eval`).

Usage: quick-dev-metrics.py MODEL LABEL DEV.jsonl [--threads N]
Scores DEV with the built telltale binary and prints ROC-AUC, F1 at the model threshold (flags),
ECE (10 bins) and per-source recall / specificity, so shortcuts show up per source. Rows whose
score is null (not applicable) are skipped and counted, as `telltale eval` does.
"""
import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("TELLTALE", os.path.join(HERE, "..", ".build", "release", "telltale"))


def auc(scores, ys):
    pairs = sorted(zip(scores, ys))
    # average ranks for ties
    ranks = [0.0] * len(pairs)
    i = 0
    while i < len(pairs):
        j = i
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(ys)
    neg = len(ys) - pos
    if pos == 0 or neg == 0:
        return float("nan")
    rsum = sum(r for r, (_, y) in zip(ranks, pairs) if y == 1)
    return (rsum - pos * (pos + 1) / 2) / (pos * neg)


def main():
    model, label, dev = sys.argv[1:4]
    threads = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "2"
    rows = [json.loads(l) for l in open(dev, encoding="utf-8") if l.strip()]
    rows = [r for r in rows if label in r.get("labels", {})]
    inp = "".join(json.dumps({"text": r["text"], **({"parent": r["parent"]} if r.get("parent") else {})}, ensure_ascii=False) + "\n" for r in rows)
    out = subprocess.run([BIN, "score", "--model", model, "--threads", threads], input=inp.encode(), capture_output=True, check=True).stdout.decode()
    preds = [json.loads(l) for l in out.splitlines()]
    ys, ps, fl = [], [], []
    by_src = defaultdict(lambda: [0, 0, 0, 0])  # tp fn tn fp
    not_applicable = defaultdict(int)
    for r, p in zip(rows, preds):
        y = int(r["labels"][label])
        s = p["scores"][label]
        if s is None:  # not applicable (no parent, or outside the label's gate): skipped, as telltale eval does
            not_applicable[r.get("source", "?")] += 1
            continue
        f = label in p["flags"]
        ys.append(y); ps.append(s); fl.append(f)
        b = by_src[r.get("source", "?")]
        if y == 1: b[0 if f else 1] += 1
        else: b[3 if f else 2] += 1
    tp = sum(1 for y, f in zip(ys, fl) if y and f); fp = sum(1 for y, f in zip(ys, fl) if not y and f)
    fn = sum(1 for y, f in zip(ys, fl) if y and not f)
    prec = tp / (tp + fp) if tp + fp else 0; rec = tp / (tp + fn) if tp + fn else 0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0
    bins = defaultdict(lambda: [0, 0.0, 0])
    for y, p in zip(ys, ps):
        b = bins[min(int(p * 10), 9)]; b[0] += 1; b[1] += p; b[2] += y
    ece = sum(abs(b[1] / b[0] - b[2] / b[0]) * b[0] for b in bins.values()) / len(ys)
    skipped = sum(not_applicable.values())
    print(f"{label}: n={len(ys)} AUC={auc(ps, ys):.4f} P={prec:.4f} R={rec:.4f} F1={f1:.4f} ECE={ece:.4f}"
          + (f" (+{skipped} rows not applicable)" if skipped else ""))
    for src, (tp, fn, tn, fp) in sorted(by_src.items()):
        parts = [f"not applicable {not_applicable[src]}"] if not_applicable[src] else []
        if tp + fn: parts.append(f"recall={tp/(tp+fn):.3f} ({tp}/{tp+fn})")
        if tn + fp: parts.append(f"specificity={tn/(tn+fp):.3f} ({tn}/{tn+fp})")
        print(f"  {src:38s} " + "  ".join(parts))


if __name__ == "__main__":
    main()
