#!/usr/bin/env node
// dates_chrono.js: the baseline of test/eval/dates.sh.
//
//   node dates_chrono.js DOCS.jsonl    dates as TSV: id, start (code points
//                                      from 0), length, TimeML value
//
// chrono-node (npm package, installed by dates.sh into test/eval/node_modules,
// never a runtime dependency of the extension) parses each text against its
// creation date (noon UTC).  The value is written at the finest component
// chrono marks as known: YYYY-MM-DD when the day (or a weekday) is known,
// else YYYY-MM, else YYYY; a time of day alone gives its date.
'use strict';
const fs = require('fs');
const chronoMod = require(require.resolve('chrono-node', { paths: [__dirname] }));
const chrono = chronoMod.default || chronoMod;

const { cpIndex } = require('./cp_index.js');

const pad = (n, w) => String(n).padStart(w, '0');

function value(c) {
	const y = pad(c.get('year'), 4), m = pad(c.get('month'), 2), d = pad(c.get('day'), 2);
	if (c.isCertain('day') || c.isCertain('weekday'))
		return `${y}-${m}-${d}`;
	if (c.isCertain('month'))
		return `${y}-${m}`;
	if (c.isCertain('year'))
		return y;
	return `${y}-${m}-${d}`;
}

const out = [];
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
	if (!line)
		continue;
	const doc = JSON.parse(line);
	const ref = new Date(doc.dct + 'T12:00:00Z');
	const map = cpIndex(doc.text);
	for (const r of chrono.parse(doc.text, ref)) {
		const s = map[r.index], e = map[r.index + r.text.length];
		out.push(`${doc.id}\t${s}\t${e - s}\t${value(r.start)}`);
	}
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
