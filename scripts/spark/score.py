#!/usr/bin/env python3
"""Score posts on Apache Spark by piping each partition through the `telltale score` binary.

    spark-submit scripts/spark/score.py --binary .build/release/telltale --model M \
        --input posts.jsonl --output scores.parquet [--keep labels,source]

Input: JSONL or plain-text lines (read as raw bytes, exactly as `telltale score` reads a file), or
Parquet with a text column (and optional parent / id columns), serialised to one JSON line per row.
Each partition is written, in order, to the stdin of one `telltale score` process on the executor;
its output line i belongs to input line i of that partition (the CLI writes exactly one line per
input line, in order), so rows are matched by position and rows without an `id` are kept too.
The binary and the model are shipped to the executors with SparkContext.addFile (or `--files`).

Output (Parquet), one row per input row:
  row     long    synthetic key, unique and increasing in Spark's read order (monotonically_increasing_id:
                  partition index << 33 | position); sort by it to get the input order back
  id      string  the post's id as `telltale score` echoes it (numbers as text), null if none
  error   string  why the line could not be scored (invalid UTF-8, malformed JSON, ...), else null
  scores  map<string,double>  label -> probability (null for off_topic without parent); null on error
  flags   array<string>       labels over their threshold; null on error
  reasons map<string,array<string>>  only with --explain
  + the --keep fields: for JSONL, the field's JSON text (an object stays JSON, a string is unquoted);
    for Parquet, the column as it is.
A partition whose process fails, or that gives back a different number of lines, fails the task
(Spark retries it, then fails the job): no record is ever dropped silently.
"""
import argparse
import collections
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

OUTPUT_SCHEMA = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("error", T.StringType()),
    T.StructField("scores", T.MapType(T.StringType(), T.DoubleType(), valueContainsNull=True)),
    T.StructField("flags", T.ArrayType(T.StringType())),
    T.StructField("reasons", T.MapType(T.StringType(), T.ArrayType(T.StringType()))),
])


def parse_args(argv):
    p = argparse.ArgumentParser(description="Score posts on Spark with the telltale binary.")
    p.add_argument("--input", required=True, action="append",
                   help="Input path (file, directory or glob); repeatable.")
    p.add_argument("--output", required=True, help="Output Parquet directory.")
    p.add_argument("--binary", required=True,
                   help="The telltale binary, built on the cluster's OS (path on the driver, or a file name given to --files).")
    p.add_argument("--model", required=True, help="Model file (path on the driver, or a file name given to --files).")
    p.add_argument("--format", choices=["auto", "jsonl", "text", "parquet"], default="auto",
                   help="auto: parquet if the (first) input ends in .parquet, else JSONL/plain lines.")
    p.add_argument("--keep", default="", help="Comma-separated input fields to copy to the output (e.g. labels,source).")
    p.add_argument("--text-col", default="text", help="Parquet: column holding the post text.")
    p.add_argument("--parent-col", default="parent", help="Parquet: column holding the parent post (optional).")
    p.add_argument("--id-col", default="id", help="Parquet: column holding the id (optional).")
    p.add_argument("--threads", type=int, default=1, help="--threads of each telltale process (one per task).")
    p.add_argument("--threshold", action="append", default=[], help="Passed to telltale score (label=p); repeatable.")
    p.add_argument("--explain", action="store_true", help="Add the reasons column (telltale score --explain).")
    p.add_argument("--repartition", type=int, default=0,
                   help="Spread rows over N partitions after keys are assigned (e.g. one big gzip file).")
    p.add_argument("--mode", default="overwrite", help="Parquet write mode (overwrite, errorifexists, ...).")
    return p.parse_args(argv)


def shipped(path):
    """Where a file shipped with addFile / --files is on this machine (a local path wins if it exists)."""
    name = os.path.basename(path)
    try:
        local = SparkFiles.get(name)
        if os.path.exists(local):
            return local
    except Exception:
        pass
    if os.path.exists(path):
        return path
    if os.path.exists(name):  # --files in YARN / Kubernetes lands in the working directory
        return os.path.abspath(name)
    raise FileNotFoundError(f"{path}: not found on this executor; ship it with --files or give a path every node has")


def executable(path):
    """`path` if it can be executed, else a private executable copy (some file fetchers drop the x bit)."""
    if os.access(path, os.X_OK):
        return path
    fd, copy = tempfile.mkstemp(prefix="telltale-")
    os.close(fd)
    shutil.copyfile(path, copy)
    os.chmod(copy, stat.S_IRWXU)
    return copy


