#!/usr/bin/env python3
"""Fast exploration of non_idiomatic feature families on the shift folds (issue 14), before any of
them is built in Swift: scikit-learn NB-LR on hashed binary features (2^20), trained on a fold's
train.jsonl with every source of a class weighed equally and native answers x 0.25 (the shipped
recipe's weights), scored on its test.jsonl.

  ni-family-probe.py FOLDS_DIR NAME FAMILY[,FAMILY...] [--select flip|genreT] [--wmt-only] [--folds ...]
  ni-family-probe.py FOLDS_DIR --boot BASE CAND [CAND ...]     (paired bootstrap of ROC-AUC deltas)

FOLDS_DIR is an OUTDIR of scripts/shift-eval.sh (its <fold>/{train,calib,test}.jsonl). Prints
`RESULT NAME ...`: wmt22 / wmt21 / genre ROC-AUC, dev ROC-AUC without the native answers, and on
dev (Platt-calibrated on calib.jsonl, threshold 0.5) native tweet specificity, Chinese-L1 learner
recall and native answer specificity. Predictions go to FOLDS_DIR/probe/ for --boot.
Families (scripts/ni_probe_features.py): word, skel (Telltale's skeleton, 2-3 grams), dK / dK_LH
(distortion: wordfreq top-K + function words kept, others by suffix class; L-H grams, default 2-3;
suffix n: without the function words; suffix case: capitalised masks apart), dcK (character 3-5
grams of the distorted text), pos / posK (first 1-3 and last 2-3 tokens), pa / pa2 (character
2-4 grams of non-letters; pa2 without links/handles/hashtags), cx (byte 2-5 grams across words),
c (within-word 2-5 grams), py (count of pinyin-spelt words: 0/1/2/3+), skelpy (skeleton with
pinyin-spelt words as their own class). Needs scikit-learn, scipy, numpy and wordfreq; runs on one core,
~2-4 min per candidate for the four folds (features cached in FOLDS_DIR/probe/cache).
"""
import json, sys, os, pickle, argparse, hashlib
import numpy as np, scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ni_probe_features as F

ap = argparse.ArgumentParser()
ap.add_argument('folds_dir')
ap.add_argument('name', nargs='?'); ap.add_argument('fams', nargs='?')
ap.add_argument('--boot', nargs='+', metavar='NAME')
ap.add_argument('--folds', default='wmt22,wmt21,genre,dev')
ap.add_argument('--C', type=float, default=1.0)
ap.add_argument('--answers', type=float, default=0.25)
ap.add_argument('--select', default='')
ap.add_argument('--only-wmt-nb', action='store_true')
ap.add_argument('--wmt-only', action='store_true', help='train on the WMT rows of train.jsonl only')
args = ap.parse_args()
FOLDS = args.folds_dir
PRED = os.path.join(FOLDS, 'probe')
os.makedirs(PRED, exist_ok=True)


def boot(base, cands):
    """Paired bootstrap (200 resamples of the test rows) of ROC-AUC(cand) - ROC-AUC(base)."""
    for cand in cands:
        out = [cand]
        for fold in ('wmt22', 'wmt21', 'genre'):
            pa_, pb_ = f'{PRED}/{base}.{fold}.npy', f'{PRED}/{cand}.{fold}.npy'
            if not (os.path.exists(pa_) and os.path.exists(pb_)):
                continue
            a, b = np.load(pa_), np.load(pb_)
            y = np.array([json.loads(l)['labels']['non_idiomatic'] for l in open(f'{FOLDS}/{fold}/test.jsonl')])
            rng = np.random.default_rng(0)
            d = []
            for _ in range(200):
                i = rng.integers(0, len(y), len(y))
                d.append(roc_auc_score(y[i], b[i]) - roc_auc_score(y[i], a[i]))
            lo, hi = np.percentile(d, [2.5, 97.5])
            out.append(f'{fold} {roc_auc_score(y, b) - roc_auc_score(y, a):+.3f} [{lo:+.3f}, {hi:+.3f}]')
        print(' | '.join(out))


if args.boot:
    if len(args.boot) < 2:
        sys.exit('--boot needs a baseline NAME and at least one candidate NAME (earlier runs of this script)')
    boot(args.boot[0], args.boot[1:])
    sys.exit(0)
