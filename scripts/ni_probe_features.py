"""Candidate non_idiomatic feature families for scripts/ni-family-probe.py (exploration only).

A Python mirror of Telltale's `word` (1-2 grams) and `skeleton` (2-3 grams) families plus the
candidates of issue 14: text distortion (Stamatatos 2017: the k most frequent words of general
English kept, every other word masked by its suffix class), distorted character grams, sentence
position tokens, punctuation/spacing artefacts, pinyin-spelt words (Chinese names). Tokenisation approximates Telltale's (lower-cased,
links/handles/hashtags dropped, punctuation runs collapsed, curly quotes and dashes as ASCII); it is
close enough to compare families with one another, not to reproduce Telltale's numbers.

Needs `wordfreq` (PyPI; its word list data is CC BY-SA 4.0) for the general-English top-k list.
"""
import os, re

import wordfreq

_HERE = os.path.dirname(os.path.abspath(__file__))
_SRC = open(os.path.join(_HERE, '..', 'Sources', 'TextFeatures', 'FunctionWords.swift')).read()
FW = set(_SRC.split('"""')[1].replace('\\\n', ' ').split())

TOP = wordfreq.top_n_list('en', 5000)

TOK = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:]\d+)*|\S")
PUNCT_MAP = {'“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‘': "'", '’': "'", '–': '-', '—': '-', '―': '-',
             '…': '.', '。': '.', '、': ','}
KEEP_P = set(',.;:!?()"\'-')


def cls(w):
    n = len(w)
    if n <= 3: return 'W'
    if w.endswith('ing') and n > 5: return 'ING'
    if w.endswith('ly') and n > 4: return 'LY'
    if n > 5 and w.endswith('ity'): return 'TION'
    if n > 5 and w.endswith('ary'): return 'AL'
    if w.endswith('ed') and n > 4: return 'ED'
    if n > 6 and (w.endswith('tion') or w.endswith('sion') or w.endswith('ment') or w.endswith('ness') or w.endswith('ance') or w.endswith('ence')): return 'TION'
    if n > 5 and w.endswith('ism'): return 'TION'
    if n > 6 and w.endswith('ship'): return 'TION'
    if n > 5 and w.endswith('ist'): return 'ER'
    if n > 5 and (w.endswith('ous') or w.endswith('ive') or w.endswith('ful')): return 'AL'
    if n > 6 and (w.endswith('less') or w.endswith('able') or w.endswith('ible')): return 'AL'
    if n > 4 and (w.endswith('al') or w.endswith('ic')): return 'AL'
    if n > 4 and (w.endswith('er') or w.endswith('or')): return 'ER'
    if w.endswith('s') and not w.endswith('ss'): return 'S'
    return 'W'


def tokens(text):
    """(lowercased token, kind, original) with kind in w/d/p/o; URLs/handles/hashtags dropped."""
    text = re.sub(r'https?://\S+|www\.\S+|[@#]\w+|\S+@\S+\.\w+', ' ', text)
    out = []
    for m in TOK.finditer(text):
        t = m.group(0)
        if t[0].isdigit(): out.append(('‹num›', 'd', t)); continue
        if t[0].isalpha():
            if re.match(r'[\u3040-\u30ff\u3400-\u9fff]', t[0]):
                if out and out[-1][0] == '‹cjk›': continue
                out.append(('‹cjk›', 'o', t)); continue
            out.append((t.lower().replace('’', "'"), 'w', t)); continue
        p = PUNCT_MAP.get(t, t)
        if p in KEEP_P:
            if out and out[-1][0] == p: continue
            out.append((p, 'p', t))
    return out


def ngrams(seq, lo, hi, tag):
    f = []
    n = len(seq)
    for i in range(n):
        for k in range(lo, hi + 1):
            if i + k <= n:
                f.append(tag + ' '.join(seq[i:i + k]))
    return f


def word_fam(text, toks):
    ws = [t for t, k, o in toks if k == 'w' or k == 'd']
    return ngrams(ws, 1, 2, 'w:')


def distorted(toks, keep, case=False):
    seq = ['‹s›']
    for t, k, o in toks:
        if k == 'w':
            if t in keep: seq.append(t)
            else:
                c = cls(t)
                if case and o[0].isupper(): c = 'X' + c
                seq.append('‹' + c + '›')
        else:
            seq.append(t)
    seq.append('‹s›')
    return seq


