// cp_index.js: shared by the JavaScript baselines of test/eval.
// cpIndex(text): for every UTF-16 index of text (and its end), the index of
// the code point it belongs to, so that a JavaScript span maps to the
// code-point offsets the gold data and news_analytics use.
'use strict';

function cpIndex(text) {
	const map = new Int32Array(text.length + 1);
	let cp = 0;
	for (let i = 0; i < text.length; i++) {
		map[i] = cp;
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			map[i + 1] = cp;
			i++;
		}
		cp++;
	}
	map[text.length] = cp;
	return map;
}

module.exports = { cpIndex };
