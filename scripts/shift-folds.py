#!/usr/bin/env python3
"""Build the non_idiomatic shift folds: train without one group of text, test on that group.

Usage: shift-folds.py OUTDIR [--corpora DIR] [--natives FILE] [--folds wmt22,wmt21,genre]

Dev shares years, sources and neighbouring sentences of the same documents with train, so it
rewards remembering topics. A shift fold holds a whole group out of training instead:

  wmt22  train: every row whose source does not start with `wmt22-`; test: the `wmt22-` rows
  wmt21  the same for `wmt21-`
  dev    (not a shift) train: everything; test: dev.jsonl + the off_topic dev answers
  genre  train: without the Chinese-L1 learner essays (`fce-zh-l1`) and without native answers;
         test: the learner sentences + native MedQuAD / Skeptics answers (registers the
         translated news never shows)

For each fold FOLD the script writes, under OUTDIR/FOLD/:
  train.jsonl   training rows (non_idiomatic train.jsonl minus the group, + the --natives rows
                minus the group)
  calib.jsonl   calibration rows (non_idiomatic dev.jsonl minus the group)
  test.jsonl    the group's rows from train.jsonl and dev.jsonl (never trained or calibrated on)
  train.tsv / test.tsv  the same rows for the peers (label<TAB>text)

--natives FILE: extra native rows (scripts/native_negatives.py: off_topic answers, UD sentences),
added to every fold's training rows except those the fold holds out. The genre fold's test rows
are the learner sentences (train + dev) and every distinct native MedQuAD / Skeptics answer of
off_topic train and dev.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from native_negatives import native_answers, read  # noqa: E402


def read(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def clean(s):
    return s.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tsv = path[:-len(".jsonl")] + ".tsv"
    with open(tsv, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(f"{r['labels']['non_idiomatic']}\t{clean(r['text'])}\n")


FOLDS = {
    # Not a shift: train on everything, test on dev (+ the native off_topic dev answers), for the
    # secondary "dev" column.
    "dev": lambda src: False,
    "wmt22": lambda src: src.startswith("wmt22-"),
    "wmt21": lambda src: src.startswith("wmt21-"),
    "genre": lambda src: src == "fce-zh-l1" or src.endswith("-own-answer"),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--corpora", default=os.environ.get("TELLTALE_CORPORA", "../shared/corpora"))
    ap.add_argument("--natives", help="JSONL of native rows to add to training (scripts/native_negatives.py)")
    ap.add_argument("--folds", default="wmt22,wmt21,genre,dev")
    a = ap.parse_args()
    ni = os.path.join(a.corpora, "non_idiomatic")
    train = list(read(os.path.join(ni, "train.jsonl")))
    dev = list(read(os.path.join(ni, "dev.jsonl")))
    natives = list(read(a.natives)) if a.natives else []
    answers = native_answers(a.corpora, "train", None) + native_answers(a.corpora, "dev", None)
    os.makedirs(a.outdir, exist_ok=True)
    for fold in a.folds.split(","):
        held = FOLDS[fold]
        d = os.path.join(a.outdir, fold)
        os.makedirs(d, exist_ok=True)
        tr = [r for r in train + natives if not held(r.get("source", ""))]
        ca = [r for r in dev if not held(r.get("source", ""))]
        te = [r for r in train + dev if held(r.get("source", ""))]
        if fold == "genre":
            te += answers
        if fold == "dev":
            ca, te = dev, dev + native_answers(a.corpora, "dev", None)
        write(os.path.join(d, "train.jsonl"), tr)
        write(os.path.join(d, "calib.jsonl"), ca)
        write(os.path.join(d, "test.jsonl"), te)
        print(f"{fold}: train {len(tr)}, calibration {len(ca)}, test {len(te)} "
              f"(positives {sum(r['labels']['non_idiomatic'] for r in te)})")


if __name__ == "__main__":
    main()
