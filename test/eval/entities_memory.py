#!/usr/bin/env python3
"""entities_memory.py: what a type memory across documents would do to
news.entities (issue 9, one name one type across documents), simulated on
the default extractor's output (test/eval/entities_memory.sh writes it).

    python3 entities_memory.py DIR

DIR holds mentions.tsv (source, document id, character start from 0, length,
type, confidence, canonical name; one mention a line) with the sources
bbcag (BBC + AG News, the corpus of the consistency measure), conll (CoNLL-2003
dev), ieer (IE-ER newswire), and the unlabelled corpora a memory may be
learned from: reuters (Reuters-21578), train (the CoNLL-2003 train texts),
modern (the other shared news texts); with the suffix _r the same corpora
as the rules (model => 'rules') name them; and conll.jsonl and ieer.jsonl
(test/eval/ner_data.py), the gold.

A memory is a type per canonical name.  A mention whose canonical name has
a memory type other than its own takes the memory's type, unless both are
ORG and LOC (a club and its city, a government and its capital: CoNLL types
these by context, `strong_rule_type` in src/core/entities.c leaves them to
the tagger for the same reason) where the gate says so.  Printed for each
variant: type consistency over BBC + AG News (the measure of
entities_junk.sh), the mentions changed there, CoNLL-2003 dev and IE-ER
PER+ORG+LOC F1 (ORG in brackets) and the mentions changed there.

  - static memory: the majority type of each name in the unlabelled corpora,
    for names seen in >= K documents and >= M mentions whose majority
    covers >= S of their mentions (what a generated .inc would ship);
  - agreed: the same, counting only the mentions the rules name with the
    same span and type;
  - database memory: the types the same corpus gives a name in its other
    documents (leave one document out: the memory a database of all these
    articles would hold), or in the documents before it only (online, as
    a stream arrives, in the order of the files, BBC then AG News: raw,
    the tagger's types; fed back, the types after the memory);
  - the same memory as news.stop_entities rows (force_type of a minority
    type) from one half of BBC + AG News, measured for real on each half
    and on the scored sets (mentions_bbc.tsv, mentions_agnews.tsv: the
    extractor run again with the rows in place).
"""
import collections
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ner_data  # noqa: E402

TYPES = ("PERSON", "ORG", "LOC", "NORP", "MISC")
CLUB_CITY = {"ORG", "LOC"}


def load(path):
    rows = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 7:
                rows[p[0]].append((p[1], int(p[2]), int(p[3]), p[4], p[5], p[6]))
    return rows


def static_memory(rows, sources, k, s, m):
    per = collections.defaultdict(collections.Counter)
    docs = collections.defaultdict(set)
    for src in sources:
        for (i, _, _, t, _, e) in rows[src]:
            if t in TYPES:
                per[e][t] += 1
                docs[e].add((src, i))
    mem = {}
    for e, cnt in per.items():
        t, n = cnt.most_common(1)[0]
        tot = sum(cnt.values())
        if len(docs[e]) >= k and tot >= m and n >= s * tot:
            mem[e] = t
    return mem


def overrides(t, mt, gate):
    return mt != t and not (gate and t in CLUB_CITY and mt in CLUB_CITY)


def apply_static(ms, mem, gate):
    return [(i, a, n, mem[e] if t in TYPES and e in mem and overrides(t, mem[e], gate) else t, c, e)
            for (i, a, n, t, c, e) in ms]


def apply_database(ms, k, s, gate, online=False, feedback=False):
    """the types the other documents of ms give a name (ms in document order)"""
    tot = collections.defaultdict(collections.Counter)
    docs = collections.defaultdict(set)
    own = collections.defaultdict(collections.Counter)
    if not online:
        for (i, _, _, t, _, e) in ms:
            if t in TYPES:
                tot[e][t] += 1
                docs[e].add(i)
                own[(i, e)][t] += 1
    out, pending, cur = [], [], None
    for (i, a, n, t0, c, e) in ms:
        if online and i != cur:
            for (pi, pe, pt) in pending:
                tot[pe][pt] += 1
                docs[pe].add(pi)
            pending, cur = [], i
        t = t0
        if t in TYPES:
            cnt = tot[e] if online else tot[e] - own[(i, e)]
            nd = len(docs[e]) - (0 if online else 1)
            if nd >= k and cnt:
                mt, mn = cnt.most_common(1)[0]
                if mn >= s * sum(cnt.values()) and overrides(t, mt, gate):
                    t = mt
            if online:
                pending.append((i, e, t if feedback else t0))
        out.append((i, a, n, t, c, e))
    return out


def consistency(ms):
    """entities_junk.sh's measure (ner_data.consistency) over the mentions"""
    return ner_data.consistency((i, e, t) for (i, _, _, t, _, e) in ms if t in TYPES)


def f1(ms, gold, tmp):
    with open(tmp, "w", encoding="utf-8") as f:
        for (i, a, n, t, c, _) in ms:
            f.write("%s\t%d\t%d\t%s\t%s\n" % (i, a, n, t, c))
    res = ner_data.score(gold, tmp)
    org = "ORG" if "ORG" in res else "ORGANIZATION"
    return ner_data.prf(*res["PER+ORG+LOC"])[2], ner_data.prf(*res[org])[2]


def changed(a, b):
    return sum(1 for x, y in zip(a, b) if x[3] != y[3])


