#!/usr/bin/env python3
"""keywords_replicate.py: how much of the gap to the keyphrase ceiling is the
crowd's vote noise (test/eval/README.md, Keyphrases, session 15).

    keywords_replicate.py DATA.jsonl RANKED.tsv [ROUNDS]

RANKED.tsv comes from `keyword_features rank 1000` (src/tools) over the
texts of DATA.jsonl in file order: our candidates of each text, after all
merging and the final selection, best first.  The gold of 500N-KPCrowd is
a cut through the crowd's votes: the phrases (Porter stems) whose count is
the text's highest or one less.  Here each phrase of crowd_counts gets a
vote rate q = (count + 0.5) / (annotators + 1), the annotators being the
text's highest count, and ROUNDS fresh crowds of that size vote again, each
annotator choosing each phrase with its rate, independently; each fresh
crowd's gold is cut the same way.  Printed, F1@10 (Porter-stemmed exact
match, as keywords.py scores) against the real gold and averaged over the
fresh crowds: of our top ten, and of the ten of our candidates with the
highest vote rates (the best any ranker of our candidates could do if it
knew every rate exactly).  Independent votes are an assumption: real
annotators agree more than that (our top ten scores lower against the
fresh crowds than against the real one).  Deterministic (fixed seed).
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keywords as K


def f1(top, gold):
    hit = len(set(top) & gold)
    p = hit / len(top) if top else 0.0
    r = hit / len(gold) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def cut(counts):
    """500N-KPCrowd's gold: the highest count or one less"""
    top = max(counts.values())
    return {k for k, c in counts.items() if c >= top - 1}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows = K.load(sys.argv[1])
    ranked = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        d, phrase, _ = line.rstrip("\n").split("\t")
        ranked.setdefault(int(d), []).append(K.norm(phrase))
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    rng = random.Random(15)
    for split in ("validation", "train"):
        real = ours = oracle = 0.0
        n = 0
        for d, r in enumerate(rows):
            if r["split"] != split or r["title_only"]:
                continue
            counts = {}
            for phrase, c in r["crowd_counts"]:
                k = K.norm(phrase)
                if k:
                    counts[k] = max(counts.get(k, 0), c)
            voters = max(counts.values())
            rate = {k: (c + 0.5) / (voters + 1) for k, c in sorted(counts.items())}
            cands = list(dict.fromkeys(ranked.get(d, [])))
            top = cands[:10]
            best = sorted(cands, key=lambda k: -rate.get(k, 0.0))[:10]
            real += f1(top, {K.norm(g) for g in r["keyphrases"]} - {""})
            for _ in range(rounds):
                fresh = {k: sum(rng.random() < q for _ in range(voters)) for k, q in rate.items()}
                gold = cut(fresh)
                ours += f1(top, gold)
                oracle += f1(best, gold)
            n += 1
        print("%s: %d texts; F1@10 of our top ten against the real gold %.3f, against %d fresh"
              " crowds %.3f; the ten of the highest vote rates against them %.3f"
              % (split, n, real / n, rounds, ours / n / rounds, oracle / n / rounds))


if __name__ == "__main__":
    main()
