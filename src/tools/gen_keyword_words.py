#!/usr/bin/env python3
"""gen_keyword_words.py: the word classes that src/core/keywords.c and
src/core/summary.c use, derived from the part-of-speech tags of CoNLL-2003
train (never dev, never test).

    python3 src/tools/gen_keyword_words.py TRAIN.txt TITLES.txt TITLE_ABBREVIATIONS.txt \
        STOPWORDS.txt > src/core/gen_keyword_words.inc

For every lower-cased word seen at least WORD_MIN times in lower case, the
class it has most often:

    N   noun (NN, NNS) or anything the other classes do not claim;
    A   adjective (JJ, JJR, JJS): may open a keyphrase, never ends one;
    B   a word that breaks a keyphrase: verbs, adverbs, pronouns,
        determiners, prepositions, conjunctions, numbers spelled out, ...

and a flag V when it is most often a finite verb (VBD, VBZ, VBP, MD), which
tells a sentence from a headline or a caption; and a flag T for the
one-word titles of src/data/gazetteer/titles.txt and
src/data/title_abbreviations.txt ("president", "mr"), which come before a
name but are not part of it.  Three more flags spare the C side string
comparisons: S for the stopwords of src/data/stopwords_english.txt (also
written with an apostrophe, "don't" for "dont", as the lexer folds them),
C for the lower-case words that join the parts of a name ("of", "de",
"van", ...), D for months and days of the week, and Q for the words that
may open or carry a boilerplate cue of summary.c ("click", "copyright"),
so that a sentence without one is not searched for cues.  Only words of ASCII letters
(and inner hyphens or apostrophes) are kept.  Words spelled in capitals
there (the proper nouns, NNP) are left out: capitalisation decides names.

The output is one open-addressing hash table (FNV-1a 32-bit of the word,
the hash the analysed document gives every normalized form) laid out at
generation time, so the C side needs no initialisation.  Deterministic:
same input, same bytes.
"""
import sys
from collections import defaultdict

WORD_MIN = 2
SLOTS = 16384

NOUN = {"NN", "NNS"}
ADJ = {"JJ", "JJR", "JJS"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}


def fnv1a(b):
    h = 0x811C9DC5
    for c in b:
        h ^= c
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def plain(w):
    if not w or not w[0].isalpha() or not w.isascii():
        return False
    return all(c.isalpha() or c in "-'" for c in w) and w[-1].isalpha()


def read_titles(titles, abbreviations):
    out = set()
    for line in open(titles, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if not line:
            continue
        canonical, _, aliases = line.partition("\t")
        for t in [canonical] + aliases.split("|"):
            t = t.strip().lower().rstrip(".")
            if t and " " not in t and plain(t):
                out.add(t)
    for line in open(abbreviations, encoding="utf-8"):
        t = line.split("#")[0].strip().lower()
        if t and plain(t):
            out.add(t)
    return out


CONNECTORS = ["al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le",
              "of", "the", "van", "von", "y"]
CALENDAR = ["january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday"]


CUE_WORDS = ["click", "read", "reserved", "sign", "subscribe", "follow", "share", "friend",
             "terms", "privacy", "cookie", "cookies", "material", "short", "highlights",
             "newsletter", "copyright"]


def read_stopwords(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        w = line.split("#")[0].strip().lower()
        if not w:
            continue
        out.add(w)
        for i in range(1, len(w)):
            out.add(w[:i] + "'" + w[i:])
    return out


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    path = sys.argv[1]
    titles = read_titles(sys.argv[2], sys.argv[3])
    stop = read_stopwords(sys.argv[4])
    counts = defaultdict(lambda: [0, 0, 0, 0])  # N A B V
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 4 or parts[0] == "-DOCSTART-":
                continue
            word, tag = parts[0], parts[1]
            if not plain(word) or not word[0].islower():
                continue
            c = counts[word.lower()]
            if tag in NOUN:
                c[0] += 1
            elif tag in ADJ:
                c[1] += 1
            else:
                c[2] += 1
            if tag in FINITE:
                c[3] += 1
    entries = []
    for w, (n, a, b, v) in counts.items():
        total = n + a + b
        if total < WORD_MIN:
            continue
        cls = "N"
        if a > n and a >= b:
            cls = "A"
        elif b > n and b > a:
            cls = "B"
        flags = {"N": 0, "A": 1, "B": 2}[cls]
        if 2 * v >= total:
            flags |= 4
        entries.append((fnv1a(w.encode()), w, flags))
    known = {w: i for i, (_, w, _) in enumerate(entries)}
    for extra, flag in ((titles, 8), (stop, 16), (set(CONNECTORS), 32), (set(CALENDAR), 64),
                        (set(CUE_WORDS), 256)):
        for w in sorted(extra):
            if w in known:
                h, _, f = entries[known[w]]
                entries[known[w]] = (h, w, f | flag)
            else:
                known[w] = len(entries)
                entries.append((fnv1a(w.encode()), w, (2 if flag == 16 else 0) | flag))
    entries.sort(key=lambda e: (e[0], e[1]))
    if len(entries) * 2 > SLOTS:
        sys.exit("too many words for the table")
    table = [None] * SLOTS
    for h, w, flags in entries:
        i = h & (SLOTS - 1)
        while table[i] is not None:
            if table[i][0] == h:
                break           # same hash: the first word wins
            i = (i + 1) & (SLOTS - 1)
        if table[i] is None:
            table[i] = (h, w, flags)
    out = sys.stdout
    out.write("/* Generated by src/tools/gen_keyword_words.py from CoNLL-2003 train; do not edit. */\n")
    out.write("/* %d words; open addressing on FNV-1a, linear probing; 0 = empty */\n" % len(entries))
    out.write("#define KW_WORD_SLOTS %d\n" % SLOTS)
    out.write("static const uint32_t kw_word_hash[KW_WORD_SLOTS] = {\n")
    for i in range(0, SLOTS, 8):
        out.write("\t" + ", ".join("0x%08x" % (t[0] if t else 0) for t in table[i:i + 8]) + ",\n")
    out.write("};\n")
    out.write("/* class (0 noun, 1 adjective, 2 break) | 4 finite verb | 8 title | 16 stopword\n"
              " * | 32 name connector | 64 month or weekday | 256 boilerplate cue word */\n")
    out.write("static const uint16_t kw_word_class[KW_WORD_SLOTS] = {\n")
    for i in range(0, SLOTS, 16):
        out.write("\t" + ", ".join("%d" % (t[2] if t else 0) for t in table[i:i + 16]) + ",\n")
    out.write("};\n")


if __name__ == "__main__":
    main()
