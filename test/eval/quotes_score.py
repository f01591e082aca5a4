#!/usr/bin/env python3
"""quotes_score.py: score quotations and speakers against PolNeAR (stdlib only).

  quotes_score.py SPLIT GOLD.jsonl DIR BASELINE GENDER.txt [--errors FILE]

DIR holds what test/eval/quotes.sh wrote: ours.tsv (news.quotes, every
column, offsets 0-based), base.tsv (the baseline's news.quotes, 0.1.0
columns) and entities.tsv (news.entities: PERSON, ORG, NORP).  Only the rows
of SPLIT are read.  Character offsets count code points, as in the corpus.

Figures
  quote spans   gold: the contents of attributions with has_quote_marks.  A
                predicted quotation matches a content when at least half of
                its characters lie inside the content.  Precision: matched
                predictions / predictions; recall: contents matched by some
                prediction / contents.  Ours: kinds direct and partial
                (scare quotes are labelled as not speech, indirect rows have
                no quote marks); "ours, every quote-marked row" counts the
                scare quotes too.
  speakers      over the gold contents that have a source and are matched:
                the prediction with the largest overlap names the right
                speaker when its speaker mention overlaps the gold source,
                or its canonical speaker is a name the gold source refers
                to (below).  "end to end" divides by every quoted content
                with a source instead.
  gold referent of a source: the canonical names of the entities
                (news.entities) that overlap it; a pronoun or a definite noun
                phrase ("the minister") without a name refers to the nearest
                named source before it in the gold annotation (any
                attribution) of a compatible kind: he/she/I and role nouns
                need a PERSON of compatible gender (GENDER.txt; unknown is
                compatible), it and organization nouns an ORG; a relative
                pronoun ("said Beck, who said") the name just before it
                (counted with the pronouns); if there is
                none within 3000 characters, the nearest compatible entity
                mention before it.  Indefinite and bare noun phrases
                ("sources", "a campaign official"), documents ("the
                letter", "the report") and I/we (the writer) refer to
                nobody: only an overlapping mention is right.  A source that
                is only "said" (an annotation slip) counts as none.  A hand check
                of 15 random dev referents found 11 right (the misses: a
                document, "I", a pronoun after a possessive).
  indirect      gold: attributions without quote marks that have a content.
                Ours: rows of kind indirect, their content span; matched as
                above (half of the predicted content inside the gold one).
"""
import json
import sys
from collections import defaultdict

RELATIVE = {"who", "which", "that"}
FIRST_PERSON = {"i", "me", "we", "us"}
DOCUMENTS = {"statement", "statements", "report", "letter", "memo", "article", "ad", "book",
             "release", "ruling", "bylaws", "complaint", "survey", "poll", "study", "email",
             "emails", "post", "tweet", "video", "message", "document", "website", "page",
             "editorial", "story", "transcript", "filing", "lawsuit", "analysis", "data",
             "series", "excerpts", "account", "findings", "documents", "records", "memoir"}
PRONOUNS = {"he", "she", "him", "her", "his", "i", "we", "they", "it", "you", "me", "us", "them"}
MALE = {"he", "him", "his"}
FEMALE = {"she", "her"}
ORGISH = {"it", "they", "we", "them", "us"}
ORG_NOUNS = {"newspaper", "paper", "daily", "company", "firm", "group", "agency", "campaign",
             "party", "union", "committee", "organization", "organisation", "network",
             "ministry", "department", "government", "administration", "office", "council",
             "bank", "court", "times", "post", "magazine", "website", "site", "outlet",
             "statement", "report", "letter", "memo", "ad", "article", "book", "release",
             "ruling", "bylaws", "complaint", "survey", "poll", "study", "channel",
             "broadcaster", "station", "team", "coalition", "alliance", "association",
             "foundation", "institute", "center", "centre", "service", "kremlin", "pentagon",
             "white", "house", "board", "commission", "council", "federation", "club"}
