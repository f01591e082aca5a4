#!/usr/bin/env python3
"""keywords_cv.py: cross-validation of the keyphrase model of news.keywords
on the train split of 500N-KPCrowd, the way its features and learner are
chosen (test/eval/README.md, Keyphrases).

    keywords_cv.py DATA.jsonl FEATURES.tsv [N ...]
    keywords_cv.py DATA.jsonl FEATURES.tsv learning

FEATURES.tsv comes from `keyword_features features` (src/tools) over the
texts of DATA.jsonl in file order.  For each N (default: all the features
of the file), a model of the first N features is evaluated by 5-fold
cross-validation on train (folds A: every fifth train text in file order;
B: the same after a fixed shuffle) and, trained on all of train, on
validation; F1@10 as test/eval/keywords.py scores.  Everything of
src/tools/gen_keyword_model.py is replicated: the keyphraseness prior (the
crowd's agreement on each word) from the training texts only (left one
text out within them), the binned split points, each text weighing the
same, 40 boosted trees of depth 4 (the same gains and leaves, fitted with
numpy: python3-numpy of Debian, `/usr/bin/python3`), and the merging of
parts, the rank order and the final selection of keywords.c.  The replica
gives F1@10 0.2417 on validation where keywords.sh gives 0.242 (session
12; 0.2266 against 0.227 for session 11's model).  `learning`: the
learning curve, every feature, trained on every 8th, 4th, 2nd and every
text of each training fold (folds A) and of train (for validation).
Deterministic.
"""
import json, math, os, random, sys
from collections import defaultdict
try:
    import numpy as np
except ImportError:
    sys.exit("keywords_cv.py needs numpy (Debian's python3-numpy: run it with /usr/bin/python3)")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keywords as K
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "tools"))
# the generator's split points and settings
from gen_keyword_model import thresholds, TREES, DEPTH, RATE, LAMBDA
from gen_keyword_model import MIN_HESSIAN as MINH, PRIOR_A as PA, FEATURE_PRIOR as FP

def fit(X, y, w, trees=TREES, depth=DEPTH, rate=RATE):
    n, nf = X.shape
    th = [np.array(thresholds(X[:, j].tolist())) for j in range(nf)]
    B = np.stack([np.searchsorted(th[j], X[:, j], side="right") for j in range(nf)], 1)
    pos = (w * y).sum(); base = math.log(pos / (w.sum() - pos))
    score = np.full(n, base)
    model = []
    for _ in range(trees):
        p = 1 / (1 + np.exp(-score)); g = w * (p - y); h = w * p * (1 - p)
        feats = []; thr = []
        members = [np.arange(n)]
        for level in range(depth):
            nxt = []
            for rows in members:
                best = (0.0, -1, 0)
                if len(rows):
                    G = g[rows].sum(); H = h[rows].sum()
                    for j in range(nf):
                        nb = len(th[j]) + 1
                        if nb < 2: continue
                        hg = np.bincount(B[rows, j], g[rows], nb)
                        hh = np.bincount(B[rows, j], h[rows], nb)
                        gl = np.cumsum(hg)[:-1]; hl = np.cumsum(hh)[:-1]
                        ok = (hl >= MINH) & (H - hl >= MINH)
                        gain = gl**2/(hl+LAMBDA) + (G-gl)**2/(H-hl+LAMBDA) - G*G/(H+LAMBDA)
                        gain = np.where(ok, gain, -1)
                        b = int(np.argmax(gain))
                        if gain[b] > best[0]:
                            best = (gain[b], j, b)
                _, j, b = best
                if j < 0:
                    feats.append(0); thr.append(np.inf); nxt += [rows, rows[:0]]; continue
                feats.append(j); thr.append(th[j][b])
                m = B[rows, j] <= b
                nxt += [rows[m], rows[~m]]
            members = nxt
        leaves = []
        for rows in members:
            v = -rate * g[rows].sum() / (h[rows].sum() + LAMBDA) if len(rows) else 0.0
            leaves.append(v); score[rows] += v
        model.append((feats, thr, leaves))
    return base, model