if not args.name or not args.fams:
    sys.exit('usage: ni-family-probe.py FOLDS_DIR NAME FAMILY[,FAMILY...] (see the docstring for families)')

TOPK = {k: set(F.TOP[:k]) | F.FW for k in (100, 300, 1000, 3000, 5000)}
TOPK_NOFW = {k: set(F.TOP[:k]) for k in (100, 300, 1000, 3000)}


def fam_fn(name):
    # name grammar: word, skel, dK (distorted 2-3 grams, top-K + function words), dK14 (1-4 grams),
    # dcK (distorted char 3-5), posK, pa, cx, c, dKcase
    if name == 'word': return F.word_fam
    if name == 'skel': return lambda t, x: F.skel_fam(t, x)
    if name == 'skel14': return lambda t, x: F.skel_fam(t, x, lo=1, hi=4, tag='k14:')
    if name == 'pa': return F.punct_art
    if name == 'py': return F.pinyin_fam
    if name == 'skelpy': return F.skel_py
    if name == 'pa2': return lambda t, x: F.punct_art(t, x, tag='pa2:', strip=True)
    if name == 'cx': return F.chars_across
    if name == 'c': return F.chars_within
    if name.startswith('pos'):
        k = int(name[3:]) if name[3:] else 0
        keep = TOPK[k] if k else F.FW
        return lambda t, x: F.position(t, x, keep)
    if name.startswith('dc'):
        k = int(name[2:])
        return lambda t, x: F.dist_chars(t, x, TOPK[k])
    if name.startswith('d'):
        rest = name[1:]
        case = rest.endswith('case'); rest = rest.replace('case', '')
        nofw = rest.endswith('n'); rest = rest.rstrip('n')
        lo, hi = 2, 3
        if '_' in rest:
            rest, r = rest.split('_'); lo, hi = int(r[0]), int(r[1])
        k = int(rest)
        keep = TOPK_NOFW[k] if nofw else TOPK[k]
        return lambda t, x: F.skel_fam(t, x, keep, lo, hi, tag=name + ':', case=case)
    raise SystemExit('unknown family ' + name)


CACHE = os.path.join(PRED, 'cache')
os.makedirs(CACHE, exist_ok=True)
_texts = None


def load(fold, part):
    return [json.loads(l) for l in open(f'{FOLDS}/{fold}/{part}.jsonl')]


def family_feats(fam, rows):
    path = f'{CACHE}/{fam}.pkl'
    d = pickle.load(open(path, 'rb')) if os.path.exists(path) else {}
    miss = [r for r in rows if r['text'] not in d]
    if miss:
        fn = fam_fn(fam)
        for r in miss:
            d[r['text']] = fn(r['text'], F.tokens(r['text']))
        pickle.dump(d, open(path, 'wb'))
    return [d[r['text']] for r in rows]


BITS = 20


def matrix(rows, fams):
    per = [family_feats(f, rows) for f in fams]
    ind, ptr = [], [0]
    for i in range(len(rows)):
        s = set()
        for p in per:
            for g in p[i]:
                s.add(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), 'little') & ((1 << BITS) - 1))
        ind.extend(sorted(s)); ptr.append(len(ind))
    return sp.csr_matrix((np.ones(len(ind), dtype=np.float32), np.array(ind), np.array(ptr)), shape=(len(rows), 1 << BITS))


def weights(rows):
    y = np.array([r['labels']['non_idiomatic'] for r in rows])
    src = [r['source'] for r in rows]
    w = np.ones(len(rows))
    for c in (0, 1):
        ss = sorted({s for s, yy in zip(src, y) if yy == c})
        tot = (y == c).sum()
        for s in ss:
            idx = [i for i, x in enumerate(src) if x == s]
            w[idx] = tot / len(ss) / len(idx)
    for i, s in enumerate(src):
        if 'own-answer' in s: w[i] *= args.answers
    return y, w * len(rows) / w.sum()