FEMALE_NOUNS = {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "woman",
                "mother", "wife", "daughter", "sister", "actress", "queen", "princess",
                "grandmother", "girl", "lady", "councilwoman", "anchorwoman"}
MALE_NOUNS = {"spokesman", "chairman", "congressman", "businessman", "man", "father",
              "husband", "son", "brother", "actor", "king", "prince", "grandfather", "boy",
              "councilman", "anchorman"}
TITLES_F = {"mrs", "ms", "miss", "madam", "lady", "dame"}
TITLES_M = {"mr", "sir", "lord"}


def read_tsv(path, split, ncols):
    rows = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < ncols or parts[0] != split:
                continue
            rows[parts[1]].append(parts[2:])
    return rows


def load_gender(path):
    g = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                parts = line.split()
                if len(parts) >= 2 and parts[1] in ("m", "f"):
                    g[parts[0].lower()] = parts[1]
    except OSError:
        pass
    return g


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def words(s):
    return [w.strip(".,:;’'\"“”").lower() for w in s.replace("\xa0", " ").split()]


def person_gender(canon, text, ents, gender):
    first = canon.split()[0].lower() if canon else ""
    if first in gender:
        return gender[first]
    # a title before any mention of this person
    for (s, l, t, c) in ents:
        if c != canon:
            continue
        before = text[max(0, s - 6):s].lower().replace(".", " ").split()
        if before and before[-1] in TITLES_F:
            return "f"
        if before and before[-1] in TITLES_M:
            return "m"
    return None


class Doc:
    def __init__(self, d, ents, gender):
        self.id = d["id"]
        self.text = d["text"]
        self.ents = [(int(s), int(l), t, c) for (s, l, t, c) in ents]
        self.gender = gender
        self.attrs = [a for a in d["attributions"] if a.get("content")]
        self.gcache = {}

    def ents_in(self, s0, s1):
        """PERSON and ORG entities overlapping [s0, s1); NORP ("Republicans",
        "the Democratic candidate") names no one in particular"""
        return [e for e in self.ents if e[2] != "NORP" and overlap(e[0], e[0] + e[1], s0, s1) > 0]

    def gender_of(self, canon):
        if canon not in self.gcache:
            self.gcache[canon] = person_gender(canon, self.text, self.ents, self.gender)
        return self.gcache[canon]

    def source_class(self, a):
        """name, pronoun, np (definite: anaphoric) or anon (refers to nobody)."""
        if not a.get("source"):
            return None
        # a few sources are the cue itself (annotation slips): no source
        if words(" ".join(p["text"] for p in a["source"])) in (["said"], ["says"], ["told"]):
            return None
        for p in a["source"]:
            if self.ents_in(p["start"], p["end"]):
                return "name"
        w = words(" ".join(p["text"] for p in a["source"]))
        w = [x for x in w if x]
        if len(w) == 1 and w[0] in FIRST_PERSON:
            return "anon"
        if len(w) == 1 and w[0] in PRONOUNS:
            return "pronoun"
        if len(w) == 1 and w[0] in RELATIVE:
            return "relative"
        if w and w[0] in ("the", "this", "that", "these", "those"):
            return "anon" if self.head(w) in DOCUMENTS else "np"
        return "anon"

    def compatible(self, ent, want):
        kind, sex = want
        if kind == "PERSON" and ent[2] != "PERSON":
            return False
        if kind == "ORG" and ent[2] == "PERSON":
            return False
        if sex and kind == "PERSON":
            g = self.gender_of(ent[3])
            if g and g != sex:
                return False
        return True

    @staticmethod
    def head(w):
        """the last word before of/for/at/in/with"""
        head = w[-1] if w else ""
        for x in w:
            if x in ("of", "for", "at", "in", "with"):
                break
            head = x
        return head

    def want(self, a):
        w = [x for x in words(" ".join(p["text"] for p in a["source"])) if x]
        head = self.head(w)
        if len(w) == 1 and w[0] in PRONOUNS:
            if w[0] in MALE:
                return ("PERSON", "m")
            if w[0] in FEMALE:
                return ("PERSON", "f")
            if w[0] in ("i", "me", "you"):
                return ("PERSON", None)
            return ("ANY", None) if w[0] in ("they", "we", "them", "us") else ("ORG", None)
        if head in ORG_NOUNS:
            return ("ANY", None)
        if head in FEMALE_NOUNS:
            return ("PERSON", "f")
        if head in MALE_NOUNS:
            return ("PERSON", "m")
        return ("PERSON", None)

    def referents(self, a):
        """Canonical names the gold source of a refers to (a set)."""
        cls = self.source_class(a)
        if cls is None or cls == "anon":
            return set()
        if cls == "name":
            out = set()
            for p in a["source"]:
                for e in self.ents_in(p["start"], p["end"]):
                    out.add(e[3])
            return out
        pos = a["source"][0]["start"]
        if cls == "relative":
            # "said Beck, who said": the name right before the pronoun
            best = None
            for e in self.ents:
                if e[0] + e[1] <= pos and pos - (e[0] + e[1]) <= 3 and e[2] in ("PERSON", "ORG"):
                    best = e
            return {best[3]} if best else set()
        want = self.want(a)
        named = []
        for b in self.attrs:
            if not b.get("source") or b["source"][0]["start"] >= pos:
                continue
            if pos - b["source"][0]["start"] > 3000:
                continue
            for p in b["source"]:
                for e in self.ents_in(p["start"], p["end"]):
                    named.append((p["start"], e))
        named.sort(key=lambda x: -x[0])
        for _, e in named:
            if self.compatible(e, want):
                return {e[3]}
        for e in sorted(self.ents, key=lambda e: -e[0]):
            if e[0] + e[1] <= pos and self.compatible(e, want):
                return {e[3]}
        return set()


