#!/usr/bin/env bash
# test/t/type_io_limits.sh: every value a type accepts at the edges of its
# ranges comes back unchanged through text and through binary COPY; a
# number beyond a range is rejected with 22003 instead of wrapping or
# losing precision.  Covers news.corpus, news.termvec, news.termquery,
# news.minhash and news.clustering.  Needs the cluster that check.sh
# started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_typeio
psql_ -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0"
psql_ -d $db -c "CREATE EXTENSION news_analytics"
tmp=$(mktemp -d)
chmod 755 "$tmp"

# 1. edge values: text output, a text round trip and a binary round trip
# give exactly the literal (each literal is in canonical form)
while IFS='|' read -r type lit; do
	[ -n "$type" ] || continue
	out=$(psql_ -d $db -c "SELECT '$lit'::$type" 2>&1)
	[ "$out" = "$lit" ]; ok $? "$type: '$lit' prints as written (got '$out')"
	out=$(psql_ -d $db -c "SELECT '$lit'::$type::text::$type" 2>&1)
	[ "$out" = "$lit" ]; ok $? "$type: '$lit' reads back from its text form (got '$out')"
	psql_ -d $db -c "DROP TABLE IF EXISTS rt" -c "CREATE TABLE rt (v $type)" \
		-c "\\copy (SELECT '$lit'::$type) TO '$tmp/v.bin' WITH (FORMAT binary)" \
		-c "\\copy rt FROM '$tmp/v.bin' WITH (FORMAT binary)" >/dev/null 2>&1
	out=$(psql_ -d $db -c "SELECT v FROM rt" 2>&1)
	[ "$out" = "$lit" ]; ok $? "$type: '$lit' survives binary COPY (got '$out')"
done <<'VALUES'
news.corpus|docs=9223372036854775807 length=1 {1:9223372036854775807}
news.corpus|docs=9007199254740993 length=1.7976931348623157e+308 {0:9007199254740993,4294967295:9007199254740992}
news.corpus|docs=1 length=4.9406564584124654e-324 {}
news.corpus|docs=0 length=0 {}
news.termvec|{0:3.4028235e+38,1:-3.4028235e+38,2:1.4013e-45,3:1.1754944e-38,5:16777216,4294967295:0.1}
news.termvec|{}
news.termquery|65535 of {1:3.4028235e+38,4294967295:-1.4013e-45}
news.termquery|1 of {}
news.minhash|1:32:ffffffff
news.minhash|2:1:0000000000000000
news.clustering|{-9223372036854775808:-9223372036854775808,0:-9223372036854775808,9223372036854775807:-9223372036854775808}
VALUES

# the largest float4 weight, made from arrays, prints and reads back
out=$(psql_ -d $db -c "SELECT news.termvec(ARRAY[7], ARRAY['3.4028235e38'::float4])::text::news.termvec" 2>&1)
[ "$out" = "{7:3.4028235e+38}" ]; ok $? "news.termvec(ids, weights) with the largest float4 reads back from text (got '$out')"

# 2. beyond a range: 22003 (numeric value out of range), nothing stored
while IFS='|' read -r type lit; do
	[ -n "$type" ] || continue
	st=$(sqlstate $db "SELECT '$lit'::$type")
	[ "$st" = 22003 ]; ok $? "$type: '$lit' is rejected with 22003 (got $st)"
done <<'VALUES'
news.corpus|docs=9223372036854775808 length=1 {}
news.corpus|docs=1 length=1 {1:9223372036854775808}
news.corpus|docs=1 length=1 {1:18446744073709551616}
news.corpus|docs=1 length=1 {4294967296:1}
news.corpus|docs=1 length=1e309 {}
news.corpus|docs=1 length=1e-400 {}
news.termvec|{1:3.5e38}
news.termvec|{1:-1e39}
news.termvec|{1:1e-46}
news.termvec|{4294967296:1}
news.termquery|0 of {1:1}
news.termquery|65536 of {1:1}
news.termquery|2 of {1:1e39}
news.minhash|0:5:
news.minhash|1:33:00000000
news.clustering|{9223372036854775808:1}
news.clustering|{1:-9223372036854775809}
VALUES

# 3. document frequencies keep every bit: a df one above the document count
# is caught even above 2^53, where a double would round them together
st=$(sqlstate $db "SELECT 'docs=9007199254740992 length=1 {1:9007199254740993}'::news.corpus")
[ "$st" = 22P02 ]; ok $? "a df one above a document count of 2^53 is rejected (got $st)"

rm -rf "$tmp"
psql_ -d postgres -c "DROP DATABASE $db"
tap_done
