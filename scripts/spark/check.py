#!/usr/bin/env python3
"""Checks for the Spark test (scripts/spark/test.sh).

  check.py scores --run DIR CLI_OUT.jsonl IN.jsonl [--run ...] [--keep labels,source]
      score.py's output equals `telltale score`'s on the same single input file: one row per input
      line, in order (by `row`), same id, same error message, same scores (exactly) and flags; the
      kept fields equal the input line's.
  check.py report --expected A.json --actual B.json [--tolerance 1e-6]
      every metric of report A (the reference, or `telltale eval --json`) is in report B (eval.py)
      within the tolerance; counts, labels and strings exactly. Keys eval.py does not produce by
      design (curves, worst examples, data files) are skipped and listed.
"""
import argparse
import json
import sys

NOT_PRODUCED = {"roc_curve", "pr_curve", "false_positives", "false_negatives", "data", "model", "producer",
                "top_errors"}


def check_scores(args):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[1]").appName("telltale-check")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.log.level", "ERROR").getOrCreate())
    keep = [k for k in args.keep.split(",") if k]
    failed = False
    for parquet, cli_path, data_path in args.run:
        rows = [r.asDict() for r in spark.read.parquet(parquet).orderBy("row").collect()]
        failed |= not check_one(parquet, rows, cli_path, data_path, keep)
    spark.stop()
    if failed:
        sys.exit(1)


def check_one(parquet, rows, cli_path, data_path, keep):
    with open(cli_path, encoding="utf-8") as f:
        cli = [json.loads(l) for l in f]
    with open(data_path, "rb") as f:
        data = f.read().split(b"\n")
    if data and data[-1] == b"":
        data.pop()
    problems = []
    if len(rows) != len(cli):
        problems.append(f"{len(rows)} Spark rows but {len(cli)} CLI lines")
    if len({r["row"] for r in rows}) != len(rows):
        problems.append("row keys are not unique")
    for i, (r, c) in enumerate(zip(rows, cli)):
        where = f"line {i + 1}"
        cid = c.get("id")
        cid = None if cid is None else str(cid)
        if r["id"] != cid:
            problems.append(f"{where}: id {r['id']!r} != CLI {cid!r}")
        if "error" in c:
            if r["error"] != c["error"] or r["scores"] is not None:
                problems.append(f"{where}: error {r['error']!r} != CLI {c['error']!r}")
            continue
        if r["error"] is not None:
            problems.append(f"{where}: Spark error {r['error']!r} but the CLI scored it")
            continue
        if r["scores"] != c["scores"]:
            problems.append(f"{where}: scores {r['scores']} != CLI {c['scores']}")
        if r["flags"] != c["flags"]:
            problems.append(f"{where}: flags {r['flags']} != CLI {c['flags']}")
        try:
            src = json.loads(data[i].decode("utf-8"))
        except ValueError:
            src = None
        for k in keep:
            want = src.get(k) if isinstance(src, dict) else None
            got = r[k]
            if isinstance(want, (dict, list)):
                got = json.loads(got) if got is not None else None
            if got != want:
                problems.append(f"{where}: kept field {k} {got!r} != input {want!r}")
    errors = sum(1 for c in cli if "error" in c)
    no_id = sum(1 for c in cli if "error" not in c and c.get("id") is None)
    return report(problems, f"{parquet}: {len(rows)} rows ({errors} error records, {no_id} scored rows without id) "
                            f"equal the CLI's, in order", exit_on_failure=False)


def compare(expected, actual, path, tol, problems, skipped):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            problems.append(f"{path}: expected an object, got {actual!r}")
            return
        for k, v in expected.items():
            if k in NOT_PRODUCED:
                skipped.add(k)
                continue
            if k not in actual:
                problems.append(f"{path}.{k}: missing")
                continue
            compare(v, actual[k], f"{path}.{k}", tol, problems, skipped)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            problems.append(f"{path}: expected {len(expected)} items, got {actual!r:.200}")
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, f"{path}[{i}]", tol, problems, skipped)
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if expected != actual:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    elif isinstance(expected, int) and isinstance(actual, int):
        if expected != actual:
            problems.append(f"{path}: expected {expected}, got {actual}")
    elif isinstance(expected, (int, float)):
        if not isinstance(actual, (int, float)) or isinstance(actual, bool) or abs(expected - actual) > tol:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    else:
        problems.append(f"{path}: unexpected value {expected!r}")


def check_report(args):
    with open(args.expected, encoding="utf-8") as f:
        expected = json.load(f)
    with open(args.actual, encoding="utf-8") as f:
        actual = json.load(f)
    problems, skipped = [], set()
    compare(expected, actual, "$", args.tolerance, problems, skipped)
    labels = ", ".join(f"{l['label']} (support {l['support']})" for l in expected.get("labels", []))
    report(problems, f"report {args.actual} matches {args.expected} within {args.tolerance:g}: {labels}"
                     + (f"; not compared (not produced by eval.py): {', '.join(sorted(skipped))}" if skipped else ""))


def report(problems, ok, exit_on_failure=True):
    if problems:
        for p in problems[:40]:
            print("MISMATCH " + p, file=sys.stderr)
        if len(problems) > 40:
            print(f"... and {len(problems) - 40} more", file=sys.stderr)
        if exit_on_failure:
            sys.exit(1)
        return False
    print("ok: " + ok)
    return True


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scores")
    s.add_argument("--run", nargs=3, action="append", required=True, metavar=("PARQUET", "CLI_JSONL", "INPUT"),
                   help="score.py output, telltale score output and the input they were made from; repeatable.")
    s.add_argument("--keep", default="")
    r = sub.add_parser("report")
    r.add_argument("--expected", required=True)
    r.add_argument("--actual", required=True)
    r.add_argument("--tolerance", type=float, default=1e-6)
    args = p.parse_args()
    check_scores(args) if args.cmd == "scores" else check_report(args)


if __name__ == "__main__":
    main()
