#!/usr/bin/env python3
"""Metrics of one label on one test file from `telltale score` output (or a peer's predictions).

Usage: shift-metrics.py LABEL TEST.jsonl SCORES [--threshold 0.5] [--json OUT.json] [--name NAME]

TEST.jsonl: the corpus rows (labels, source). SCORES: either `telltale score` output (one JSON
line per test row, in order) or a peer's `label<TAB>P(1)` prediction file. Prints one summary line
and writes (with --json) ROC-AUC, ECE (10 equal-width bins), the flag rate at the threshold, and
per source the rows, mean score and recall (positive sources) or specificity (negative sources),
and ROC-AUC by post length (words split on white space: ≤ 8, 9–16, 17–30, > 30): short posts carry
little evidence, and a fold's figure depends on how many it holds.
Rows the model gives `null` (outside its gate) are counted per source and left out of the ranking.
"""
import argparse
import json
import sys


def roc_auc(pairs):
    """ROC-AUC with ties counted half (Mann-Whitney U)."""
    pairs = sorted(pairs)
    pos = sum(1 for _, y in pairs if y == 1)
    neg = len(pairs) - pos
    if pos == 0 or neg == 0:
        return None
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg_rank = (i + j + 1) / 2
        rank_sum += avg_rank * sum(1 for k in range(i, j) if pairs[k][1] == 1)
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def ece(pairs, bins=10):
    total, err = len(pairs), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inb = [(p, y) for p, y in pairs if (lo <= p < hi) or (b == bins - 1 and p == 1.0)]
        if inb:
            err += len(inb) / total * abs(sum(p for p, _ in inb) / len(inb) - sum(y for _, y in inb) / len(inb))
    return err


LENGTH_BUCKETS = [("<=8 words", 8), ("9-16 words", 16), ("17-30 words", 30), (">30 words", None)]


def length_bucket(text):
    n = len(text.split())
    return next(name for name, top in LENGTH_BUCKETS if top is None or n <= top)


def read_scores(path, label):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("{"):
                r = json.loads(line)
                if "error" in r:
                    sys.exit(f"{path}: error record {r}")
                out.append(r["scores"].get(label))
            else:
                parts = line.split("\t")
                out.append(float(parts[1]) if len(parts) > 1 else float(parts[0] == "1"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("label")
    ap.add_argument("test")
    ap.add_argument("scores")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--json")
    ap.add_argument("--name", default="")
    ap.add_argument("--auc-without", default="", help="comma-separated sources left out of ROC-AUC and ECE (still per source)")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(a.test, encoding="utf-8") if l.strip()]
    scores = read_scores(a.scores, a.label)
    if len(rows) != len(scores):
        sys.exit(f"{a.scores}: {len(scores)} scores for {len(rows)} test rows")
    pairs, by_source, by_length = [], {}, {name: [] for name, _ in LENGTH_BUCKETS}
    skip = set(x for x in a.auc_without.split(",") if x)
    for r, s in zip(rows, scores):
        y = r["labels"][a.label]
        src = by_source.setdefault(r.get("source", "?"), {"label": y, "rows": 0, "null": 0, "flagged": 0, "sum": 0.0})
        src["rows"] += 1
        if s is None:
            src["null"] += 1
            continue
        if r.get("source") not in skip:
            pairs.append((s, y))
            by_length[length_bucket(r["text"])].append((s, y))
        src["sum"] += s
        src["flagged"] += s >= a.threshold
    sources = {}
    for name, s in sorted(by_source.items()):
        scored = s["rows"] - s["null"]
        rate = s["flagged"] / scored if scored else None
        sources[name] = {"label": s["label"], "rows": s["rows"], "null": s["null"],
                         "mean_score": s["sum"] / scored if scored else None,
                         ("recall" if s["label"] == 1 else "specificity"): (rate if s["label"] == 1 else 1 - rate) if rate is not None else None}
    result = {"name": a.name, "rows": len(rows), "scored": len(pairs), "roc_auc": roc_auc(pairs), "ece": ece(pairs),
              "threshold": a.threshold, "auc_without": sorted(skip), "sources": sources,
              "by_length": {name: {"rows": len(p), "roc_auc": roc_auc(p)} for name, p in by_length.items()}}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    auc = result["roc_auc"]
    per = ", ".join(f"{k} {'R' if v['label'] else 'S'} {next(iter(x for key, x in v.items() if key in ('recall', 'specificity'))):.3f}"
                    for k, v in sources.items() if v["rows"] - v["null"] > 0)
    print(f"{a.name}: ROC-AUC {auc:.4f} ECE {result['ece']:.4f} | {per}" if auc is not None else f"{a.name}: {per}")


if __name__ == "__main__":
    main()
