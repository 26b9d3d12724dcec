#!/usr/bin/env python3
"""Long answers cut to their first sentences (off_topic training prep and a probe).

Usage: short-answers.py IN.jsonl OUT.jsonl --copies FRACTION [--seed 1] [--swaps]
       short-answers.py IN.jsonl OUT.jsonl --probe [--seed 7]

The genuine answers of the off_topic corpus are mostly long (MedQuAD and Skeptics answers are
7 times their question's length, median) and its off-topic replies short (tweets: about the
question's length), so a linear model learns "a reply about as long as its question is
off-topic" and flags a short genuine forum answer. With --copies, each row is kept and a seeded
FRACTION of the genuine answers (off_topic = 0, with a parent) at least three times their
question's length is added once more cut to its first sentences (6-30 words, a leading sentence
that repeats the question left out; same source and labels); with --swaps the same-site swaps
(source ending in -swap, scripts/offtopic-swaps.py) get short copies too, so within one site both
classes come short and long. With --probe, every row of the file is written cut the same way (rows
that are short already stay as they are): the short-answer probe of scripts/offtopic-eval.sh.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from row_copies import rows, write_with_copies  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def cut(text, rng):
    """The first sentences of text, about 6-30 words; None when nothing would be cut."""
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s]
    while len(sentences) > 1 and sentences[0].endswith("?"):
        sentences.pop(0)  # MedQuAD answers often open by repeating the question
    target = rng.randint(6, 30)
    kept, words = [], 0
    for s in sentences:
        kept.append(s)
        words += len(s.split())
        if words >= target:
            break
    short = " ".join(kept)
    if len(short.split()) > 40:
        short = " ".join(short.split()[:target])
    return None if short == text.strip() else short


def long_enough(r):
    return len(r["text"].split()) >= 3 * max(1, len(r.get("parent", "").split()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--copies", type=float, metavar="FRACTION")
    mode.add_argument("--probe", action="store_true")
    ap.add_argument("--swaps", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.probe:
        rng = random.Random(a.seed)
        with open(a.dst, "w", encoding="utf-8") as out:
            for _, r in rows(a.src):
                short = cut(r["text"], rng) if r.get("parent") else None
                out.write(json.dumps(dict(r, text=short) if short else r, ensure_ascii=False) + "\n")
        return

    def short_copy(r, rng):
        label = r.get("labels", {}).get("off_topic")
        swap = str(r.get("source", "")).endswith("-swap")
        wanted = label == 0 or (a.swaps and swap and label == 1)
        if not wanted or not r.get("parent") or not long_enough(r) or rng.random() >= a.copies:
            return None
        short = cut(r["text"], rng)
        return None if short is None else dict(r, id=str(r.get("id", "")) + "-short", text=short)

    added = write_with_copies(a.src, a.dst, short_copy, a.seed)
    print(f"{a.dst}: {added} short copies of long answers added")


if __name__ == "__main__":
    main()
