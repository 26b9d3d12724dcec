#!/usr/bin/env python3
"""Tweets split in two as reply pairs (off_topic training prep and a probe).

Usage: tweet-continuations.py NON_IDIOMATIC.jsonl OUT.jsonl [--seed 1]

Every parent in the off_topic corpus is a question and every genuine reply an answer, so the model
has never seen a genuine reply to a tweet, and it flags conversational replies ("Congrats, great
time for a first marathon!") for being short and far in meaning from a short parent. A native tweet
of two or more sentences (the tweeteval / verified-user-tweets rows of the non_idiomatic corpus,
never its translated rows) is cut at the sentence boundary nearest its middle: its first part as
the parent and its second part as a genuine reply (off_topic = 0, source `tweet-continuation`), and
the second part of another such tweet under the same parent as off-topic (off_topic = 1, source
`tweet-continuation-mismatch`). A continuation is not a reply, but it is what a reply shares with
its parent: the topic, in a tweet's register, at a tweet's length.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from row_copies import rows  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
NATIVE_TWEETS = ("tweeteval", "verified-user-tweets")


def halves(text):
    """(first, second) at the sentence boundary nearest the middle, each of 4+ words; or None."""
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s]
    if len(sentences) < 2:
        return None
    total = sum(len(s.split()) for s in sentences)
    best, words = None, 0
    for i in range(1, len(sentences)):
        words += len(sentences[i - 1].split())
        if best is None or abs(words - total / 2) < abs(best[1] - total / 2):
            best = (i, words)
    first, second = " ".join(sentences[:best[0]]), " ".join(sentences[best[0]:])
    if len(first.split()) < 4 or len(second.split()) < 4:
        return None
    return first, second


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pairs = []
    for _, r in rows(a.src):
        if r.get("source") in NATIVE_TWEETS and r.get("labels", {}).get("non_idiomatic") == 0:
            h = halves(r["text"])
            if h:
                pairs.append((r.get("id", ""), h))
    with open(a.dst, "w", encoding="utf-8") as out:
        for i, (rid, (first, second)) in enumerate(pairs):
            other = pairs[(i + 1 + rng.randrange(len(pairs) - 1)) % len(pairs)][1][1] if len(pairs) > 1 else None
            out.write(json.dumps({"id": f"{rid}-continuation", "text": second, "parent": first,
                                  "labels": {"off_topic": 0}, "source": "tweet-continuation"}, ensure_ascii=False) + "\n")
            if other is not None:
                out.write(json.dumps({"id": f"{rid}-mismatch", "text": other, "parent": first,
                                      "labels": {"off_topic": 1}, "source": "tweet-continuation-mismatch"},
                                     ensure_ascii=False) + "\n")
    print(f"{a.dst}: {len(pairs)} tweets split into a parent and its continuation, each with a mismatch")


if __name__ == "__main__":
    main()