def main():
    d = sys.argv[1]
    rows = load(os.path.join(d, "mentions.tsv"))
    gold = {s: os.path.join(d, s + ".jsonl") for s in ("conll", "ieer")}
    tmp = os.path.join(d, "variant.tsv")
    print("%-68s %12s %6s %14s %4s %14s %4s" % ("variant", "consistency", "chg", "CoNLL dev", "chg",
                                                "IE-ER", "chg"))

    def row(label, fn):
        b, dv, ie = fn(rows["bbcag"]), fn(rows["conll"]), fn(rows["ieer"])
        cons, _ = consistency(b)
        fd, fi = f1(dv, gold["conll"], tmp), f1(ie, gold["ieer"], tmp)
        print("%-68s %12.3f %6d %7.3f (%.3f) %4d %7.3f (%.3f) %4d" % (
            label[:68], cons, changed(rows["bbcag"], b), fd[0], fd[1], changed(rows["conll"], dv),
            fi[0], fi[1], changed(rows["ieer"], ie)), flush=True)
        return b

    row("the default (combined), as it is", lambda ms: ms)
    for sources in (("reuters", "train"), ("reuters", "train", "modern")):
        for k, s, m in ((3, 0.8, 3), (2, 0.7, 2), (5, 0.9, 5)):
            mem = static_memory(rows, sources, k, s, m)
            for gate in (False, True):
                row("static %s K%d S%.1f M%d (%d names)%s" % ("+".join(sources), k, s, m, len(mem),
                                                          ", not ORG/LOC" if gate else ""),
                    lambda ms, mem=mem, gate=gate: apply_static(ms, mem, gate))
    # the agreed mentions: the rules name the same span with the same type
    for src in ("reuters", "train", "modern"):
        agreed = set((i, a, n, t) for (i, a, n, t, _, _) in rows[src + "_r"])
        rows[src + "_a"] = [x for x in rows[src] if x[:4] in agreed]
    for sources in (("reuters_a", "train_a"), ("reuters_a", "train_a", "modern_a")):
        mem = static_memory(rows, sources, 3, 0.8, 3)
        row("agreed %s K3 S0.8 M3 (%d names), not ORG/LOC" % ("+".join(x[:-2] for x in sources), len(mem)),
            lambda ms, mem=mem: apply_static(ms, mem, True))
    for k, s in ((3, 0.8), (2, 0.6), (3, 0.5)):
        for gate in (True, False):
            g = ", not ORG/LOC" if gate else ""
            row("database, leave one out, K%d S%.1f%s" % (k, s, g),
                lambda ms, k=k, s=s, gate=gate: apply_database(ms, k, s, gate))
            row("database, online, K%d S%.1f%s" % (k, s, g),
                lambda ms, k=k, s=s, gate=gate: apply_database(ms, k, s, gate, online=True))
            row("database, online fed back, K%d S%.1f%s" % (k, s, g),
                lambda ms, k=k, s=s, gate=gate: apply_database(ms, k, s, gate, True, True))

    # news.stop_entities from one half, measured on each half
    for half in ("bbc", "agnews"):
        path = os.path.join(d, "mentions_%s.tsv" % half)
        if not os.path.exists(path):
            continue
        forced = load(path)
        parts = []
        for h in ("bbc", "agnews"):
            a = [x for x in rows["bbcag"] if x[0].startswith(h + "-")]
            b = [x for x in forced["bbcag"] if x[0].startswith(h + "-")]
            parts.append("%s %.3f -> %.3f" % (h, consistency(a)[0], consistency(b)[0]))
        fd = f1(forced["conll"], gold["conll"], tmp)
        fi = f1(forced["ieer"], gold["ieer"], tmp)
        print("news.stop_entities from %s's majority types: consistency %s, both %.3f; "
              "CoNLL dev %.3f (%.3f), IE-ER %.3f (%.3f)" % (half, ", ".join(parts),
                                                         consistency(forced["bbcag"])[0],
                                                         fd[0], fd[1], fi[0], fi[1]))

    # what the static memory of the brief changes on BBC + AG News
    mem = static_memory(rows, ("reuters", "train"), 3, 0.8, 3)
    b = apply_static(rows["bbcag"], mem, True)
    cc = collections.Counter((x[5], x[3], y[3]) for x, y in zip(rows["bbcag"], b) if x[3] != y[3])
    print("\nstatic reuters+train K3 S0.8 M3, not ORG/LOC: the names it retypes on BBC + AG News "
          "(mentions, name, before > after), the 40 most changed")
    print("  " + " | ".join("%d %s %s>%s" % (v, e, t0, t1) for (e, t0, t1), v in cc.most_common(40)))

    # the names short of 95% today, and whether any memory corpus has them
    per = collections.defaultdict(collections.Counter)
    docs = collections.defaultdict(set)
    for (i, _, _, t, _, e) in rows["bbcag"]:
        if t in TYPES:
            per[e][t] += 1
            docs[e].add(i)
    short = [e for e in per if len(docs[e]) >= 5 and max(per[e].values()) < 0.95 * sum(per[e].values())]
    seen = collections.Counter()
    for src in ("reuters", "train", "modern"):
        for x in rows[src]:
            if x[3] in TYPES:
                seen[(src, x[5])] += 1
    old = sum(1 for e in short if seen[("reuters", e)] + seen[("train", e)] >= 3)
    any_ = sum(1 for e in short if seen[("reuters", e)] + seen[("train", e)] + seen[("modern", e)] >= 3)
    print("\nnames short of 95%% today: %d; named >= 3 times in Reuters + CoNLL train: %d; "
          "in any memory corpus: %d" % (len(short), old, any_))


if __name__ == "__main__":
    main()
