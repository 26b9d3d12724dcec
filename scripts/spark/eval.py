#!/usr/bin/env python3
"""Distributed evaluation on Apache Spark: `score.py` output -> per-label metrics, the numbers of
`telltale eval --json` (schema in docs/eval-json-schema.md, definitions in Sources/Evaluation/Metrics*.swift).

    spark-submit scripts/spark/eval.py --scores scores.parquet --model M [--json out.json]

The scores must carry the posts' labels (and source): run score.py with `--keep labels,source`.
`labels` is the JSON text of the labels object (JSONL input) or a map/struct column (Parquet).
A label value is 1/0, true/false, "1"/"0" or 1.0/0.0; null or missing means unknown. A row with
any other label value, or whose line telltale could not score, is skipped (`skipped_lines`), as
`telltale eval` skips a bad corpus line.

Nothing is collected per row: rows are reduced to counts per (group, label, distinct score), and
the rank metrics (ROC-AUC with average ranks for ties, average precision, threshold choices) come
from one range-partitioned sort of those distinct scores with per-partition prefix offsets.

Not produced (they need the texts or every distinct score on one machine): `roc_curve`, `pr_curve`,
`false_positives`, `false_negatives`, and `data` (file hashes); `rows` counts plain-text lines
that `telltale eval` would skip as malformed JSON.
"""
import argparse
import json
import math
import os
import struct
import sys
from bisect import bisect_right

from pyspark.sql import SparkSession

NO_SOURCE = "(none)"
ALL = (0, "")  # the group of every row; a source s is the group (1, s)
LOG_LOSS_EPSILON = 1e-15
SWEEP_GRID = [i / 100 for i in range(101)]
HISTOGRAM_BINS = 20


# ---- the model header (format versions 1 and 2 share the layout: Sources/Classifier/ModelFileLayout.swift) ----

def read_model_header(path):
    """The JSON header of a telltale model file: labels, thresholds, ..."""
    with open(path, "rb") as f:
        preamble = f.read(64)
        if len(preamble) < 64 or preamble[:8] != b"TTLMODEL":
            raise SystemExit(f"eval.py: {path} is not a telltale model file (no TTLMODEL magic)")
        version, length = struct.unpack("<II", preamble[8:16])
        if version not in (1, 2):
            raise SystemExit(f"eval.py: {path} has model format version {version}; this script reads versions 1 and 2")
        header = f.read(length)
    return json.loads(header)


# ---- per row: labels -> counts ----

class BadLabel(Exception):
    pass


def label_value(v):
    """0/1 like the corpus reader (Sources/Corpus/JSONLLineParser.swift); None = unknown."""
    if v is None:
        return None
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, int):
        if v in (0, 1):
            return v
        raise BadLabel(v)
    if isinstance(v, float):
        if v == 0 or v == 1:
            return int(v)
        raise BadLabel(v)
    if isinstance(v, str):
        if v in ("0", "1"):
            return int(v)
        raise BadLabel(v)
    raise BadLabel(v)


def labels_of(value):
    """The labels of a row as {name: 0|1} (unknown ones left out)."""
    if value is None:
        return {}
    if isinstance(value, (str, bytes, bytearray)):
        try:
            value = json.loads(value, parse_int=int)
        except ValueError:
            raise BadLabel(value)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise BadLabel(value)
    elif hasattr(value, "asDict"):  # a struct column
        value = value.asDict()
    out = {}
    for k, v in dict(value).items():
        x = label_value(v)
        if x is not None:
            out[k] = x
    return out


def make_counter(lanes, by_source):
    """mapPartitions: rows -> (key, count) pairs, combined within the partition.

    ("d", group, lane, score) -> [positives, negatives]
    ("u", group, lane) -> rows with the label known but no score
    ("i", label) -> rows with a label the model does not score
    ("rows",), ("skipped",) -> row counts
    """

    def count(rows):
        acc = {}

        def add(key, pos, neg):
            c = acc.get(key)
            if c is None:
                acc[key] = [pos, neg]
            else:
                c[0] += pos
                c[1] += neg

        for r in rows:
            if r["error"] is not None:
                add(("skipped",), 1, 0)
                continue
            try:
                labels = labels_of(r["labels"])
            except BadLabel:
                add(("skipped",), 1, 0)
                continue
            add(("rows",), 1, 0)
            scores = r["scores"] or {}
            groups = [ALL]
            if by_source:
                src = r["source"]
                groups.append((1, NO_SOURCE if src is None else str(src)))
            for name, target in labels.items():
                lane = lanes.get(name)
                if lane is None:
                    add(("i", name), 1, 0)
                    continue
                p = scores.get(name)
                for g in groups:
                    if p is None:
                        add(("u", g, lane), 1, 0)
                    elif target == 1:
                        add(("d", g, lane, float(p)), 1, 0)
                    else:
                        add(("d", g, lane, float(p)), 0, 1)
        return iter(acc.items())

    return count