def predict(base, model, X):
    s = np.full(len(X), base)
    for feats, thr, leaves in model:
        node = np.zeros(len(X), dtype=int)
        for level in range(DEPTH):
            f = np.array(feats)[node]; t = np.array(thr)[node]
            right = X[np.arange(len(X)), f] >= t
            node = 2 * node + 1 + right
        s += np.array(leaves)[node - ((1 << DEPTH) - 1)]
    return s

def load(data, feats_path):
    rows = [json.loads(l) for l in open(data, encoding="utf-8")]
    gold = [{K.norm(g) for g in r["keyphrases"]} - {""} for r in rows]
    global CROWD
    CROWD = []
    for r in rows:
        counts = {}
        for phrase, c in r.get("crowd_counts") or ():
            k = K.norm(phrase)
            if k: counts[k] = max(counts.get(k, 0), c)
        CROWD.append((counts, max(counts.values()) if counts else 1))
    C = []
    for line in open(feats_path, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        d = int(p[0])
        if rows[d]["title_only"]: continue
        ids = tuple(int(v) for v in p[-1].split())
        C.append(dict(d=d, s=p[1], kind=p[2], f=[float(v) for v in p[3:-1]], ids=ids,
                      y=1.0 if K.norm(p[1]) in gold[d] else 0.0))
    return rows, gold, C

def priors(C, train_docs):
    """the generator's prior: the crowd's mean agreement on the word alone"""
    texts = defaultdict(set); agree = defaultdict(dict)
    for c in C:
        if c["d"] not in train_docs: continue
        words = c["s"].split()
        counts, top = CROWD[c["d"]]
        for k, i in enumerate(c["ids"]):
            texts[i].add(c["d"])
            if len(words) == len(c["ids"]):
                a = agree[i]
                a[c["d"]] = max(a.get(c["d"], 0.0), counts.get(K.norm(words[k]), 0) / top)
    def prior(i, lo=None):
        t = len(texts.get(i, ())); a = agree.get(i, {}); g = sum(a[d] for d in sorted(a))
        if lo is not None and lo in texts.get(i, ()):
            t -= 1; g -= a.get(lo, 0.0)
        return (g + PA) / (t + 1) if t >= 2 else PA
    return prior

def select(cs, scores, k=10):
    """cs: candidates of one text in index order; replica of merge_parts + selection"""
    n = len(cs)
    sc = list(scores)
    merged = [False] * n
    byids = {c["ids"]: i for i, c in enumerate(cs)}
    cnt = [round(math.expm1(c["f"][0])) for c in cs]
    name = [c["kind"] == "name" for c in cs]
    for L in range(4, 1, -1):
        for i, c in enumerate(cs):
            if merged[i] or len(c["ids"]) != L: continue
            for sub in range(L - 1, 0, -1):
                for at in range(0, L - sub + 1):
                    j = byids.get(c["ids"][at:at + sub])
                    if j is None or merged[j] or cnt[j] > cnt[i] or (name[j] and not name[i]): continue
                    merged[j] = True
                    if sc[j] > sc[i]: sc[i] = sc[j]
    order = sorted((i for i in range(n) if not merged[i]),
                   key=lambda i: (-np.float32(sc[i]), cs[i]["f"][2], -len(cs[i]["ids"]), i))
    chosen = []
    for i in order:
        if len(chosen) >= k: break
        cov = False
        for o in chosen:
            if K.contains(cs[o]["ids"], cs[i]["ids"]) or (K.contains(cs[i]["ids"], cs[o]["ids"]) and name[i] == name[o]):
                cov = True; break
        if not cov: chosen.append(i)
    return [cs[i]["s"] for i in chosen]

def f1_docs(C, scores, docs):
    by = defaultdict(list)
    for idx, c in enumerate(C):
        if c["d"] in docs: by[c["d"]].append(idx)
    tot = 0.0
    for d in docs:
        ix = by.get(d, [])
        top = select([C[i] for i in ix], [scores[i] for i in ix])
        tot += K.prf(top, GOLD[d], 10)[2]
    return tot / len(docs)

def run(C, xfn, train_docs, test_docs, **kw):
    prior = priors(C, train_docs)
    ndoc = defaultdict(int)
    for c in C: ndoc[c["d"]] += 1
    Xtr, ytr, wtr, Xte, ite = [], [], [], [], []
    for idx, c in enumerate(C):
        f = list(c["f"])
        if c["d"] in train_docs:
            f[FP] = sum(prior(i, c["d"]) for i in c["ids"]) / len(c["ids"])
            Xtr.append(xfn(c, f)); ytr.append(c["y"]); wtr.append(1.0 / ndoc[c["d"]])
        elif c["d"] in test_docs:
            f[FP] = sum(prior(i) for i in c["ids"]) / len(c["ids"])
            Xte.append(xfn(c, f)); ite.append(idx)
    w = np.array(wtr); w *= len(w) / w.sum()   # each text weighs the same
    base, model = fit(np.array(Xtr, dtype=np.float64), np.array(ytr), w, **kw)
    s = predict(base, model, np.array(Xte, dtype=np.float64))
    scores = [0.0] * len(C)
    for k, idx in enumerate(ite): scores[idx] = s[k]
    return f1_docs(C, scores, test_docs)

def evaluate(C, rows, xfn, label, folds="A", val=True, **kw):
    train = [d for d, r in enumerate(rows) if r["split"] == "train" and not r["title_only"]]
    valid = [d for d, r in enumerate(rows) if r["split"] == "validation" and not r["title_only"]]
    out = []
    for fa in folds:
        if fa == "A":
            parts = [set(train[i::5]) for i in range(5)]
        else:
            rr = random.Random(11); t = train[:]; rr.shuffle(t)
            parts = [set(t[i::5]) for i in range(5)]
        tot = 0.0
        for k in range(5):
            te = parts[k]; tr = set(train) - te
            tot += run(C, xfn, tr, te, **kw) * len(te)
        out.append(tot / len(train))
    v = run(C, xfn, set(train), set(valid), **kw) if val else float("nan")
    print("%-40s CV %s  val %.4f" % (label, " ".join("%s %.4f" % (f, x) for f, x in zip(folds, out)), v), flush=True)
    return out, v

def learning(C, rows):
    """learning: F1@10 of CV A and validation with every feature, the
    training texts thinned to every 8th, 4th, 2nd and every one"""
    train = [d for d, r in enumerate(rows) if r["split"] == "train" and not r["title_only"]]
    valid = [d for d, r in enumerate(rows) if r["split"] == "validation" and not r["title_only"]]
    parts = [set(train[i::5]) for i in range(5)]
    xfn = lambda c, f: f
    for step in (8, 4, 2, 1):
        tot = 0.0
        for k in range(5):
            tr = sorted(set(train) - parts[k])[::step]
            tot += run(C, xfn, set(tr), parts[k]) * len(parts[k])
        v = run(C, xfn, set(train[::step]), set(valid))
        print("training texts 1/%d (%3d per fold, %3d for validation): CV A %.4f  val %.4f"
              % (step, len(sorted(set(train) - parts[0])[::step]), len(train[::step]),
                 tot / len(train), v), flush=True)

GOLD = None
CROWD = None
if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows, GOLD, C = load(sys.argv[1], sys.argv[2])
    if sys.argv[3:] == ["learning"]:
        learning(C, rows)
        sys.exit(0)
    nall = len(C[0]["f"])
    for n in [int(a) for a in sys.argv[3:]] or [nall]:
        evaluate(C, rows, lambda c, f, n=n: f[:n], "first %d features of %d" % (n, nall), folds="AB")
