#!/usr/bin/env python3
"""Single-machine reference for the Spark test: the metrics of `telltale eval --json` computed row
by row from a labelled JSONL file and the `telltale score` output for it (same line count), as a
line-for-line transcription of Sources/Evaluation/Metrics*.swift and ReportCollector.swift (sorts, rank
sums, sweeps). It shares no code with eval.py, so the test compares two independent computations.

    reference_eval.py --data posts.jsonl --scored cli-output.jsonl --model M > report.json
"""
import argparse
import json
import math
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from eval import read_model_header, shortest_threshold  # formatting helpers only; metrics are below

NO_SOURCE = "(none)"
EPS = 1e-15
GRID = [i / 100 for i in range(101)]


def corpus_record(line):
    """JSONLLineParser: (labels, source) or None for a line `telltale eval` skips."""
    try:
        o = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(o, dict) or not isinstance(o.get("text"), str):
        return None
    for k in ("parent", "source"):
        if o.get(k) is not None and not isinstance(o[k], str):
            return None
    i = o.get("id")
    if i is not None and not isinstance(i, str) and not (isinstance(i, int) and not isinstance(i, bool)):
        return None
    labels = {}
    raw = o.get("labels")
    if raw is not None:
        if not isinstance(raw, dict):
            return None
        for k, v in raw.items():
            if v is None:
                continue
            if isinstance(v, bool):
                labels[k] = int(v)
            elif isinstance(v, int) and v in (0, 1):
                labels[k] = v
            elif isinstance(v, float) and v in (0.0, 1.0):
                labels[k] = int(v)
            elif isinstance(v, str) and v in ("0", "1"):
                labels[k] = int(v)
            else:
                return None
    return labels, o.get("source")


def roc_auc(s, t):
    n = len(s)
    pos = sum(t)
    neg = n - pos
    if n == 0:
        return None, "no examples"
    if pos == 0:
        return None, "no positive examples"
    if neg == 0:
        return None, "no negative examples"
    order = sorted(range(n), key=lambda i: s[i])
    rank_sum = 0.0
    i = 0
    while i < n:
        j = i
        while j + 1 < n and s[order[j + 1]] == s[order[i]]:
            j += 1
        avg = (i + j + 2) / 2
        for k in range(i, j + 1):
            if t[order[k]]:
                rank_sum += avg
        i = j + 1
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg), None


def average_precision(s, t):
    if not s:
        return None, "no examples"
    pos = sum(t)
    if pos == 0:
        return None, "no positive examples"
    order = sorted(range(len(s)), key=lambda i: -s[i])
    tp = fp = 0
    ap = prev = 0.0
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and s[order[j]] == s[order[i]]:
            if t[order[j]]:
                tp += 1
            else:
                fp += 1
            j += 1
        recall = tp / pos
        ap += (recall - prev) * (tp / (tp + fp))
        prev = recall
        i = j
    return ap, None


def confusion(s, t, thr):
    tp = sum(1 for x, y in zip(s, t) if x >= thr and y)
    fp = sum(1 for x, y in zip(s, t) if x >= thr and not y)
    fn = sum(1 for x, y in zip(s, t) if x < thr and y)
    tn = len(s) - tp - fp - fn
    return tp, fp, tn, fn


def point(thr, tp, fp, tn, fn, with_threshold):
    out = {"threshold": thr} if with_threshold else {}
    out["precision"] = tp / (tp + fp) if tp + fp else None
    out["recall"] = tp / (tp + fn) if tp + fn else None
    out["f1"] = 2 * tp / (2 * tp + fp + fn) if tp + fn else None
    out.update({"tp": tp, "fp": fp, "tn": tn, "fn": fn})
    return out


