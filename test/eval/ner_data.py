#!/usr/bin/env python3
"""ner_data.py: prepare evaluation texts and score entity spans (stdlib only).

  ner_data.py conll DEV.txt OUT.jsonl      CoNLL-2003 column file -> documents:
                                           tokens joined by spaces, sentences
                                           by newlines; gold spans in characters
                                           and in tokens
  ner_data.py ieer FILE.jsonl OUT.jsonl    IE-ER newswire -> documents (body)
  ner_data.py score GOLD.jsonl PRED.tsv    print per-type precision, recall, F1
  ner_data.py consistency GOLD.jsonl [LABEL=PRED.tsv...]
                                           type consistency (the measure of
                                           entities_junk.sh) of the gold names
                                           of a CoNLL file and of each system's

PRED.tsv: doc_id <TAB> start <TAB> length <TAB> type, start 0-based in
characters (news.entities gives 1-based: subtract 1), types as reported by
news.entities (PERSON ORG LOC NORP MISC DATE ...) or by the compromise script.
Scoring is conlleval's: a predicted entity counts only if its span and type
both equal a gold entity's.  For CoNLL, spans are mapped back to token spans
(a span that does not start and end on token boundaries cannot match), NORP
counts as MISC; for IE-ER only PERSON, ORGANIZATION, LOCATION, DATE, TIME,
MONEY and PERCENT are scored (IE-ER has no NORP or MISC).
"""
import json
import sys
from collections import defaultdict

CONLL_MAP = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "NORP": "MISC", "MISC": "MISC"}
IEER_MAP = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION", "DATE": "DATE",
            "TIME": "TIME", "MONEY": "MONEY", "PERCENT": "PERCENT"}
IEER_TYPES = ["PERSON", "ORGANIZATION", "LOCATION", "DATE", "TIME", "MONEY", "PERCENT"]


