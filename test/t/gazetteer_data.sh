#!/usr/bin/env bash
# test/t/gazetteer_data.sh: the committed gazetteer data
# (src/sql/51_gazetteer_data.sql) is exactly what src/tools/gen_gazetteer.py
# makes from src/data/gazetteer/*.txt and Debian's iso-codes, the generator
# is deterministic and rejects inconsistent input, and the rows make sense
# (loaded into a temporary table when a server is available: PGHOST set by
# check.sh).
set -u
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }

tmp=$(mktemp -d /tmp/gazetteer_test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
iso=${ISO_CODES_JSON:-/usr/share/iso-codes/json}
gen() { python3 src/tools/gen_gazetteer.py "$1" "$iso" "$2"; }

check "generator runs on the committed sources" "gen src/data/gazetteer '$tmp/a.sql' 2>'$tmp/err'"
[ -s "$tmp/err" ] && sed 's/^/# /' "$tmp/err"
check "committed src/sql/51_gazetteer_data.sql matches its sources (run make gazetteer)" \
	"cmp -s '$tmp/a.sql' src/sql/51_gazetteer_data.sql"
check "generator output is deterministic" "gen src/data/gazetteer '$tmp/b.sql' && cmp -s '$tmp/a.sql' '$tmp/b.sql'"

# inconsistent input is rejected with a message naming file and line
cp -r src/data/gazetteer "$tmp/bad"
printf 'Atlantis\tNowhere Land\n' >>"$tmp/bad/cities.txt"
gen "$tmp/bad" "$tmp/bad.sql" 2>"$tmp/bad.err"
rc=$?
check "a city in an unknown country is rejected" "[ $rc -ne 0 ] && grep -q 'cities.txt:[0-9]*: unknown country' '$tmp/bad.err' && [ ! -e '$tmp/bad.sql' ]"
cp -r src/data/gazetteer "$tmp/bad2"
printf 'ZZ-99\tNowhere\n' >>"$tmp/bad2/subdivisions.txt"
gen "$tmp/bad2" "$tmp/bad2.sql" 2>/dev/null
check "an unknown ISO 3166-2 code is rejected" "[ $? -ne 0 ]"
cp -r src/data/gazetteer "$tmp/bad3"
grep -v '^CD' src/data/gazetteer/countries.txt >"$tmp/bad3/countries.txt"
gen "$tmp/bad3" "$tmp/bad3.sql" 2>"$tmp/bad3.err"
check "a country without a news name (ISO 'Congo, The Democratic Republic of the') is rejected" "[ $? -ne 0 ] && grep -q 'CD' '$tmp/bad3.err'"

# the rows themselves, in a temporary table
if [ -n "${PGHOST:-}" ] && [ -n "${NA_PGBIN:-}" ]; then
	psql() { "$NA_PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
	{
		echo "CREATE TEMP TABLE gazetteer (alias text NOT NULL, canonical text NOT NULL, type text NOT NULL, link text);"
		sed 's/INSERT INTO news\.gazetteer /INSERT INTO pg_temp.gazetteer /' "$tmp/a.sql"
		cat <<'SQL'
\echo rows:
SELECT count(*) FROM gazetteer;
\echo duplicates:
SELECT count(*) FROM (SELECT alias, canonical, type, link FROM gazetteer GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d;
\echo bad types:
SELECT count(*) FROM gazetteer WHERE type NOT IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC', 'TITLE', 'GIVEN_NAME');
\echo links to non-countries:
SELECT count(*) FROM gazetteer g WHERE link IS NOT NULL
  AND NOT EXISTS (SELECT FROM gazetteer c WHERE c.type = 'LOC' AND c.link IS NULL AND c.canonical = g.link);
\echo canonical without itself as alias:
SELECT count(*) FROM (SELECT DISTINCT canonical, type, link FROM gazetteer) c
  WHERE NOT EXISTS (SELECT FROM gazetteer g WHERE g.alias = c.canonical AND g.canonical = c.canonical AND g.type = c.type);
\echo countries:
SELECT count(DISTINCT canonical) FROM gazetteer WHERE type = 'LOC' AND link IS NULL;
\echo given names:
SELECT count(*) FROM gazetteer WHERE type = 'GIVEN_NAME';
\echo samples:
SELECT string_agg(alias || '>' || canonical || '>' || type || '>' || coalesce(link, '-'), ' ' ORDER BY alias, canonical)
FROM gazetteer WHERE (alias, type) IN (('Kiev', 'LOC'), ('Russian', 'NORP'), ('Zelenskyy', 'PERSON'), ('Korea, Republic of', 'LOC'),
  ('South Korea', 'LOC'), ('Sergey', 'GIVEN_NAME'), ('U.S.', 'LOC'), ('NATO', 'ORG'), ('Reuters', 'ORG'), ('Deputy Foreign Minister', 'TITLE'),
  ('Bayern', 'LOC'), ('Texas', 'LOC'));
SQL
	} >"$tmp/load.sql"
	if psql -f "$tmp/load.sql" >"$tmp/load.out" 2>&1; then
		ok "generated rows load into a table of the documented shape"
		val() { sed -n "/^$1:\$/{n;p}" "$tmp/load.out"; }
		rows=$(val rows)
		echo "# $rows rows, $(val countries) countries, $(val 'given names') given names"
		check "more than 5000 rows" "[ '$rows' -gt 5000 ]"
		check "no duplicate rows" "[ '$(val duplicates)' = 0 ]"
		check "every type is one news.gazetteer accepts" "[ '$(val 'bad types')' = 0 ]"
		check "every link names a country of the gazetteer" "[ '$(val 'links to non-countries')' = 0 ]"
		check "every canonical name is also an alias of itself" "[ '$(val 'canonical without itself as alias')' = 0 ]"
		check "all 249 ISO 3166-1 countries and Kosovo" "[ '$(val countries)' -ge 250 ]"
		check "a couple of thousand given names" "[ '$(val 'given names')' -ge 2000 ]"
		samples=$(val samples)
		want="Bayern>Bavaria>LOC>Germany Deputy Foreign Minister>Deputy Foreign Minister>TITLE>- Kiev>Kyiv>LOC>Ukraine NATO>North Atlantic Treaty Organization>ORG>- Reuters>Reuters>ORG>- Russian>Russian>NORP>Russia Sergey>Sergei>GIVEN_NAME>- South Korea>South Korea>LOC>- Texas>Texas>LOC>United States U.S.>United States>LOC>- Zelenskyy>Volodymyr Zelensky>PERSON>-"
		check "sample rows (news names, not ISO's inverted ones)" "[ \"\$samples\" = \"\$want\" ]"
		[ "$samples" = "$want" ] || echo "# got:  $samples"
	else
		notok "generated rows load into a table of the documented shape"
		sed 's/^/# /' "$tmp/load.out" | tail -5
	fi
	# and CREATE EXTENSION loads exactly these rows into news.gazetteer
	gdb=pat_gazetteer_$$
	if psql -d postgres -c "CREATE DATABASE $gdb TEMPLATE template0 ENCODING 'UTF8'" >/dev/null 2>&1 &&
		psql -d "$gdb" -c "CREATE EXTENSION news_analytics" >/dev/null 2>&1; then
		installed=$(psql -d "$gdb" -c "SELECT count(*) FROM news.gazetteer" 2>&1)
		check "CREATE EXTENSION loads all $rows rows into news.gazetteer (got $installed)" "[ '$installed' = '$rows' ]"
	else
		notok "CREATE EXTENSION in a fresh database"
	fi
	psql -d postgres -c "DROP DATABASE IF EXISTS $gdb" >/dev/null 2>&1
else
	echo "# no server (PGHOST, NA_PGBIN): row checks skipped"
fi
echo "1..$n"
