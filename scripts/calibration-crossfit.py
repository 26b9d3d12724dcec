#!/usr/bin/env python3
"""Honest calibration check for a model calibrated on dev: 2-fold cross-fitted Platt ECE.

Usage: calibration-crossfit.py TELLTALE_BINARY MODEL
Scores each label's ../shared/corpora/<label>/dev.jsonl, refits Platt scaling on the logits of the
even rows and measures ECE (10 bins) on the odd rows, and vice versa. Platt on top of Platt is
again Platt, so this is the ECE a calibration fitted on data not scored would give.
"""
import json, math, os, subprocess, sys
CORPORA = os.environ.get("TELLTALE_CORPORA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpora"))
B, model = sys.argv[1], sys.argv[2]
def ece(ps, ys, bins=10):
    tot = 0.0
    for b in range(bins):
        idx = [i for i, p in enumerate(ps) if min(int(p * bins), bins - 1) == b]
        if idx:
            tot += abs(sum(ps[i] for i in idx) / len(idx) - sum(ys[i] for i in idx) / len(idx)) * len(idx)
    return tot / len(ps)
def fit(zs, ys):
    a, b = 1.0, 0.0
    for _ in range(50):
        ga = gb = haa = hab = hbb = 0.0
        for z, y in zip(zs, ys):
            p = 1 / (1 + math.exp(-(a * z + b))); w = p * (1 - p)
            ga += (p - y) * z; gb += p - y; haa += w * z * z; hab += w * z; hbb += w
        det = haa * hbb - hab * hab + 1e-12
        a -= (hbb * ga - hab * gb) / det; b -= (haa * gb - hab * ga) / det
    return a, b
for label in ("non_idiomatic", "mixed_zh_en", "off_topic"):
    f = os.path.join(CORPORA, label, "dev.jsonl")
    out = subprocess.run([B, "score", "--model", model, "--input", f], capture_output=True, check=True).stdout.decode().splitlines()
    ys = [json.loads(l)["labels"][label] for l in open(f)]
    ps = [json.loads(l)["scores"][label] for l in out]
    keep = [(p, y) for p, y in zip(ps, ys) if p is not None]
    zs = [math.log(max(p, 1e-7) / max(1 - p, 1e-7)) for p, _ in keep]; ys = [y for _, y in keep]
    folds = [list(range(0, len(zs), 2)), list(range(1, len(zs), 2))]
    res = []
    for k in (0, 1):
        tr, te = folds[k], folds[1 - k]
        a, b = fit([zs[i] for i in tr], [ys[i] for i in tr])
        res.append(ece([1 / (1 + math.exp(-(a * zs[i] + b))) for i in te], [ys[i] for i in te]))
    print(f"{label}: in-sample ECE {ece([1/(1+math.exp(-z)) for z in zs], ys):.4f}; 2-fold cross-fitted ECE {res[0]:.4f} / {res[1]:.4f}")
