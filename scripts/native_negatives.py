#!/usr/bin/env python3
"""Native English of other registers as non_idiomatic = 0 training rows.

Usage: native_negatives.py OUT.jsonl [--corpora DIR] [--pos DIR] [--medquad N] [--no-answers] [--ud] [--seed S]

The non_idiomatic corpus has native tweets and native news; translated text is news, e-commerce
and social posts, learner text is essays. A model trained on it alone calls any formal, medical or
forum English "translated" (the default model before this flagged 634 of 1,141 native MedQuAD
answers). Two sources of native text in other registers, used without their own labels:

  answers  genuine answers of the off_topic corpus (`medquad-own-answer`, `skeptics-own-answer`,
           off_topic/train.jsonl only; the dev answers measure the false-positive rate): distinct
           texts, at most N MedQuAD answers (seeded sample, default 1500: the answers are
           templated) and every Skeptics answer. Source tags keep their names.
  ud       (--ud) sentences of the gold part-of-speech data (../shared/pos: UD English EWT and GUM:
           blogs, reviews, e-mail, answers, fiction, academic, spoken ...), detokenised (`do n't` →
           `don't`), sentences of 4+ tokens; sources `ud-ewt` / `ud-gum`. Only the *-dev files:
           the *-test files (`--no-answers --ud --ud-split test`) are never trained on, they probe
           everyday native English (scripts/everyday-english-probe.sh).
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


def native_answers(corpora, split="train", medquad_cap=1500, seed=1):
    """Genuine off_topic answers of `split` as non_idiomatic = 0 rows (MedQuAD capped when given)."""
    seen, medquad, skeptics = set(), [], []
    for r in read(os.path.join(corpora, "off_topic", f"{split}.jsonl")):
        src = r.get("source", "")
        if src not in ("medquad-own-answer", "skeptics-own-answer") or r["labels"].get("off_topic") != 0:
            continue
        if r["text"] in seen:
            continue
        seen.add(r["text"])
        row = {"id": "native-answer-" + r["id"], "text": r["text"], "labels": {"non_idiomatic": 0}, "source": src}
        (medquad if src.startswith("medquad") else skeptics).append(row)
    if medquad_cap is not None and len(medquad) > medquad_cap:
        medquad = sorted(random.Random(seed).sample(medquad, medquad_cap), key=lambda r: r["id"])
    return medquad + skeptics


CLITICS = {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "'"}
NO_SPACE_BEFORE = {",", ".", "!", "?", ";", ":", "%", ")", "]", "}", "...", "…"}


def detokenize(tokens):
    """UD tokens back to ordinary text: clitics and closing punctuation attach to the word before,
    opening brackets to the word after, straight double quotes alternate open/close."""
    out, quote_open, attach_next = "", False, True
    for t in tokens:
        if attach_next or t in NO_SPACE_BEFORE or t.lower() in CLITICS:
            out += t
            attach_next = False
        elif t == '"':
            out += t if quote_open else " " + t
        else:
            out += " " + t
        if t in ("(", "[", "{", "$") or (t == '"' and not quote_open):
            attach_next = True
        if t == '"':
            quote_open = not quote_open
    return out


def ud_sentences(pos_dir, split="dev"):
    rows = []
    for name in sorted(os.listdir(pos_dir)):
        if not name.endswith(f"-{split}.tsv"):
            continue
        tokens, k = [], 0
        with open(os.path.join(pos_dir, name), encoding="utf-8") as f:
            for line in list(f) + [""]:
                line = line.rstrip("\n")
                if line:
                    tokens.append(line.split("\t")[0])
                    continue
                if len(tokens) >= 4:
                    stem = name[:-len(".tsv")]
                    rows.append({"id": f"ud-{stem}-{k}", "text": detokenize(tokens), "labels": {"non_idiomatic": 0},
                                 "source": "ud-" + stem.split("-")[0]})
                if tokens:
                    k += 1
                tokens = []
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--corpora", default=os.environ.get("TELLTALE_CORPORA", "../shared/corpora"))
    ap.add_argument("--pos", default=None, help="gold POS folder (default: pos/ beside the corpora)")
    ap.add_argument("--medquad", type=int, default=1500)
    ap.add_argument("--no-answers", action="store_true")
    ap.add_argument("--ud", action="store_true")
    ap.add_argument("--ud-split", default="dev", choices=("dev", "test"),
                    help="which UD files (default dev: the test files are the everyday-English probe)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rows = [] if a.no_answers else native_answers(a.corpora, "train", a.medquad, a.seed)
    if a.ud:
        rows += ud_sentences(a.pos or os.path.join(os.path.dirname(os.path.abspath(a.corpora)), "pos"), a.ud_split)
    with open(a.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{a.out}: {len(rows)} native rows")


if __name__ == "__main__":
    main()
