#!/usr/bin/env bash
# test/t/readme_cookbook.sh: the Cookbook of README.md runs as written.
# Every ```sql block of the section, in order, in one session of a new
# database holding the table the recipes read (articles: id, title, body,
# source, published_at) with four articles; one TAP line per block, which
# passes when the block raises no error.  The one error the README
# announces is allowed: news.schedule without pg_cron (the test database has
# none; the recipe says to run CALL news.refresh() instead, and does).
# Recipes that work alone but not one after the other (two recipes creating
# a relation of the same name) fail here.  Needs the cluster that check.sh
# started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
readme=$(dirname "$0")/../../README.md
db=na_readme_cookbook
tmp=$(mktemp -d /tmp/na_cookbook.XXXXXX)
psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'rm -rf "$tmp"; psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null' EXIT

# the script: the table and its articles, then each block after a marker
# line with its number and the bold title before it
python3 - "$readme" > "$tmp/cookbook.sql" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
start = text.index('\n## Cookbook')
end = text.index('\n## ', start + 1)
section = text[start:end]
print("""CREATE EXTENSION news_analytics;
CREATE TABLE articles (id int PRIMARY KEY, title text, body text, source text, published_at timestamptz);
INSERT INTO articles VALUES
(1, 'ECB raises rates', 'The European Central Bank raised interest rates on Thursday, President Christine Lagarde said in Frankfurt. "Inflation is too high," Lagarde told reporters. Volodymyr Zelensky welcomed the decision.', 'Reuters', '2025-03-03 10:00+00'),
(2, 'ECB rate rise', 'Christine Lagarde defended the European Central Bank decision to raise interest rates. Markets in Frankfurt fell. Volodymyr Zelensky praised the decision.', 'BBC', '2025-03-03 12:00+00'),
(3, 'Floods in Spain', 'Heavy floods hit Valencia in Spain on Monday. Pedro Sanchez visited the region and promised aid.', 'Reuters', '2025-03-04 09:00+00'),
(4, 'Spain floods aid', 'Prime Minister Pedro Sanchez promised aid for Valencia after the floods, officials said.', 'BBC', '2025-03-04 11:00+00');""")
pos = 0
for i, m in enumerate(re.finditer(r'```sql\n(.*?)```', section, re.S)):
	titles = re.findall(r'\*\*(.+?)\*\*', section[pos:m.start()], re.S)
	title = re.sub(r'\s+', ' ', titles[-1]) if titles else 'untitled'
	pos = m.end()
	print("\\echo '=== block %d: %s'" % (i + 1, title.replace("'", "")))
	print(m.group(1))
PY
blocks=$(grep -c "^\\\\echo '=== block" "$tmp/cookbook.sql")
[ "$blocks" -ge 10 ]; ok $? "the Cookbook of README.md has its sql blocks ($blocks)"

"$NA_PGBIN/psql" -X -d $db -v ON_ERROR_STOP=0 -f "$tmp/cookbook.sql" > "$tmp/out" 2>&1
# each block's errors: the lines between its marker and the next one
for i in $(seq 1 "$blocks"); do
	title=$(sed -n "s/^=== block $i: //p" "$tmp/out")
	errors=$(awk -v b="=== block $i:" -v nb="=== block $((i + 1)):" \
		'index($0, b) == 1 { on = 1; next } index($0, nb) == 1 { on = 0 } on && /ERROR:/' "$tmp/out" \
		| grep -v 'ERROR:  pg_cron is not installed in this database')
	[ -z "$errors" ]; ok $? "Cookbook block $i ($title) runs without an error${errors:+: $errors}"
done
tap_done
