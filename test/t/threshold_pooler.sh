#!/usr/bin/env bash
# test/t/threshold_pooler.sh: near-duplicate answers do not depend on the
# session (issue 7, item 5).  Two clients share one server connection
# through pgbouncer in transaction pooling mode (pool size 1), as behind any
# transaction pooler: one client's SET news_analytics.minhash_threshold
# changes what the other's "sig % probe" returns (the hazard, shown), while
# the query forms that carry their threshold, sig % news.minhash_query(probe,
# t) and news.similar(sig, probe, t), return exactly what a direct
# connection returns, with and without an index, whatever either client
# SET.  Without pgbouncer (not installable) the pooler is simulated: both
# clients' statements interleave on one server session, which is what the
# pooler does.  Last, a GIN index built under 0.1.0 serves the carried
# threshold after ALTER EXTENSION UPDATE.  Needs the cluster that check.sh
# started (PGHOST, PGPORT, NA_PGBIN, NA_TMP); THR_SIMULATE=1 forces the
# simulated pooler.
set -u
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/tap.sh"

db=na_thr
dir=$(mktemp -d "${NA_TMP:-/tmp}/thr.XXXXXX")
chmod 755 "$dir"
bouncer_pid=
declare -A sess_fd sess_out sess_pid
cleanup() {
	local s
	for s in "${!sess_pid[@]}"; do
		exec {sess_fd[$s]}>&- 2>/dev/null
		wait "${sess_pid[$s]}" 2>/dev/null
	done
	[ -n "$bouncer_pid" ] && kill "$bouncer_pid" 2>/dev/null
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS ${db}_upg" >/dev/null 2>&1
	[ -n "${THR_DEBUG:-}" ] && tail -n 20 "$dir"/*.out "$dir"/pgbouncer.log
	rm -rf "$dir"
}
trap cleanup EXIT

# sess_start NAME PSQL-ARGS...: a psql client that stays connected, reading
# statements from a pipe.  sess_alias NAME OTHER: NAME's statements go to
# OTHER's session (the simulated pooler).  sess_run NAME SQL: run one
# statement (without its semicolon) in NAME's session and print its output.
sess_start() {
	local s=$1
	shift
	mkfifo "$dir/$s.in"
	"$NA_PGBIN/psql" -X -q -At -v ON_ERROR_STOP=0 "$@" <"$dir/$s.in" >"$dir/$s.out" 2>&1 &
	sess_pid[$s]=$!
	exec {sess_fd[$s]}>"$dir/$s.in"
	sess_out[$s]=$dir/$s.out
}
sess_alias() {
	sess_fd[$1]=${sess_fd[$2]}
	sess_out[$1]=${sess_out[$2]}
}
# (the statement counter lives in a file: sess_run runs in $(...) subshells)
echo 0 >"$dir/cmdno"
sess_run() {
	local s=$1 i cmdno
	cmdno=$(($(cat "$dir/cmdno") + 1))
	echo $cmdno >"$dir/cmdno"
	printf '\\echo __begin_%s\n%s;\n\\echo __end_%s\n' "$cmdno" "$2" "$cmdno" >&"${sess_fd[$s]}"
	for i in $(seq 1 1200); do
		grep -q "^__end_$cmdno\$" "${sess_out[$s]}" && break
		sleep 0.05
	done
	sed -n "/^__begin_$cmdno\$/,/^__end_$cmdno\$/{/^__\(begin\|end\)_$cmdno\$/d;p}" "${sess_out[$s]}"
}

# 1. data: 60 stories of 200 words, each with 7 edited versions, under a
# GIN index; reference answers from a fresh direct connection
psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql_ -d $db -c "CREATE EXTENSION news_analytics" -c "
CREATE TABLE docs AS
SELECT b * 10 + c AS id,
       CASE WHEN c = 0 THEN body
            WHEN c = 1 THEN body || ' extra'
            ELSE overlay(body PLACING 'an edited passage' FROM 1 + (b * 37 + c * 101) % length(body) FOR (c - 1) * (c - 1) * 5) END AS body
FROM (SELECT b, string_agg(substr(md5((b * 1000 + w)::text), 1, 2 + w % 6), ' ' ORDER BY w) AS body
      FROM generate_series(1, 60) b, generate_series(1, 200) w GROUP BY b) base,
     generate_series(0, 7) c" \
	-c "ALTER TABLE docs ADD COLUMN sig news.minhash" -c "UPDATE docs SET sig = news.minhash(body)" \
	-c "CREATE INDEX docs_sig ON docs USING gin (sig news.minhash_ops)" -c "ANALYZE docs"
ok $? "a table of 480 signatures with a news.minhash_ops index"

pairs() { echo "SELECT count(*) || ':' || md5(string_agg(a.id || '-' || b.id, ',' ORDER BY a.id, b.id)) FROM docs a JOIN docs b ON $1 AND a.id < b.id"; }
q_old=$(pairs "a.sig OPERATOR(news.%) b.sig")
q_new() { pairs "a.sig OPERATOR(news.%) news.minhash_query(b.sig, $1)"; }
q_sim() { pairs "news.similar(a.sig, b.sig, $1)"; }
q_probe() { echo "SELECT string_agg(id::text, ',' ORDER BY id) FROM docs WHERE sig OPERATOR(news.%) news.minhash_query((SELECT sig FROM docs WHERE id = 130), $1)"; }
declare -A ref ref_old
for t in 0.7 0.8 0.95; do
	ref[$t]=$(psql_ -d $db -c "SET enable_indexscan = off" -c "SET enable_bitmapscan = off" -c "$(q_new $t)")
	ref_old[$t]=$(psql_ -d $db -c "SET news_analytics.minhash_threshold = $t" -c "$q_old")
done
ref_old[0.5]=$(psql_ -d $db -c "$q_old")
ref_probe=$(psql_ -d $db -c "SET enable_seqscan = off" -c "$(q_probe 0.9)")
[ "${ref[0.7]%%:*}" -gt "${ref[0.8]%%:*}" ] && [ "${ref[0.8]%%:*}" -gt "${ref[0.95]%%:*}" ] && [ "${ref[0.95]%%:*}" -gt 0 ] &&
	[ "${ref_old[0.5]%%:*}" -gt "${ref[0.7]%%:*}" ]
ok $? "reference answers differ by threshold: ${ref_old[0.5]%%:*} pairs at the default 0.5, ${ref[0.7]%%:*} at 0.7, ${ref[0.8]%%:*} at 0.8, ${ref[0.95]%%:*} at 0.95"
same=0
for t in 0.7 0.8 0.95; do [ "${ref_old[$t]}" = "${ref[$t]}" ] || same=1; done
ok $same "on one connection, the old operator with SET t answers as the query form at t"

# 2. a transaction-pooling pgbouncer in front of the server, one server
# connection for every client
[ -x /usr/sbin/pgbouncer ] || na_deps >/dev/null 2>&1
pooled=0
if [ -z "${THR_SIMULATE:-}" ] && [ -x /usr/sbin/pgbouncer ]; then
	bport=$(na_free_port)
	cat >"$dir/pgbouncer.ini" <<INI
[databases]
$db = host=$PGHOST port=$PGPORT dbname=$db user=postgres

[pgbouncer]
listen_addr =
listen_port = $bport
unix_socket_dir = $dir
auth_type = any
pool_mode = transaction
default_pool_size = 1
max_client_conn = 20
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
	[ "$(id -u)" = 0 ] && chown -R postgres "$dir"
	na_as_pg /usr/sbin/pgbouncer -d "$dir/pgbouncer.ini" >"$dir/pgbouncer.start" 2>&1
	for i in $(seq 1 100); do [ -S "$dir/.s.PGSQL.$bport" ] && break; sleep 0.1; done
	bouncer_pid=$(cat "$dir/pgbouncer.pid" 2>/dev/null)
	if [ -n "$bouncer_pid" ] && psql_ -h "$dir" -p "$bport" -d $db -c "SELECT 1" >/dev/null 2>&1; then
		pooled=1
	else
		cat "$dir/pgbouncer.start" "$dir/pgbouncer.log" 2>/dev/null | sed 's/^/# /'
	fi
fi
if [ $pooled = 1 ]; then
	echo "# pgbouncer $(/usr/sbin/pgbouncer --version | head -1 | awk '{print $2}'), pool_mode = transaction, default_pool_size = 1"
	sess_start A -h "$dir" -p "$bport" -d $db
	sess_start B -h "$dir" -p "$bport" -d $db
	got=$(sess_run A "SELECT 1"; sess_run B "SELECT 1")
	[ "$got" = "1
1" ]; ok $? "two clients connected through pgbouncer in transaction pooling mode"
else
	echo "# pgbouncer is not available: the pooler is simulated by interleaving both clients on one server session"
	sess_start A -d $db
	sess_alias B A
	ok 0 "two clients interleaved on one server session (simulated pooler)"
fi
pid_a=$(sess_run A "SELECT pg_backend_pid()")
pid_b=$(sess_run B "SELECT pg_backend_pid()")
[ -n "$pid_a" ] && [ "$pid_a" = "$pid_b" ]; ok $? "both clients run on the same server backend ($pid_a, $pid_b)"

# the hazard: client A's SET reaches client B, which never ran SET, and
# changes what B's "sig % probe" returns
sess_run A "SET news_analytics.minhash_threshold = 0.95" >/dev/null
sess_run A "SET enable_seqscan = off" >/dev/null
got=$(sess_run B "SHOW news_analytics.minhash_threshold")
[ "$got" = 0.95 ]; ok $? "hazard: client B sees client A's SET news_analytics.minhash_threshold = 0.95 (SHOW says $got)"
got=$(sess_run B "$q_old")
[ "$got" != "${ref_old[0.5]}" ] && [ "$got" = "${ref_old[0.95]}" ]
ok $? "hazard: client B's sig % probe returns ${got%%:*} pairs (A's 0.95), not the ${ref_old[0.5]%%:*} of its default 0.5"

# the query forms: the same answers as a direct connection, whatever was SET
for t in 0.7 0.8 0.95; do
	got=$(sess_run B "$(q_new $t)")
	[ "$got" = "${ref[$t]}" ]; ok $? "client B (A SET 0.95): sig % news.minhash_query(probe, $t) returns the direct connection's ${ref[$t]%%:*} pairs (got ${got%%:*})"
done
got=$(sess_run B "$(q_sim 0.8)")
[ "$got" = "${ref[0.8]}" ]; ok $? "client B (A SET 0.95): news.similar(sig, probe, 0.8) returns the direct connection's ${ref[0.8]%%:*} pairs (got ${got%%:*})"
sess_run B "SET news_analytics.minhash_threshold = 0.7" >/dev/null
got=$(sess_run A "$q_old")
[ "$got" = "${ref_old[0.7]}" ] && [ "$got" != "${ref_old[0.95]}" ]
ok $? "hazard: client A's sig % probe follows client B's SET 0.7 (${got%%:*} pairs instead of the ${ref_old[0.95]%%:*} of A's own SET 0.95)"
for t in 0.7 0.8 0.95; do
	got=$(sess_run A "$(q_new $t)")
	[ "$got" = "${ref[$t]}" ]; ok $? "client A (B SET 0.7): sig % news.minhash_query(probe, $t) returns the direct connection's ${ref[$t]%%:*} pairs (got ${got%%:*})"
done
got=$(sess_run A "$(q_sim 0.95)")
[ "$got" = "${ref[0.95]}" ]; ok $? "client A (B SET 0.7): news.similar(sig, probe, 0.95) returns the direct connection's ${ref[0.95]%%:*} pairs (got ${got%%:*})"
plan=$(sess_run B "EXPLAIN (COSTS OFF) $(q_probe 0.9)")
got=$(sess_run B "$(q_probe 0.9)")
[ "$got" = "$ref_probe" ] && [ -n "$got" ] && echo "$plan" | grep -q "Bitmap Index Scan on docs_sig"
ok $? "client B: one probe at 0.9 through the index, as on a direct connection ($got)"
sess_run A "RESET ALL" >/dev/null
got=$(sess_run B "$q_old")
[ "$got" = "${ref_old[0.5]}" ]; ok $? "after RESET ALL, client B's sig % probe is back to the default's ${ref_old[0.5]%%:*} pairs"

# 3. two direct sessions with different SETs: the old operator follows each
# session's setting; the query form does not
sess_start C -d $db
sess_start D -d $db
sess_run C "SET news_analytics.minhash_threshold = 0.95" >/dev/null
sess_run D "SET news_analytics.minhash_threshold = 0.7" >/dev/null
c_old=$(sess_run C "$q_old")
d_old=$(sess_run D "$q_old")
[ "$c_old" = "${ref_old[0.95]}" ] && [ "$d_old" = "${ref_old[0.7]}" ] && [ "$c_old" != "$d_old" ]
ok $? "two direct sessions with SET 0.95 and 0.7: sig % probe returns ${c_old%%:*} and ${d_old%%:*} pairs"
same=0
for t in 0.7 0.8 0.95; do
	c_new=$(sess_run C "$(q_new $t)")
	d_new=$(sess_run D "$(q_sim $t)")
	[ "$c_new" = "${ref[$t]}" ] && [ "$d_new" = "${ref[$t]}" ] || same=1
done
ok $same "the same two sessions: the query form and news.similar return identical answers at 0.7, 0.8 and 0.95"

# 4. an index built under 0.1.0 serves the carried threshold after the
# update, with the band lookups of the carried threshold: index = table scan
psql_ -d postgres -c "DROP DATABASE IF EXISTS ${db}_upg" -c "CREATE DATABASE ${db}_upg"
psql_ -d ${db}_upg -c "CREATE EXTENSION news_analytics VERSION '0.1.0'" \
	-c "CREATE TABLE docs (id int, sig news.minhash)" \
	-c "CREATE INDEX docs_sig ON docs USING gin (sig news.minhash_ops)" >/dev/null
psql_ -d $db -c "COPY docs (id, sig) TO STDOUT" | psql_ -d ${db}_upg -c "COPY docs FROM STDIN"
psql_ -d ${db}_upg -c "ANALYZE docs" -c "ALTER EXTENSION news_analytics UPDATE"
ok $? "0.1.0 with a GIN index on the signatures updates to the current version"
same=0
for t in 0.7 0.8 0.95; do
	idx=$(psql_ -d ${db}_upg -c "SET enable_seqscan = off" -c "$(q_new $t)")
	[ "$idx" = "${ref[$t]}" ] || same=1
done
plan=$(psql_ -d ${db}_upg -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) $(q_new 0.8)")
echo "$plan" | grep -q "Bitmap Index Scan on docs_sig" || same=1
ok $same "the index built under 0.1.0 answers sig % news.minhash_query(probe, t) as a table scan at 0.7, 0.8 and 0.95"

tap_done
