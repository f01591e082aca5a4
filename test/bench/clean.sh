#!/usr/bin/env bash
# test/bench/clean.sh: throughput of news.clean next to a regexp_replace tag
# stripper, on the 22,004 non-empty Reuters-21578 + BBC News articles, in one
# run, one backend, parallel query off (issue 11 target: news.clean at
# >= 100 MB/s).  Also news.boilerplate and news.clean_map (the cleaning with
# its offset map, what news.original_spans pays), and all on an HTML page
# built from the same articles (test/data/clean/page.html around each body).
#
# Every statement is timed by the backend's own CPU time (the first field of
# /proc/self/schedstat, nanoseconds) as well as wall time; the statements
# alternate (A B A B ...) NA_BENCH_RUNS times (default 5) and the table shows
# medians and the median of the paired ratios to the baseline.  The floor
# "detoast" reads each body once (octet_length(body || '')), which every
# function pays.  Needs ../shared/data.  Usage: bash test/bench/clean.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
runs=${NA_BENCH_RUNS:-5}
trap na_cluster_stop EXIT
na_deps
na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" >/dev/null
na_psql -v reuters="$NA_SHARED/corpora/reuters21578.jsonl" -v bbc="$NA_SHARED/corpora/bbc_fulltext.jsonl" \
	-f test/bench/load_corpora.sql >/dev/null
# bodies are stored uncompressed, so every function pays the same (small)
# detoasting cost; html: each body as paragraphs of a scraped page
page_head=$(sed -n '1,/@BODY@/p' test/data/clean/page.html | sed '$d')
page_tail=$(sed -n '/@BODY@/,$p' test/data/clean/page.html | sed '1d')
na_psql -v head="$page_head" -v tail="$page_tail" \
	-c "CREATE TABLE bench.docs (id int, body text)" \
	-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO bench.docs SELECT id, body || '' FROM bench.articles" \
	-c "CREATE TABLE bench.pages (id int, body text)" \
	-c "ALTER TABLE bench.pages ALTER COLUMN body SET STORAGE EXTERNAL" \
	-f - >/dev/null <<'SQL'
INSERT INTO bench.pages
	SELECT id, :'head' || '<p>' || replace(replace(replace(replace(body, '&', '&amp;'), '<', '&lt;'),
		E'\n\n', E'</p>\n<p>'), E'\n    ', E'</p>\n<p>') || '</p>' || :'tail'
	FROM bench.articles;
VACUUM ANALYZE bench.docs;
VACUUM ANALYZE bench.pages;
SQL
read -r ndocs mbytes < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2) FROM bench.docs")
read -r npages pbytes < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2) FROM bench.pages")
echo "corpus: $ndocs articles, $mbytes MB (Reuters-21578 + BBC News, non-empty bodies);" \
	"as HTML pages: $pbytes MB"

# name table expression, in the order they alternate
cases="detoast docs pg_catalog.octet_length(body||'')
regexp_replace docs pg_catalog.octet_length(pg_catalog.regexp_replace(body,'<[^>]*>','','g'))
news.clean docs pg_catalog.octet_length(news.clean(body))
news.boilerplate docs (SELECT pg_catalog.count(*) FROM news.boilerplate(body))
news.clean_map docs (SELECT pg_catalog.count(*) FROM news.clean_map(body))
html:detoast pages pg_catalog.octet_length(body||'')
html:regexp_replace pages pg_catalog.octet_length(pg_catalog.regexp_replace(body,'<[^>]*>','','g'))
html:news.clean pages pg_catalog.octet_length(news.clean(body))
html:news.boilerplate pages (SELECT pg_catalog.count(*) FROM news.boilerplate(body))
html:news.clean_map pages (SELECT pg_catalog.count(*) FROM news.clean_map(body))"

sqlfile=$NA_TMP/bench.sql
{
	echo "SET max_parallel_workers_per_gather = 0;"
	echo "SELECT pg_catalog.count(news.clean(body)) FROM bench.docs;"	# warm the caches
	echo "SELECT pg_catalog.count(news.clean(body)) FROM bench.pages;"
	for r in $(seq "$runs"); do
		while read -r name table expr; do
			echo "SELECT pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, pg_catalog.clock_timestamp() AS w0 \\gset"
			echo "SELECT pg_catalog.sum($expr) FROM bench.$table \\gset"
			echo "SELECT 'RUN', '$name', (pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e6,"
			echo "	1000 * extract(epoch FROM pg_catalog.clock_timestamp() - :'w0'::timestamptz);"
		done <<<"$cases"
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" >"$NA_TMP/bench.out"
awk -v mb="$mbytes" -v pmb="$pbytes" '
	$1 == "RUN" { n = $2; k[n]++; cpu[n, k[n]] = $3; wall[n, k[n]] = $4; names[n] = 1 }
	function median(arr, name, cnt,   a, i, j, x) {
		for (i = 1; i <= cnt; i++) a[i] = arr[name, i] + 0
		for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
		return (cnt % 2) ? a[(cnt + 1) / 2] : (a[cnt / 2] + a[cnt / 2 + 1]) / 2
	}
	function ratio_median(name, base, cnt,   r, i, j, x) {
		for (i = 1; i <= cnt; i++) r[i] = cpu[base, i] / cpu[name, i]
		for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (r[j] < r[i]) { x = r[i]; r[i] = r[j]; r[j] = x }
		return (cnt % 2) ? r[(cnt + 1) / 2] : (r[cnt / 2] + r[cnt / 2 + 1]) / 2
	}
	END {
		printf "%-22s %10s %10s %10s %14s\n", "function", "cpu ms", "wall ms", "MB/s (cpu)", "x regexp (cpu)"
		no = split("detoast regexp_replace news.clean news.boilerplate news.clean_map html:detoast html:regexp_replace html:news.clean html:news.boilerplate html:news.clean_map", order, " ")
		for (o = 1; o <= no; o++) {
			if (!((order[o]) in names)) continue
			n = order[o]; c = median(cpu, n, k[n]); w = median(wall, n, k[n])
			base = (n ~ /^html:/) ? "html:regexp_replace" : "regexp_replace"
			size = (n ~ /^html:/) ? pmb : mb
			printf "%-22s %10.0f %10.0f %10.1f %14.2f\n", n, c, w, size / (c / 1000), ratio_median(n, base, k[n])
		}
	}' "$NA_TMP/bench.out"
