#!/usr/bin/env python3
"""gen_keyword_model.py: train the keyphrase ranking model of
src/core/keywords.c on the train split of 500N-KPCrowd (never validation).

    gen_keyword_model.py DATA.jsonl FEATURES.tsv > src/core/gen_keyword_model.inc

FEATURES.tsv comes from src/tools/keyword_features.c ("features" mode) run
over the texts of DATA.jsonl in file order: text number, surface form,
kind, the NA_KW_NFEATURES features and the term ids of the words of every
candidate.  A candidate is a positive example when it matches a gold
keyphrase of its text (Porter stems, as test/eval/keywords.py scores; the
original Porter stemmer of libstemmer, through ctypes).

The keyphraseness prior of a word (term id): over the train texts whose
candidates hold it, the mean agreement of the crowd on the word alone,
smoothed, (agreement + PRIOR_A) / (texts + 1), where a text's agreement is
the number of its annotators who chose the word alone (crowd_counts,
matched by Porter stems) over the most that any phrase of the text got (the
gold keyphrases of 500N-KPCrowd are those that (nearly) all of them chose,
so a gold word counts about 1, and a word most of them chose counts more
than one none chose, where a count of gold texts gave both 0); kept for the
words of at least PRIOR_MIN_TEXTS train texts, the others get PRIOR_A.  A candidate's prior
feature (NA_KW_FEATURE_PRIOR) is the mean over its words.  In training the
feature is recomputed with each text left out of the counts of its own
words, so that the model learns how much a prior from other texts tells.

The model is a sum of TREES regression trees of depth DEPTH, fitted by
gradient boosting on the logistic loss (fit_trees), each text weighing the
same (a candidate 1 / the candidates of its text); the output holds the
prior table, the base score and the trees: the nodes (threshold and
feature, the threshold as the smallest float at or above the split point,
float_up) and the leaves, in single precision.  Deterministic: same input, same
bytes.
"""
import bisect
import ctypes
import ctypes.util
import json
import math
import re
import struct
import sys

# TREES, DEPTH and RATE were chosen by 5-fold cross-validation on train
# (test/eval/README.md, Keyphrases); tree_leaf of keywords.c reads trees of
# depth 4, and the speed of news.keywords bounds TREES * DEPTH
TREES = 40
DEPTH = 4
RATE = 0.1
LAMBDA = 1.0
BINS = 32
MIN_HESSIAN = 5.0
PRIOR_A = 0.25
PRIOR_MIN_TEXTS = 2
FEATURE_PRIOR = 18      # NA_KW_FEATURE_PRIOR of keywords.h

_lib = ctypes.CDLL(ctypes.util.find_library("stemmer") or "libstemmer.so.0d")
_lib.sb_stemmer_new.restype = ctypes.c_void_p
_lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
_lib.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_char)
_lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
_lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
_porter = _lib.sb_stemmer_new(b"porter", b"UTF_8")


def stem(w):
    b = w.encode()
    p = _lib.sb_stemmer_stem(_porter, b, len(b))
    return ctypes.string_at(p, _lib.sb_stemmer_length(_porter)).decode()


def norm(phrase):
    s = re.sub(r"[\u2019'\u2010\u2011\u2012\u2013\-]", "", phrase.lower())
    return " ".join(stem(w) for w in re.findall(r"[a-z0-9]+", s))


