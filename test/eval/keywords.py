#!/usr/bin/env python3
"""keywords.py: keyphrase evaluation on 500N-KPCrowd (stdlib only).

  keywords.py baselines DATA.jsonl TFIDF.tsv TEXTRANK.tsv
        rank the keyphrases of every text with the two baselines written
        here: a plain tf-idf n-gram ranker (document frequencies from the
        train split) and TextRank (Mihalcea & Tarau 2004: co-occurrence
        graph of content words, PageRank, adjacent top words joined)
  keywords.py score DATA.jsonl NAME=PRED.tsv ...
        print P/R/F1 at 5 and 10 of each system on each split
  keywords.py ceiling DATA.jsonl CANDIDATES.tsv RANKED.tsv [FEATURES.tsv]
        how far a perfect ranker of our candidates could go: for each text,
        the most gold phrases that ten of the candidates left after all the
        merging of news.keywords (CANDIDATES.tsv, `keyword_features
        candidates`) can hold, given the final selection (a phrase inside
        or around one already reported is left out, unless one of the two
        is a name and the other not), as F1@10 on each split; how many
        usable gold candidates the texts have; and where the misses of our
        own top ten (RANKED.tsv, `keyword_features rank 1000`: the whole
        order) come from.  FEATURES.tsv (`keyword_features features`, the
        candidates before the merging of parts) counts the gold phrases
        that merging takes away, and adds the ceiling tier by tier (every
        span of the text, its single words, our candidates before and after
        the merging of parts, with and without the selection), why the gold
        phrases that no candidate matches are missed, and how often the
        text's words are gold by whether a candidate holds them.  Lines of
        the three files start with the text number in DATA.jsonl order
        (from 0).

PRED.tsv lines: id <TAB> rank <TAB> phrase.  Matching is exact after
Porter stemming (the original Porter stemmer of libstemmer, through ctypes):
both sides lower-cased, hyphens and apostrophes inside words removed (the
gold phrases were written without them: "long-awaited" is "longawaited"),
split into words of letters and digits, each word stemmed.  title_only
texts are skipped.  Precision at k divides by the number of phrases
returned, at most k; scores are averaged over texts (macro).
"""
import ctypes
import ctypes.util
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

_lib = ctypes.CDLL(ctypes.util.find_library("stemmer") or "libstemmer.so.0d")
_lib.sb_stemmer_new.restype = ctypes.c_void_p
_lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
_lib.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_char)
_lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
_lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
_porter = _lib.sb_stemmer_new(b"porter", b"UTF_8")
_cache = {}


def stem(w):
    s = _cache.get(w)
    if s is None:
        b = w.encode()
        p = _lib.sb_stemmer_stem(_porter, b, len(b))
        s = ctypes.string_at(p, _lib.sb_stemmer_length(_porter)).decode()
        _cache[w] = s
    return s


def norm(phrase):
    s = re.sub(r"[\u2019'\u2010\u2011\u2012\u2013\-]", "", phrase.lower())
    return " ".join(stem(w) for w in re.findall(r"[a-z0-9]+", s))


def load(path):
    return [json.loads(line) for line in open(path, encoding="utf-8")]


STOP = None


def stopwords():
    global STOP
    if STOP is None:
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "src", "data", "stopwords_english.txt")
        STOP = set()
        for line in open(path, encoding="utf-8"):
            w = line.split("#")[0].strip()
            if w:
                STOP.add(w)
    return STOP


def is_stop(w):
    return re.sub(r"[\u2019']", "", w.lower()) in stopwords()


def segments(text):
    """runs of words between punctuation and line breaks"""
    out = []
    for seg in re.split(r"[.,;:!?()\[\]\"\u201c\u201d\u2018\n|/]+|\s[\u2013\u2014-]+\s|\s'|'\s", text):
        words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*", seg)
        if words:
            out.append(words)
    return out


# ---------------------------------------------------------------------
# baselines

