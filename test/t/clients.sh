#!/usr/bin/env bash
# test/t/clients.sh: the extension as client libraries use it.  psycopg2
# (Debian python3-psycopg2) inlines parameters as quoted literals, so
# news.termvec(%s) reaches the server as a one-argument call with an untyped
# literal, which PostgreSQL parses as a cast; node-postgres (npm pg, installed
# under build/node) sends untyped server-side parameters, named prepared
# statements.  Binary results come through psycopg2's COPY (FORMAT binary).
# Neither sets a search_path: the
# queries use the function forms of the operators.  Needs the cluster that
# check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

# tap_merge STATUS NAME OUTPUT: print a client script's TAP lines (numbered
# from n + 1 by the script) and count them; a script that failed is a failure
tap_merge() {
	echo "$3"
	n=$((n + $(grep -cE '^(ok|not ok) ' <<<"$3")))
	fails=$((fails + $(grep -c '^not ok ' <<<"$3")))
	[ "$1" = 0 ] || ok 1 "$2 script exited with status $1"
}

psql_ -d postgres -c "DROP DATABASE IF EXISTS na_clients" -c "CREATE DATABASE na_clients"
psql_ -d na_clients <<'SQL'
CREATE EXTENSION news_analytics;
CREATE TABLE articles (id int PRIMARY KEY, body text, tv news.termvec, sig news.minhash);
INSERT INTO articles (id, body) VALUES
	(1, 'Oil prices rose sharply on Tuesday after the pipeline closed.'),
	(2, 'The central bank kept interest rates unchanged on Wednesday.'),
	(3, 'Oil prices rose sharply on Tuesday after the pipeline closed.');
UPDATE articles SET tv = news.termvec(body), sig = news.minhash(body);
CREATE INDEX ON articles USING gin (tv);
SQL

# 1. psycopg2: client-side parameters are quoted literals
# Debian's python3 (python3-psycopg2 is built for it), whatever is first on PATH
if /usr/bin/python3 -c 'import psycopg2' 2>/dev/null; then
	out=$(PGDATABASE=na_clients NA_TAP_START=$n /usr/bin/python3 - 2>&1 <<'PY'
import io
import os
import struct

import psycopg2

conn = psycopg2.connect(dbname="na_clients")
conn.autocommit = True
cur = conn.cursor()
n = int(os.environ["NA_TAP_START"])


def ok(cond, what):
    global n
    n += 1
    print(("ok %d - " if cond else "not ok %d - ") % n + "psycopg2: " + what)


def one(sql, args=None):
    cur.execute(sql, args)
    return cur.fetchone()[0]


body = "Oil prices rose sharply on Tuesday after the pipeline closed."
tricky = "It's a \"quote\", a back\\slash and Ukraine\u2019s army: 100% sure?"
# the mogrified query really is a one-argument call with a literal
q = cur.mogrify("SELECT news.termvec(%s)", (body,)).decode()
ok(q == "SELECT news.termvec('%s')" % body, "news.termvec(%%s) is sent as %s" % q)
ok(one("SELECT news.termvec(%s)::text = news.termvec(%s::text)::text", (body, body)),
   "news.termvec(%s) gives the term vector of the text")
ok(one("SELECT news.termvec(%s)::text = news.termvec(%s::text)::text", (tricky, tricky)),
   "news.termvec(%s) with quotes, a backslash and non-ASCII text")
ok(one("SELECT news.minhash(%s)::text = news.minhash(%s::text)::text", (body, body)),
   "news.minhash(%s) gives the signature of the text")
ok(one("SELECT news.minhash(%s, 64, 3)::text = news.minhash(%s::text, 64, 3)::text", (body, body)),
   "news.minhash(%s, 64, 3)")
ok(one("SELECT news.termvec(%s) IS NULL", (None,)), "news.termvec(None) is NULL")
# the stored rows match through the function forms, without a search_path
cur.execute("SELECT id FROM articles WHERE news.termvec_eq(tv, news.termvec(%s)) ORDER BY id", (body,))
ok([r[0] for r in cur.fetchall()] == [1, 3], "news.termvec_eq(tv, news.termvec(%s)) finds rows 1 and 3")
cur.execute("SELECT id FROM articles WHERE news.termvec_overlaps(tv, news.termvec(%s)) ORDER BY id",
            ("central bank",))
ok([r[0] for r in cur.fetchall()] == [2], "news.termvec_overlaps(tv, news.termvec(%s)) finds row 2")
cur.execute("SELECT count(DISTINCT tv), count(DISTINCT sig) FROM articles")
ok(cur.fetchone() == (2, 2), "DISTINCT on news.termvec and news.minhash columns")
# server-side prepared statement with an untyped parameter
cur.execute("PREPARE tv_of AS SELECT news.termvec($1)::text")
cur.execute("EXECUTE tv_of(%s)", (body,))
ok(cur.fetchone()[0] == one("SELECT news.termvec(%s::text)::text", (body,)),
   "PREPARE ... news.termvec($1) and EXECUTE with a psycopg2 parameter")
# a text that starts with "{" is a literal: the error says so, ::text works
try:
    one("SELECT news.termvec(%s)", ('{"title": "x"}',))
    ok(False, "a JSON text is read as a literal and rejected")
except psycopg2.errors.InvalidTextRepresentation:
    ok(True, "a JSON text is read as a literal and rejected (22P02)")
ok(one("SELECT news.nnz(news.termvec(%s::text))", ('{"title": "x"}',)) == 2,
   "the same text passed as %s::text is analysed")
# binary results: COPY (FORMAT binary) carries the send formats, which
# decode to the text forms (termvec: version, flags, count, then id and
# float4 weight pairs; minhash: version, flags, k, shingle, then the slots)
buf = io.BytesIO()
cur.copy_expert(cur.mogrify("COPY (SELECT news.termvec(%s), news.minhash(%s, 4, 2)) TO STDOUT (FORMAT binary)",
                            (body, body)).decode(), buf)
data = buf.getvalue()
p = 11 + 4 + 4 + 2             # signature, flags, extension length, field count
tv_len, = struct.unpack_from(">i", data, p)
version, flags, nnz = struct.unpack_from(">HHI", data, p + 4)
pairs = [struct.unpack_from(">If", data, p + 12 + 8 * i) for i in range(nnz)]
tv_text = "{" + ",".join("%d:%g" % pr for pr in pairs) + "}"
ok(version == 1 and flags == 0 and tv_text == one("SELECT news.termvec(%s::text)::text", (body,)),
   "binary news.termvec (COPY binary) decodes to %s..." % tv_text[:30])
p += 4 + tv_len
sig_len, = struct.unpack_from(">i", data, p)
version, flags, k, shingle = struct.unpack_from(">BBHB", data, p + 4)
slots = struct.unpack_from(">%dI" % k, data, p + 9)
sig_text = "%d:%d:%s" % (k, shingle, "".join("%08x" % v for v in slots))
ok(sig_text == one("SELECT news.minhash(%s::text, 4, 2)::text", (body,)),
   "binary news.minhash (COPY binary) decodes to %s" % sig_text)
PY
	)
	tap_merge $? psycopg2 "$out"
