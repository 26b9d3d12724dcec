#!/usr/bin/env python3
"""Markdown tables of a scripts/shift-eval.sh run: ROC-AUC and ECE per fold and tool (best peer and
Telltale's lead over it), ROC-AUC by post length, then recall / specificity per source at
threshold 0.5.

Usage: shift-table.py OUTDIR [--folds wmt22,wmt21,genre,dev]
"""
import argparse
import json
import os

TOOLS = ["telltale", "fasttext", "fasttext_char", "nb_hash", "lr_hash", "vw"]
FOLD_NAMES = {
    "wmt22": "hold out wmt22", "wmt21": "hold out wmt21",
    "genre": "genre (learners + native answers held out)", "dev": "dev (not a shift)",
}


def fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--folds", default="wmt22,wmt21,genre,dev")
    a = ap.parse_args()
    folds = a.folds.split(",")
    res = {}
    for f in folds:
        for t in TOOLS:
            p = os.path.join(a.outdir, f, f"{t}.json")
            if os.path.exists(p):
                with open(p) as fh:
                    res[(f, t)] = json.load(fh)
    tools = [t for t in TOOLS if any((f, t) in res for f in folds)]
    print("| fold | " + " | ".join(tools) + " | best peer | Telltale − best peer |")
    print("| --- |" + " --- |" * (len(tools) + 2))
    for f in folds:
        aucs = {t: res[(f, t)]["roc_auc"] for t in tools if (f, t) in res}
        peers = {t: v for t, v in aucs.items() if t != "telltale" and v is not None}
        best = max(peers.items(), key=lambda kv: kv[1]) if peers else None
        cells = []
        for t in tools:
            v = aucs.get(t)
            cells.append(("**" + fmt(v) + "**") if t == "telltale" and best and v is not None and v > best[1] else fmt(v))
        lead = fmt(aucs["telltale"] - best[1], 3) if best and aucs.get("telltale") is not None else "–"
        print(f"| {FOLD_NAMES.get(f, f)} | " + " | ".join(cells) + f" | {best[0] + ' ' + fmt(best[1]) if best else '–'} | {lead} |")
    print()
    print("ECE (10 bins) on each fold's test rows:")
    print()
    print("| fold | " + " | ".join(tools) + " |")
    print("| --- |" + " --- |" * len(tools))
    for f in folds:
        print(f"| {f} | " + " | ".join(fmt(res[(f, t)]["ece"]) if (f, t) in res else "–" for t in tools) + " |")
    print()
    print("ROC-AUC by post length (words), per fold and tool:")
    print()
    print("| fold | length | rows | " + " | ".join(tools) + " |")
    print("| --- | --- | --- |" + " --- |" * len(tools))
    for f in folds:
        lengths = res.get((f, "telltale"), {}).get("by_length", {})
        for name, b in lengths.items():
            cells = [fmt(res[(f, t)].get("by_length", {}).get(name, {}).get("roc_auc")) if (f, t) in res else "–" for t in tools]
            print(f"| {f} | {name} | {b['rows']} | " + " | ".join(cells) + " |")
    print()
    print("Per source at threshold 0.5: recall (R, translated/learner sources) or specificity (S, native sources).")
    print()
    print("| fold | source | rows | " + " | ".join(tools) + " |")
    print("| --- | --- | --- |" + " --- |" * len(tools))
    for f in folds:
        if (f, "telltale") not in res:
            continue
        for src, s in res[(f, "telltale")]["sources"].items():
            kind = "recall" if s["label"] == 1 else "specificity"
            cells = [fmt(res[(f, t)]["sources"].get(src, {}).get(kind)) if (f, t) in res else "–" for t in tools]
            print(f"| {f} | {src} ({'R' if s['label'] else 'S'}) | {s['rows']} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
