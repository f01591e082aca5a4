#!/usr/bin/env python3
"""gen_sentiment_model.py: learn the built-in sentiment model of
src/core/sentiment.c from the NewsMTSC train sentences in ../shared/data.

    python3 src/tools/gen_sentiment_model.py [--data DIR] [--out FILE]
    python3 src/tools/gen_sentiment_model.py --search [--data DIR]
    python3 src/tools/gen_sentiment_model.py --dev [--data DIR]

The data: sentiment/newsmtsc_train.jsonl, sentences from US political news
with the sentiment toward each target mention (negative, neutral, positive).
A fixed part of it is held out as the project's dev portion and never
learned from: every sentence of an article whose key (allsides_<article>
or polusa_v1_<article>, the start of the row id) has a SHA-1 whose first
32 bits are 0 modulo 5, about a fifth of the rows.  The rest is the train
portion, cut the same way into 5 folds (the next digit of that number,
base 5) for cross-validation.  Splitting by article keeps sentences of one
story on one side.

The learning itself is done by src/tools/sentiment_train.c, built here
against src/core (the scorer of sentiment.c reads each example as it
reads a document at run time, with a model that knows only the cue words
of src/data/sentiment_cues.txt) and fitted by L2-regularized multinomial
logistic regression on the Snowball English stems of the words in each
slot, plus a polarity prior per word: project-written seed words
(src/data/sentiment_seeds.txt) spread through WordNet 3.0 (Debian's
wordnet-base, whose licence allows derived data with its notice, which
the output carries).  HYPER below holds the regularization and context
parameters chosen with --search (5-fold cross-validation on the train
portion; the dev portion plays no part).  --dev prints the figures of the
model on the dev portion, as a check of test/eval/sentiment.sh.

The output, src/core/gen_sentiment_model.inc, holds weights, not text:
per stem its weights per slot (rounded to 4 decimals), and the word forms
of VOCABULARY (unlabelled news) that take them, so that the scorer needs
no stemmer; cue words carry their cue kinds.  A word's polarity in the
word shares is +1 when its sentence weights favour positive over both
neutral and negative by at least LEXICON_MARGIN, -1 the same way for
negative.  Deterministic: same data, same bytes.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SLOTS = 4
FEATURES = ["subject", "speaker", "quoted", "pronoun", "possessive", "question", "exclaim"]
PARAMS = ["near", "negation_scope", "pronoun_reach", "negated", "intensified", "downtoned",
          "before_contrast", "after_contrast", "concessive", "reported"]
CUE_BITS = {"negation": 0x01, "contrast": 0x02, "concessive": 0x04, "intensifier": 0x08,
            "downtoner": 0x10, "speech": 0x20, "pronoun": 0x40}
LEXICON_MARGIN = 0.5

# chosen by --search (5-fold cross-validation on the train portion)
HYPER = {
    "c": 4.0,
    "prune": 0.05,
    "near": 3,
    "negation_scope": 3,
    "pronoun_reach": 1,
    "negated": 1.0,
    "intensified": 1.5,
    "downtoned": 0.5,
    "before_contrast": 0.5,
    "after_contrast": 1.0,
    "concessive": 0.5,
    "reported": 1.0,
}


def article_key(row_id):
    """allsides_<article> or polusa_v1_<article>: the story a row comes from."""
    parts = row_id.split("_")
    return "_".join(parts[:2]) if parts[0] == "allsides" else "_".join(parts[:3])


def fold_of(row_id):
    """'D' for the dev portion, else the cross-validation fold '0'..'4'."""
    h = int(hashlib.sha1(article_key(row_id).encode("utf-8")).hexdigest()[:8], 16)
    return "D" if h % 5 == 0 else str((h // 5) % 5)


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\n")


def write_examples(data, path):
    n = 0
    with open(os.path.join(data, "sentiment", "newsmtsc_train.jsonl"), encoding="utf-8") as f, \
            open(path, "w", encoding="utf-8") as out:
        for line in f:
            row = json.loads(line)
            fold = fold_of(row["id"])
            for t in row["targets"]:
                out.write("%s\t%s\t%s\t%s\n" % (fold, t["polarity"], escape(t["mention"]),
                                                escape(row["text"])))
                n += 1
    return n


# Unlabelled news whose word forms get the weights of their stems: the
# model is learned on stems (Snowball English) and stored per word form, so
# that the scorer needs no stemmer.  A form met at least twice here (or a
# cue word) is stored when its stem has a weight.
VOCABULARY = [
    ("corpora/reuters21578.jsonl", ["body"]),
    ("corpora/bbc_fulltext.jsonl", ["body"]),
    ("corpora/ag_news_test.jsonl", ["title", "body"]),
    ("quotes/polnear_train.jsonl", ["text"]),
    ("summaries/cnndm_validation.jsonl", ["text"]),
]


def write_vocabulary(data, path):
    with open(path, "w", encoding="utf-8") as out:
        for name, fields in VOCABULARY:
            with open(os.path.join(data, name), encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    for k in fields:
                        if row.get(k):
                            out.write(escape(row[k]) + "\n")
        # the train portion of the training sentences (not the dev portion)
        with open(os.path.join(data, "sentiment", "newsmtsc_train.jsonl"), encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if fold_of(row["id"]) != "D":
                    out.write(escape(row["text"]) + "\n")


# The WordNet polarity prior.  Seeds (src/data/sentiment_seeds.txt) give
# their synsets a polarity, the first senses most; it spreads PRIOR_STEPS
# times along WordNet's relations, halving at each step (an antonym flips
# it), clipped to [-1, 1]; a lemma's prior is the sense-weighted mean over its synsets, kept when at
# least PRIOR_MIN.  The model learns a weight for the prior per slot.
PRIOR_SEED_SENSES = 3
PRIOR_STEPS = 3
PRIOR_MIN = 0.05
WORDNET_SAME = {"&", "^", "$", "+", "=", "~", "<", "\\"}   # similar, also see, verb group,
WORDNET_ANTONYM = "!"                                      # derivation, attribute, troponym,
                                                           # participle, pertainym


def wordnet_prior(wordnet):
    """lemma -> prior in [-1, 1], from the seeds and WordNet 3.0 in wordnet"""
    pos_files = {"a": "adj", "n": "noun", "v": "verb", "r": "adv"}
    edges = {}
    lemmas_of = {}
    for pos, name in pos_files.items():
        with open(os.path.join(wordnet, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                head = line.split(" | ")[0].split()
                off, ss_type = head[0], head[2]
                key = (off, "a" if ss_type == "s" else pos)
                nw = int(head[3], 16)
                lemmas_of[key] = [head[4 + 2 * i].lower() for i in range(nw)]
                k = 4 + 2 * nw
                np_ = int(head[k])
                out = []
                for i in range(np_):
                    sym, toff, tpos = head[k + 1 + 4 * i:k + 4 + 4 * i]
                    tpos = "a" if tpos == "s" else tpos
                    if sym == WORDNET_ANTONYM:
                        out.append(((toff, tpos), -1.0))
                    elif sym in WORDNET_SAME:
                        out.append(((toff, tpos), 1.0))
                edges[key] = out
    senses = {}
    for pos, name in pos_files.items():
        with open(os.path.join(wordnet, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                p = line.split()
                nsyn = int(p[2])
                senses[(p[0], pos)] = [(o, pos) for o in p[-nsyn:]]
    seed = defaultdict(float)
    with open(os.path.join(TOP, "src", "data", "sentiment_seeds.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) != 3:
                continue
            sign = 1.0 if line[2] == "+" else -1.0
            for rank, key in enumerate(senses.get((line[0], line[1]), [])[:PRIOR_SEED_SENSES]):
                seed[key] += sign / (rank + 1)
    score = dict(seed)
    for _ in range(PRIOR_STEPS):
        nxt = defaultdict(float, seed)
        for key in sorted(score):
            v = score[key]
            out = edges.get(key, [])
            if not out or v == 0:
                continue
            for target, sign in out:
                nxt[target] += sign * 0.5 * v
        score = {k: max(-1.0, min(1.0, v)) for k, v in nxt.items()}
    prior = {}
    for (lemma, pos), keys in sorted(senses.items()):
        if "_" in lemma or not lemma.isalpha():
            continue
        num = den = 0.0
        for rank, key in enumerate(keys):
            num += score.get(key, 0.0) / (rank + 1)
            den += 1.0 / (rank + 1)
        v = max(-1.0, min(1.0, num / den))
        if abs(v) >= PRIOR_MIN and abs(v) > abs(prior.get(lemma, 0.0)):
            prior[lemma] = v
    return prior


def write_prior(wordnet, path):
    prior = wordnet_prior(wordnet)
    with open(path, "w", encoding="utf-8") as out:
        for lemma in sorted(prior):
            out.write("%s\t%.4f\n" % (lemma, prior[lemma]))
    return len(prior)


def core_libs():
    """The libraries the core links with, as the Makefile names them."""
    make = ["make", "-s", "-C", TOP, "print-libs"]
    if os.environ.get("PG_CONFIG"):
        make.append("PG_CONFIG=" + os.environ["PG_CONFIG"])
    return subprocess.run(make, check=True, stdout=subprocess.PIPE, text=True).stdout.split()


def build_trainer(tmp):
    core = sorted(os.path.join(TOP, "src", "core", f)
                  for f in os.listdir(os.path.join(TOP, "src", "core"))
                  if f.endswith(".c") and f != "sentiment_model.c")
    exe = os.path.join(tmp, "sentiment_train")
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-O2", "-ffp-contract=off",
                    "-I" + os.path.join(TOP, "src", "core"), "-o", exe,
                    os.path.join(TOP, "src", "tools", "sentiment_train.c")] + core +
                   core_libs(), check=True)
    return exe


def run(exe, mode, examples, hyper, prior, vocabulary=None):
    args = [exe, mode, os.path.join(TOP, "src", "data", "sentiment_cues.txt"), examples,
            "--prior=" + prior]
    if vocabulary:
        args.append("--vocabulary=" + vocabulary)
    args += ["--%s=%s" % (k, v) for k, v in sorted(hyper.items())]
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, text=True).stdout


def read_cues():
    cues = {}
    with open(os.path.join(TOP, "src", "data", "sentiment_cues.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) == 2:
                cues[line[0]] = cues.get(line[0], 0) | CUE_BITS[line[1]]
    return cues


def c_string(b):
    out = []
    for c in b:
        if c in (0x22, 0x5C):
            out.append("\\" + chr(c))
        elif 0x20 <= c < 0x7F:
            out.append(chr(c))
        else:
            out.append("\\%03o" % c)
    return '"' + "".join(out) + '"'


def c_float(x):
    s = "%.4f" % x
    if s in ("-0.0000", "0.0000"):
        return "0.0f"
    s = s.rstrip("0")
    return (s + "0" if s.endswith(".") else s) + "f"


def c_weight(x):
    """A weight as short as C reads it as the same float: "-.0937f", "0"."""
    s = c_float(x)
    if s == "0.0f":
        return "0"
    return s.replace("0.", ".", 1) if s.lstrip("-").startswith("0.") else s


def c_pair(pair):
    """A pair of weights, its trailing zero left to the initializer."""
    a, b = c_weight(pair[0]), c_weight(pair[1])
    return "{%s}" % a if b == "0" else "{%s,%s}" % (a, b)


def c_slots(w):
    """The weights of all slots, trailing zero slots left out."""
    pairs = [c_pair(x) for x in w]
    while pairs and pairs[-1] == "{0}":
        pairs.pop()
    return "{" + ",".join(pairs) + "}"


def write_inc(model_text, out):
    params = {}
    bias = None
    feats = {}
    stems = {}
    forms = []
    for line in model_text.splitlines():
        f = line.split("\t")
        if f[0] == "P":
            params[f[1]] = f[2]
        elif f[0] == "B":
            bias = (float(f[1]), float(f[2]))
        elif f[0] == "F":
            feats[f[1]] = (float(f[2]), float(f[3]))
        elif f[0] == "W":
            w = stems.setdefault(f[1], [[0.0, 0.0] for _ in range(SLOTS)])
            w[int(f[2])] = [round(float(f[3]), 4), round(float(f[4]), 4)]
        elif f[0] == "V":
            forms.append((f[1], f[2]))
    cues = read_cues()
    zero = [[0.0, 0.0] for _ in range(SLOTS)]
    # the words: one per stem, one per cue form (its cue kinds with its
    # stem's weights); then every form pointing at one of them
    words = []
    word_of = {}
    for form, stem in forms:
        key = ("cue", form) if form in cues else ("stem", stem)
        if key not in word_of:
            word_of[key] = len(words)
            words.append((stem, cues.get(form, 0), stems.get(stem, zero)))
    words_sorted = sorted(range(len(words)), key=lambda k: (words[k][0].encode("utf-8"), words[k][1]))
    renum = {old: new for new, old in enumerate(words_sorted)}
    words = [words[k] for k in words_sorted]
    table = [(form.encode("utf-8"), renum[word_of[("cue", form) if form in cues else ("stem", stem)]])
             for form, stem in forms]
    if len(table) >= 65535:
        sys.exit("gen_sentiment_model.py: too many word forms for a 16-bit index")
    size = 1024
    while size < 2 * len(table):
        size *= 2
    o = []
    o.append("/* Generated by src/tools/gen_sentiment_model.py from NewsMTSC train (the train\n"
             " * portion, see the script), the word forms of the news corpora it lists,\n"
             " * src/data/sentiment_cues.txt and a polarity prior spread from\n"
             " * src/data/sentiment_seeds.txt through WordNet; do not edit.  Weights are\n"
             " * log-odds of negative and positive against neutral, per stem; each word form\n"
             " * points at its stem.\n"
             " *\n"
             " * The prior is derived from WordNet 3.0 (Debian's wordnet-base):\n"
             " * WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.\n"
             " * THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY\n"
             " * MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF\n"
             " * EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR\n"
             " * WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT\n"
             " * THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE\n"
             " * ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.  (License:\n"
             " * /usr/share/doc/wordnet-base/copyright.) */\n")
    o.append('#define SENT_MODEL_NAME "newsmtsc-lr-1"\n')
    o.append("#define SENT_PARAMS { \\\n")
    for k in PARAMS:
        v = params[k]
        o.append("\t.%s = %s, \\\n" % (k, v if k in ("near", "negation_scope", "pronoun_reach")
                                       else c_float(float(v))))
    o.append("}\n")
    o.append("#define SENT_BIAS {%s, %s}\n" % (c_float(bias[0]), c_float(bias[1])))
    o.append("#define SENT_FEATURES { \\\n")
    for k in FEATURES:
        o.append("\t{%s, %s},\t/* %s */ \\\n" % (c_float(feats[k][0]), c_float(feats[k][1]), k))
    o.append("}\n")
    o.append("#define SENT_WORDS %d\n" % len(words))
    o.append("#define SENT_FORMS %d\n" % len(table))
    o.append("#define SENT_INDEX_SIZE %d\n" % size)
    o.append("/* stems (and cue words): stem, 0, length, cue kinds, polarity in the word\n"
             " * shares, weights (trailing zeros left to the initializer) */\n")
    o.append("static const NaSentimentWord sent_words[SENT_WORDS] = {\n")
    for stem, cue, w in words:
        n, p = w[0]
        lex = 0
        if p - max(n, 0.0) >= LEXICON_MARGIN:
            lex = 1
        elif n - max(p, 0.0) >= LEXICON_MARGIN:
            lex = -1
        b = stem.encode("utf-8")
        o.append("\t{%s,0,%d,%d,%d,%s},\n" % (c_string(b), len(b), cue, lex, c_slots(w)))
    o.append("};\n")
    o.append("/* word forms: form, index into sent_words (hashed at first use) */\n")
    o.append("static const SentForm sent_forms[SENT_FORMS] = {\n")
    for i in range(0, len(table), 6):
        o.append("\t" + " ".join("{%s,%d}," % (c_string(b), k) for b, k in table[i:i + 6]) + "\n")
    o.append("};\n")
    out.write("".join(o))


SEARCH = [
    ("c", [1.0, 2.0, 3.0, 4.0, 5.0]),
    ("near", [2, 3, 5]),
    ("negated", [0.5, 1.0]),
    ("before_contrast", [0.5, 1.0]),
    ("reported", [0.5, 1.0]),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("NA_SHARED", os.path.join(TOP, "..", "shared", "data")))
    ap.add_argument("--out", default=os.path.join(TOP, "src", "core", "gen_sentiment_model.inc"))
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--search", action="store_true")
    ap.add_argument("--dev", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        examples = os.path.join(tmp, "examples.tsv")
        write_examples(a.data, examples)
        exe = build_trainer(tmp)
        prior = os.path.join(tmp, "prior.txt")
        write_prior(a.wordnet, prior)
        if a.search:
            # coordinate search from HYPER, one parameter at a time
            best = dict(HYPER)
            score = float(run(exe, "cv", examples, best, prior).split("\t")[1].split()[1])
            print("start %.4f %s" % (score, best), flush=True)
            for name, values in SEARCH:
                for v in values:
                    h = dict(best)
                    h[name] = v
                    s = float(run(exe, "cv", examples, h, prior).split("\t")[1].split()[1])
                    print("%s=%s cv macro-F1 %.4f" % (name, v, s), flush=True)
                    if s > score + 0.001:
                        best, score = h, s
            print("best %.4f %s" % (score, best))
            return
        if a.dev:
            sys.stdout.write(run(exe, "dev", examples, HYPER, prior))
            return
        vocabulary = os.path.join(tmp, "vocabulary.txt")
        write_vocabulary(a.data, vocabulary)
        model = run(exe, "train", examples, HYPER, prior, vocabulary)
    with open(a.out, "w", encoding="utf-8") as out:
        write_inc(model, out)


if __name__ == "__main__":
    main()
