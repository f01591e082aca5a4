#!/usr/bin/env bash
# test/t/entity_models.sh: learned entity models in the database.  The
# owner of the extension (an ordinary role) trains a model from the SHIP
# examples (test/data/ship_examples.sql); malformed examples fail with
# their SQLSTATEs; another role can use the model but not train one; a
# table called entity_models elsewhere in the search_path is never read;
# a query naming models in turn keeps a few loaded, not one per row;
# pg_dump and pg_restore keep the model byte for byte; an examples query
# that changes the gazetteer trains, and a call site keeps no model for a
# gazetteer compiled again.  Needs the cluster
# that check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/na_emodels.XXXXXX)
chmod 755 "$tmp"
cleanup() {
	psql_ -d postgres -c "DROP DATABASE IF EXISTS na_em_a" -c "DROP DATABASE IF EXISTS na_em_b" \
		-c "DROP ROLE IF EXISTS na_emowner" -c "DROP ROLE IF EXISTS na_emother" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
cleanup >/dev/null 2>&1
mkdir -p "$tmp"; chmod 755 "$tmp"
psql_ -d postgres -c "CREATE ROLE na_emowner LOGIN" -c "CREATE ROLE na_emother LOGIN" \
	-c "CREATE DATABASE na_em_a OWNER na_emowner" -c "CREATE DATABASE na_em_b OWNER na_emowner"
O() { psql_ -U na_emowner "$@"; }
O -d na_em_a -c "CREATE EXTENSION news_analytics" -f test/data/ship_examples.sql >/dev/null
ok $? "the owner creates the extension and the examples"
r=$(O -d na_em_a -c "SELECT types::text || ' ' || documents || ' ' || mentions FROM news.train_entity_model('ships', 'SELECT body, spans FROM ship_examples ORDER BY body')")
[ "$r" = "{SHIP} 200 200" ]; ok $? "the owner trains a SHIP model on 200 sentences ($r)"
r=$(O -d na_em_a -c "SELECT string_agg(entity || ':' || type, ',' ORDER BY start) FROM news.entities('Rescuers reached the trawler Northern Lights near Bergen on Sunday.', model => 'ships')")
[ "$r" = "Northern Lights:SHIP,Sunday:DATE" ]; ok $? "an unseen ship name in an unseen sentence is found ($r)"

# malformed examples and calls, with their SQLSTATEs
q() { echo "SELECT * FROM news.train_entity_model('bad', \$q\$SELECT 'The Sea Falcon sailed.'::text, '$1'::jsonb\$q\$)"; }
types=$(for i in $(seq 1 17); do printf '{"start": 5, "length": 3, "type": "T%s"},' $i; done)
while IFS='|' read -r want sql what; do
	st=$(sqlstate na_em_a "$sql")
	[ "$st" = "$want" ]; ok $? "$what fails with $want (got $st)"
done <<CASES
22023|$(q '[{"start": 5, "length": 10, "type": "SHIP"}, {"start": 9, "length": 6, "type": "SHIP"}]')|overlapping spans
22023|$(q '[{"start": 20, "length": 10, "type": "SHIP"}]')|a span past the end of the text
22023|$(q '[{"start": -3, "length": 10, "type": "SHIP"}]')|a negative start
22023|$(q '[{"start": 5, "length": 10, "type": "Ship"}]')|a type that is not upper case
22023|$(q '[{"start": 5, "length": 10, "type": "TITLE"}]')|a reserved type
22023|$(q '[{"start": 5, "length": 10, "type": ""}]')|an empty type
22023|$(q '[{"start": 6, "length": 2, "type": "SHIP"}]')|only a span inside a word (left out: no spans)
22023|$(q '[{"start": "5", "length": 10, "type": "SHIP"}]')|a start that is a string
22003|$(q '[{"start": 1e12, "length": 10, "type": "SHIP"}]')|a start beyond integers
22004|$(q '[{"start": 5, "length": null, "type": "SHIP"}]')|a NULL length
22004|$(q '[null]')|a NULL span
22004|SELECT * FROM news.train_entity_model('bad', 'SELECT NULL::text, ''[]''::jsonb')|a NULL body
22004|SELECT * FROM news.train_entity_model('bad', 'SELECT ''x''::text, NULL::jsonb')|NULL spans
22023|SELECT * FROM news.train_entity_model('bad', 'SELECT ''x''::text, ''[]''::jsonb')|examples without spans
42804|SELECT * FROM news.train_entity_model('bad', 'SELECT 1, ''[]''::jsonb')|an examples query of the wrong shape
54000|$(q "[${types%,}]")|17 types
42704|SELECT * FROM news.entities('x', 'nothing')|an unknown model
CASES

# another role uses the model but cannot train or change one
r=$(psql_ -U na_emother -d na_em_a -c "SELECT string_agg(entity, ',') FROM news.entities('The tanker Blue Heron docked.', 'ships')")
[ "$r" = "Blue Heron" ]; ok $? "another role uses the model ($r)"
st=$(sqlstate na_em_a "SET ROLE na_emother; $(q '[{"start": 5, "length": 10, "type": "SHIP"}]')")
[ "$st" = 42501 ]; ok $? "another role cannot store a model (got $st)"

# a look-alike table first in the search_path is never read
O -d na_em_a -c "CREATE SCHEMA decoy" -c "CREATE TABLE decoy.entity_models (LIKE news.entity_models)" \
	-c "INSERT INTO decoy.entity_models SELECT 'fake', types, model, documents, mentions, trained_at FROM news.entity_models" >/dev/null
st=$(sqlstate na_em_a "SET search_path = decoy, news; SELECT * FROM entities('The tanker Blue Heron docked.', 'fake')")
[ "$st" = 42704 ]; ok $? "a model in a look-alike table in the search_path is not found (got $st)"
r=$(O -d na_em_a -c "SET search_path = decoy, public" -c "SELECT string_agg(t.types::text, ',') FROM news.train_entity_model('ships2', 'SELECT body, spans FROM ship_examples') t" \
	-c "SELECT count(*) FROM decoy.entity_models WHERE name = 'ships2'")
[ "$r" = "{SHIP}
0" ]; ok $? "training stores into the extension's table, not the look-alike ($r)"

# a query whose rows name several models keeps a few of them loaded: before,
# each change of model loaded it again and kept the old one (about 1 MB a
# row, 300 MB here).  The backend's peak memory (VmHWM), read in the session
# before and after.
hwm="SELECT split_part(split_part(pg_read_file('/proc/self/status'), 'VmHWM:', 2), 'kB', 1)::bigint"
r=$(psql_ -d na_em_a -c "$hwm" -c "SELECT count(*) FROM generate_series(1, 300) g,
	news.entities('The tanker Blue Heron docked.', CASE WHEN g % 2 = 0 THEN 'ships' ELSE 'ships2' END) e
	WHERE e.entity = 'Blue Heron'" -c "$hwm" | tr '\n' ' ')
set -- $r
[ "${2:-}" = 300 ] && [ $(( ${3:-999999} - ${1:-0} )) -lt 100000 ]; ok $? \
	"300 rows naming two models in turn: the same names, peak memory up by less than 100 MB (counts and kB: $r)"

# pg_dump keeps the models
"$NA_PGBIN/pg_dump" -U na_emowner -Fc -d na_em_a -f "$tmp/a.dump" 2>"$tmp/dump.err"
ok $? "pg_dump by the owner works"
"$NA_PGBIN/pg_restore" -U na_emowner -d na_em_b "$tmp/a.dump" 2>"$tmp/restore.err"
a=$(O -d na_em_a -c "SELECT string_agg(name || md5(model), ',' ORDER BY name) FROM news.entity_models")
b=$(O -d na_em_b -c "SELECT string_agg(name || md5(model), ',' ORDER BY name) FROM news.entity_models")
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "the restored database has the same models, byte for byte"
r=$(O -d na_em_b -c "SELECT string_agg(entity, ',') FROM news.entities('The tanker Blue Heron docked.', 'ships')")
[ "$r" = "Blue Heron" ]; ok $? "the restored model tags as before ($r)"

# an examples query that changes the gazetteer, and so has it compiled
# again in this session, frees the copy the training started with: the
# training reads the gazetteer as the query left it (it read the freed copy:
# the server crashed with signal 11), and learns what it learns without
# the changes, which name nothing in the examples
O -d na_em_a >/dev/null <<'SQL'
CREATE FUNCTION churn() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zzq' || pg_catalog.nextval('churned'), 'Zzq', 'ORG');
	PERFORM count(*) FROM news.entities('Champion Products Inc said so.');
	RETURN 1;
END $$;
CREATE SEQUENCE churned;
SQL
r=$(O -d na_em_a -c "SELECT documents FROM news.train_entity_model('churned', 'SELECT body, spans FROM ship_examples, churn() c ORDER BY body', 2)")
[ "$r" = 200 ]; ok $? "an examples query that changes the gazetteer row by row trains (got ${r:-an error})"
r=$(O -d na_em_a -c "SELECT documents FROM news.train_entity_model('unchurned', 'SELECT body, spans FROM ship_examples ORDER BY body', 2)")
r=$(O -d na_em_a -c "SELECT count(DISTINCT md5(model)) || ' ' || count(*) FROM news.entity_models WHERE name IN ('churned', 'unchurned')")
[ "$r" = "1 2" ]; ok $? "it learns the model the same examples give without the changes (distinct models, models: $r)"

# a call site keeps its tagging model from row to row, for one gazetteer:
# news.analyze in a PL/pgSQL loop (a simple expression, whose call site
# lives as long as the transaction), the gazetteer compiled twice between
# two of its calls, the second copy at the address of the first, which
# was freed; the model was kept for it (by address) and read the freed
# copy: the server crashed with signal 11
r=$(O -d na_em_a <<'SQL'
CREATE SEQUENCE IF NOT EXISTS churned;
DO $$
DECLARE
	d jsonb;
	n int;
	same int := 0;
BEGIN
	FOR i IN 1..20 LOOP
		d := news.analyze('Champion Products Inc said it expects higher sales this year.');
		same := same + (d = news.analyze('Champion Products Inc said it expects higher sales this year.', NULL))::int;
		INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zzq' || nextval('churned'), 'Zzq', 'ORG');
		n := (SELECT count(*) FROM news.entities('Another call site compiles the gazetteer.'));
		INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zzq' || nextval('churned'), 'Zzq', 'ORG');
		n := (SELECT count(*) FROM news.entities('Another call site compiles the gazetteer.'));
	END LOOP;
	PERFORM set_config('na_test.same', same::text, false);
END
$$;
SELECT current_setting('na_test.same');
SQL
)
[ "$r" = 20 ]; ok $? "news.analyze in a loop that compiles the gazetteer again and again: the analyses of another call site (the same in ${r:-an error} of 20)"

tap_done
