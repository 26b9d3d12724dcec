#!/usr/bin/env python3
"""Markdown tables (with ratios to fastText) from one `scripts/bench-peers.sh` run.

  peers-table.py OUTDIR

Reads OUTDIR/meta.json, classify_*.json, langmix.json (bench_classify / bench_langmix --json) and
timings.jsonl (one line per Telltale / fasttext_cli call: init runs, score runs, score-only RSS).
"""
import json
import os
import sys

out = sys.argv[1]


def f(v, fmt):
    return "-" if v is None else format(v, fmt)


def timings():
    rows = {}
    path = os.path.join(out, "timings.jsonl")
    if os.path.exists(path):
        for line in open(path):
            r = json.loads(line)
            rows[(r.get("run"), r.get("name"))] = r
    return rows


T = timings()
meta = json.load(open(os.path.join(out, "meta.json")))
print(f"Run {meta['date']}, commit {meta['commit']}, {meta['nproc']} cores ({meta['cpu']}), {meta['swift']}; "
      f"load average before {meta['load_before']}, after {' '.join(meta.get('load_after', []))}.\n")

for name in ["non_idiomatic", "off_topic", "non_idiomatic_1m"]:
    path = os.path.join(out, f"classify_{name}.json")
    if not os.path.exists(path):
        continue
    d = json.load(open(path))
    res = [r for r in d["results"] if "error" not in r]
    by = {r["peer"]: r for r in res}
    ft = by.get("fasttext", {}).get("predict_posts_per_s")
    ftc = by.get("fasttext_cli", {}).get("predict_posts_per_s")
    print(f"### {name}: train {d['n_train']} rows, test {d['n_test']} rows\n")
    print("| peer | posts/s | × fasttext | × fasttext_cli | accuracy | macro-F1 | ROC-AUC | train s | "
          "peak RSS MB (process, incl. training) | scoring RSS MB | load s (excluded) | threads | posts per CPU-s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for r in sorted(res, key=lambda r: -(r.get("predict_posts_per_s") or 0)):
        pps = r.get("predict_posts_per_s")
        t = T.get((name, r["peer"]), {})
        threads = r.get("threads", "")
        if r["peer"].startswith("telltale") or r["peer"] == "fasttext_cli":
            threads = f"predict {threads}"
        print(f"| {r['peer']} | {f(pps, ',.0f')} | {f(pps / ft if pps and ft else None, '.2f')} | "
              f"{f(pps / ftc if pps and ftc else None, '.2f')} | {f(r.get('accuracy'), '.4f')} | "
              f"{f(r.get('macro_f1'), '.4f')} | {f(r.get('roc_auc'), '.4f')} | {f(r.get('train_s'), '.1f')} | "
              f"{f(r.get('peak_rss_mb'), '.0f')} | {f(t.get('score_peak_rss_mb'), '.0f')} | "
              f"{f(t.get('init_s'), '.3f')} | {threads} | "
              f"{f(d['n_test'] / t['predict_cpu_s'] if t.get('predict_cpu_s') else None, ',.0f')} |")
    spreads = [(p, T[(name, p)]) for p in by if (name, p) in T]
    if spreads:
        print("\nTelltale / fasttext_cli runs (wall s, load excluded by subtracting the fastest empty-input run):")
        for p, t in spreads:
            runs = ", ".join(f"{x - t['init_s']:.3f}" for x in t["score_runs"])
            inits = ", ".join(f"{x:.3f}" for x in t["init_runs"])
            print(f"- {p}: predict {runs} (median taken); empty-input runs {inits}")
    print()

path = os.path.join(out, "langmix.json")
if os.path.exists(path):
    d = json.load(open(path))
    print(f"### mixed_zh_en (language-ID peers), {d.get('rows', '')} rows\n")
    print("| peer | P | R | F1 | AP | ROC-AUC | posts/s | init s (excluded) | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in sorted([r for r in d["results"] if "error" not in r], key=lambda r: -(r.get("posts_per_s") or 0)):
        print(f"| {r['peer']} | {f(r.get('precision'), '.3f')} | {f(r.get('recall'), '.3f')} | {f(r.get('f1'), '.3f')} | "
              f"{f(r.get('ap'), '.3f')} | {f(r.get('roc_auc'), '.3f')} | {f(r.get('posts_per_s'), ',.0f')} | "
              f"{f(r.get('init_s'), '.2f')} | {f(r.get('peak_rss_mb'), '.0f')} |")