def thresholds(values):
    """the candidate split points of one feature: midpoints between
    neighbouring distinct values, at most BINS - 1 of them, at quantiles of
    the training values (a midpoint is never a value itself, so a value the
    server computes in single precision falls on the side it fell on here)"""
    v = sorted(values)
    distinct = sorted(set(v))
    if len(distinct) <= BINS:
        picks = distinct[:-1]
    else:
        picks = sorted({v[(q * len(v)) // BINS] for q in range(1, BINS)})
    out = []
    for x in picks:
        k = bisect.bisect_right(distinct, x)
        if k < len(distinct):
            out.append((x + distinct[k]) / 2)
    return sorted(set(out))


FLOAT_MAX = 3.4028234663852886e38


def to_float(x):
    """x rounded to single precision"""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def float_up(x):
    """the smallest single-precision value at or above x (FLOAT_MAX for a
    node that splits nothing): for any single-precision v, v >= x exactly
    when v >= float_up(x), so the server compares floats with floats and
    decides as the generator did"""
    if x >= FLOAT_MAX:
        return FLOAT_MAX
    f = to_float(x)
    if f < x:
        bits = struct.unpack("<I", struct.pack("<f", f))[0]
        bits = bits + 1 if f > 0 or (f == 0 and math.copysign(1, f) > 0) else bits - 1
        f = struct.unpack("<f", struct.pack("<I", bits))[0]
    return f


def float_text(f):
    """f (single precision) in 9 significant digits, which give it back,
    written as a C floating constant (with a point or an exponent)"""
    t = "%.9g" % f
    return t if any(c in t for c in ".e") else t + ".0"


def fit_trees(xs, ys, ws):
    """gradient boosting of regression trees of depth DEPTH on the logistic
    loss (second-order steps, L2 of LAMBDA on the leaves, shrinkage
    RATE): each node takes the split of best gain over the binned features,
    a node with no split of gain sends all to its left child.  Returns the
    base score and the trees: per tree the feature and threshold of each
    inner node (heap order: node k's children are 2k+1, 2k+2; left when
    the value is below the threshold) and the value of each leaf.  ws
    weighs the examples (the gradients and hessians)."""
    n, nf = len(xs), len(xs[0])
    th = [thresholds([x[j] for x in xs]) for j in range(nf)]
    bins = [[bisect.bisect_right(th[j], x[j]) for j in range(nf)] for x in xs]
    pos = sum(w * y for w, y in zip(ws, ys))
    base = math.log(pos / (sum(ws) - pos))
    score = [base] * n
    trees = []
    nodes = (1 << DEPTH) - 1
    for _ in range(TREES):
        g = [0.0] * n
        h = [0.0] * n
        for i in range(n):
            p = 1.0 / (1.0 + math.exp(-score[i]))
            g[i] = ws[i] * (p - ys[i])
            h[i] = ws[i] * p * (1.0 - p)
        feats = [0] * nodes
        thr = [1e300] * nodes
        members = [list(range(n))]
        for level in range(DEPTH):
            nxt = []
            for k, rows in enumerate(members):
                node = (1 << level) - 1 + k
                best = (0.0, -1, 0)
                G = sum(g[i] for i in rows)
                H = sum(h[i] for i in rows)
                for j in range(nf):
                    nb = len(th[j]) + 1
                    if nb < 2:
                        continue
                    hg = [0.0] * nb
                    hh = [0.0] * nb
                    for i in rows:
                        b = bins[i][j]
                        hg[b] += g[i]
                        hh[b] += h[i]
                    gl = hl = 0.0
                    for b in range(nb - 1):
                        gl += hg[b]
                        hl += hh[b]
                        if hl < MIN_HESSIAN or H - hl < MIN_HESSIAN:
                            continue
                        gain = (gl * gl / (hl + LAMBDA) + (G - gl) ** 2 / (H - hl + LAMBDA)
                                - G * G / (H + LAMBDA))
                        if gain > best[0]:
                            best = (gain, j, b)
                _, j, b = best
                if j < 0:
                    nxt += [rows, []]
                    continue
                feats[node] = j
                thr[node] = th[j][b]
                nxt += [[i for i in rows if bins[i][j] <= b], [i for i in rows if bins[i][j] > b]]
            members = nxt
        leaves = []
        for rows in members:
            v = -RATE * sum(g[i] for i in rows) / (sum(h[i] for i in rows) + LAMBDA) if rows else 0.0
            leaves.append(v)
            for i in rows:
                score[i] += v
        trees.append((feats, thr, leaves))
    return base, trees


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    gold = [{norm(g) for g in r["keyphrases"]} - {""} for r in rows]
    crowd = []
    for r in rows:
        counts = {}
        for phrase, c in r.get("crowd_counts") or ():
            k = norm(phrase)
            if k:
                counts[k] = max(counts.get(k, 0), c)
        crowd.append((counts, max(counts.values()) if counts else 1))

    cands = []
    for line in open(sys.argv[2], encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        d = int(parts[0])
        r = rows[d]
        if r["split"] != "train" or r["title_only"]:
            continue
        ids = [int(v) for v in parts[-1].split()]
        cands.append((d, parts[1], [float(v) for v in parts[3:-1]], ids))

    # the prior: for each word, the train texts that have it, and the
    # crowd's agreement on the word alone in each (the word's surface,
    # where the surface form splits into as many words as the candidate has)
    texts = {}
    agree = {}
    for d, surface, _, ids in cands:
        words = surface.split()
        counts, top = crowd[d]
        for k, i in enumerate(ids):
            texts.setdefault(i, set()).add(d)
            if len(words) == len(ids):
                a = agree.setdefault(i, {})
                a[d] = max(a.get(d, 0.0), counts.get(norm(words[k]), 0) / top)

    def prior(i, leave_out=None):
        t = len(texts.get(i, ()))
        a = agree.get(i, {})
        g = sum(a[d] for d in sorted(a))
        if leave_out is not None and leave_out in texts.get(i, ()):
            t -= 1
            g -= a.get(leave_out, 0.0)
        return (g + PRIOR_A) / (t + 1) if t >= PRIOR_MIN_TEXTS else PRIOR_A

    xs, ys = [], []
    nf = None
    for d, surface, f, ids in cands:
        f[FEATURE_PRIOR] = sum(prior(i, d) for i in ids) / len(ids) if ids else PRIOR_A
        nf = len(f)
        xs.append(f)
        ys.append(1.0 if norm(surface) in gold[d] else 0.0)
    n = len(xs)
    # every text weighs the same in the loss: a candidate 1 / (its text's
    # candidates), scaled to a mean of 1 (long texts no longer dominate)
    per_text = {}
    for d, _, _, _ in cands:
        per_text[d] = per_text.get(d, 0) + 1
    ws = [1.0 / per_text[d] for d, _, _, _ in cands]
    total = sum(ws)
    ws = [w * n / total for w in ws]
    base, trees = fit_trees(xs, ys, ws)
    out = sys.stdout
    out.write("/* Generated by src/tools/gen_keyword_model.py from the train split of\n"
              " * 500N-KPCrowd (%d candidates of %d texts, %d positive); do not edit. */\n"
              % (n, sum(1 for r in rows if r["split"] == "train" and not r["title_only"]), int(sum(ys))))
    table = sorted(i for i in texts if len(texts[i]) >= PRIOR_MIN_TEXTS)
    out.write("#define KW_PRIOR_TERMS %d\n" % len(table))
    out.write("static const double kw_prior_default = %.9g;\n" % PRIOR_A)
    out.write("static const uint32_t kw_prior_ids[KW_PRIOR_TERMS] = {\n")
    for k in range(0, len(table), 8):
        out.write("\t%s,\n" % ", ".join("%u" % i for i in table[k:k + 8]))
    out.write("};\nstatic const float kw_prior_values[KW_PRIOR_TERMS] = {\n")
    for k in range(0, len(table), 8):
        out.write("\t%s,\n" % ", ".join("%.6gf" % prior(i) for i in table[k:k + 8]))
    out.write("};\n")
    nodes = (1 << DEPTH) - 1
    out.write("#define KW_TREES %d\n#define KW_TREE_DEPTH %d\n" % (len(trees), DEPTH))
    out.write("static const double kw_model_base = %.17g;\n" % base)
    out.write("static const KwTreeNode kw_tree_nodes[KW_TREES][%d] = {\n" % nodes)
    for feats, thr, _ in trees:
        out.write("\t{%s},\n" % ", ".join("{%sf, %d}" % (float_text(float_up(t)), f)
                                             for f, t in zip(feats, thr)))
    out.write("};\nstatic const float kw_tree_leaf[KW_TREES][%d] = {\n" % (nodes + 1))
    for _, _, leaves in trees:
        out.write("\t{%s},\n" % ", ".join("%sf" % float_text(to_float(v)) for v in leaves))
    out.write("};\n")

if __name__ == "__main__":
    main()
