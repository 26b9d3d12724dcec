#!/usr/bin/env python3
"""Counter a source artefact in a training corpus: tweet decorations.

Usage: augment-artefacts.py LABEL IN.jsonl OUT.jsonl [--seed N] [--replace] [--decorate 0|1]

In ../shared/corpora/non_idiomatic, 65% of the native rows (class 0, mostly tweets) carry
@handles, #hashtags or URLs and 1% of the translated rows (class 1, news) do. A model learns
"has a hashtag => native", and a translated post with a hashtag loses half its recall (measured:
dev recall 0.956 -> 0.487 when class-1 dev rows get the decorations of a random class-0 row).
off_topic has the mirror image: 48% of off-topic replies (tweets) carry them, 0.8% of genuine
answers; an answer that links a source loses specificity (medquad 0.98 -> 0.88).
This writes every row of IN unchanged and, after each row of the class given by --decorate
(default 1), a copy (id + "-decorated") carrying the @handles (in front), #hashtags and URLs (at the
end) of a randomly drawn row of the other class (copies are written only when that row has some).
Deterministic for a given seed.
--replace writes the decorated copy instead of the positive row: a probe set that shows how much a
model leans on the artefact (score it with quick-dev-metrics.py or telltale eval).
"""
import argparse
import json
import random
import re

SPAN = re.compile(r"(@\w+|#\w+|https?://\S+)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("label")
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--replace", action="store_true", help="write decorated rows instead of adding copies")
    ap.add_argument("--decorate", type=int, choices=(0, 1), default=1, help="class whose rows get decorated")
    a = ap.parse_args()
    with open(a.src, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]
    rows = [json.loads(l) for l in lines]
    pools = [SPAN.findall(r["text"]) for r in rows if r.get("labels", {}).get(a.label) == 1 - a.decorate]
    if not pools:
        raise SystemExit(f"{a.src}: no rows of class {1 - a.decorate} for {a.label}")
    rng = random.Random(a.seed)
    added = 0
    with open(a.dst, "w", encoding="utf-8") as out:
        for line, r in zip(lines, rows):
            if r.get("labels", {}).get(a.label) != a.decorate:
                out.write(line + "\n")
                continue
            spans = pools[rng.randrange(len(pools))]
            if not a.replace or not spans:
                out.write(line + "\n")
            if not spans:
                continue
            lead = [s for s in spans if s.startswith("@")]
            tail = [s for s in spans if not s.startswith("@")]
            copy = dict(r)
            copy["text"] = " ".join(lead + [r["text"]] + tail)
            if "id" in copy and not a.replace:
                copy["id"] = f"{copy['id']}-decorated"
            out.write(json.dumps(copy, ensure_ascii=False) + "\n")
            added += 1
    what = "replaced by decorated copies" if a.replace else "+ decorated copies of"
    print(f"{a.dst}: {len(rows)} rows, {added} {what} {a.label}={a.decorate} rows")


if __name__ == "__main__":
    main()
