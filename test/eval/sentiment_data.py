#!/usr/bin/env python3
"""sentiment_data.py: data, baselines and scores for test/eval/sentiment.sh.

    sentiment_data.py prepare DATA OUT   write the CSV files the SQL side loads
    sentiment_data.py score DATA OUT     print the tables (reads OUT/*.ours.tsv)

Sets (DATA is ../shared/data):
  NewsMTSC dev portion: the rows of sentiment/newsmtsc_train.jsonl that
      src/tools/gen_sentiment_model.py holds out (fold_of(id) == 'D', a fixed
      fifth chosen by article), one item per target mention, with the mention
      as written as the target;
  PerSenT dev: sentiment/persent_dev.jsonl, one item per document with
      target_entity as the target, and one per labelled paragraph.

Baselines, measured in the same run:
  majority   the most frequent label of the NewsMTSC train portion (for
             PerSenT, the most frequent label of PerSenT itself: there is no
             PerSenT train split, so this one is an oracle);
  lexicon    a word list learned by counting on the NewsMTSC train portion:
             a word seen in at least K training sentences is positive when
             its share of positive sentences is at least R times its share
             of negative ones (add-one smoothing), negative the other way
             round; a sentence's score is its positive words minus its
             negative words, positive above A, negative below -A.  K, R
             and A are the values with the best macro-F1 on the train
             portion itself.  Words are [a-z]+ runs of the lower-cased
             text (apostrophes kept inside);
  log-odds   the same counts as a weighted lexicon (each word of at least K
             sentences weighs log P(w|pos)/P(w|neutral) toward positive and
             log P(w|neg)/P(w|neutral) toward negative, summed, thresholds
             tuned on train): a stronger lexicon, for reference.
For documents and paragraphs, a baseline labels each sentence (split at
. ! ?) that holds the target's last name, and the text takes the most
frequent sentence label (neutral on ties or without such a sentence).
"""
import csv
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(TOP, "src", "tools"))
from gen_sentiment_model import fold_of  # noqa: E402  (the split lives there)

LABELS = ["negative", "neutral", "positive"]
WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)*")


def words(text):
    return WORD.findall(text.lower())


