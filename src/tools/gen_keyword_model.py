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

The keyphraseness prior of a word (term id): of the train texts whose
candidates hold it, the share whose gold keyphrases hold the word alone,
smoothed, (gold + PRIOR_A) / (texts + 1); kept for the words of at least
PRIOR_MIN_TEXTS train texts, the others get PRIOR_A.  A candidate's prior
feature (NA_KW_FEATURE_PRIOR) is the mean over its words.  In training the
feature is recomputed with each text left out of the counts of its own
words, so that the model learns how much a prior from other texts tells.

The model is an L2-regularized logistic regression over standardized
features, fitted by Newton's method; the output holds the prior table,
the means, scales, weights and bias.  Deterministic: same input, same
bytes.
"""
import ctypes
import ctypes.util
import json
import math
import re
import sys

L2 = 1.0
ITERATIONS = 25
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


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b"""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    gold = [{norm(g) for g in r["keyphrases"]} - {""} for r in rows]

    cands = []
    for line in open(sys.argv[2], encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        d = int(parts[0])
        r = rows[d]
        if r["split"] != "train" or r["title_only"]:
            continue
        ids = [int(v) for v in parts[-1].split()]
        cands.append((d, parts[1], [float(v) for v in parts[3:-1]], ids))

    # the prior: for each word, the train texts that have it, and those
    # whose gold holds it alone (the word's surface, where the surface form
    # splits into as many words as the candidate has)
    texts = {}
    golds = {}
    for d, surface, _, ids in cands:
        words = surface.split()
        for k, i in enumerate(ids):
            texts.setdefault(i, set()).add(d)
            if len(words) == len(ids) and norm(words[k]) in gold[d]:
                golds.setdefault(i, set()).add(d)

    def prior(i, leave_out=None):
        t = len(texts.get(i, ()))
        g = len(golds.get(i, ()))
        if leave_out is not None and leave_out in texts.get(i, ()):
            t -= 1
            g -= leave_out in golds.get(i, ())
        return (g + PRIOR_A) / (t + 1) if t >= PRIOR_MIN_TEXTS else PRIOR_A

    xs, ys = [], []
    nf = None
    for d, surface, f, ids in cands:
        f[FEATURE_PRIOR] = sum(prior(i, d) for i in ids) / len(ids) if ids else PRIOR_A
        nf = len(f)
        xs.append(f)
        ys.append(1.0 if norm(surface) in gold[d] else 0.0)
    n = len(xs)
    mean = [sum(x[i] for x in xs) / n for i in range(nf)]
    scale = [math.sqrt(sum((x[i] - mean[i]) ** 2 for x in xs) / n) or 1.0 for i in range(nf)]
    zs = [[1.0] + [(x[i] - mean[i]) / scale[i] for i in range(nf)] for x in xs]
    d = nf + 1
    w = [0.0] * d
    for _ in range(ITERATIONS):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for z, y in zip(zs, ys):
            t = sum(wi * zi for wi, zi in zip(w, z))
            p = 1.0 / (1.0 + math.exp(-t)) if t > -30 else 0.0
            g = p - y
            s = p * (1 - p)
            for i in range(d):
                zi = z[i]
                grad[i] += g * zi
                si = s * zi
                row = hess[i]
                for j in range(i, d):
                    row[j] += si * z[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(1, d):
            grad[i] += L2 * w[i]
            hess[i][i] += L2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
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
    out.write("static const double kw_model_bias = %.9g;\n" % w[0])
    for name, vals in (("mean", mean), ("scale", scale), ("weights", w[1:])):
        out.write("static const double kw_model_%s[NA_KW_NFEATURES] = {\n\t%s\n};\n"
                  % (name, ", ".join("%.9g" % v for v in vals)))


if __name__ == "__main__":
    main()
