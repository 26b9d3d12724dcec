#!/usr/bin/env python3
"""Generates Sources/TextFeatures/WordConcepts+Table.swift from WordNet 3.0 (Debian `wordnet-base`).

Usage: gen-word-concepts.py [WORDNET_DIR] [OUT.swift]
       (defaults: /usr/share/wordnet, Sources/TextFeatures/WordConcepts+Table.swift)

Pair features from version 3 on count a parent word as answered when the reply uses a *related*
word: one that shares a WordNet concept with it (`pregnant` / `pregnancy`, `car` / `automobile`,
`medicine` / `medical`). A word's concepts are the synset of its first (most frequent) sense,
plus the synsets that sense points to through a derivational, pertainym, attribute or similar-to
link. Hypernyms are left out, and so are other senses: on the same-site swap probe they matched
everything with everything (measured while choosing, see Models/README.md).

The table is keyed by the crude stem telltale's ContentWords gives a word (the same rules as
`ContentWords.stemEnd`, ported below), for the lemma and its regular and irregular inflections,
so `pregnancies` finds the entry of `pregnancy`. Only concepts that at least two keys share are
kept (a concept of one word cannot relate two different words), and only keys that keep one.
The output is one Swift string literal, parsed once at first use: no runtime dependency on the
Debian package. Deterministic for a given WordNet.

WordNet 3.0 licence (permissive; its notice must go with every copy, so the generated file carries it):
  WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to use,
  copy, modify and distribute this software and database and its documentation for any purpose
  and without fee or royalty is hereby granted, provided that you agree to comply with the
  copyright notice and statements, including the disclaimer (THIS SOFTWARE AND DATABASE IS
  PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
  IMPLIED ...), appear on all copies.
"""
import collections
import os
import re
import sys

POS = [("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")]
LINKS = {"+", "\\", "=", "&"}  # derivation, pertainym, attribute, similar to
MIN_TAGGED = int(os.environ.get("WC_MIN_TAGGED", "0"))
WORD = re.compile(r"^[a-z]+$")

LICENCE = """// WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
//
// Permission to use, copy, modify and distribute this software and database and its
// documentation for any purpose and without fee or royalty is hereby granted, provided that you
// agree to comply with the following copyright notice and statements, including the disclaimer,
// and that the same appear on ALL copies of the software, database and documentation, including
// modifications that you make for internal use or for distribution.
//
// THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
// REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
// PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
// ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL
// NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
//
// The name of Princeton University or Princeton may not be used in advertising or publicity
// pertaining to distribution of the software and/or database. Title to copyright in this
// software, database and any associated documentation shall at all times remain with Princeton
// University and LICENSEE agrees to preserve same.
"""


def stem(w):
    """ContentWords.stemEnd on an ASCII lower-case word."""
    n = len(w)
    if n <= 3:
        return w
    if w.endswith("s"):
        b = w[-2]
        if n > 4 and b == "'":
            return w[:-2]
        if n > 5 and b == "e" and w[-3] == "i":
            return w[:-2]
        if n > 4 and b == "e":
            return w[:-2]
        if n > 4 and b == "s":
            return w
        return w[:-1]
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    if n > 4 and w.endswith("ed"):
        return w[:-2]
    if n > 4 and w.endswith("ly"):
        return w[:-2]
    return w


def inflections(lemma, pos):
    forms = {lemma}
    if pos == "n":
        forms |= {lemma + "s", lemma + "es"}
        if lemma.endswith("y"):
            forms.add(lemma[:-1] + "ies")
    elif pos == "v":
        forms |= {lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
        if lemma.endswith("e"):
            forms.add(lemma[:-1] + "ing")
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms


def main():
    wn = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    out = sys.argv[2] if len(sys.argv) > 2 else "Sources/TextFeatures/WordConcepts+Table.swift"
    stop = stopwords()
    links = {}
    for name, p in POS:
        with open(os.path.join(wn, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fs = line.split(" ")
                n = int(fs[3], 16)
                i = 4 + 2 * n
                targets = []
                for _ in range(int(fs[i])):
                    sym, off, tpos = fs[i + 1], fs[i + 2], fs[i + 3]
                    i += 4
                    if sym in LINKS:
                        targets.append(("a" if tpos == "s" else tpos) + off)
                links[p + fs[0]] = targets
    lemmas = set()
    for name, _ in POS:
        with open(os.path.join(wn, "index." + name), encoding="latin-1") as f:
            lemmas |= {line.split(" ", 1)[0] for line in f if not line.startswith("  ")}
    concepts = collections.defaultdict(set)  # key (stem) -> synset ids
    for name, p in POS:
        with open(os.path.join(wn, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fs = line.split()
                lemma = fs[0]
                if not WORD.match(lemma) or len(lemma) < 3 or lemma in stop or int(fs[-int(fs[2]) - 1]) < MIN_TAGGED:
                    continue
                first = p + fs[-int(fs[2])]
                cs = {first, *links[first]}
                for form in inflections(lemma, p):
                    # an inflection whose stem is another word's stem (`cares` -> `car`) is left out
                    if form == lemma or (stem(form) != stem(lemma) and form not in lemmas and stem(form) not in lemmas) \
                            or stem(form) == stem(lemma):
                        concepts[stem(form)] |= cs
        with open(os.path.join(wn, name + ".exc"), encoding="latin-1") as f:
            for line in f:
                form, *lemmas = line.split()
                if WORD.match(form) and len(form) >= 3 and form not in stop:
                    for lemma in lemmas:
                        # the irregular form joins the concepts of its lemma (filled above)
                        if lemma in concepts or stem(lemma) in concepts:
                            concepts[stem(form)] |= concepts[stem(lemma)]
    users = collections.Counter(c for cs in concepts.values() for c in cs)
    ids = {}
    rows = []
    for key in sorted(concepts):
        kept = sorted(c for c in concepts[key] if users[c] >= 2)
        if not kept:
            continue
        rows.append(key + " " + ",".join(str(ids.setdefault(c, len(ids))) for c in kept))
    # ids in order of first use, so the text stays the same for the same WordNet
    with open(out, "w") as f:
        f.write("// Generated by scripts/gen-word-concepts.py from WordNet 3.0 (Debian wordnet-base): do not edit.\n")
        f.write("// Each line: a ContentWords stem, a space, its concept numbers (comma-separated).\n//\n")
        f.write(LICENCE)
        f.write("\nextension WordConcepts {\n")
        f.write("    /// %d stems, %d concepts.\n" % (len(rows), len(ids)))
        f.write('    static let table = """\n')
        f.write("\n".join(rows))
        f.write('\n"""\n}\n')
    print(f"{out}: {len(rows)} stems, {len(ids)} concepts", file=sys.stderr)


def stopwords():
    src = os.path.join(os.path.dirname(__file__), "..", "Sources", "TextFeatures", "Stopwords.swift")
    text = open(src).read()
    m = re.search(r'english: Set<String> = Set\("""(.*?)"""', text, re.S)
    return set(m.group(1).replace("\\", " ").split())


if __name__ == "__main__":
    main()
