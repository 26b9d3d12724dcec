#!/usr/bin/env python3
"""Per-row probabilities of the ../shared/peers classifiers (fastText, sklearn NB/LR, VW).

Usage (with the peers' venv python):
  $PEERS/.venv/bin/python scripts/peers-predictions.py PEERS_DIR TRAIN.tsv TEST.tsv OUTDIR [MODELS]

`bench_classify.py` reports only aggregate metrics; per-source figures need each row's score. This
runs the harness's own worker for each peer (`bench_classify.run_worker`: the same code, defaults and
one-thread settings as a `bench_classify.py` run) in a child process and writes
OUTDIR/NAME.pred (`label<TAB>P(1)` per test row, the format scripts/shift-metrics.py reads) and
OUTDIR/NAME.json (the worker's timings). MODELS: comma-separated (default: all five).
"""
import json
import os
import subprocess
import sys

DEFAULTS = {  # bench_classify.py's argparse defaults
    "threads": 1, "lowercase": 1, "ft_epoch": 25, "ft_lr": 0.5, "ft_dim": 50, "ft_minn": 2, "ft_maxn": 4,
    "ft_bucket": 2000000, "hash_bits": 20, "nb_alpha": 0.1, "lr_C": 10.0, "lr_solver": None,
    "lr_max_iter": 1000, "vw_bits": 22, "vw_passes": 5, "vw_no_char": False,
}


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    peers, train, test, outdir = sys.argv[1:5]
    models = (sys.argv[5] if len(sys.argv) > 5 else "fasttext,fasttext_char,nb_hash,lr_hash,vw").split(",")
    os.makedirs(outdir, exist_ok=True)
    cfg = dict(DEFAULTS, train=os.path.abspath(train), test=os.path.abspath(test))
    cfg_path = os.path.join(outdir, "cfg.json")
    with open(cfg_path, "w") as f:
        json.dump(cfg, f)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    for name in models:
        out = os.path.join(outdir, f"{name}.json")
        rc = subprocess.run([sys.executable, os.path.join(peers, "bench_classify.py"), "--_worker", name,
                             "--_cfg", cfg_path, "--_out", out], env=env).returncode
        if rc != 0:
            print(f"{name}: worker exited {rc}", file=sys.stderr)
            continue
        with open(out) as f:
            res = json.load(f)
        proba = res["proba"].get("1")
        if proba is None:
            print(f"{name}: no probability for class 1", file=sys.stderr)
            continue
        with open(os.path.join(outdir, f"{name}.pred"), "w") as f:
            for lab, p in zip(res["pred"], proba):
                f.write(f"{lab}\t{p}\n")
        res.pop("pred")
        res.pop("proba")
        with open(out, "w") as f:
            json.dump(res, f)


if __name__ == "__main__":
    main()
