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
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import queue
import threading
import time

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
    p.add_argument("--engine", choices=["auto", "arrow", "rdd"], default="auto",
                   help="arrow: mapInArrow (needs pyarrow and pandas; no Python object per field); rdd: mapPartitions "
                        "on Rows (plain PySpark); auto: arrow when pyarrow and pandas import. Both cost the same within "
                        "noise on 100,000 posts in local[1] (BENCHMARKS.md, Spark).")
    p.add_argument("--mode", default="overwrite", help="Parquet write mode (overwrite, errorifexists, ...).")
    p.add_argument("--timing", action="store_true",
                   help="Print the wall seconds of the scoring job (read, pipe, write; Spark start-up excluded) to "
                        "stderr, and the CPU seconds it took in this machine's Spark processes and their children "
                        "(local mode: JVM, Python workers, telltale; Linux /proc).")
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


def widen_pipes(proc):
    """1 MB pipes (Linux): telltale reads and writes in batches of 4096 lines, so with the default
    64 KB the feeder waits while telltale scores a batch and telltale waits while Python reads."""
    try:
        import fcntl
        for f in (proc.stdin, proc.stdout):
            fcntl.fcntl(f.fileno(), 1031, 1 << 20)  # F_SETPIPE_SZ
    except (ImportError, OSError):
        pass


class TelltalePipe:
    """One `telltale score` process fed from a writer thread while its output is read in order.

    `run(units)` takes (payload, line count, context) units and yields (context, output lines):
    the output of each unit's lines, in order. Fewer or more output lines than input lines, a
    non-zero exit status, or a failed write raise (the task fails, Spark retries it, then fails
    the job), so a record is never dropped or shifted silently.
    """

    def __init__(self, binary, model, extra_args):
        exe = executable(shipped(binary))
        self.cmd = [exe, "score", "--model", shipped(model), "--input", "-"] + extra_args
        self.errlog = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.errlog, bufsize=1 << 20)
        widen_pipes(self.proc)

    def failure(self, what):
        self.proc.kill()
        self.errlog.seek(0)
        tail = self.errlog.read()[-4000:].decode("utf-8", "replace")
        return RuntimeError(f"telltale score on this partition: {what}; command {self.cmd}; stderr: {tail}")

    def run(self, units):
        pending = queue.Queue()  # (line count, context) of each unit, before its lines are written
        sent = [0]
        writer_error = []
        stdin = self.proc.stdin

        def feed():
            try:
                for payload, n, context in units:
                    pending.put((n, context))
                    stdin.write(payload)
                    sent[0] += n
            except BaseException as e:  # e.g. BrokenPipeError when telltale died: reported below
                writer_error.append(e)
            finally:
                pending.put(None)
                try:
                    stdin.close()
                except BaseException:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        out = self.proc.stdout
        received = 0
        while True:
            unit = pending.get()
            if unit is None:
                break
            n, context = unit
            lines = [out.readline() for _ in range(n)]
            if n and not lines[-1].endswith(b"\n"):
                got = received + sum(1 for l in lines if l.endswith(b"\n"))
                raise self.failure(f"output ended after {got} lines, {sent[0]} or more lines in")
            received += n
            yield context, lines
        writer.join()
        if writer_error:
            raise self.failure(f"writing input failed after {sent[0]} lines: {writer_error[0]!r}")
        extra = out.readline()
        rc = self.proc.wait()
        if extra:
            raise self.failure(f"more output lines than input lines ({received} in; next output {extra[:200]!r})")
        if rc != 0:
            raise self.failure(f"exit status {rc}")


def rdd_piper(binary, model, extra_args, keep_count, chunk=1024):
    """mapPartitions: Rows (row, line bytes, kept...) -> (row, output line, kept...)."""

    def units(rows):
        batch, payload = [], []
        for r in rows:
            batch.append((r[0],) + tuple(r[2:2 + keep_count]))
            line = r[1]
            payload.append(bytes(line) if line is not None else b"")
            if len(batch) == chunk:
                yield b"\n".join(payload) + b"\n", len(batch), batch
                batch, payload = [], []
        if batch:
            yield b"\n".join(payload) + b"\n", len(batch), batch

    def pipe_partition(rows):
        for keys, lines in TelltalePipe(binary, model, extra_args).run(units(rows)):
            for key, out in zip(keys, lines):
                yield (key[0], out[:-1].decode("utf-8", "replace")) + key[1:]

    return pipe_partition


