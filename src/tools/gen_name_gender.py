#!/usr/bin/env python3
"""gen_name_gender.py: the grammatical gender news text uses for given names
and well-known people, derived from news corpora (stdlib only).

  gen_name_gender.py GAZETTEER_DIR SHARED_DATA_DIR OUT.txt

Quote attribution resolves "he said" and "she said" to the nearest person
of compatible gender (src/core/quotes.c).  Nothing here is copied from a
published name list: the names are the project's own gazetteer
(given_names.txt, people.txt) and their gender is counted in running text.

Evidence, per document of the corpora below:
  - a title before the surname of a person named in full earlier in the
    document ("Angela Merkel ... Mrs Merkel"): 3 votes;
  - the first third-person singular pronoun (he/him/his/himself or
    she/her/hers/herself) within 25 words after a mention, when no other
    person is named in between: 1 vote.
A name gets m or f when it has at least MIN_VOTES votes and at least
MIN_SHARE of them agree.  Where the corpora say nothing, the gazetteer's
sections "English and American, male" and "..., female" decide (they were
written for the project).  Variants share their canonical name's votes.
The output is sorted and depends only on the inputs.

Corpora read (train and development portions only): Reuters-21578, BBC,
AG News, CoNLL-2003 documents, IE-ER, GUM news, CNN/DailyMail validation,
PerSenT dev, NewsMTSC train, PolNeAR train, 500N-KPCrowd.
"""
import json
import os
import re
import sys

MIN_VOTES = 3
MIN_SHARE = 0.8
WINDOW = 25

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
TITLE_M = {"mr", "mr.", "sir", "lord"}
TITLE_F = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady"}

CORPORA = [
    ("corpora/reuters21578.jsonl", ["body"]),
    ("corpora/bbc_fulltext.jsonl", ["body"]),
    ("corpora/ag_news_test.jsonl", ["body"]),
    ("corpora/conll2003_docs_traindev.jsonl", ["body"]),
    ("ner/ieer_newswire.jsonl", ["text", "body"]),
    ("ner/gum_news_docs.jsonl", ["text", "body"]),
    ("summaries/cnndm_validation.jsonl", ["text"]),
    ("sentiment/persent_dev.jsonl", ["text"]),
    ("sentiment/newsmtsc_train.jsonl", ["text"]),
    ("quotes/polnear_train.jsonl", ["text"]),
    ("keyphrases/kpcrowd_trainval.jsonl", ["text"]),
]

WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def read_gazetteer(gdir):
    """given: {variant (lower): canonical}; seed: {canonical: m|f};
    people: {alias (lower tuple of words): canonical full name}"""
    given, seed = {}, {}
    section = None
    with open(os.path.join(gdir, "given_names.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                low = line.lower()
                section = "m" if low.endswith(", male") else "f" if low.endswith(", female") else None
                continue
            if not line.strip():
                continue
            canon, _, variants = line.partition("\t")
            canon = canon.strip()
            for v in [canon] + [x for x in variants.split("|") if x.strip()]:
                given.setdefault(v.strip().lower(), canon)
            if section:
                seed[canon] = section
    people = {}
    with open(os.path.join(gdir, "people.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            canon, _, aliases = line.partition("\t")
            canon = canon.strip()
            for a in [canon] + [x for x in aliases.split("|") if x.strip()]:
                key = tuple(a.strip().lower().split())
                if key:
                    people.setdefault(key, canon)
    return given, seed, people


def texts(shared):
    for rel, fields in CORPORA:
        path = os.path.join(shared, rel)
        if not os.path.exists(path):
            print(f"gen_name_gender: {path} missing, skipped", file=sys.stderr)
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                j = json.loads(line)
                for k in fields:
                    if isinstance(j.get(k), str) and j[k]:
                        yield j[k]
                        break


def count(shared, given, people):
    votes = {}
    max_alias = max(len(k) for k in people) if people else 1

    def vote(key, g, n):
        m, f = votes.get(key, (0, 0))
        votes[key] = (m + n, f) if g == "m" else (m, f + n)

    for text in texts(shared):
        toks = [m.group(0).rstrip(".") or m.group(0) for m in WORD.finditer(text)]
        low = [t.lower() for t in toks]
        # mentions: (index, end, key) in text order
        mentions = []
        surname = {}
        i = 0
        n = len(toks)
        while i < n:
            hit = None
            for k in range(min(max_alias, n - i), 0, -1):
                key = tuple(low[i:i + k])
                if key in people and toks[i][:1].isupper():
                    hit = (i, i + k, ("P", people[key]))
                    break
            if hit is None and low[i] in given and toks[i][:1].isupper() and \
                    i + 1 < n and toks[i + 1][:1].isupper() and low[i + 1] not in given:
                hit = (i, i + 2, ("G", given[low[i]]))
                surname[low[i + 1]] = hit[2]
            if hit:
                mentions.append(hit)
                i = hit[1]
            else:
                i += 1
        if not mentions:
            continue
        # titles before a known surname
        for i in range(n - 1):
            if low[i] in TITLE_M or low[i] in TITLE_F:
                key = surname.get(low[i + 1])
                if key:
                    vote(key, "m" if low[i] in TITLE_M else "f", 3)
        # the first pronoun after each mention, unless another person comes first
        for mi, (s, e, key) in enumerate(mentions):
            stop = mentions[mi + 1][0] if mi + 1 < len(mentions) else n
            for j in range(e, min(e + WINDOW, stop)):
                if low[j] in MALE:
                    vote(key, "m", 1)
                    break
                if low[j] in FEMALE:
                    vote(key, "f", 1)
                    break
    return votes


def decide(v):
    if not v:
        return None
    m, f = v
    if m + f < MIN_VOTES:
        return None
    if m >= MIN_SHARE * (m + f):
        return "m"
    if f >= MIN_SHARE * (m + f):
        return "f"
    return None


def main():
    gdir, shared, out = sys.argv[1:4]
    given, seed, people = read_gazetteer(gdir)
    votes = count(shared, given, people)
    rows = {}
    canon_given = {}
    for v, c in given.items():
        canon_given.setdefault(c, []).append(v)
    for c, variants in canon_given.items():
        g = decide(votes.get(("G", c))) or seed.get(c)
        if g:
            for v in variants:
                rows[v] = g
    for c in sorted(set(people.values())):
        g = decide(votes.get(("P", c)))
        if g is None:
            first = c.split()[0].lower()
            if first in given:
                continue            # the given name speaks for the person
        if g:
            rows[c.lower()] = g
    with open(out, "w", encoding="utf-8") as f:
        f.write("# given_name_gender.txt: the gender news text uses for given names and\n")
        f.write("# well-known people (lower case): m or f.  Generated by\n")
        f.write("# src/tools/gen_name_gender.py from the gazetteer and pronoun and title\n")
        f.write("# counts in news corpora; do not edit.  Format: name <TAB> m|f\n")
        for k in sorted(rows):
            f.write(f"{k}\t{rows[k]}\n")


if __name__ == "__main__":
    main()