def gold_quotes(doc):
    return [a for a in doc.attrs if a.get("has_quote_marks")]


def content_span(a):
    return a["content"][0]["start"], a["content"][-1]["end"]


def inside(a, q0, q1):
    """characters of [q0, q1) inside the content parts of a"""
    return sum(overlap(p["start"], p["end"], q0, q1) for p in a["content"])


def match(preds, golds):
    """preds: [(start, end, ...)]; for each gold the index of the prediction
    with the largest overlap among those that match it; and which predictions
    match some gold."""
    pred_ok = [False] * len(preds)
    best = [None] * len(golds)
    for i, p in enumerate(preds):
        q0, q1 = p[0], p[1]
        if q1 <= q0:
            continue
        for j, g in enumerate(golds):
            ov = inside(g, q0, q1)
            if 2 * ov >= q1 - q0 and ov > 0:
                pred_ok[i] = True
                if best[j] is None or ov > best[j][1]:
                    best[j] = (i, ov)
    return pred_ok, [b[0] if b else None for b in best]


def speaker_ok(doc, a, pred):
    """pred: (speaker canonical, mention start, mention end)"""
    canon, m0, m1 = pred
    if m0 >= 0 and m1 > m0:
        for p in a["source"]:
            if overlap(p["start"], p["end"], m0, m1) > 0:
                return True
    return bool(canon) and canon in doc.referents(a)


class Tally:
    def __init__(self):
        self.c = defaultdict(int)

    def add(self, k, n=1):
        self.c[k] += n


def prf(tp_p, np_, tp_r, nr):
    p = tp_p / np_ if np_ else 0.0
    r = tp_r / nr if nr else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


SPEECH = {"said", "says", "say", "told", "tells", "added", "adds", "asked", "wrote", "writes",
          "stated", "explained", "noted", "warned", "argued", "insisted", "declared",
          "announced", "replied", "tweeted", "claimed", "according", "called", "described",
          "saying", "suggested", "continued", "acknowledged", "admitted", "reported"}


