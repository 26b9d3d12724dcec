#!/usr/bin/env python3
"""off_topic figures of one model on the clean dev set and the same-site swap probe.

Usage: offtopic-metrics.py DEV.jsonl DEV_SCORES PROBE.jsonl PROBE_SCORES [--name N] [--json OUT]
                           [--threshold 0.5]

SCORES: `telltale score` output (one JSON line per row, in order) or a peer's `label<TAB>P(1)`
file (scripts/peers-predictions.py). Prints one line: clean dev ROC-AUC, swap probe ROC-AUC per
own-answer source (its genuine answers vs the same answers under another question of the site,
scripts/offtopic-swaps.py --probe) and overall, and per dev source the specificity (genuine
sources) or recall (off-topic sources) at the threshold. --json writes the same figures.
"""
import argparse
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("shift_metrics", os.path.join(HERE, "shift-metrics.py"))
sm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sm)


def load(rows_path, scores_path):
    rows = [json.loads(l) for l in open(rows_path, encoding="utf-8") if l.strip()]
    scores = sm.read_scores(scores_path, "off_topic")
    if len(rows) != len(scores):
        sys.exit(f"{scores_path}: {len(scores)} scores for {len(rows)} rows of {rows_path}")
    return [(r, s) for r, s in zip(rows, scores) if s is not None]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dev")
    ap.add_argument("dev_scores")
    ap.add_argument("probe")
    ap.add_argument("probe_scores")
    ap.add_argument("--name", default="")
    ap.add_argument("--json")
    ap.add_argument("--threshold", type=float, default=0.5)
    a = ap.parse_args()
    dev = load(a.dev, a.dev_scores)
    probe = load(a.probe, a.probe_scores)
    res = {"name": a.name, "threshold": a.threshold,
           "dev_auc": sm.roc_auc([(s, r["labels"]["off_topic"]) for r, s in dev]),
           "probe_auc": sm.roc_auc([(s, r["labels"]["off_topic"]) for r, s in probe]),
           "probe_auc_by_source": {}, "dev_sources": {}}
    for src in sorted({r["source"] for r, _ in probe if not r["source"].endswith("-swap")}):
        pairs = [(s, r["labels"]["off_topic"]) for r, s in probe if r["source"] in (src, src + "-swap")]
        auc = sm.roc_auc(pairs)
        if auc is not None:  # a source without its -swap twin has one class
            res["probe_auc_by_source"][src] = auc
    for src in sorted({r["source"] for r, _ in dev}):
        got = [(r["labels"]["off_topic"], s) for r, s in dev if r["source"] == src]
        y = got[0][0]
        flagged = sum(1 for _, s in got if s >= a.threshold)
        rate = flagged / len(got) if y == 1 else 1 - flagged / len(got)
        res["dev_sources"][src] = {"label": y, "rows": len(got), ("recall" if y else "specificity"): rate}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)
    short = lambda s: s.replace("-own-answer", "").replace("semeval-cqa-", "cqa-")
    probe_txt = " ".join(f"{short(k)} {v:.3f}" for k, v in res["probe_auc_by_source"].items())
    spec_txt = " ".join(f"{short(k)} {'S' if v['label'] == 0 else 'R'}{next(x for key, x in v.items() if key in ('recall', 'specificity')):.3f}"
                        for k, v in res["dev_sources"].items())
    print(f"{a.name:<18} dev {res['dev_auc']:.4f} | probe {res['probe_auc']:.4f}: {probe_txt} | {spec_txt}")


if __name__ == "__main__":
    main()
