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
The output is the ready lookup table (hashed and laid out here, see `index`) as two Swift raw string
literals of base-64 digits that telltale reads in place: nothing to parse at run time, no runtime
dependency on the Debian package. Deterministic for a given WordNet.

WordNet 3.0 licence (permissive; its notice must go with every copy, so the generated file carries it):
  WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to use,
  copy, modify and distribute this software and database and its documentation for any purpose
  and without fee or royalty is hereby granted, provided that you agree to comply with the
  copyright notice and statements, including the disclaimer (THIS SOFTWARE AND DATABASE IS
  PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
  IMPLIED ...), appear on all copies.
"""
import collections
import hashlib
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


# The layout WordConcepts.Index and Base64Slots read in place (keep the constants there in step).
SLOT_DIGITS, SLOTS_PER_LINE = 9, 64   # 54 bits: tag << 22 | position in ids
ID_DIGITS, IDS_PER_LINE = 3, 256      # 18 bits
AT_BITS = 22


def fnv(data, seed=0):
    """FeatureHash.hash: 64-bit FNV-1a from offsetBasis ^ seed."""
    h = 0xcbf29ce484222325 ^ seed
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def index(rows):
    """Open addressing over the stems' content hashes (ContentWords.seed), under two thirds full;
    a slot is 0 (empty) or tag << 22 | position in ids of the stem's concept count, its concepts
    after it; tag = max(upper 32 bits of the hash, 1), a tag match is taken as the key (a later
    stem with the tag of an earlier one replaces it). Probing starts at (h ^ h >> 29) & mask."""
    seed = fnv(b"content")
    entries, ids = [], []
    for row in rows:
        key, nums = row.split(" ")
        at = len(ids)
        cs = [int(x) for x in nums.split(",")]
        ids.append(len(cs))
        ids.extend(cs)
        entries.append((fnv(key.encode(), seed), at))
    assert len(ids) < 1 << AT_BITS and max(ids) < 1 << (6 * ID_DIGITS)
    size = 16
    while size * 2 < len(entries) * 3:
        size <<= 1
    slots = [0] * size
    for key, at in entries:
        t = max(key >> 32, 1)
        i = (key ^ (key >> 29)) & (size - 1)
        while slots[i] != 0 and slots[i] >> AT_BITS != t:
            i = (i + 1) & (size - 1)
        slots[i] = t << AT_BITS | at
    return slots, ids


def digits(v, n):
    """`v` in `n` base-64 digits, most significant first, digit d written as chr(0x30 + d)
    ('0' ... 'o': no quote, no '#', so the raw string literal needs no escape)."""
    return "".join(chr(0x30 + ((v >> (6 * (n - 1 - i))) & 63)) for i in range(n))


def add_digest(path, extension):
    """Puts `static let tableDigest` (16 hex digits of the SHA-256 of everything after the
    `extension NAME {` line) into the generated table: models record it, and a telltale with
    another table refuses them instead of scoring them with features they were not trained on."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head = "extension %s {\n" % extension
    i = text.index(head) + len(head)
    digest = hashlib.sha256(text[i:].encode("utf-8")).hexdigest()[:16]
    line = "    /// Fingerprint of this table, recorded in the models trained with it.\n" \
           '    static let tableDigest = "%s"\n' % digest
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:i] + line + text[i:])


def digits_text(items, per_line):
    return "\n".join("".join(items[i:i + per_line]) for i in range(0, len(items), per_line))


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
    slots, ids_flat = index(rows)
    with open(out, "w") as f:
        f.write("// Generated by scripts/gen-word-concepts.py from WordNet 3.0 (Debian wordnet-base): do not edit.\n")
        f.write("// The lookup table of `WordConcepts.Index`, read in place (see there for the layout).\n//\n")
        f.write(LICENCE)
        f.write("\nextension WordConcepts {\n")
        f.write("    /// %d stems, %d concepts: %d slots, %d ids.\n" % (len(rows), len(ids), len(slots), len(ids_flat)))
        f.write("    /// Concept numbers are below this.\n    static let conceptCount = %d\n" % len(ids))
        f.write("    static let slotCount = %d\n" % len(slots))
        f.write("    static let idCount = %d\n\n" % len(ids_flat))
        f.write("    /// The slots, %d digits each, %d to a line.\n" % (SLOT_DIGITS, SLOTS_PER_LINE))
        f.write('    static var slotText: StaticString {\n        #"""\n')
        f.write(digits_text([digits(v, SLOT_DIGITS) for v in slots], SLOTS_PER_LINE))
        f.write('\n"""#\n    }\n\n')
        f.write("    /// The ids (per stem: its concept count, then its concepts), %d digits each, %d to a line.\n" % (ID_DIGITS, IDS_PER_LINE))
        f.write('    static var idText: StaticString {\n        #"""\n')
        f.write(digits_text([digits(v, ID_DIGITS) for v in ids_flat], IDS_PER_LINE))
        f.write('\n"""#\n    }\n}\n')
    add_digest(out, "WordConcepts")
    print(f"{out}: {len(rows)} stems, {len(ids)} concepts", file=sys.stderr)


def stopwords():
    src = os.path.join(os.path.dirname(__file__), "..", "Sources", "TextFeatures", "Stopwords.swift")
    text = open(src).read()
    m = re.search(r'english: Set<String> = Set\("""(.*?)"""', text, re.S)
    return set(m.group(1).replace("\\", " ").split())


if __name__ == "__main__":
    main()
