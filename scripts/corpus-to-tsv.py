#!/usr/bin/env python3
"""Convert a Telltale JSONL corpus to the peers' TSV format (label<TAB>text).

Usage: corpus-to-tsv.py LABEL IN.jsonl OUT.tsv [--mode classify|langmix]

classify: label is 0/1 for LABEL; rows without LABEL are skipped. For replies (a `parent`
field) the text is `parent ||| reply`, so peers that see one text get both sides.
langmix: label is mixed_zh_en for positives, and en / zh / ja_en / other for negatives
(from the row's source tag), as bench_langmix.py expects.
Tabs and newlines inside texts become spaces (the TSV has one row per line).
"""
import json
import sys


def clean(s):
    return s.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def langmix_label(row, y):
    if y == 1:
        return "mixed_zh_en"
    src = row.get("source", "")
    if "ja" in src:
        return "ja_en" if "latin" in src else "other"
    if src in ("tweeteval-en", "wmt-en", "hardneg-en-stray-cjk", "hardneg-fullwidth-en"):
        return "en"
    return "zh"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mode = "langmix" if "--mode=langmix" in sys.argv or ("--mode" in sys.argv and sys.argv[sys.argv.index("--mode") + 1] == "langmix") else "classify"
    args = [a for a in args if a not in ("classify", "langmix")]
    label, src, dst = args[:3]
    n = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            y = row.get("labels", {}).get(label)
            if y is None:
                continue
            text = row["text"]
            if mode == "classify" and row.get("parent"):
                text = row["parent"] + " ||| " + text
            lab = langmix_label(row, int(y)) if mode == "langmix" else str(int(y))
            out.write(f"{lab}\t{clean(text)}\n")
            n += 1
    print(f"{dst}: {n} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