def add_pairs(a, b):
    return [a[0] + b[0], a[1] + b[1]]


# ---- threshold-free per-score aggregates ----

def bin_index(p, bins):
    """Swift: min(max(Int((p * Double(b)).rounded(.down)), 0), b - 1)."""
    return min(max(int(math.floor(p * bins)), 0), bins - 1)


def make_simple_aggregates(thresholds, calibration_bins):
    """mapPartitions over ((group, lane, score), [pos, neg]) -> one dict per partition."""

    def agg(items):
        out = {}
        for (g, lane, p), (pos, neg) in items:
            a = out.get((g, lane))
            if a is None:
                a = out[(g, lane)] = {
                    "pos": 0, "neg": 0, "tp": 0, "fp": 0, "log_loss": 0.0,
                    "rel_count": [0] * calibration_bins, "rel_sum": [0.0] * calibration_bins,
                    "rel_pos": [0] * calibration_bins,
                    "sweep_pos": [0] * (len(SWEEP_GRID) + 1), "sweep_neg": [0] * (len(SWEEP_GRID) + 1),
                    "hist_pos": [0] * HISTOGRAM_BINS, "hist_neg": [0] * HISTOGRAM_BINS,
                }
            a["pos"] += pos
            a["neg"] += neg
            if p >= thresholds[lane]:
                a["tp"] += pos
                a["fp"] += neg
            if pos:
                a["log_loss"] -= pos * math.log(max(p, LOG_LOSS_EPSILON))
            if neg:
                a["log_loss"] -= neg * math.log(max(1 - p, LOG_LOSS_EPSILON))
            k = bin_index(p, calibration_bins)
            a["rel_count"][k] += pos + neg
            a["rel_sum"][k] += p * (pos + neg)
            a["rel_pos"][k] += pos
            s = bisect_right(SWEEP_GRID, p)  # grid thresholds at or below p
            a["sweep_pos"][s] += pos
            a["sweep_neg"][s] += neg
            h = 0 if math.isnan(p) else bin_index(p, HISTOGRAM_BINS)
            a["hist_pos"][h] += pos
            a["hist_neg"][h] += neg
        yield out

    return agg


def merge_simple(a, b):
    out = dict(a)
    for key, y in b.items():
        x = out.get(key)
        if x is None:
            out[key] = y
            continue
        merged = {}
        for field, v in x.items():
            w = y[field]
            merged[field] = [i + j for i, j in zip(v, w)] if isinstance(v, list) else v + w
        out[key] = merged
    return out


# ---- rank metrics: one sorted pass over the distinct scores ----

def partition_totals(index, items):
    """Per partition: (group, lane) -> [positives, negatives, highest score]."""
    out = {}
    for (g, lane, p), (pos, neg) in items:
        t = out.get((g, lane))
        if t is None:
            out[(g, lane)] = [pos, neg, p]
        else:
            t[0] += pos
            t[1] += neg
            t[2] = p  # ascending within the partition
    yield (index, out)


def make_rank_pass(below, totals, targets):
    """mapPartitionsWithIndex over sorted ((group, lane, score), [pos, neg]).

    below[index][(group, lane)] = [positives, negatives, previous distinct score or None] of the
    earlier partitions; totals[(group, lane)] = [P, N]. Yields per (group, lane): the ROC-AUC
    numerator Σ pos_s·(neg below s + neg_s/2), the AP sum Σ (pos_s/P)·precision(≥ s), the first
    score reaching each target precision and the best-F1 score (lowest on ties), with counts.
    """

    def run(index, items):
        state = {}
        start = below.get(index, {})
        for (g, lane, p), (pos, neg) in items:
            key = (g, lane)
            s = state.get(key)
            if s is None:
                b = start.get(key, [0, 0, None])
                s = state[key] = {"pos_below": b[0], "neg_below": b[1], "previous": b[2],
                                  "auc": 0.0, "ap": 0.0, "targets": [None] * len(targets), "best_f1": None}
            P, N = totals[key]
            tp = P - s["pos_below"]
            fp = N - s["neg_below"]
            s["auc"] += pos * (s["neg_below"] + neg / 2)
            if P > 0:
                precision = tp / (tp + fp)
                s["ap"] += (pos / P) * precision
                point = (p, tp, fp, s["neg_below"], s["pos_below"], s["previous"])
                for i, target in enumerate(targets):
                    if s["targets"][i] is None and precision >= target:
                        s["targets"][i] = point
                f1 = 2 * tp / (2 * tp + fp + s["pos_below"])
                if s["best_f1"] is None or f1 > s["best_f1"][0]:
                    s["best_f1"] = (f1,) + point
            s["pos_below"] += pos
            s["neg_below"] += neg
            s["previous"] = p
        for key, s in state.items():
            yield (key, (index, s["auc"], s["ap"], s["targets"], s["best_f1"]))

    return run


