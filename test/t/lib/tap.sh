# test/t/lib/tap.sh: helpers shared by the TAP tests under test/t (source it).
# Needs the cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN).
#
#   ok STATUS DESCRIPTION     one TAP line: "ok" when STATUS is 0
#   psql_ ARGS...             psql, quiet, unaligned, stopping on errors
#   sqlstate DB SQL           the SQLSTATE of SQL's error, or "none"
#   make_test_dbs PREFIX      PREFIX_latin1, PREFIX_ascii (SQL_ASCII) and
#                             PREFIX_big (UTF8), each with the extension
#   drop_test_dbs PREFIX      drop them
#   tap_done                  print the plan; exit status 1 on any failure
n=0
fails=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi; }
psql_() { "$NA_PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
sqlstate() {
	local out
	out=$("$NA_PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "\\set VERBOSITY verbose" -c "$2" 2>&1 >/dev/null)
	echo "$out" | LC_ALL=C sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -1 | grep -a . || echo none
}
drop_test_dbs() {
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $1_latin1" -c "DROP DATABASE IF EXISTS $1_ascii" \
		-c "DROP DATABASE IF EXISTS $1_big" 2>/dev/null
}
make_test_dbs() {
	drop_test_dbs "$1"
	psql_ -d postgres -c "CREATE DATABASE $1_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
		-c "CREATE DATABASE $1_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
		-c "CREATE DATABASE $1_big ENCODING 'UTF8' TEMPLATE template0"
	for db in "$1_latin1" "$1_ascii" "$1_big"; do psql_ -d "$db" -c "CREATE EXTENSION news_analytics"; done
}
tap_done() {
	echo "1..$n"
	[ "$fails" = 0 ]
}