def conll(path, out):
    docs = []
    cur = None
    sent = []

    def flush_sent():
        nonlocal sent
        if not sent:
            return
        text = cur["text"]
        if text:
            text += "\n"
        ents = []
        toks = []
        for i, (w, tag) in enumerate(sent):
            if i:
                text += " "
            toks.append((len(text), len(text) + len(w)))
            text += w
        cur["text"] = text
        base = len(cur["tokens"])
        cur["tokens"].extend(toks)
        i = 0
        while i < len(sent):
            tag = sent[i][1]
            if tag.startswith("B-") or tag.startswith("I-"):
                t = tag[2:]
                j = i + 1
                while j < len(sent) and sent[j][1] == "I-" + t:
                    j += 1
                cur["gold"].append({"start": toks[i][0], "end": toks[j - 1][1], "type": t,
                                    "tok": [base + i, base + j]})
                i = j
            else:
                i += 1
        sent = []

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush_sent()
                cur = {"id": "conll-dev-%d" % (len(docs) + 1), "text": "", "gold": [], "tokens": []}
                docs.append(cur)
                continue
            if not line.strip():
                flush_sent()
                continue
            parts = line.split(" ")
            sent.append((parts[0], parts[-1]))
    flush_sent()
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def ieer(path, out):
    with open(path, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            d = json.loads(line)
            gold = [{"start": e["start"], "end": e["end"], "type": e["type"]}
                    for e in d["entities"] if e["type"] in IEER_TYPES]
            o.write(json.dumps({"id": d["id"], "text": d["body"], "gold": gold},
                               ensure_ascii=False) + "\n")


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(goldpath, predpath, label=None):
    docs = {}
    with open(goldpath, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    is_conll = any("tokens" in d for d in docs.values())
    gold = set()
    for d in docs.values():
        for e in d["gold"]:
            gold.add((d["id"], e["start"], e["end"], e["type"]))
    pred = set()
    if is_conll:
        starts = {i: {s: k for k, (s, e) in enumerate(d["tokens"])} for i, d in docs.items()}
        ends = {i: {e: k for k, (s, e) in enumerate(d["tokens"])} for i, d in docs.items()}
    with open(predpath, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[0] not in docs:
                continue
            did, s, n, t = parts[0], int(parts[1]), int(parts[2]), parts[3]
            m = (CONLL_MAP if is_conll else IEER_MAP).get(t)
            if not m:
                continue
            if is_conll:
                # our character span -> token span -> the gold's character span
                a = starts[did].get(s)
                b = ends[did].get(s + n)
                if a is None or b is None:
                    pred.add((did, s, s + n, m, "unaligned"))
                    continue
                tok = docs[did]["tokens"]
                pred.add((did, tok[a][0], tok[b][1], m))
            else:
                pred.add((did, s, s + n, m))
    types = ["PER", "ORG", "LOC", "MISC"] if is_conll else IEER_TYPES
    res = {}
    for t in types:
        g = {x for x in gold if x[3] == t}
        p = {x for x in pred if x[3] == t}
        res[t] = (len(g & p), len(p), len(g))
    if is_conll:
        agg = [sum(res[t][k] for t in ("PER", "ORG", "LOC")) for k in range(3)]
        res["PER+ORG+LOC"] = tuple(agg)
        allp = [sum(res[t][k] for t in types) for k in range(3)]
        res["ALL"] = tuple(allp)
    else:
        agg = [sum(res[t][k] for t in ("PERSON", "ORGANIZATION", "LOCATION")) for k in range(3)]
        res["PER+ORG+LOC"] = tuple(agg)
        allp = [sum(res[t][k] for t in types) for k in range(3)]
        res["ALL"] = tuple(allp)
    return res


def reliability(goldpath, predpath):
    """Per confidence bin of 0.1: the predictions (with a 5th column, the
    confidence) whose span and type are right."""
    docs = {}
    with open(goldpath, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    gold = set()
    for d in docs.values():
        for e in d["gold"]:
            gold.add((d["id"], e["start"], e["end"], e["type"]))
    starts = {i: {s: k for k, (s, e) in enumerate(d["tokens"])} for i, d in docs.items()}
    ends = {i: {e: k for k, (s, e) in enumerate(d["tokens"])} for i, d in docs.items()}
    bins = [[0, 0] for _ in range(10)]
    with open(predpath, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5 or parts[0] not in docs:
                continue
            m = CONLL_MAP.get(parts[3])
            if not m:
                continue
            did, s, n, c = parts[0], int(parts[1]), int(parts[2]), float(parts[4])
            a = starts[did].get(s)
            b = ends[did].get(s + n)
            tok = docs[did]["tokens"]
            ok = a is not None and b is not None and (did, tok[a][0], tok[b][1], m) in gold
            k = min(max(int(c * 10), 0), 9)
            bins[k][0] += ok
            bins[k][1] += 1
    return bins


def consistency(names):
    """The measure of entities_junk.sh over (doc_id, name, type) triples:
    the share of names seen in at least 5 documents whose majority type
    covers at least 95% of their mentions; (share, names)."""
    per = defaultdict(lambda: defaultdict(int))
    docs = defaultdict(set)
    for did, name, t in names:
        per[name][t] += 1
        docs[name].add(did)
    many = [n for n in per if len(docs[n]) >= 5]
    ok = sum(1 for n in many if max(per[n].values()) >= 0.95 * sum(per[n].values()))
    return (ok / len(many) if many else 0.0), len(many)


def consistency_of(goldpath, predpaths):
    """The consistency of the gold names of a CoNLL file (jsonl of
    ner_data.py conll) and of each system's PER, ORG, LOC, MISC names (NORP
    counted as MISC), a name being its text as written."""
    docs = {}
    with open(goldpath, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    rows = [("gold", consistency((i, d["text"][e["start"]:e["end"]], e["type"])
                                 for i, d in docs.items() for e in d["gold"]))]
    for label, path in predpaths:
        names = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4 or parts[0] not in docs or parts[3] not in CONLL_MAP:
                    continue
                s, n = int(parts[1]), int(parts[2])
                names.append((parts[0], docs[parts[0]]["text"][s:s + n], CONLL_MAP[parts[3]]))
        rows.append((label, consistency(names)))
    return rows


def main():
    cmd = sys.argv[1]
    if cmd == "conll":
        conll(sys.argv[2], sys.argv[3])
    elif cmd == "ieer":
        ieer(sys.argv[2], sys.argv[3])
    elif cmd == "score":
        res = score(sys.argv[2], sys.argv[3])
        print("%-12s %6s %6s %6s %6s %6s %6s" % ("type", "gold", "pred", "tp", "P", "R", "F1"))
        for t, (tp, np_, ng) in res.items():
            p, r, f = prf(tp, np_, ng)
            print("%-12s %6d %6d %6d %6.3f %6.3f %6.3f" % (t, ng, np_, tp, p, r, f))
    elif cmd == "compare":
        # compare GOLD [LABEL=]SYSTEM.tsv...: side-by-side P/R/F1 tables;
        # without labels, the first is news.entities and the second
        # compromise
        gold = sys.argv[2]
        default = ["news.entities", "compromise"]
        systems = []
        for k, arg in enumerate(sys.argv[3:]):
            label, sep, path = arg.partition("=")
            if not sep:
                label, path = (default[k] if k < len(default) else arg), arg
            systems.append((label, score(gold, path)))
        first = systems[0][1]
        print("%-12s %6s" % ("type", "gold") +
              "".join(" | %6s %6s %6s" % ("P", "R", "F1") for _ in systems))
        print("%-12s %6s" % ("", "") +
              "".join(" | %20s" % label[:20].center(20) for label, _ in systems))
        for t in first:
            row = "%-12s %6d" % (t, first[t][2])
            for _, res in systems:
                p = prf(*res[t])
                row += " | %6.3f %6.3f %6.3f" % p
            print(row)
    elif cmd == "consistency":
        # consistency GOLD [LABEL=]SYSTEM.tsv...: the type consistency of
        # the gold names and of each system's
        preds = []
        for arg in sys.argv[3:]:
            label, sep, path = arg.partition("=")
            preds.append((label, path) if sep else (arg, arg))
        print("%-24s %12s %8s" % ("names of", "consistency", "names"))
        for label, (share, n) in consistency_of(sys.argv[2], preds):
            print("%-24s %12.3f %8d" % (label[:24], share, n))
    elif cmd == "reliability":
        # reliability GOLD [LABEL=]SYSTEM.tsv...: precision per confidence bin
        gold = sys.argv[2]
        systems = []
        for arg in sys.argv[3:]:
            label, sep, path = arg.partition("=")
            if not sep:
                label, path = arg, arg
            systems.append((label, reliability(gold, path)))
        print("%-12s" % "confidence" + "".join(" | %7s %9s" % ("names", "precision") for _ in systems))
        print("%-12s" % "" + "".join(" | %17s" % label[:17].center(17) for label, _ in systems))
        for k in range(10):
            row = "%-12s" % ("[%.1f, %.1f)" % (k / 10, (k + 1) / 10) if k < 9 else "[0.9, 1.0]")
            for _, bins in systems:
                ok, n = bins[k]
                row += " | %7d %9s" % (n, "%.3f" % (ok / n) if n else "-")
            print(row)
        row = "%-12s" % ">= 0.9"
        for _, bins in systems:
            ok, n = bins[9]
            row += " | %7d %9s" % (n, "%.3f" % (ok / n) if n else "-")
        print(row)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
