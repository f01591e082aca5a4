#!/usr/bin/env bash
# test/eval/dates.sh: date expressions of news.dates against TempEval-3
# ($NA_SHARED/dates/te3_train.jsonl: TimeBank and AQUAINT news with every
# TIMEX3 normalised and the document creation time), next to chrono-node
# (test/eval/dates_chrono.js; npm installs it into test/eval/node_modules on
# first use) in the same run.  DATE expressions only (news.dates finds
# dates, not durations, times or sets).  Our split of the documents
# (test/eval/dates_data.py: train, and dev = md5 of the id starting 0-3):
# rules are tuned on train, dev is reported as held out.  Each mention's
# (date, grain) is written as TimeML writes values: day 1998-01-08, week
# 1998-W02, month 1998-01, quarter 1998-Q1, season 1998-SU, year 1998,
# decade 199X, century 19.  Builds and installs into a throwaway cluster.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
src=$NA_SHARED/dates/te3_train.jsonl
[ -r "$src" ] || { echo "missing $src (set NA_SHARED)" >&2; exit 1; }
if [ ! -d test/eval/node_modules/chrono-node ]; then
	na_log "installing chrono-node into test/eval/node_modules"
	(cd test/eval && npm install --no-save --no-audit --no-fund --prefix . chrono-node@2 >&2)
fi
na_tmp
OUT=$NA_TMP/eval
mkdir -p "$OUT"
chmod 755 "$OUT"
python3 test/eval/dates_data.py prepare "$src" "$OUT/te3.jsonl"
chmod 644 "$OUT/te3.jsonl"

na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE eval_te3 (j jsonb)" \
	-c "\\copy eval_te3 (j) FROM '$OUT/te3.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" >/dev/null
na_psql -At -F $'\t' -c "SELECT j->>'id', d.start - 1, d.length,
	CASE d.grain
		WHEN 'day' THEN to_char(d.date, 'YYYY-MM-DD')
		WHEN 'week' THEN to_char(d.date, 'IYYY-\"W\"IW')
		WHEN 'month' THEN to_char(d.date, 'YYYY-MM')
		WHEN 'quarter' THEN to_char(d.date, 'YYYY-\"Q\"Q')
		WHEN 'season' THEN to_char(d.date, 'YYYY') || CASE
			WHEN extract(month FROM d.date) IN (12, 1, 2) THEN '-WI'
			WHEN extract(month FROM d.date) BETWEEN 3 AND 5 THEN '-SP'
			WHEN extract(month FROM d.date) BETWEEN 6 AND 8 THEN '-SU' ELSE '-FA' END
		WHEN 'year' THEN to_char(d.date, 'YYYY')
		WHEN 'decade' THEN substr(to_char(d.date, 'YYYY'), 1, 3) || 'X'
		WHEN 'century' THEN substr(to_char(d.date, 'YYYY'), 1, 2)
		ELSE '' END
	FROM eval_te3, news.dates(j->>'text', (j->>'dct')::date) d" >"$OUT/te3.ours.tsv"
node test/eval/dates_chrono.js "$OUT/te3.jsonl" >"$OUT/te3.chrono.tsv"
echo "TempEval-3 train corpus (TimeBank + AQUAINT), DATE expressions, our train/dev split"
python3 test/eval/dates_data.py score "$OUT/te3.jsonl" "news.dates=$OUT/te3.ours.tsv" "chrono-node=$OUT/te3.chrono.tsv"