def make_piper(binary, model, extra_args, keep_count):
    """A mapPartitions function: rows (row, line bytes, kept...) -> (row, output line, kept...)."""

    def pipe_partition(rows):
        exe = executable(shipped(binary))
        cmd = [exe, "score", "--model", shipped(model), "--input", "-"] + extra_args
        errlog = tempfile.TemporaryFile()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errlog, bufsize=1 << 20)
        pending = collections.deque()  # (row, kept...) of lines written, not yet answered
        sent = [0]
        writer_error = []

        def feed():
            try:
                for r in rows:
                    pending.append((r[0],) + tuple(r[2:2 + keep_count]))
                    line = r[1]
                    proc.stdin.write(bytes(line) if line is not None else b"")
                    proc.stdin.write(b"\n")
                    sent[0] += 1
            except BaseException as e:  # e.g. BrokenPipeError when telltale died: reported below
                writer_error.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BaseException:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()

        def failure(what):
            proc.kill()
            errlog.seek(0)
            tail = errlog.read()[-4000:].decode("utf-8", "replace")
            return RuntimeError(f"telltale score on this partition: {what}; command {cmd}; stderr: {tail}")

        received = 0
        for out in proc.stdout:
            if not pending:
                raise failure(f"more output lines than input lines (output line {received + 1})")
            key = pending.popleft()
            received += 1
            yield (key[0], out.rstrip(b"\n").decode("utf-8", "replace")) + key[1:]
        writer.join()
        rc = proc.wait()
        if writer_error:
            raise failure(f"writing input failed after {sent[0]} lines: {writer_error[0]!r}")
        if rc != 0:
            raise failure(f"exit status {rc}")
        if received != sent[0] or pending:
            raise failure(f"{sent[0]} lines in but {received} lines out")

    return pipe_partition


def read_posts(spark, args, keep):
    """DataFrame (row, line: binary, kept...) and the Spark types of the kept columns."""
    fmt = args.format
    if fmt == "auto":
        fmt = "parquet" if args.input[0].rstrip("/").endswith(".parquet") else "jsonl"
    if fmt == "parquet":
        df = spark.read.parquet(*args.input)
        cols = set(df.columns)
        if args.text_col not in cols:
            sys.exit(f"score.py: the Parquet input has no column '{args.text_col}' (columns: {sorted(cols)}); use --text-col")
        parts = [F.col(args.text_col).alias("text")]
        if args.parent_col in cols:
            parts.append(F.col(args.parent_col).alias("parent"))
        if args.id_col in cols:
            parts.append(F.col(args.id_col).alias("id"))
        missing = [k for k in keep if k not in cols]
        if missing:
            sys.exit(f"score.py: --keep names columns the input does not have: {missing}")
        line = F.encode(F.to_json(F.struct(*parts)), "UTF-8")
        kept = [F.col(k) for k in keep]
        kept_types = [df.schema[k].dataType for k in keep]
    else:
        # Raw lines: Spark's text source keeps the bytes (cast to binary gives them back unchanged).
        df = spark.read.text(args.input)
        line = F.col("value").cast("binary")
        kept = [F.get_json_object(F.col("value"), "$." + k).alias(k) for k in keep]
        kept_types = [T.StringType() for _ in keep]
    df = df.select(F.monotonically_increasing_id().alias("row"), line.alias("line"), *kept)
    return df, kept_types


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    keep = [k.strip() for k in args.keep.split(",") if k.strip()]
    reserved = {"row", "line", "out", "id", "error", "scores", "flags", "reasons"}
    if reserved & set(keep):
        sys.exit(f"score.py: --keep cannot name {sorted(reserved & set(keep))}: the output has its own columns of that name")
    spark = SparkSession.builder.appName("telltale-score").getOrCreate()
    sc = spark.sparkContext
    for path in (args.binary, args.model):
        if os.path.exists(path):
            sc.addFile(os.path.abspath(path))

    extra = ["--threads", str(args.threads)]
    for t in args.threshold:
        extra += ["--threshold", t]
    if args.explain:
        extra.append("--explain")

    posts, kept_types = read_posts(spark, args, keep)
    rdd = posts.rdd
    if args.repartition > 0:
        rdd = rdd.repartition(args.repartition)
    piped = rdd.mapPartitions(make_piper(args.binary, args.model, extra, len(keep)))
    schema = T.StructType([T.StructField("row", T.LongType(), False), T.StructField("out", T.StringType())]
                          + [T.StructField(k, t) for k, t in zip(keep, kept_types)])
    raw = spark.createDataFrame(piped, schema)
    parsed = F.from_json(F.col("out"), OUTPUT_SCHEMA)
    # An output line that is not telltale's JSON (never expected) becomes an error, not a blank row.
    error = F.coalesce(parsed["error"], F.when(parsed["scores"].isNull(),
                                               F.concat(F.lit("unreadable telltale output: "), F.col("out"))))
    cols = [F.col("row"), parsed["id"].alias("id"), error.alias("error"),
            parsed["scores"].alias("scores"), parsed["flags"].alias("flags")]
    if args.explain:
        cols.append(parsed["reasons"].alias("reasons"))
    result = raw.select(*cols, *[F.col(k) for k in keep])
    result.write.mode(args.mode).parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