def nearest_name_rule(doc, q0, q1):
    """the simple baseline: the first speech verb after the quote in its
    paragraph, else the last one before it in the paragraph; the nearest
    PERSON or ORG mention before that verb."""
    t = doc.text
    pend = t.find("\n", q1)
    pend = len(t) if pend < 0 else pend
    pstart = t.rfind("\n", 0, q0) + 1
    cue = None
    i = q1
    while i < pend:
        j = i
        while j < pend and t[j].isalpha():
            j += 1
        if j > i and t[i:j].lower() in SPEECH:
            cue = i
            break
        i = j + 1 if j == i else j
    if cue is None:
        i = pstart
        while i < q0:
            j = i
            while j < q0 and t[j].isalpha():
                j += 1
            if j > i and t[i:j].lower() in SPEECH:
                cue = i
            i = j + 1 if j == i else j
    if cue is None:
        return ("", -1, -1)
    best = None
    for e in doc.ents:
        if e[2] in ("PERSON", "ORG") and e[0] + e[1] <= cue:
            if best is None or e[0] > best[0]:
                best = e
    if best is None:
        return ("", -1, -1)
    return (best[3], best[0], best[0] + best[1])


def nearest_occurrence(text, mention, q0, q1):
    if not mention:
        return -1, -1
    best = None
    i = text.find(mention)
    while i >= 0:
        d = q0 - (i + len(mention)) if i < q0 else i - q1
        if best is None or abs(d) < best[0]:
            best = (abs(d), i)
        i = text.find(mention, i + 1)
    if best is None:
        return -1, -1
    return best[1], best[1] + len(mention)


