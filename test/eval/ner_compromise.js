#!/usr/bin/env node
// ner_compromise.js: the baseline for test/eval/ner.sh and test/bench/entities.sh.
//
//   node ner_compromise.js DOCS.jsonl            entities as TSV: id, start (code
//                                                points from 0), length, type
//   node ner_compromise.js --bench TEXTS.jsonl   words per second of compromise
//                                                over {"body": ...} lines
//
// compromise (npm package, installed by ner.sh into test/eval/node_modules,
// never a runtime dependency of the extension) gives people(), places(),
// organizations(), money() and percentages(); spans are trimmed of trailing
// punctuation and possessives so that they compare with CoNLL/IE-ER spans.
'use strict';
const fs = require('fs');
const path = require('path');
const nlpMod = require(require.resolve('compromise', { paths: [__dirname] }));
const nlp = nlpMod.default || nlpMod;

function lines(file) {
	return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

const { cpIndex } = require('./cp_index.js');

function trimSpan(text, s, n) {
	let e = s + n;
	for (;;) {
		const t = text.slice(s, e);
		if (/['\u2019]s$/i.test(t)) e -= 2;
		else if (/[\s.,;:!?"'\u2019\u201d)]$/.test(t) && e > s + 1) e -= 1;
		else break;
	}
	while (s < e && /[\s"'\u201c(]/.test(text[s])) s++;
	return [s, e - s];
}

function entities(text) {
	const doc = nlp(text);
	const out = [];
	const kinds = [['PERSON', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()],
		['MONEY', doc.money()], ['PERCENT', doc.percentages()]];
	for (const [type, view] of kinds) {
		for (const m of view.json({ offset: true })) {
			if (!m.offset) continue;
			const [s, n] = trimSpan(text, m.offset.start, m.offset.length);
			if (n > 0) out.push([s, n, type]);
		}
	}
	return out;
}

function main() {
	const args = process.argv.slice(2);
	if (args[0] === '--bench') {
		const docs = lines(args[1]);
		let words = 0;
		let ents = 0;
		for (const d of docs) words += (d.body.match(/\S+/g) || []).length;
		const t0 = process.hrtime.bigint();
		for (const d of docs) ents += entities(d.body).length;
		const secs = Number(process.hrtime.bigint() - t0) / 1e9;
		console.log(JSON.stringify({ docs: docs.length, words, entities: ents, seconds: secs,
			words_per_second: Math.round(words / secs), version: nlp.version }));
		return;
	}
	const out = [];
	for (const d of lines(args[0])) {
		const map = cpIndex(d.text);
		for (const [s, n, type] of entities(d.text)) {
			const cs = map[s];
			out.push(`${d.id}\t${cs}\t${map[s + n] - cs}\t${type}`);
		}
	}
	process.stdout.write(out.join('\n') + '\n');
}

main();
