#!/usr/bin/env python3
"""Genuine answers once more with a greeting or a thank-you around them (off_topic training prep).

Usage: politeness-copies.py IN.jsonl OUT.jsonl [--seed 1] [--fraction 0.5]

The off-topic side of the off_topic corpus holds the Qatar Living "Bad" comments, many of them
thanks and chit-chat, so a linear model learns the reply words `thanks` / `please` as off-topic
evidence, and a genuine answer that opens with "Thanks!" is flagged. Each genuine answer
(off_topic = 0) is kept, and a seeded FRACTION of them is added once more with a politeness
opener or closer written for this project (same source and labels), so politeness alone stops
deciding the label; the pair features still tell an answer from a bare thank-you.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from row_copies import write_with_copies  # noqa: E402

OPENERS = ["Thanks!", "Thank you.", "Hi,", "Hello,", "Thanks for asking.", "Good question, thanks.",
           "Hi there,", "Please note:", "Thanks, I can help.", "Sorry for the late reply."]
CLOSERS = ["Thanks.", "Hope this helps, thanks!", "Thank you.", "Please ask if anything is unclear.",
           "Good luck!", "Cheers.", "Please check again later.", "Thanks and regards."]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fraction", type=float, default=0.5)
    a = ap.parse_args()

    def polite_copy(r, rng):
        if r.get("labels", {}).get("off_topic") != 0 or not r.get("parent") or rng.random() >= a.fraction:
            return None
        if rng.random() < 0.5:
            text = rng.choice(OPENERS) + " " + r["text"]
        else:
            text = r["text"].rstrip() + " " + rng.choice(CLOSERS)
        return dict(r, id=str(r.get("id", "")) + "-polite", text=text)

    added = write_with_copies(a.src, a.dst, polite_copy, a.seed)
    print(f"{a.dst}: {added} polite copies of genuine answers added")


if __name__ == "__main__":
    main()