def tfidf_rank(text, df, ndocs, k=10):
    tf = Counter()
    surface = {}
    first = {}
    pos = 0
    for seg in segments(text):
        for n in (1, 2, 3):
            for i in range(len(seg) - n + 1):
                g = seg[i:i + n]
                if is_stop(g[0]) or is_stop(g[-1]) or any(w.isdigit() for w in g):
                    continue
                key = norm(" ".join(g))
                if not key:
                    continue
                tf[key] += 1
                if key not in surface:
                    surface[key] = " ".join(g)
                    first[key] = pos + i
        pos += len(seg)
    scored = sorted(tf, key=lambda c: (-tf[c] * math.log((1 + ndocs) / (1 + df.get(c, 0))), first[c]))
    return [surface[c] for c in scored[:k]]


def textrank_rank(text, k=10, window=2, damping=0.85, iters=50):
    sents = segments(text)
    seq = []            # (key or None, surface) in text order, None = filtered
    for seg in sents:
        for w in seg:
            ok = not is_stop(w) and not w.isdigit() and len(w) > 2
            seq.append((norm(w) if ok else None, w))
        seq.append((None, None))
    nbr = defaultdict(set)
    content = [i for i, (kk, _) in enumerate(seq) if kk]
    for a in range(len(content)):
        for b in range(a + 1, min(a + window, len(content))):
            i, j = content[a], content[b]
            if any(seq[x][1] is None for x in range(i, j)):
                break           # not across a segment boundary
            if seq[i][0] != seq[j][0]:
                nbr[seq[i][0]].add(seq[j][0])
                nbr[seq[j][0]].add(seq[i][0])
    nodes = sorted({kk for kk, _ in seq if kk})
    if not nodes:
        return []
    score = {v: 1.0 for v in nodes}
    for _ in range(iters):
        new = {}
        for v in nodes:
            new[v] = (1 - damping) + damping * sum(score[u] / len(nbr[u]) for u in nbr[v])
        score = new
    top = set(sorted(nodes, key=lambda v: -score[v])[:max(1, len(nodes) // 3)])
    phrases = {}
    i = 0
    while i < len(seq):
        if seq[i][0] in top:
            j = i
            while j < len(seq) and seq[j][0] in top:
                j += 1
            words = seq[i:j]
            key = " ".join(kk for kk, _ in words)
            if key not in phrases:
                phrases[key] = (sum(score[kk] for kk, _ in words), " ".join(s for _, s in words), i)
            i = j
        else:
            i += 1
    ranked = sorted(phrases.values(), key=lambda p: (-p[0], p[2]))
    return [p[1] for p in ranked[:k]]


def baselines(data, tfidf_out, textrank_out):
    rows = load(data)
    train = [r for r in rows if r["split"] == "train"]
    df = Counter()
    for r in train:
        keys = set()
        for seg in segments(r["text"]):
            for n in (1, 2, 3):
                for i in range(len(seg) - n + 1):
                    keys.add(norm(" ".join(seg[i:i + n])))
        df.update(keys)
    with open(tfidf_out, "w") as f1, open(textrank_out, "w") as f2:
        for r in rows:
            for i, p in enumerate(tfidf_rank(r["text"], df, len(train))):
                f1.write("%s\t%d\t%s\n" % (r["id"], i + 1, p))
            for i, p in enumerate(textrank_rank(r["text"])):
                f2.write("%s\t%d\t%s\n" % (r["id"], i + 1, p))


# ---------------------------------------------------------------------
# scoring

def read_pred(path):
    pred = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            pred[parts[0]].append((int(parts[1]), parts[2]))
    return {k: [p for _, p in sorted(v)] for k, v in pred.items()}


def prf(pred, gold, k):
    top = pred[:k]
    if not top or not gold:
        return 0.0, 0.0, 0.0
    hit = len({norm(p) for p in top} & gold)
    p = hit / len(top)
    r = hit / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(data, systems):
    rows = [r for r in load(data) if not r["title_only"]]
    preds = [(name, read_pred(path)) for name, path in systems]
    splits = sorted({r["split"] for r in rows}, key=lambda s: s != "validation")
    best_f1 = {}
    for split in splits:
        docs = [r for r in rows if r["split"] == split]
        print("%s: %d texts (title_only skipped), %.1f gold keyphrases per text"
              % (split, len(docs), sum(len(r["keyphrases"]) for r in docs) / len(docs)))
        print("  %-22s %6s %6s %6s   %6s %6s %6s" % ("system", "P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10"))
        for name, pred in preds:
            tot = [0.0] * 6
            for r in docs:
                gold = {norm(g) for g in r["keyphrases"]} - {""}
                p = pred.get(r["id"], [])
                for j, k in enumerate((5, 10)):
                    vals = prf(p, gold, k)
                    for m in range(3):
                        tot[3 * j + m] += vals[m]
            avg = [t / len(docs) for t in tot]
            best_f1[(split, name)] = avg[5]
            print("  %-22s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f" % ((name,) + tuple(avg)))
        # the ceiling: ten gold phrases returned for every text (P@10 = 1)
        ceiling = 0.0
        for r in docs:
            n = len({norm(g) for g in r["keyphrases"]} - {""})
            rec = min(10, n) / n if n else 0.0
            ceiling += 2 * rec / (1 + rec) if n else 0.0
        print("  %-22s %43.3f" % ("ceiling (10 gold)", ceiling / len(docs)))
        base = max(v for (s, n), v in best_f1.items() if s == split and n.startswith("baseline"))
        for name, _ in preds:
            if not name.startswith("baseline"):
                print("  %s F1@10 / best baseline: %.2fx" % (name, best_f1[(split, name)] / base if base else 0))
        print()


# ---------------------------------------------------------------------
# the ceiling of our candidates

def read_candidates(path):
    """text number -> list of (surface, is_name, term ids) of a
    keyword_features features/candidates file"""
    out = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        ids = tuple(int(v) for v in parts[-1].split())
        out[int(parts[0])].append((parts[1], parts[2] == "name", ids))
    return out


def contains(a, b):
    """are the words (term ids) b a contiguous part of a, and shorter?"""
    n = len(b)
    return len(a) > n and any(a[i:i + n] == b for i in range(len(a) - n + 1))


def max_selectable(cands):
    """the largest set of candidates the final selection of news.keywords
    lets through together, in some rank order: no two of the same kind
    (name or not) with one inside the other (a name may come after a word
    it holds).  Within a kind containment is a partial order and the
    answer its largest antichain: n minus a maximum matching of the
    bipartite graph of strict containment (Dilworth, Konig).  cands: list
    of (is_name, ids); returns the indices chosen."""
    n = len(cands)
    edges = [[j for j in range(n) if cands[i][0] == cands[j][0] and contains(cands[i][1], cands[j][1])]
             for i in range(n)]
    match_r = [-1] * n          # right vertex j -> left vertex i
    match_l = [-1] * n

    def augment(i, seen):
        for j in edges[i]:
            if not seen[j]:
                seen[j] = True
                if match_r[j] < 0 or augment(match_r[j], seen):
                    match_r[j] = i
                    match_l[i] = j
                    return True
        return False

    for i in range(n):
        augment(i, [False] * n)
    # Konig: a minimum vertex cover from the unmatched left vertices; the
    # antichain is the elements with neither copy in the cover
    vis_l = [False] * n
    vis_r = [False] * n
    stack = [i for i in range(n) if match_l[i] < 0]
    for i in stack:
        vis_l[i] = True
    while stack:
        i = stack.pop()
        for j in edges[i]:
            if not vis_r[j]:
                vis_r[j] = True
                k = match_r[j]
                if k >= 0 and not vis_l[k]:
                    vis_l[k] = True
                    stack.append(k)
    return [i for i in range(n) if vis_l[i] and not vis_r[i]]


TIERS = ("any 1-4 word span of the text (keywords.py segments)",
         "its single words",
         "our candidates before the merging of parts, no selection",
         "after the merging of parts, no selection",
         "after the merging of parts, with the selection (above)")


def tier_and_miss(r, gold, after, before, k, tiers, missed):
    """tier_and_miss: for text r (gold: its stemmed gold phrases; after and
    before: the stemmed candidates after and before the merging of parts)
    add to tiers the F1@k of a perfect ranker of each tier of TIERS but the
    last (added by the caller), and count in missed the gold phrases that
    no candidate after merging matches, by the first reason that holds."""
    def f1(hits):
        if not hits:
            return 0.0
        p, rc = hits / k, hits / len(gold)
        return 2 * p * rc / (p + rc)
    spans = set()
    words = {}
    for seg in segments(r["text"]):
        for w in seg:
            words.setdefault(norm(w), w)
        for n in (1, 2, 3, 4):
            for i in range(len(seg) - n + 1):
                spans.add(norm(" ".join(seg[i:i + n])))
    inside = {w for x in after | before for w in x.split()}
    tiers[TIERS[0]] += f1(min(k, len(gold & spans)))
    tiers[TIERS[1]] += f1(min(k, len({g for g in gold & spans if " " not in g})))
    tiers[TIERS[2]] += f1(min(k, len(gold & before)))
    tiers[TIERS[3]] += f1(min(k, len(gold & after)))
    for w, surface in words.items():
        if w and not is_stop(surface) and not surface.isdigit():
            kind = "cand" if w in after else "inside" if w in inside else "none"
            missed[("rate", kind, "n")] += 1
            missed[("rate", kind, "gold")] += w in gold
    for g in gold - after:
        n = len(g.split())
        if g in before:
            why = "merged into a longer candidate"
        elif g not in spans:
            why = "not a span of the text (crosses punctuation)"
        elif n == 1:
            w = words.get(g, g)
            why = ("1 word: a stop word" if is_stop(w) else
                   "1 word: a number" if w.isdigit() else
                   "1 word: only inside a candidate (a name part)" if g in inside else
                   "1 word: no candidate holds it (verb, adjective...)")
        elif any((" " + g + " ") in (" " + x + " ") for x in after | before):
            why = "2-4 words: inside a longer candidate"
        elif any(is_stop(w) for w in g.split()):
            why = "2-4 words: holds a stop word"
        else:
            why = "2-4 words: other (verb phrase, modifier + noun)"
        missed[why] += 1


def ceiling(data, cand_path, ranked_path, feat_path=None, k=10):
    rows = load(data)
    cands = read_candidates(cand_path)
    feats = read_candidates(feat_path) if feat_path else None
    ranked = defaultdict(list)
    for line in open(ranked_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        ranked[int(parts[0])].append(parts[1])
    for split in ("validation", "train"):
        docs = [(d, r) for d, r in enumerate(rows) if r["split"] == split and not r["title_only"]]
        if not docs:
            continue
        f_ceil = f_ours = f_all = 0.0
        hist = Counter()
        ngold = nmatch = nmerged = 0
        ours_hits = ceil_hits = slots = 0
        below = Counter()
        tiers = Counter()
        missed = Counter()
        for d, r in docs:
            gold = {norm(g) for g in r["keyphrases"]} - {""}
            c = cands.get(d, [])
            gc = [(x[1], x[2], norm(x[0])) for x in c if norm(x[0]) in gold]
            if feats is not None:
                tier_and_miss(r, gold, {norm(x[0]) for x in c},
                              {norm(x[0]) for x in feats.get(d, [])}, k, tiers, missed)
            chosen = max_selectable([(nm, ids) for nm, ids, _ in gc])
            usable = len({gc[i][2] for i in chosen})
            hist[min(usable, 20) if usable < 20 else 20] += 1
            matched = {x[2] for x in gc}
            ngold += len(gold)
            nmatch += len(matched)
            if feats is not None:
                nmerged += len({norm(x[0]) for x in feats.get(d, [])} & gold - matched)
            returned = min(k, len(ranked.get(d, [])))
            hits = min(k, usable)
            tiers[TIERS[4]] += (2 * hits / (k + len(gold))) if gold else 0.0
            if returned and gold:
                p, rc = hits / returned, hits / len(gold)
                f_ceil += 2 * p * rc / (p + rc) if hits else 0.0
            top = ranked.get(d, [])[:k]
            h = len({norm(x) for x in top} & gold)
            f_ours += prf(top, gold, k)[2]
            ours_hits += h
            ceil_hits += hits
            slots += len(top)
            seen = {norm(x) for x in top}
            for pos, x in enumerate(ranked.get(d, [])[k:], k + 1):
                nx = norm(x)
                if nx in gold and nx not in seen:
                    seen.add(nx)
                    below["11-20" if pos <= 20 else "21-50" if pos <= 50 else "51+"] += 1
            below["left out by the selection"] += len(matched - seen)
            # any ten gold phrases (the ceiling keywords.py score prints)
            n = len(gold)
            rec = min(k, n) / n if n else 0.0
            f_all += 2 * rec / (1 + rec) if n else 0.0
        nd = len(docs)
        misses = slots - ours_hits
        print("%s: %d texts (title_only skipped)" % (split, nd))
        print("  F1@%d ours %.3f; perfect ranker of our candidates %.3f; any %d gold phrases %.3f"
              % (k, f_ours / nd, f_ceil / nd, k, f_all / nd))
        print("  gold phrases %d (%.1f per text): %d (%.1f%%) match a candidate left after merging"
              % (ngold, ngold / nd, nmatch, 100.0 * nmatch / ngold)
              + (", %d more one before the merging of parts" % nmerged if feats is not None else ""))
        print("  usable gold candidates per text (most that ten phrases can hold):")
        print("    " + "  ".join("%s:%d" % ("20+" if u == 20 else u, hist[u]) for u in sorted(hist)))
        print("    fewer than %d: %d texts of %d; median %s"
              % (k, sum(v for u, v in hist.items() if u < k), nd,
                 sorted(min(u, 20) for u in hist.elements())[nd // 2]))
        print("  our top %d: %d slots, %d gold, %d not gold; of these %d (%.1f%%) could hold a gold"
              " candidate ranked below %d, %d (%.1f%%) could not (the text has no more)"
              % (k, slots, ours_hits, misses, ceil_hits - ours_hits,
                 100.0 * (ceil_hits - ours_hits) / misses if misses else 0, k,
                 misses - (ceil_hits - ours_hits),
                 100.0 * (misses - (ceil_hits - ours_hits)) / misses if misses else 0))
        print("  gold candidates not in our top %d, by rank: %s" % (
            k, ", ".join("%s %d" % (b, below[b]) for b in ("11-20", "21-50", "51+", "left out by the selection"))))
        if feats is not None:
            print("  F1@%d of a perfect ranker, tier by tier (most gold phrases that %d of them hold):" % (k, k))
            for t in TIERS:
                print("    %-58s %.3f" % (t, tiers[t] / nd))
            print("  gold phrases that match no candidate left after merging, by why:")
            for m, v in sorted(missed.items(), key=lambda x: -x[1]):
                if m[0] != "rate":
                    print("    %-58s %5d %5.1f%%" % (m, v, 100.0 * v / ngold))
            print("  the text's words (not stop words or numbers), gold alone in how many of the texts:")
            for kind, what in (("cand", "a one-word candidate after merging"),
                               ("inside", "only inside a longer candidate"),
                               ("none", "in no candidate")):
                n = missed[("rate", kind, "n")]
                print("    %-58s %5d %5.1f%%" % (what, n, 100.0 * missed[("rate", kind, "gold")] / n if n else 0))
        print()


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "baselines":
        baselines(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "ceiling":
        ceiling(*sys.argv[2:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "score":
        score(sys.argv[2], [a.split("=", 1) for a in sys.argv[3:]])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
