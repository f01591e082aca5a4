#!/usr/bin/env python3
"""summary.py: extractive summary evaluation on CNN highlights (stdlib only).

  summary.py prepare DATA.jsonl OUT.jsonl
        one row per article and variant: "plain" (the text as given) and
        "headline" (a headline made from the URL's slug and a line of
        scraper furniture put before it: a byline with an update time, a
        teaser prompt, a "read more" line or a breadcrumb, in turn), so that
        the first lines are not sentences of the story
  summary.py score DATA.jsonl SUMMARIES.tsv
        ROUGE-1, ROUGE-2 and ROUGE-L F1 (x 100) of every system on every
        variant, for the whole sample and its two halves (the first half
        is where the summarizer's two constants were tuned)

SUMMARIES.tsv lines: id <TAB> variant <TAB> system <TAB> summary text.
ROUGE is implemented here: text lower-cased, split into words of letters
and digits, each Porter-stemmed (libstemmer's original Porter stemmer,
through ctypes), as ROUGE-1.5.5 with -m does; ROUGE-N counts clipped
n-gram matches; ROUGE-L is the longest common subsequence of the whole
summary and the whole reference (all highlights, in order); F1 is the
harmonic mean of precision and recall, averaged over articles.
"""
import ctypes
import ctypes.util
import json
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


def tokens(text):
    return [stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]


def ngrams(toks, n):
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def f1(match, cand, ref):
    if cand == 0 or ref == 0 or match == 0:
        return 0.0
    p = match / cand
    r = match / ref
    return 2 * p * r / (p + r)


def rouge_n(c, r, n):
    a, b = ngrams(c, n), ngrams(r, n)
    return f1(sum((a & b).values()), sum(a.values()), sum(b.values()))


def lcs(a, b):
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(c, r):
    return f1(lcs(c, r), len(c), len(r))


FURNITURE = [
    "By Jane Doe, CNN\nUpdated 1423 GMT (2223 HKT) March 6, 2015",
    "Short on time? Read the digest",
    "Read more: the latest news from around the world",
    "Home > World > News",
]


def headline(url):
    parts = [p for p in url.split("/") if p and p != "index.html"]
    slug = parts[-1] if parts else "news"
    words = [w for w in re.split(r"[-_]+", slug) if w and not w.isdigit()]
    return " ".join(w[:1].upper() + w[1:] for w in words) or "News"


def prepare(data, out):
    with open(out, "w", encoding="utf-8") as f:
        for i, line in enumerate(open(data, encoding="utf-8")):
            r = json.loads(line)
            f.write(json.dumps({"id": r["id"], "variant": "plain", "text": r["text"]}) + "\n")
            text = headline(r["url"]) + "\n" + FURNITURE[i % len(FURNITURE)] + "\n" + r["text"]
            f.write(json.dumps({"id": r["id"], "variant": "headline", "text": text}) + "\n")


def score(data, path):
    rows = [json.loads(line) for line in open(data, encoding="utf-8")]
    refs = {r["id"]: tokens(r["reference"]) for r in rows}
    half = {r["id"]: ("first half" if i < len(rows) // 2 else "second half") for i, r in enumerate(rows)}
    summ = {}
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 4:
            summ[(parts[0], parts[1], parts[2])] = parts[3]
        elif len(parts) == 3:
            summ[(parts[0], parts[1], parts[2])] = ""
    systems = sorted({k[2] for k in summ}, key=lambda s: (s != "ours", s))
    variants = ["plain", "headline"]
    res = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for (doc, var, sysname), text in summ.items():
        c = tokens(text)
        r = refs[doc]
        for part in ("all", half[doc]):
            v = res[(part, var, sysname)]
            v[0] += rouge_n(c, r, 1)
            v[1] += rouge_n(c, r, 2)
            v[2] += rouge_l(c, r)
            v[3] += 1
    for var in variants:
        print("variant %s: %s" % (var, "the texts as given" if var == "plain" else
                                  "a headline and a line of furniture before each text"))
        print("  %-12s %-10s %8s %8s %8s %6s" % ("sample", "system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "n"))
        for part in ("all", "first half", "second half"):
            for s in systems:
                v = res[(part, var, s)]
                if v[3]:
                    print("  %-12s %-10s %8.2f %8.2f %8.2f %6d" % (part, s, 100 * v[0] / v[3],
                                                                 100 * v[1] / v[3], 100 * v[2] / v[3], v[3]))
        print()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