def basics(label, thr, s, t, unscored, bins):
    tp, fp, tn, fn = confusion(s, t, thr)
    n = len(s)
    P = tp + fn
    m = {"precision": (tp / (tp + fp), None) if tp + fp else (None, "no predicted positives"),
         "recall": (tp / P, None) if P else (None, "no positive examples"),
         "f1": (2 * tp / (2 * tp + fp + fn), None) if P else (None, "no positive examples"),
         "accuracy": ((tp + tn) / n, None) if n else (None, "no examples"),
         "roc_auc": roc_auc(s, t), "pr_auc": average_precision(s, t)}
    if n == 0:
        m["log_loss"] = m["ece"] = (None, "no examples")
    else:
        total = 0.0
        for p, y in zip(s, t):
            total -= math.log(max(p if y else 1 - p, EPS))
        m["log_loss"] = (total / n, None)
        ece = 0.0
        for c, mean, rate in reliability(s, t, bins):
            if c > 0:
                ece += c / n * abs(mean - rate)
        m["ece"] = (ece, None)
    obj = {"label": label, "threshold": thr, "support": n, "positives": P, "negatives": n - P, "unscored": unscored,
           "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn}}
    obj.update({k: v[0] for k, v in m.items()})
    obj["undefined"] = {k: v[1] for k, v in m.items() if v[0] is None}
    return obj, m


def bin_of(p, b):
    return min(max(int(math.floor(p * b)), 0), b - 1)


def reliability(s, t, b):
    count, sum_p, pos = [0] * b, [0.0] * b, [0] * b
    for p, y in zip(s, t):
        k = bin_of(p, b)
        count[k] += 1
        sum_p[k] += p
        pos[k] += y
    return [(count[k], sum_p[k] / count[k] if count[k] else 0, pos[k] / count[k] if count[k] else 0) for k in range(b)]


def sweep(s, t, thresholds):
    return [(thr,) + confusion(s, t, thr) for thr in thresholds]


def label_report(label, thr, s, t, unscored, bins, targets):
    obj, m = basics(label, thr, s, t, unscored, bins)
    distinct = sorted(set(s))
    points = sweep(s, t, distinct)
    choices = []
    for target in targets:
        hit = next((p for p in points if p[1] + p[2] > 0 and p[1] / (p[1] + p[2]) >= target), None)
        choices.append(("precision", target, hit))
    best = None
    for p in points:
        if p[1] + p[4] == 0:
            continue
        f = 2 * p[1] / (2 * p[1] + p[2] + p[4])
        if best is None or f > best[0]:
            best = (f, p)
    choices.append(("best_f1", None, best[1] if best else None))
    out = []
    for goal, target, p in choices:
        c = {"goal": goal, "target": target, "threshold": p[0] if p else None, "suggested": None}
        if p:
            lo = distinct.index(p[0])
            floor = p[0] - 0.01
            below = max(distinct[lo - 1], floor) if lo > 0 else floor
            c["suggested"] = shortest_threshold(below, p[0])
            c.update(point(*p, with_threshold=False))
        else:
            c.update({k: None for k in ("precision", "recall", "f1", "tp", "fp", "tn", "fn")})
        out.append(c)
    obj["thresholds"] = out
    obj["sweep"] = [point(*p, with_threshold=True) for p in sweep(s, t, GRID)]
    obj["reliability"] = [{"lower": k / bins, "upper": (k + 1) / bins, "count": c, "mean_probability": mp,
                           "positive_rate": pr} for k, (c, mp, pr) in enumerate(reliability(s, t, bins))]
    hp, hn = [0] * 20, [0] * 20
    for p, y in zip(s, t):
        (hp if y else hn)[bin_of(p, 20)] += 1
    obj["histogram"] = {"bins": 20, "positives": hp, "negatives": hn}
    return obj, m


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--data", required=True)
    a.add_argument("--scored", required=True)
    a.add_argument("--model", required=True)
    args = a.parse_args()
    header = read_model_header(args.model)
    labels, thresholds = header["labels"], header["thresholds"]
    targets, bins = [0.9, 0.95], 10
    with open(args.data, "rb") as f:
        data = f.read().split(b"\n")
    if data and data[-1] == b"":
        data.pop()
    with open(args.scored, encoding="utf-8") as f:
        scored = [json.loads(l) for l in f]
    if len(data) != len(scored):
        sys.exit(f"reference_eval.py: {len(data)} data lines but {len(scored)} scored lines")
    rows = skipped = 0
    per = {l: [] for l in labels}  # label -> [(score, target, source)]
    unscored = {}
    ignored = {}
    for line, out in zip(data, scored):
        rec = corpus_record(line.rstrip(b"\r"))
        if rec is None or "error" in out:
            skipped += 1
            continue
        rows += 1
        lab, src = rec
        src = NO_SOURCE if src is None else src
        for name, v in lab.items():
            if name not in per:
                ignored[name] = ignored.get(name, 0) + 1
                continue
            p = out["scores"].get(name)
            if p is None:
                unscored[(name, src)] = unscored.get((name, src), 0) + 1
            else:
                per[name].append((float(p), v == 1, src))
    label_objs, ms = [], []
    for l, thr in zip(labels, thresholds):
        s = [x[0] for x in per[l]]
        t = [x[1] for x in per[l]]
        u = sum(v for (n, _), v in unscored.items() if n == l)
        o, m = label_report(l, thr, s, t, u, bins, targets)
        label_objs.append(o)
        ms.append(m)
    macro, undefined = {}, {}
    for k in ("precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "ece"):
        vals = [m[k][0] for m in ms if m[k][0] is not None]
        macro[k] = sum(vals) / len(vals) if vals else None
        if not vals:
            undefined[k] = "undefined for every label"
    macro["undefined"] = undefined
    sources = sorted({x[2] for l in labels for x in per[l]} | {src for (_, src) in unscored})
    by_source = []
    for src in sources:
        objs = []
        for l, thr in zip(labels, thresholds):
            rows_l = [x for x in per[l] if x[2] == src]
            u = unscored.get((l, src), 0)
            if not rows_l and not u:
                continue
            o, _ = basics(l, thr, [x[0] for x in rows_l], [x[1] for x in rows_l], u, bins)
            objs.append(o)
        if objs:
            by_source.append({"source": src, "labels": objs})
    json.dump({"schema": "telltale-eval-report", "version": 1, "rows": rows, "skipped_lines": skipped,
               "ignored_labels": dict(sorted(ignored.items())),
               "settings": {"target_precisions": targets, "calibration_bins": bins},
               "labels": label_objs, "macro": macro, "by_source": by_source}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
