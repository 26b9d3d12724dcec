#!/usr/bin/env python3
"""fastText's own C++ command line (Debian package `fasttext`, 0.9.2) as an `--external` tool for
../shared/peers/bench_classify.py, timed exactly like Telltale in peers-external.py.

  peers-fasttext-cli.py TRAIN.tsv TEST.tsv PRED TIMING

The harness's `fasttext` row calls the Python binding once per line, so Python's per-call cost is
part of its posts/s. This row takes Python out: `fasttext supervised` with the harness's settings
(epoch 25, lr 0.5, dim 50, wordNgrams 2, bucket 2,000,000, softmax, 1 thread, lowercased text), then
`fasttext predict-prob MODEL.bin TEST.txt 2` as one process over all rows.
  init_s    = fastest of 3 `predict-prob` runs on an empty file (process start + loading the model)
  predict_s = median of FASTTEXT_REPEATS (7) runs on the test rows minus init_s
FASTTEXT (env) names the binary (default: fasttext on PATH). TELLTALE_BENCH_LOG: as in
peers-external.py. FASTTEXT_MODEL_CACHE: directory to reuse a model trained on the same file.
"""
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timed_run import timed_run  # noqa: E402

FT = os.environ.get("FASTTEXT") or shutil.which("fasttext")
REPEATS = int(os.environ.get("FASTTEXT_REPEATS", "7"))


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            lab, text = line.split("\t", 1)
            rows.append((lab.strip(), text.replace("\n", " ")))
    return rows


def predict(model, test_txt, out_path, tmp):
    return timed_run([FT, "predict-prob", model, test_txt, "2"], out_path, tmp)


def main():
    if not FT:
        sys.exit("no fasttext binary: apt-get install fasttext (or set FASTTEXT)")
    train_tsv, test_tsv, pred, timing = sys.argv[1:5]
    train_rows, test_rows = read_tsv(train_tsv), read_tsv(test_tsv)
    classes = sorted({l for l, _ in train_rows})
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.environ.get("FASTTEXT_MODEL_CACHE")
        key = None
        if cache:
            with open(train_tsv, "rb") as f:
                key = os.path.join(cache, "ft-" + hashlib.sha256(f.read()).hexdigest()[:16])
        train_s = 0.0
        if key and os.path.exists(key + ".bin") and os.path.exists(key + ".json"):
            model = key + ".bin"
            with open(key + ".json") as f:
                train_s = json.load(f)["train_s"]
        else:
            tr = os.path.join(tmp, "train.txt")
            with open(tr, "w", encoding="utf-8") as f:
                for lab, text in train_rows:
                    f.write(f"__label__{lab} {text.lower()}\n")
            out = os.path.join(tmp, "model")
            t0 = time.perf_counter()
            subprocess.run([FT, "supervised", "-input", tr, "-output", out, "-epoch", "25", "-lr", "0.5",
                            "-dim", "50", "-wordNgrams", "2", "-bucket", "2000000", "-minn", "0", "-maxn", "0",
                            "-loss", "softmax", "-thread", "1", "-verbose", "0"], check=True)
            train_s = time.perf_counter() - t0
            model = out + ".bin"
            if key:
                os.makedirs(cache, exist_ok=True)
                shutil.copy(model, key + ".bin")
                with open(key + ".json", "w") as f:
                    json.dump({"train_s": train_s, "train": train_tsv}, f)
                model = key + ".bin"
        te = os.path.join(tmp, "test.txt")
        with open(te, "w", encoding="utf-8") as f:
            for _, text in test_rows:
                f.write(text.lower() + "\n")
        empty = os.path.join(tmp, "empty.txt")
        open(empty, "w").close()
        init_all = [predict(model, empty, os.path.join(tmp, "e.out"), tmp) for _ in range(3)]
        init = [x[0] for x in init_all]
        runs, rss, cpu = [], [], []
        for _ in range(REPEATS):
            dt, peak, c = predict(model, te, os.path.join(tmp, "p.out"), tmp)
            runs.append(dt)
            rss.append(peak)
            cpu.append(c)
        init_s = min(init)
        predict_s = max(statistics.median(runs) - init_s, 1e-9)
        # Output: one line per row, "__label__X p [__label__Y q]"; an empty row gives an empty line.
        n = 0
        pos = classes[1] if len(classes) == 2 else None
        with open(os.path.join(tmp, "p.out"), encoding="utf-8") as f, open(pred, "w") as out:
            for line in f:
                parts = line.split()
                probs = {parts[i][len("__label__"):]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}
                best = max(probs, key=probs.get) if probs else classes[0]
                out.write(f"{best}\t{probs.get(pos, 0.0):.6f}\n" if pos else f"{best}\n")
                n += 1
        if n != len(test_rows):
            sys.exit(f"fasttext predict-prob gave {n} lines for {len(test_rows)} rows")
    with open(timing, "w") as f:
        json.dump({"train_s": train_s, "predict_s": predict_s, "init_s": init_s, "threads": 1}, f)
    path = os.environ.get("TELLTALE_BENCH_LOG")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"mode": "fasttext-cli", "name": os.environ.get("TELLTALE_BENCH_NAME"),
                                "run": os.environ.get("TELLTALE_BENCH_RUN"), "test": test_tsv, "rows": len(test_rows), "threads": 1,
                                "train_s": train_s, "init_s": init_s, "init_runs": init, "score_runs": runs,
                                "predict_s": predict_s, "score_peak_rss_mb": max(rss),
                                "init_cpu_runs": [x[2] for x in init_all], "score_cpu_runs": cpu,
                                "predict_cpu_s": max(statistics.median(cpu) - min(x[2] for x in init_all), 1e-9)}) + "\n")


if __name__ == "__main__":
    main()