def arrow_piper(binary, model, extra_args, kept_names):
    """mapInArrow: batches (row, line, kept...) -> batches (row, out, kept...), no Python object per
    field but the line bytes."""

    def pipe_batches(batches):
        import pyarrow as pa

        def units():
            for b in batches:
                lines = b.column(1)
                if lines.null_count:
                    lines = lines.fill_null(b"")
                yield b"\n".join(lines.to_pylist()) + b"\n", b.num_rows, b
        for b, lines in TelltalePipe(binary, model, extra_args).run(units()):
            out = pa.array([l[:-1] for l in lines], pa.binary())
            try:
                out = out.cast(pa.string())
            except pa.ArrowInvalid:
                out = pa.array([l[:-1].decode("utf-8", "replace") for l in lines], pa.string())
            yield pa.RecordBatch.from_arrays([b.column(0), out] + [b.column(2 + i) for i in range(len(kept_names))],
                                             names=["row", "out"] + kept_names)

    return pipe_batches


def arrow_available():
    try:
        import pandas  # noqa: F401  (PySpark's mapInArrow requires it)
        import pyarrow  # noqa: F401
        return True
    except ImportError:
        return False


def tree_cpu_seconds(root):
    """CPU seconds (user+system) of process `root` and its live descendants, by command name:
    {name: [own, reaped children]} (a telltale process waited for by a Python worker counts in the
    worker's children). Empty where /proc is missing."""
    parent, cpu = {}, {}
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                name, rest = f.read().split(" (", 1)[1].rsplit(")", 1)
            fields = rest.split()
        except (OSError, IndexError, ValueError):
            continue
        parent[pid] = int(fields[1])
        cpu[pid] = (name, int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]))
    children = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    tick = os.sysconf("SC_CLK_TCK")
    total, stack = {}, [root]
    while stack:
        pid = stack.pop()
        if pid in cpu:
            name, own, reaped = cpu[pid]
            t = total.setdefault(name, [0.0, 0.0])
            t[0] += own / tick
            t[1] += reaped / tick
        stack.extend(children.get(pid, []))
    return total


def cpu_used(before, after):
    """(total seconds, "name own+children ..." text) between two tree_cpu_seconds results."""
    parts, total = [], 0.0
    for name in sorted(after):
        own = after[name][0] - before.get(name, [0.0, 0.0])[0]
        reaped = after[name][1] - before.get(name, [0.0, 0.0])[1]
        total += own + reaped
        if own + reaped >= 0.01:
            parts.append(f"{name} {own:.2f}+{reaped:.2f}")
    return total, ", ".join(parts)


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
    if args.repartition > 0:
        posts = posts.repartition(args.repartition)
    schema = T.StructType([T.StructField("row", T.LongType(), False), T.StructField("out", T.StringType())]
                          + [T.StructField(k, t) for k, t in zip(keep, kept_types)])
    engine = args.engine
    if engine == "auto":
        engine = "arrow" if arrow_available() else "rdd"
    if engine == "arrow":
        raw = posts.mapInArrow(arrow_piper(args.binary, args.model, extra, keep), schema)
    else:
        raw = spark.createDataFrame(posts.rdd.mapPartitions(rdd_piper(args.binary, args.model, extra, len(keep))), schema)
    parsed = F.from_json(F.col("out"), OUTPUT_SCHEMA)
    # An output line that is not telltale's JSON (never expected) becomes an error, not a blank row.
    error = F.coalesce(parsed["error"], F.when(parsed["scores"].isNull(),
                                               F.concat(F.lit("unreadable telltale output: "), F.col("out"))))
    cols = [F.col("row"), parsed["id"].alias("id"), error.alias("error"),
            parsed["scores"].alias("scores"), parsed["flags"].alias("flags")]
    if args.explain:
        cols.append(parsed["reasons"].alias("reasons"))
    result = raw.select(*cols, *[F.col(k) for k in keep])
    jvm = os.getppid()  # spark-submit runs this driver as a child of its JVM (executors too in local mode)
    cpu_before, started = tree_cpu_seconds(jvm) if args.timing else {}, time.monotonic()
    result.write.mode(args.mode).parquet(args.output)
    if args.timing:
        wall = time.monotonic() - started
        cpu, parts = cpu_used(cpu_before, tree_cpu_seconds(jvm))
        print(f"score.py: job {wall:.3f} s, cpu {cpu:.2f} s ({parts}; process own+reaped children)", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
