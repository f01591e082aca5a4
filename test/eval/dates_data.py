#!/usr/bin/env python3
"""dates_data.py: TempEval-3 time expressions for test/eval/dates.sh.

  dates_data.py prepare TE3.jsonl OUT.jsonl
      one line per document: id, split (train or dev), dct (the creation
      date, YYYY-MM-DD), text and its gold DATE expressions.  The split is
      ours (TempEval-3's test set is not here): a document is dev when the
      first hex digit of the md5 of its id is 0-3 (about a quarter), so
      rules are tuned on train and the dev figures stay held out.
  dates_data.py score OUT.jsonl NAME=PRED.tsv ...
      the table of each system (PRED.tsv: id, start (code points from 0),
      length, value as TimeML writes it, empty when unresolved) on each split.

Scores follow TempEval-3 for DATE expressions: a prediction matches a gold
expression strictly when the spans are equal, relaxed when they overlap
(each gold and each prediction matched at most once); value accuracy is the
share of relaxed matches whose value equals the gold value, and value F1
counts as true positives only relaxed matches with the right value.
"""
import hashlib
import json
import sys


def split_of(doc_id):
    return 'dev' if hashlib.md5(doc_id.encode()).hexdigest()[0] in '0123' else 'train'


def prepare(src, dst):
    with open(src, encoding='utf-8') as f, open(dst, 'w', encoding='utf-8') as out:
        for line in f:
            r = json.loads(line)
            gold = [{'start': t['start'], 'end': t['end'], 'value': t['value'], 'text': t['text']}
                    for t in r['timexes'] if t['type'] == 'DATE']
            out.write(json.dumps({'id': r['id'], 'split': split_of(r['id']), 'dct': r['dct'][:10],
                                  'text': r['text'], 'gold': gold}, ensure_ascii=False) + '\n')


def read_pred(path):
    pred = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) < 4:
                continue
            doc, start, length, value = parts[0], int(parts[1]), int(parts[2]), parts[3]
            pred.setdefault(doc, []).append((start, start + length, value))
    return pred


def match(gold, pred, strict):
    """pairs (gold index, pred index), each used once: equal spans first,
    then (relaxed) the largest overlaps"""
    pairs = []
    used_g, used_p = set(), set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used_p and (g['start'], g['end']) == (p[0], p[1]):
                pairs.append((gi, pi))
                used_g.add(gi)
                used_p.add(pi)
                break
    if strict:
        return pairs
    cands = []
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        for pi, p in enumerate(pred):
            if pi in used_p:
                continue
            ov = min(g['end'], p[1]) - max(g['start'], p[0])
            if ov > 0:
                cands.append((-ov, gi, pi))
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(data, systems):
    docs = [json.loads(l) for l in open(data, encoding='utf-8')]
    preds = [(name, read_pred(path)) for name, path in systems]
    for split in ('train', 'dev'):
        sel = [d for d in docs if d['split'] == split]
        ngold = sum(len(d['gold']) for d in sel)
        print('%s: %d documents, %d gold DATE expressions' % (split, len(sel), ngold))
        print('  %-14s %6s %6s %6s   %6s %6s %6s   %8s %8s' % (
            'system', 'P', 'R', 'F1', 'P rel', 'R rel', 'F1 rel', 'value acc', 'value F1'))
        for name, pred in preds:
            st = rl = good = npred = 0
            for d in sel:
                p = pred.get(d['id'], [])
                npred += len(p)
                st += len(match(d['gold'], p, True))
                pairs = match(d['gold'], p, False)
                rl += len(pairs)
                good += sum(1 for gi, pi in pairs if d['gold'][gi]['value'] == p[pi][2])
            sp, sr, sf = prf(st, npred, ngold)
            rp, rr, rf = prf(rl, npred, ngold)
            vp, vr, vf = prf(good, npred, ngold)
            print('  %-14s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %8.3f %8.3f' % (
                name, sp, sr, sf, rp, rr, rf, good / rl if rl else 0.0, vf))
        print()


def errors(data, system, split):
    """the value errors and misses of one system on one split, for reading"""
    docs = [json.loads(l) for l in open(data, encoding='utf-8')]
    pred = read_pred(system)
    for d in docs:
        if d['split'] != split:
            continue
        p = pred.get(d['id'], [])
        pairs = match(d['gold'], p, False)
        got = {gi: pi for gi, pi in pairs}
        for gi, g in enumerate(d['gold']):
            if gi not in got:
                print('MISS\t%s\t%s\t%s\t%s' % (d['id'], d['dct'], g['text'], g['value']))
            elif p[got[gi]][2] != g['value']:
                q = p[got[gi]]
                print('VALUE\t%s\t%s\t%s\t%s\t%s\t%s' % (d['id'], d['dct'], g['text'], g['value'],
                                                      d['text'][q[0]:q[1]], q[2]))
        matched = set(got.values())
        for pi, q in enumerate(p):
            if pi not in matched:
                print('EXTRA\t%s\t%s\t%s\t%s' % (d['id'], d['dct'], d['text'][q[0]:q[1]], q[2]))


if __name__ == '__main__':
    if sys.argv[1] == 'prepare':
        prepare(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'score':
        score(sys.argv[2], [a.split('=', 1) for a in sys.argv[3:]])
    elif sys.argv[1] == 'errors':
        errors(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit('usage: dates_data.py prepare|score|errors ...')
