#!/usr/bin/env python3
"""Same-site swaps for off_topic: a genuine answer placed under another question of its own site.

Usage: offtopic-swaps.py IN.jsonl OUT.jsonl [--seed N] [--fraction F] [--sources PATTERN,...]
                         [--probe] [--append]

Only the pair can tell such a row from a genuine one: the reply keeps its site's style and topic
domain (a MedQuAD answer under another MedQuAD question), so a model that judges the reply alone
scores both the same. For each genuine (off_topic = 0) row whose source contains one of PATTERNS
(default `own-answer,cqa-good`), a copy goes under the parent of another row of the same source
with a different parent, drawn with a seeded RNG; the copy is labelled off_topic = 1, its source
is `<source>-swap` and its id `<id>-swap`.

--fraction F   swap only a random F of the eligible rows (training: fewer copies, so the swaps do
               not swamp the other sources).
--probe        write the genuine rows of those sources and their swaps only (the swap probe: per
               source, ROC-AUC of genuine vs swapped).
--append       write every input row first (training data plus swaps).
Deterministic for a given seed and input.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fraction", type=float, default=1.0)
    ap.add_argument("--sources", default="own-answer,cqa-good")
    ap.add_argument("--probe", action="store_true")
    ap.add_argument("--append", action="store_true")
    a = ap.parse_args()
    patterns = [p for p in a.sources.split(",") if p]
    with open(a.src, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]
    rows = [json.loads(l) for l in lines]

    def eligible(r):
        return (r.get("labels", {}).get("off_topic") == 0 and r.get("parent", "").strip()
                and any(p in r.get("source", "") for p in patterns))

    by_source = {}
    for i, r in enumerate(rows):
        if eligible(r):
            by_source.setdefault(r["source"], []).append(i)
    rng = random.Random(a.seed)
    swaps = []
    for i, r in enumerate(rows):
        if not eligible(r):
            continue
        if a.fraction < 1 and rng.random() >= a.fraction:
            continue
        pool = by_source[r["source"]]
        for _ in range(50):
            j = pool[rng.randrange(len(pool))]
            if rows[j]["parent"].strip() != r["parent"].strip():
                break
        else:
            continue
        copy = dict(r)
        copy["parent"] = rows[j]["parent"]
        copy["labels"] = {"off_topic": 1}
        copy["source"] = r["source"] + "-swap"
        if "id" in copy:
            copy["id"] = f"{copy['id']}-swap"
        swaps.append((i, copy))
    with open(a.dst, "w", encoding="utf-8") as out:
        if a.append:
            for l in lines:
                out.write(l + "\n")
        elif a.probe:
            for i in sorted({i for i, _ in swaps}):
                out.write(lines[i] + "\n")
        for _, c in swaps:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    counts = {}
    for _, c in swaps:
        counts[c["source"]] = counts.get(c["source"], 0) + 1
    print(f"{a.dst}: {len(swaps)} swaps {counts}", file=__import__("sys").stderr)


if __name__ == "__main__":
    main()
