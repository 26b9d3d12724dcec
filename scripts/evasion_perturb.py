#!/usr/bin/env python3
"""Evasion perturbations for Telltale's robustness report (scripts/evasion-report.sh).

Each perturbation rewrites a post the way someone dodging a keyword filter would, while a reader
still sees the same words. The same definitions are used by the Swift test
Tests/TelltaleCLITests/EvasionScoreTests.swift.

  python3 scripts/evasion_perturb.py perturb IN.jsonl OUT.jsonl [--limit N]
      writes the clean rows and one perturbed copy per perturbation, ids `<row>|<perturbation>`
  python3 scripts/evasion_perturb.py summarise SCORES.jsonl [--threshold L=P ...] [--markdown]
      reads `telltale score` output for that file: mean |Δscore| and flips per perturbation/label
"""
import argparse
import json
import sys

# Cyrillic and Greek letters that look like Latin ones (lower and upper case).
HOMOGLYPHS = {
    "a": "а", "c": "с", "e": "е", "i": "і", "j": "ј", "o": "о", "p": "р", "s": "ѕ", "x": "х", "y": "у",
    "A": "Α", "B": "В", "C": "С", "E": "Ε", "H": "Н", "I": "Ι", "K": "Κ", "M": "М", "N": "Ν", "O": "Ο",
    "P": "Р", "T": "Τ", "X": "Χ", "Y": "Υ", "Z": "Ζ", "v": "ν",
}


def is_letter(ch):
    return ch.isalpha()


def full_width(text):
    """ASCII letters and digits → full-width forms (U+FF10–U+FF5A)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def homoglyphs(text):
    """Every other replaceable Latin letter → its Cyrillic/Greek look-alike."""
    out, k = [], 0
    for c in text:
        if c in HOMOGLYPHS:
            out.append(HOMOGLYPHS[c] if k % 2 == 0 else c)
            k += 1
        else:
            out.append(c)
    return "".join(out)


def zero_width(text):
    """U+200B between every two letters (Latin, Han, any script)."""
    out = []
    for i, c in enumerate(text):
        out.append(c)
        if i + 1 < len(text) and is_letter(c) and is_letter(text[i + 1]):
            out.append("\u200b")
    return "".join(out)


def mixed_case(text):
    """aLtErNaTiNg case over the Latin letters."""
    out, k = [], 0
    for c in text:
        if c.isascii() and c.isalpha():
            out.append(c.lower() if k % 2 == 0 else c.upper())
            k += 1
        else:
            out.append(c)
    return "".join(out)


def extra_spaces(text):
    """Every space tripled, plus spaces around the post."""
    return "  " + text.replace(" ", "   ") + "  "


def emoji(text):
    """Emoji decoration around the post."""
    return "👉 " + text + " 🔥🔥"


PERTURBATIONS = {
    "full-width": full_width,
    "homoglyphs": homoglyphs,
    "zero-width": zero_width,
    "mixed-case": mixed_case,
    "extra-spaces": extra_spaces,
    "emoji": emoji,
}


def perturb(args):
    rows = 0
    with open(args.input, encoding="utf-8") as f, open(args.output, "w", encoding="utf-8") as out:
        for n, line in enumerate(f, 1):
            if args.limit and rows >= args.limit:
                break
            try:
                row = json.loads(line)
            except ValueError:
                continue
            text = row.get("text")
            if not isinstance(text, str):
                continue
            rows += 1
            rid = str(n)
            base = {"text": text}
            if isinstance(row.get("parent"), str):
                base["parent"] = row["parent"]
            out.write(json.dumps(dict(base, id=rid + "|clean"), ensure_ascii=False) + "\n")
            for name, fn in PERTURBATIONS.items():
                # Only the post is perturbed; the parent (for off_topic) stays as posted.
                out.write(json.dumps(dict(base, id=rid + "|" + name, text=fn(text)), ensure_ascii=False) + "\n")
    print(f"{rows} rows, {rows * (1 + len(PERTURBATIONS))} lines", file=sys.stderr)


def summarise(args):
    thresholds = {}
    for spec in args.threshold or []:
        label, _, p = spec.partition("=")
        thresholds[label] = float(p)
    clean, perturbed = {}, {}
    with open(args.scores, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if "id" not in obj:
                continue
            rid, _, kind = obj["id"].rpartition("|")
            (clean if kind == "clean" else perturbed.setdefault(kind, {}))[rid] = obj
    labels = sorted({l for o in clean.values() for l in o["scores"]})
    if args.label:
        labels = [l for l in labels if l in args.label]
    table = {}
    for kind in PERTURBATIONS:
        for label in labels:
            deltas, flips, worst = [], 0, (0.0, None)
            for rid, c in clean.items():
                p = perturbed.get(kind, {}).get(rid)
                if p is None or c["scores"].get(label) is None or p["scores"].get(label) is None:
                    continue
                d = abs(p["scores"][label] - c["scores"][label])
                deltas.append(d)
                if d > worst[0]:
                    worst = (d, rid)
                if (label in c["flags"]) != (label in p["flags"]):
                    flips += 1
            if deltas:
                table[(kind, label)] = (sum(deltas) / len(deltas), max(deltas), sum(d > 0.02 for d in deltas), flips, len(deltas))
    if args.markdown:
        if not args.no_header:
            print("| perturbation | label | posts | mean \\|Δ\\| | max \\|Δ\\| | \\|Δ\\| > 0.02 | flag flips |")
            print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for (kind, label), (mean, mx, over, flips, n) in table.items():
            print(f"| {kind} | {label} | {n} | {mean:.4f} | {mx:.3f} | {over} ({100 * over / n:.1f} %) | {flips} ({100 * flips / n:.2f} %) |")
    else:
        print(f"{'perturbation':14}{'label':16}{'posts':>7}{'mean|Δ|':>10}{'max|Δ|':>9}{'>0.02':>8}{'flips':>7}")
        for (kind, label), (mean, mx, over, flips, n) in table.items():
            print(f"{kind:14}{label:16}{n:7d}{mean:10.4f}{mx:9.3f}{over:8d}{flips:7d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("perturb")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--limit", type=int, default=0)
    s = sub.add_parser("summarise")
    s.add_argument("scores")
    s.add_argument("--threshold", action="append")
    s.add_argument("--markdown", action="store_true")
    s.add_argument("--label", action="append", help="only these labels")
    s.add_argument("--no-header", action="store_true", help="Markdown rows only")
    args = ap.parse_args()
    perturb(args) if args.command == "perturb" else summarise(args)


if __name__ == "__main__":
    main()