# ---- metric values with Swift's reasons ----

def metric(value, reason):
    return (value, None) if reason is None else (None, reason)


def ratio(num, den, reason):
    return (num / den, None) if den else (None, reason)


def fixed(x, digits):
    """Sources/Reporting/ReportFormat.fixed: exactly `digits` decimals, half away from zero."""
    scale = 1.0
    for _ in range(max(digits, 0)):
        scale *= 10
    y = abs(x) * scale
    scaled = math.floor(y)
    if y - scaled >= 0.5:
        scaled += 1
    if scaled >= 9e15:
        return repr(x)
    n = int(scaled)
    sign = "-" if x < 0 and n != 0 else ""
    if digits <= 0:
        return sign + str(n)
    s = int(scale)
    return sign + str(n // s) + "." + str(n % s).rjust(digits, "0")


def shortest_threshold(lower, upper):
    """ReportFormat.shortestThreshold: the shortest decimal t with lower < t <= upper."""
    for digits in range(18):
        scale = 1.0
        for _ in range(digits):
            scale *= 10
        candidate = fixed(math.floor(upper * scale) / scale, digits)
        value = float(candidate)
        if value > upper:
            continue
        if lower is not None and not value > lower:
            continue
        return candidate
    return repr(upper)


def suggestion(threshold, previous):
    """ReportCollector.suggestion: within 0.01 below the exact threshold, above the next lower score."""
    floor = threshold - 0.01
    below = max(previous, floor) if previous is not None else floor
    return shortest_threshold(below, threshold)


def point_members(p, P, N, include_threshold):
    """threshold?, precision, recall, f1, tp, fp, tn, fn of a point (score, tp, fp, tn, fn, previous)."""
    out = []
    if p is None:
        if include_threshold:
            out.append(("threshold", None))
        return out + [(k, None) for k in ("precision", "recall", "f1", "tp", "fp", "tn", "fn")]
    t, tp, fp, tn, fn = p[0], p[1], p[2], p[3], p[4]
    if include_threshold:
        out.append(("threshold", t))
    out += [("precision", ratio(tp, tp + fp, "")[0]), ("recall", ratio(tp, tp + fn, "")[0]),
            ("f1", ratio(2 * tp, 2 * tp + fp + fn, "")[0] if tp + fn > 0 else None),
            ("tp", tp), ("fp", fp), ("tn", tn), ("fn", fn)]
    return out


def basics(label, threshold, a, rank, unscored):
    """BASIC object of docs/eval-json-schema.md for one label (a: simple aggregates, rank: AUC/AP sums)."""
    P, N = (a["pos"], a["neg"]) if a else (0, 0)
    n = P + N
    tp, fp = (a["tp"], a["fp"]) if a else (0, 0)
    fn, tn = P - tp, N - fp
    metrics = [
        ("precision", ratio(tp, tp + fp, "no predicted positives")),
        ("recall", ratio(tp, P, "no positive examples")),
        ("f1", ratio(2 * tp, 2 * tp + fp + fn, "no positive examples") if P else (None, "no positive examples")),
        ("accuracy", ratio(tp + tn, n, "no examples")),
    ]
    if n == 0:
        auc = ap = (None, "no examples")
    else:
        auc = (None, "no positive examples") if P == 0 else (None, "no negative examples") if N == 0 \
            else (rank["auc"] / (P * N), None)
        ap = (None, "no positive examples") if P == 0 else (rank["ap"], None)
    metrics += [("roc_auc", auc), ("pr_auc", ap)]
    if n == 0:
        metrics += [("log_loss", (None, "no examples")), ("ece", (None, "no examples"))]
    else:
        ece = 0.0
        for c, s, pos in zip(a["rel_count"], a["rel_sum"], a["rel_pos"]):
            if c > 0:
                ece += c / n * abs(s / c - pos / c)
        metrics += [("log_loss", (a["log_loss"] / n, None)), ("ece", (ece, None))]
    obj = [("label", label), ("threshold", threshold), ("support", n), ("positives", P), ("negatives", N),
           ("unscored", unscored), ("confusion", {"tp": tp, "fp": fp, "tn": tn, "fn": fn})]
    obj += [(k, v[0]) for k, v in metrics]
    obj.append(("undefined", {k: v[1] for k, v in metrics if v[0] is None}))
    return obj, dict(metrics)


def label_object(label, threshold, a, rank, unscored, targets, bins):
    obj, metrics = basics(label, threshold, a, rank, unscored)
    P, N = (a["pos"], a["neg"]) if a else (0, 0)
    choices = []
    points = (rank["targets"] if rank else [None] * len(targets)) + [rank["best_f1"][1:] if rank and rank["best_f1"] else None]
    for i, p in enumerate(points):
        goal = "precision" if i < len(targets) else "best_f1"
        c = [("goal", goal), ("target", targets[i] if i < len(targets) else None),
             ("threshold", p[0] if p else None), ("suggested", suggestion(p[0], p[5]) if p else None)]
        choices.append(dict(c + point_members(p, P, N, include_threshold=False)))
    obj.append(("thresholds", choices))
    sweep = []
    if a:
        sp, sn = a["sweep_pos"], a["sweep_neg"]
        above_pos, above_neg = P, N  # rows with score >= grid[i]: those with more than i grid points at or below
        for i, t in enumerate(SWEEP_GRID):
            above_pos -= sp[i]
            above_neg -= sn[i]
            tp, fp = above_pos, above_neg
            sweep.append(dict(point_members((t, tp, fp, N - fp, P - tp, None), P, N, include_threshold=True)))
    else:
        sweep = [dict(point_members((t, 0, 0, 0, 0, None), 0, 0, True)) for t in SWEEP_GRID]
    obj.append(("sweep", sweep))
    rel = []
    for k in range(bins):
        c = a["rel_count"][k] if a else 0
        rel.append({"lower": k / bins, "upper": (k + 1) / bins, "count": c,
                    "mean_probability": a["rel_sum"][k] / c if c else 0,
                    "positive_rate": a["rel_pos"][k] / c if c else 0})
    obj.append(("reliability", rel))
    obj.append(("histogram", {"bins": HISTOGRAM_BINS,
                              "positives": a["hist_pos"] if a else [0] * HISTOGRAM_BINS,
                              "negatives": a["hist_neg"] if a else [0] * HISTOGRAM_BINS}))
    return dict(obj), metrics


def macro(per_label_metrics):
    out = {}
    undefined = {}
    for key in ("precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "ece"):
        values = [m[key][0] for m in per_label_metrics if m[key][0] is not None]
        if not per_label_metrics:
            out[key], undefined[key] = None, "no labels"
        elif not values:
            out[key], undefined[key] = None, "undefined for every label"
        else:
            total = 0.0
            for v in values:
                total += v
            out[key] = total / len(values)
    out["undefined"] = undefined
    return out


def parse_args(argv):
    p = argparse.ArgumentParser(description="Distributed evaluation of score.py output (telltale eval --json numbers).")
    p.add_argument("--scores", required=True, action="append", help="score.py output (Parquet); repeatable.")
    p.add_argument("--model", required=True, help="The model that scored them (labels and thresholds are read from it).")
    p.add_argument("--threshold", action="append", default=[], help="label=p, overriding the model's threshold.")
    p.add_argument("--target-precision", action="append", type=float, default=None,
                   help="Target precisions for the threshold choices (default 0.9 and 0.95).")
    p.add_argument("--calibration-bins", type=int, default=10)
    p.add_argument("--no-by-source", action="store_true", help="Skip the per-source breakdown.")
    p.add_argument("--json", default="-", help="Where to write the report (- = standard output).")
    p.add_argument("--partitions", type=int, default=0, help="Partitions of the distinct-score sort (default: Spark's).")
    return p.parse_args(argv)


def model_path(path):
    """The model on the driver: `path` itself, or the file of that name shipped with --files."""
    if os.path.exists(path):
        return path
    from pyspark import SparkFiles
    try:
        shipped = SparkFiles.get(os.path.basename(path))
    except Exception:
        shipped = None
    if shipped and os.path.exists(shipped):
        return shipped
    raise SystemExit(f"eval.py: model {path} not found on the driver; give its path or ship it with --files")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = SparkSession.builder.appName("telltale-eval").getOrCreate()
    header = read_model_header(model_path(args.model))
    labels = list(header["labels"])
    thresholds = [float(t) for t in header["thresholds"]]
    for t in args.threshold:
        name, _, value = t.partition("=")
        if name not in labels or not value:
            raise SystemExit(f"eval.py: --threshold {t}: expected label=p with a label of the model ({', '.join(labels)})")
        thresholds[labels.index(name)] = float(value)
    targets = args.target_precision if args.target_precision is not None else [0.9, 0.95]
    bins = max(args.calibration_bins, 1)
    lanes = {l: i for i, l in enumerate(labels)}
    by_source = not args.no_by_source

    df = spark.read.parquet(*args.scores)
    if "labels" not in df.columns:
        raise SystemExit("eval.py: the scores have no 'labels' column: run score.py with --keep labels,source")
    cols = ["error", "scores", "labels"] + (["source"] if "source" in df.columns else [])
    rows = df.select(*cols).rdd
    if "source" not in df.columns:
        rows = rows.map(lambda r: {"error": r["error"], "scores": r["scores"], "labels": r["labels"], "source": None})

    counted = rows.mapPartitions(make_counter(lanes, by_source)).reduceByKey(add_pairs).persist()
    small = dict(counted.filter(lambda kv: kv[0][0] != "d").collect())
    distinct = counted.filter(lambda kv: kv[0][0] == "d").map(lambda kv: (kv[0][1:], kv[1]))

    simple = distinct.mapPartitions(make_simple_aggregates(thresholds, bins)).fold({}, merge_simple)

    n_parts = args.partitions or None
    ordered = distinct.sortByKey(numPartitions=n_parts).persist()
    per_part = dict(ordered.mapPartitionsWithIndex(partition_totals).collect())
    totals, below = {}, {}
    for index in sorted(per_part):
        below[index] = {k: [v[0], v[1], v[2]] for k, v in totals.items()}
        for key, (pos, neg, high) in per_part[index].items():
            t = totals.setdefault(key, [0, 0, None])
            t[0] += pos
            t[1] += neg
            t[2] = high
    totals_pn = {k: (v[0], v[1]) for k, v in totals.items()}
    pieces = ordered.mapPartitionsWithIndex(make_rank_pass(below, totals_pn, targets)).collect()
    rank = {}
    for key, (index, auc, ap, tgt, best) in sorted(pieces, key=lambda kv: kv[1][0]):
        r = rank.setdefault(key, {"auc": 0.0, "ap": 0.0, "targets": [None] * len(targets), "best_f1": None})
        r["auc"] += auc
        r["ap"] += ap
        for i, p in enumerate(tgt):
            if r["targets"][i] is None and p is not None:
                r["targets"][i] = p  # partitions in ascending order: the first one is the lowest
        if best is not None and (r["best_f1"] is None or best[0] > r["best_f1"][0]):
            r["best_f1"] = best
    counted.unpersist()
    ordered.unpersist()

    def unscored(g, lane):
        return small.get(("u", g, lane), [0, 0])[0]

    label_objects, label_metrics = [], []
    for lane, label in enumerate(labels):
        key = (ALL, lane)
        obj, m = label_object(label, thresholds[lane], simple.get(key), rank.get(key), unscored(ALL, lane), targets, bins)
        label_objects.append(obj)
        label_metrics.append(m)
    sources = []
    if by_source:
        groups = {k[0] for k in simple if k[0] != ALL} | {k[1] for k in small if k[0] == "u" and k[1] != ALL}
        for g in sorted(groups, key=lambda g: g[1]):
            per = []
            for lane, label in enumerate(labels):
                key = (g, lane)
                if key not in simple and unscored(g, lane) == 0:
                    continue
                obj, _ = basics(label, thresholds[lane], simple.get(key), rank.get(key), unscored(g, lane))
                per.append(dict(obj))
            if per:
                sources.append({"source": g[1], "labels": per})
    report = {
        "schema": "telltale-eval-report",
        "version": 1,
        "producer": "scripts/spark/eval.py",
        "model": {"path": args.model, "description": None},
        "rows": small.get(("rows",), [0, 0])[0],
        "skipped_lines": small.get(("skipped",), [0, 0])[0],
        "ignored_labels": {k[1]: v[0] for k, v in sorted(small.items()) if k[0] == "i"},
        "settings": {"target_precisions": targets, "calibration_bins": bins},
        "labels": label_objects,
        "macro": macro(label_metrics),
        "by_source": sources,
    }
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if args.json == "-":
        sys.stdout.write(text)
    else:
        tmp = args.json + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.json)
    spark.stop()


if __name__ == "__main__":
    main()