def newsmtsc(data):
    """(portion, item number, row id, mention, label, text) per target"""
    n = 0
    with open(os.path.join(data, "sentiment", "newsmtsc_train.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            portion = "dev" if fold_of(row["id"]) == "D" else "train"
            for t in row["targets"]:
                yield portion, str(n), row["id"], t["mention"], t["polarity"], row["text"]
                n += 1


def persent(data):
    with open(os.path.join(data, "sentiment", "persent_dev.jsonl"), encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def prepare(data, out):
    with open(os.path.join(out, "newsmtsc_dev.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for portion, iid, _, mention, label, text in newsmtsc(data):
            if portion == "dev":
                w.writerow([iid, mention, label, text])
    with open(os.path.join(out, "persent.csv"), "w", encoding="utf-8", newline="") as f, \
            open(os.path.join(out, "persent_par.csv"), "w", encoding="utf-8", newline="") as fp:
        w = csv.writer(f)
        wp = csv.writer(fp)
        for d in persent(data):
            w.writerow([d["id"], d["target_entity"], d["label"], d["text"]])
            pars = d["text"].split("\n")
            if len(d["paragraph_labels"]) == len(pars):
                for k, (p, lab) in enumerate(zip(pars, d["paragraph_labels"])):
                    wp.writerow(["%s#%d" % (d["id"], k), d["target_entity"], lab, p])


# ---------------------------------------------------------------- baselines

def macro_f1(gold, pred):
    f1s = []
    for c in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0
    return sum(f1s) / 3, acc


class Lexicon:
    """The counting baselines, learned on the NewsMTSC train portion."""

    def __init__(self, train):
        self.df = defaultdict(lambda: [0, 0, 0])
        self.n = [0, 0, 0]
        for text, label in train:
            c = LABELS.index(label)
            self.n[c] += 1
            for w in set(words(text)):
                self.df[w][c] += 1
        gold = [label for _, label in train]
        toks = [words(text) for text, _ in train]
        # plain +1/-1 list
        best = None
        for k in (3, 5, 10):
            for r in (1.5, 2.0, 3.0):
                lex = self.plain(k, r)
                scores = [sum(lex.get(w, 0) for w in t) for t in toks]
                for a in (0, 1, 2, 3):
                    f = macro_f1(gold, [self.cut(s, a) for s in scores])[0]
                    if best is None or f > best[0]:
                        best = (f, k, r, a)
        _, k, r, self.a = best
        self.lex = self.plain(k, r)
        self.plain_params = "K=%d R=%.1f A=%d, %d words" % (k, r, self.a, len(self.lex))
        # log-odds weights
        best = None
        for k in (3, 5, 10):
            lo = self.logodds(k)
            sc = [self.lo_score(lo, t) for t in toks]
            for a in [x / 4 for x in range(0, 13)]:
                for b in [x / 4 for x in range(0, 13)]:
                    f = macro_f1(gold, [self.lo_cut(s, a, b) for s in sc])[0]
                    if best is None or f > best[0]:
                        best = (f, k, a, b)
        _, k, self.la, self.lb = best
        self.lo = self.logodds(k)
        self.lo_params = "K=%d, %d words" % (k, len(self.lo))

    def plain(self, k, r):
        lex = {}
        for w, c in self.df.items():
            if sum(c) < k:
                continue
            pp = (c[2] + 1) / (self.n[2] + 1)
            pn = (c[0] + 1) / (self.n[0] + 1)
            if pp / pn >= r:
                lex[w] = 1
            elif pn / pp >= r:
                lex[w] = -1
        return lex

    @staticmethod
    def cut(s, a):
        return "positive" if s > a else "negative" if s < -a else "neutral"

    def logodds(self, k):
        lo = {}
        for w, c in self.df.items():
            if sum(c) < k:
                continue
            pu = (c[1] + 1) / (self.n[1] + 2)
            lo[w] = (math.log((c[0] + 1) / (self.n[0] + 2) / pu),
                     math.log((c[2] + 1) / (self.n[2] + 2) / pu))
        return lo

    @staticmethod
    def lo_score(lo, toks):
        n = p = 0.0
        for w in toks:
            if w in lo:
                n += lo[w][0]
                p += lo[w][1]
        return n, p

    @staticmethod
    def lo_cut(s, a, b):
        n, p = s[0] - b, s[1] - a
        if n <= 0 and p <= 0:
            return "neutral"
        return "negative" if n > p else "positive"

    def sentence(self, text, kind):
        t = words(text)
        if kind == "lexicon":
            return self.cut(sum(self.lex.get(w, 0) for w in t), self.a)
        return self.lo_cut(self.lo_score(self.lo, t), self.la, self.lb)

    def document(self, text, target, kind):
        """the most frequent label of the sentences holding the target's last name"""
        last = words(target)[-1:] or [""]
        votes = Counter()
        for s in re.split(r"(?<=[.!?])\s+", text):
            if last[0] and last[0] in words(s):
                votes[self.sentence(s, kind)] += 1
        if not votes:
            return "neutral"
        top = votes.most_common()
        if len(top) > 1 and top[0][1] == top[1][1]:
            return "neutral"
        return top[0][0]


def read_ours(path):
    ours = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, v = line.rstrip("\n").split("\t")
            ours[k] = v
    return ours


def table(title, rows):
    print(title)
    print("%-52s %10s %10s" % ("", "macro-F1", "accuracy"))
    for name, (f, a) in rows:
        print("%-52s %10.4f %10.4f" % (name, f, a))
    print()


def score(data, out):
    items = list(newsmtsc(data))
    train = [(text, label) for portion, _, _, _, label, text in items if portion == "train"]
    dev = [(iid, mention, label, text) for portion, iid, _, mention, label, text in items
           if portion == "dev"]
    nrows = len({rid for portion, _, rid, _, _, _ in items if portion == "dev"})
    lex = Lexicon(train)
    majority = Counter(label for _, label in train).most_common(1)[0][0]
    ours = read_ours(os.path.join(out, "newsmtsc.ours.tsv"))
    gold = [label for _, _, label, _ in dev]
    r_ours = macro_f1(gold, [ours[i] for i, _, _, _ in dev])
    r_lex = macro_f1(gold, [lex.sentence(t, "lexicon") for _, _, _, t in dev])
    table("NewsMTSC dev portion: %d targets in %d sentences (train portion: %d targets)" % (
        len(dev), nrows, len(train)), [
        ("news.sentiment(text, mention)", r_ours),
        ("majority class (%s)" % majority, macro_f1(gold, [majority] * len(gold))),
        ("lexicon baseline (%s)" % lex.plain_params, r_lex),
        ("log-odds lexicon (%s)" % lex.lo_params,
         macro_f1(gold, [lex.sentence(t, "log-odds") for _, _, _, t in dev])),
    ])
    print("news.sentiment / lexicon baseline, macro-F1: %.2fx (target 1.2x)\n" % (
        r_ours[0] / r_lex[0] if r_lex[0] else float("inf")))

    docs = list(persent(data))
    ours = read_ours(os.path.join(out, "persent.ours.tsv"))
    tone = read_ours(os.path.join(out, "persent.tone.tsv"))
    gold = [d["label"] for d in docs]
    pmaj = Counter(gold).most_common(1)[0][0]
    table("PerSenT dev: %d documents, sentiment toward target_entity (dev-only data: nothing "
          "is learned or tuned on it)" % len(docs), [
              ("news.sentiment(text, target_entity)", macro_f1(gold, [ours[d["id"]] for d in docs])),
              ("news.sentiment(text), the document's tone", macro_f1(gold, [tone[d["id"]] for d in docs])),
              ("majority class (%s, of PerSenT itself)" % pmaj, macro_f1(gold, [pmaj] * len(gold))),
              ("lexicon baseline", macro_f1(gold, [lex.document(d["text"], d["target_entity"], "lexicon")
                                                   for d in docs])),
              ("log-odds lexicon", macro_f1(gold, [lex.document(d["text"], d["target_entity"], "log-odds")
                                                   for d in docs])),
          ])
    ours = read_ours(os.path.join(out, "persent_par.ours.tsv"))
    pars = []
    with open(os.path.join(out, "persent_par.csv"), encoding="utf-8", newline="") as f:
        for iid, target, label, text in csv.reader(f):
            pars.append((iid, target, label, text))
    gold = [label for _, _, label, _ in pars]
    pmaj = Counter(gold).most_common(1)[0][0]
    table("PerSenT dev: %d labelled paragraphs, sentiment toward target_entity" % len(pars), [
        ("news.sentiment(paragraph, target_entity)", macro_f1(gold, [ours[i] for i, _, _, _ in pars])),
        ("majority class (%s, of PerSenT itself)" % pmaj, macro_f1(gold, [pmaj] * len(gold))),
        ("lexicon baseline", macro_f1(gold, [lex.document(t, tg, "lexicon") for _, tg, _, t in pars])),
        ("log-odds lexicon", macro_f1(gold, [lex.document(t, tg, "log-odds") for _, tg, _, t in pars])),
    ])


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("prepare", "score"):
        sys.exit(__doc__)
    (prepare if sys.argv[1] == "prepare" else score)(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