else
	ok 1 "psycopg2 is installed (na_deps installs Debian's python3-psycopg2)"
fi

# 2. node-postgres: untyped server-side parameters, prepared statements
#    (node-postgres 8 decodes every result field as UTF-8 text, so binary
#    results are tested through psycopg2's COPY above)
nodedir=$top/build/node
if [ ! -d "$nodedir/node_modules/pg" ]; then
	mkdir -p "$nodedir"
	(cd "$nodedir" && npm install --no-audit --no-fund --silent pg@8 >/dev/null 2>&1)
fi
if [ -d "$nodedir/node_modules/pg" ]; then
	out=$(PGDATABASE=na_clients NA_TAP_START=$n NODE_PATH=$nodedir/node_modules node - 2>&1 <<'JS'
const { Client } = require('pg');
let n = Number(process.env.NA_TAP_START);
const ok = (cond, what) => console.log(`${cond ? 'ok' : 'not ok'} ${++n} - node-postgres: ${what}`);
(async () => {
	const c = new Client({ host: process.env.PGHOST, port: process.env.PGPORT, user: 'postgres', database: 'na_clients' });
	await c.connect();
	const body = 'Oil prices rose sharply on Tuesday after the pipeline closed.';
	const text = (await c.query('SELECT news.termvec($1::text)::text AS t, news.minhash($1::text)::text AS m', [body])).rows[0];
	// an untyped parameter: news.termvec($1) resolves to the function on text
	let r = await c.query('SELECT news.termvec($1)::text AS t, news.minhash($1)::text AS m', [body]);
	ok(r.rows[0].t === text.t && r.rows[0].m === text.m, 'news.termvec($1) and news.minhash($1) with an untyped parameter');
	// a named prepared statement, executed twice
	for (const i of [1, 2]) {
		r = await c.query({ name: 'tv_of', text: 'SELECT news.termvec($1)::text AS t', values: [body] });
		ok(r.rows[0].t === text.t, `named prepared statement, execution ${i}`);
	}
	// function forms with parameters, no search_path
	r = await c.query('SELECT id FROM articles WHERE news.termvec_overlaps(tv, news.termvec($1)) ORDER BY id', ['central bank']);
	ok(JSON.stringify(r.rows.map(x => x.id)) === '[2]', 'news.termvec_overlaps(tv, news.termvec($1))');
	r = await c.query('SELECT id FROM articles WHERE news.minhash_eq(sig, news.minhash($1)) ORDER BY id', [body]);
	ok(JSON.stringify(r.rows.map(x => x.id)) === '[1,3]', 'news.minhash_eq(sig, news.minhash($1))');
	await c.end();
})().catch(e => { console.log(`not ok ${++n} - node-postgres: ${e.message}`); process.exit(1); });
JS
	)
	tap_merge $? node-postgres "$out"
else
	ok 1 "node-postgres (npm pg) installs under build/node"
fi

psql_ -d postgres -c "DROP DATABASE na_clients"
tap_done
