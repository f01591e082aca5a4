#!/usr/bin/env python3
"""keywords_errors.py: where the top ten of news.keywords misses the gold
keyphrases of 500N-KPCrowd (test/eval/README.md, Keyphrases).

    keywords_errors.py DATA.jsonl RANKED.tsv CANDIDATES.tsv [SPLIT]

RANKED.tsv: `keyword_features rank 10` (src/tools) over the texts of
DATA.jsonl in file order (text number, phrase, score); CANDIDATES.tsv:
`keyword_features candidates` over the same texts.  For the texts of SPLIT
(default train; title_only skipped), Porter-stemmed exact match as
test/eval/keywords.py scores: hits and misses of the top ten by number of
words, the crowd's agreement with each miss (annotators who chose it over
the most any phrase of the text got; the gold phrases are those of (nearly)
all annotators), whether a miss lies inside or around a gold phrase, title
words, the gold candidates left out of the top ten, and the texts by
quarter of F1@10 (precision, gold phrases per text, length).
"""
import json, os, statistics, sys
from collections import Counter, defaultdict
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keywords as K


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    split = sys.argv[4] if len(sys.argv) == 5 else "train"
    rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
    top = defaultdict(list)
    for l in open(sys.argv[2], encoding="utf-8"):
        d, p, _ = l.rstrip("\n").split("\t")
        top[int(d)].append(p)
    cands = defaultdict(dict)
    for l in open(sys.argv[3], encoding="utf-8"):
        p = l.rstrip("\n").split("\t")
        cands[int(p[0])][K.norm(p[1])] = p[2]
    st = Counter()
    texts = []
    for d, r in enumerate(rows):
        if r["split"] != split or r["title_only"]:
            continue
        gold = {K.norm(g) for g in r["keyphrases"]} - {""}
        crowd = {}
        for p, c in r["crowd_counts"]:
            k = K.norm(p)
            crowd[k] = max(crowd.get(k, 0), c)
        most = max(crowd.values())
        title = set(K.norm(r["title"]).split())
        ours = [K.norm(p) for p in top[d]]
        for k in ours:
            n = min(len(k.split()), 3)
            intitle = all(w in title for w in k.split())
            if k in gold:
                st["hit", n] += 1
                st["hit title", intitle] += 1
                continue
            st["miss", n] += 1
            st["miss title", intitle] += 1
            a = crowd.get(k, 0) / most
            st["miss crowd", "none" if a == 0 else "< 0.5" if a < 0.5 else "0.5-0.8" if a < 0.8 else ">= 0.8"] += 1
            inside = any(k != g and (" " + k + " ") in (" " + g + " ") for g in gold)
            around = any(k != g and (" " + g + " ") in (" " + k + " ") for g in gold)
            st["miss vs gold", "inside a gold phrase" if inside else "around a gold phrase" if around else "neither"] += 1
        for g in gold:
            if g in cands[d] and g not in ours:
                st["gold candidate left out", min(len(g.split()), 3), cands[d][g]] += 1
        p, _, f = K.prf(top[d], gold, 10)
        texts.append((f, p, len(gold), len(r["text"].split())))
    print("%s: %d texts (title_only skipped)" % (split, len(texts)))
    for k in sorted(st, key=str):
        print("  %-60s %6d" % (" / ".join(str(x) for x in k), st[k]))
    texts.sort()
    q = len(texts) // 4
    print("  texts by quarter of F1@10:      F1@10   P@10  gold phrases  words")
    for name, part in (("worst", texts[:q]), ("second", texts[q:2 * q]),
                       ("third", texts[2 * q:3 * q]), ("best", texts[3 * q:])):
        print("    %-28s %7.3f %6.3f %13.1f %6.0f" % (name, *(statistics.mean(x[i] for x in part) for i in range(4))))


if __name__ == "__main__":
    main()