def skel_fam(text, toks, keep=FW, lo=2, hi=3, tag='k:', case=False):
    return ngrams(distorted(toks, keep, case), lo, hi, tag)


def dist_chars(text, toks, keep, lo=3, hi=5, tag='dc:'):
    s = ' '.join(distorted(toks, keep)[1:-1])
    s = s.replace('‹', '<').replace('›', '>')
    s = ' ' + s + ' '
    return [tag + s[i:i + k] for k in range(lo, hi + 1) for i in range(len(s) - k + 1)]


def position(text, toks, keep, tag='pos:'):
    seq = distorted(toks, keep)
    body = seq[1:-1]
    f = []
    if body:
        f.append(tag + 'B ' + ' '.join(body[:1]))
        f.append(tag + 'B ' + ' '.join(body[:2]))
        f.append(tag + 'B ' + ' '.join(body[:3]))
        f.append(tag + 'E ' + ' '.join(body[-2:]))
        f.append(tag + 'E ' + ' '.join(body[-3:]))
    return f


def punct_art(text, toks=None, tag='pa:', strip=False):
    """Character grams of non-letters: letters -> a, digits -> 0, everything else kept; only grams
    that contain something other than a/space/0."""
    if strip:
        text = re.sub(r'https?://\S+|www\.\S+|\S+@\S+\.\w+|[@#]\w+', ' ', text)
    s = re.sub(r'[^\W\d_]', 'a', text)
    s = re.sub(r'\d', '0', s)
    s = re.sub(r'a+', 'a', s)
    s = re.sub(r'0+', '0', s)
    f = set()
    for k in (2, 3, 4):
        for i in range(len(s) - k + 1):
            g = s[i:i + k]
            if any(ch not in 'a 0' for ch in g):
                f.add(tag + g)
    return list(f)


def chars_across(text, toks=None, lo=2, hi=5, tag='cx:'):
    s = ' ' + re.sub(r'\s+', ' ', text.lower()) + ' '
    return [tag + s[i:i + k] for k in range(lo, hi + 1) for i in range(len(s) - k + 1)]


def chars_within(text, toks, lo=2, hi=5, tag='c:'):
    f = []
    for t, k, o in toks:
        if k != 'w' or t in FW: continue
        s = '<' + t + '>'
        for n in range(lo, hi + 1):
            for i in range(len(s) - n + 1):
                f.append(tag + s[i:i + n])
    return f


_INI = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w', '']
_FIN = ['iang', 'iong', 'uang', 'ang', 'eng', 'ing', 'ong', 'ian', 'iao', 'uai', 'uan', 'üan', 'ai', 'ei', 'ao', 'ou', 'an', 'en',
        'in', 'un', 'ia', 'ie', 'iu', 'ua', 'uo', 'ui', 've', 'ue', 'er', 'a', 'o', 'e', 'i', 'u']
SYL = {i + f for i in _INI for f in _FIN if i}
SYL0 = {f for f in _FIN}
MARK = re.compile(r'zh|x|q|ao|iu|ui|ang|ong|eng|ing|ian|uan|ei|ou|ai')
COMMON = set(TOP[:5000])


def pinyin_syllables(w):
    """Fewest pinyin syllables spelling w exactly, or 0."""
    n = len(w); best = [0] + [99] * n
    for i in range(1, n + 1):
        for k in range(1, 7):
            if k <= i and best[i - k] < 99 and (w[i - k:i] in SYL or (i == k and w[:i] in SYL0)):
                best[i] = min(best[i], best[i - k] + 1)
    return best[n] if best[n] < 99 else 0


def is_pinyin(w):
    return len(w) >= 4 and w not in COMMON and w.isascii() and MARK.search(w) is not None and pinyin_syllables(w) >= 2


def pinyin_fam(text, toks, tag='py:'):
    n = sum(1 for t, k, o in toks if k == 'w' and is_pinyin(t))
    return [tag + str(min(n, 3))] + ([tag + 'any'] if n else [])


def skel_py(text, toks, keep=FW, tag='kpy:'):
    seq = ['‹s›']
    for t, k, o in toks:
        if k == 'w':
            if t in keep: seq.append(t)
            elif is_pinyin(t): seq.append('‹py›')
            else: seq.append('‹' + cls(t) + '›')
        else:
            seq.append(t)
    seq.append('‹s›')
    return ngrams(seq, 2, 3, tag)
