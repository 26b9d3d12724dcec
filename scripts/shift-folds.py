#!/usr/bin/env python3
"""Build the non_idiomatic shift folds: train without one group of text, test on that group.

Usage: shift-folds.py OUTDIR [--corpora DIR] [--native-answers N] [--seed S]

Dev shares years, sources and neighbouring sentences of the same documents with train, so it
rewards remembering topics. A shift fold holds a whole group out of training instead:

  wmt22  train: every row whose source does not start with `wmt22-`; test: the `wmt22-` rows
  wmt21  the same for `wmt21-`
  genre  train: without the Chinese-L1 learner essays (`fce-zh-l1`) and without native answers;
         test: the learner sentences + native MedQuAD / Skeptics answers (registers the
         translated news never shows)

For each fold FOLD the script writes, under OUTDIR/FOLD/:
  train.jsonl   training rows (non_idiomatic train.jsonl minus the group, + native answers)
  calib.jsonl   calibration rows (non_idiomatic dev.jsonl minus the group)
  test.jsonl    the group's rows from train.jsonl and dev.jsonl (never trained or calibrated on)
  train.tsv / test.tsv  the same rows for the peers (label<TAB>text)

Native answers: the genuine answers of the off_topic corpus (`medquad-own-answer`,
`skeptics-own-answer`), used as non_idiomatic = 0 rows without their off_topic label: formal and
medical native English the news/tweet negatives do not cover. From off_topic/train.jsonl, distinct
texts, at most N MedQuAD answers (seeded sample; default 1500) and every Skeptics answer; the
off_topic dev answers are never used for training (they measure the false-positive rate).
`OUTDIR/native-answers.jsonl` holds the training answers (for scripts/train-default.sh).
"""
import argparse
import json
import os
import random


def read(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def native_answers(corpora, split, medquad_cap, seed):
    seen, medquad, skeptics = set(), [], []
    for r in read(os.path.join(corpora, "off_topic", f"{split}.jsonl")):
        src = r.get("source", "")
        if src not in ("medquad-own-answer", "skeptics-own-answer") or r["labels"].get("off_topic") != 0:
            continue
        t = r["text"]
        if t in seen:
            continue
        seen.add(t)
        row = {"id": "native-answer-" + r["id"], "text": t, "labels": {"non_idiomatic": 0}, "source": src}
        (medquad if src.startswith("medquad") else skeptics).append(row)
    if medquad_cap is not None and len(medquad) > medquad_cap:
        medquad = random.Random(seed).sample(medquad, medquad_cap)
        medquad.sort(key=lambda r: r["id"])
    return medquad + skeptics


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
    "wmt22": lambda src: src.startswith("wmt22-"),
    "wmt21": lambda src: src.startswith("wmt21-"),
    "genre": lambda src: src == "fce-zh-l1" or src.endswith("-own-answer"),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--corpora", default=os.environ.get("TELLTALE_CORPORA", "../shared/corpora"))
    ap.add_argument("--native-answers", type=int, default=1500, help="MedQuAD answers kept (0: no native answers)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--folds", default="wmt22,wmt21,genre")
    a = ap.parse_args()
    ni = os.path.join(a.corpora, "non_idiomatic")
    train = list(read(os.path.join(ni, "train.jsonl")))
    dev = list(read(os.path.join(ni, "dev.jsonl")))
    answers = native_answers(a.corpora, "train", a.native_answers, a.seed) if a.native_answers > 0 else []
    dev_answers = native_answers(a.corpora, "dev", None, a.seed)
    os.makedirs(a.outdir, exist_ok=True)
    write(os.path.join(a.outdir, "native-answers.jsonl"), answers)
    for fold in a.folds.split(","):
        held = FOLDS[fold]
        d = os.path.join(a.outdir, fold)
        os.makedirs(d, exist_ok=True)
        tr = [r for r in train + answers if not held(r.get("source", ""))]
        ca = [r for r in dev if not held(r.get("source", ""))]
        te = [r for r in train + dev if held(r.get("source", ""))]
        if fold == "genre":
            te += answers + dev_answers
        write(os.path.join(d, "train.jsonl"), tr)
        write(os.path.join(d, "calib.jsonl"), ca)
        write(os.path.join(d, "test.jsonl"), te)
        print(f"{fold}: train {len(tr)}, calibration {len(ca)}, test {len(te)} "
              f"(positives {sum(r['labels']['non_idiomatic'] for r in te)})")


if __name__ == "__main__":
    main()