def main():
    split, gold_path, d, base_name, gender_path = sys.argv[1:6]
    errors = sys.argv[7] if len(sys.argv) > 7 and sys.argv[6] == "--errors" else None
    gender = load_gender(gender_path)
    ours = read_tsv(f"{d}/ours.tsv", split, 13)
    base = read_tsv(f"{d}/base.tsv", split, 6)
    ents = read_tsv(f"{d}/entities.tsv", split, 6)
    have_base = any(base.values())
    systems = ["ours", "ours, every quote-marked row", "nearest name before the cue"]
    if have_base:
        systems.insert(0, f"main at {base_name}")
    T = {s: Tally() for s in systems}
    ind = Tally()
    err = open(errors, "w", encoding="utf-8") if errors else None
    kinds = defaultdict(int)
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            dj = json.loads(line)
            doc = Doc(dj, ents.get(dj["id"], []), gender)
            golds = gold_quotes(doc)
            rows = ours.get(doc.id, [])
            preds = {}
            allq = []
            for r in rows:
                (s, l, kind, sp, ss, sl, cs, cl, ks, kl, conf) = r[:11]
                s, l, ss, sl = int(s), int(l), int(ss), int(sl)
                kinds[kind] += 1
                if kind == "indirect":
                    continue
                allq.append((s, s + l, sp, ss, ss + sl if ss >= 0 else -1, kind))
            preds["ours, every quote-marked row"] = allq
            preds["ours"] = [q for q in allq if q[5] != "scare"]
            preds["nearest name before the cue"] = [
                (q[0], q[1]) + nearest_name_rule(doc, q[0], q[1]) for q in preds["ours"]]
            if have_base:
                bq = []
                for r in base.get(doc.id, []):
                    s, l, sp, m = int(r[0]), int(r[1]), r[2], r[3]
                    m0, m1 = nearest_occurrence(doc.text, m, s, s + l)
                    bq.append((s, s + l, sp, m0, m1))
                preds[systems[0]] = bq
            for sysname in systems:
                P = preds[sysname]
                t = T[sysname]
                pred_ok, best = match(P, golds)
                t.add("pred", len(P))
                t.add("pred_ok", sum(pred_ok))
                t.add("gold", len(golds))
                for j, a in enumerate(golds):
                    if best[j] is not None:
                        t.add("gold_found")
                    cls = doc.source_class(a)
                    if cls is None:
                        continue
                    group = "name" if cls == "name" else "pron/np"
                    if cls == "relative":
                        cls = "pronoun"
                    t.add("src")
                    t.add("src " + group)
                    if best[j] is None:
                        continue
                    t.add("m")
                    t.add("m " + group)
                    t.add("mc " + cls)
                    p = P[best[j]]
                    ok = speaker_ok(doc, a, (p[2], p[3], p[4]))
                    if ok:
                        t.add("ok")
                        t.add("ok " + group)
                        t.add("okc " + cls)
                    if err and sysname == "ours" and not ok:
                        q0, q1 = p[0], p[1]
                        src = " | ".join(x["text"] for x in a["source"])
                        pm = doc.text[p[3]:p[4]] if p[3] >= 0 else ""
                        ctx0 = max(0, min(q0, a["source"][0]["start"]) - 150)
                        ctx1 = min(len(doc.text), max(q1, a["source"][-1]["end"]) + 80)
                        err.write(f"## {doc.id} [{cls}] gold={src!r} -> {sorted(doc.referents(a))} "
                                  f"pred={p[2]!r} mention={pm!r}\n")
                        err.write(doc.text[ctx0:ctx1].replace("\n", " / ") + "\n\n")
            # indirect attributions
            gi = [a for a in doc.attrs if not a.get("has_quote_marks")]
            pi = []
            for r in rows:
                if r[2] == "indirect" and int(r[8]) >= 0:
                    cs, cl = int(r[8]), int(r[9])
                    pi.append((cs, cs + cl, r[3], int(r[4]), int(r[4]) + int(r[5]) if int(r[4]) >= 0 else -1))
            pred_ok, best = match(pi, gi)
            ind.add("pred", len(pi))
            ind.add("pred_ok", sum(pred_ok))
            ind.add("gold", len(gi))
            for j, a in enumerate(gi):
                if best[j] is not None:
                    ind.add("found")
                    if a.get("source"):
                        ind.add("m")
                        p = pi[best[j]]
                        if speaker_ok(doc, a, (p[2], p[3], p[4])):
                            ind.add("ok")
    if err:
        err.close()

    def ratio(a, b):
        return f"{a / b:.3f}" if b else "-"

    print(f"{'':34} {'quote spans':>24} {'speaker accuracy (matched)':>40} {'end to end':>11}")
    print(f"{'system':34} {'P':>7} {'R':>7} {'F1':>8} {'all':>8} {'named':>9} {'pron+NP':>9} "
          f"{'pron':>6} {'NP':>6} {'all':>11}")
    for s in systems:
        c = T[s].c
        p, r, f1 = prf(c["pred_ok"], c["pred"], c["gold_found"], c["gold"])
        np_ok = c["okc np"] + c["okc anon"]
        np_m = c["mc np"] + c["mc anon"]
        print(f"{s:34} {p:7.3f} {r:7.3f} {f1:8.3f} {ratio(c['ok'], c['m']):>8} "
              f"{ratio(c['ok name'], c['m name']):>9} {ratio(c['ok pron/np'], c['m pron/np']):>9} "
              f"{ratio(c['okc pronoun'], c['mc pronoun']):>6} {ratio(np_ok, np_m):>6} "
              f"{ratio(c['ok'], c['src']):>11}")
    c = T["ours"].c
    print(f"gold: {c['gold']} quoted contents, {c['src']} with a source "
          f"({c['src name']} named, {c['src pron/np']} pronoun or noun phrase); "
          f"matched by ours: {c['m']} ({c['m name']} named, {c['mc pronoun']} pronoun, "
          f"{c['mc np']} definite NP, {c['mc anon']} other NP)")
    ic = ind.c
    p, r, f1 = prf(ic["pred_ok"], ic["pred"], ic["found"], ic["gold"])
    print(f"indirect attributions (no quote marks): gold {ic['gold']}, ours {ic['pred']}: "
          f"P {p:.3f} R {r:.3f} F1 {f1:.3f}; speaker accuracy of matched {ratio(ic['ok'], ic['m'])}")
    print("rows of ours by kind: " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))


if __name__ == "__main__":
    main()