def fit_predict(train, tests, fams):
    X = matrix(train, fams)
    y, w = weights(train)
    mask = np.ones(len(train), bool)
    if args.only_wmt_nb:
        mask = np.array([r['source'].startswith('wmt') for r in train])
    a = 1.0
    p = np.asarray(X[(y == 1) & mask].T @ w[(y == 1) & mask]).ravel() + a
    q = np.asarray(X[(y == 0) & mask].T @ w[(y == 0) & mask]).ravel() + a
    r = np.log(p / p.sum()) - np.log(q / q.sum())
    if args.select == 'flip':
        # domain-adversarial: drop features whose log-ratio on the WMT rows disagrees in sign with
        # the ratio on all rows, or that never occur in WMT rows while being strongly one-class.
        m = np.array([s['source'].startswith('wmt') for s in train])
        pw = np.asarray(X[(y == 1) & m].T @ w[(y == 1) & m]).ravel() + a
        qw = np.asarray(X[(y == 0) & m].T @ w[(y == 0) & m]).ravel() + a
        rw = np.log(pw / pw.sum()) - np.log(qw / qw.sum())
        r = np.where(np.sign(rw) == np.sign(r), r, 0.0)
    if args.select.startswith('genre'):
        # domain-adversarial: drop features that tell genres apart WITHIN a class (native tweets vs
        # native news/answers; learner essays vs translated news): they are genre, not the class.
        thr = float(args.select[5:] or 1.0)
        src = [s['source'] for s in train]
        def ratio(ma, mb):
            pa_ = np.asarray(X[ma].T @ w[ma]).ravel() + a; pb_ = np.asarray(X[mb].T @ w[mb]).ravel() + a
            return np.log(pa_ / pa_.sum()) - np.log(pb_ / pb_.sum())
        tw = np.array([x in ('tweeteval', 'verified-user-tweets') for x in src])
        nn = np.array([(x.endswith('en-orig') or 'own-answer' in x) for x in src])
        le = np.array([x == 'fce-zh-l1' for x in src])
        tr = np.array([x.startswith('wmt') and y_ == 1 for x, y_ in zip(src, y)])
        g = np.abs(ratio(tw, nn))
        if le.any(): g = np.maximum(g, np.abs(ratio(le, tr)))
        r = np.where(g > thr, r * float(os.environ.get('GENRE_KEEP', '0')), r)
    R = sp.diags(r.astype(np.float32))
    clf = LogisticRegression(C=args.C, max_iter=2000, solver='liblinear')
    clf.fit(X @ R, y, sample_weight=w)
    return [clf.decision_function(matrix(t, fams) @ R) for t in tests]


def platt(s, y):
    lr = LogisticRegression(C=1e4).fit(s.reshape(-1, 1), y)
    return lambda z: lr.predict_proba(z.reshape(-1, 1))[:, 1]


fams = args.fams.split(',')
res = {}
for fold in args.folds.split(','):
    train, test = load(fold, 'train'), load(fold, 'test')
    if args.wmt_only:
        train = [t for t in train if t['source'].startswith('wmt')]
    if fold == 'dev':
        calib = load(fold, 'calib')
        sc, st = fit_predict(train, [calib, test], fams)
        cal = platt(sc, np.array([r['labels']['non_idiomatic'] for r in calib]))
        pr = cal(st)
        y = np.array([r['labels']['non_idiomatic'] for r in test])
        src = [r['source'] for r in test]
        tw = [i for i, s in enumerate(src) if s in ('tweeteval', 'verified-user-tweets')]
        le = [i for i, s in enumerate(src) if s == 'fce-zh-l1']
        an = [i for i, s in enumerate(src) if 'own-answer' in s]
        res['dev_tweet_spec'] = float((pr[tw] < 0.5).mean())
        res['dev_learner_rec'] = float((pr[le] >= 0.5).mean())
        res['dev_answer_spec'] = float((pr[an] >= 0.5).mean() * -1 + 1)
        nona = [i for i, s in enumerate(src) if 'own-answer' not in s]
        res['dev'] = roc_auc_score(y[nona], st[nona])
        np.save(f'{PRED}/{args.name}.{fold}.npy', st)
    else:
        (st,) = fit_predict(train, [test], fams)
        y = np.array([r['labels']['non_idiomatic'] for r in test])
        res[fold] = roc_auc_score(y, st)
        np.save(f'{PRED}/{args.name}.{fold}.npy', st)
    print(args.name, fold, {k: round(v, 4) for k, v in res.items()}, flush=True)
json.dump(res, open(f'{PRED}/{args.name}.json', 'w'))
print('RESULT', args.name, args.fams, ' '.join(f'{k}={v:.3f}' for k, v in res.items()))
