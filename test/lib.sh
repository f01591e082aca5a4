# test/lib.sh: shared shell functions for check.sh, demo.sh, benchmarks and
# evaluations.  Source it; it defines functions and changes nothing by itself.
#
#   na_deps            install every Debian package the project needs
#   na_build           build the extension (PGXS)
#   na_private_install install into a private copy of the server tree, so a
#                      test run never touches (or depends on) the system one
#   na_cluster_start   initdb + start a throwaway cluster on its own socket
#                      directory and port; sets PGHOST, PGPORT, PGDATABASE
#   na_cluster_stop    stop it and remove its files
#
# Everything lives under NA_TMP (a fresh directory under /tmp), readable by
# the postgres user, which runs the server when we are root.

NA_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NA_PGVER=${NA_PGVER:-15}
NA_PGBIN_SYS=/usr/lib/postgresql/$NA_PGVER/bin
NA_SHARED=${NA_SHARED:-$NA_TOP/../shared/data}

na_log() { printf '== %s\n' "$*" >&2; }

# na_deps: install build, server and test dependencies (idempotent).
na_deps() {
	local pkgs="build-essential clang libclang-rt-14-dev postgresql-$NA_PGVER
		postgresql-server-dev-$NA_PGVER postgresql-contrib libpcre2-dev
		libutf8proc-dev libstemmer-dev iso-codes perl valgrind python3 pgbouncer
		python3-psycopg2 sqlsmith postgresql-$NA_PGVER-cron wordnet-base"
	local missing=""
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages:$missing (run as root to install them)" >&2
		return 1
	fi
	na_log "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# keep Debian's own cluster from being created: we start our own
	mkdir -p /etc/postgresql-common/createcluster.d
	echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/news_analytics.conf
	apt-get install -y -qq --no-install-recommends $missing >&2
}

# na_build: compile the extension with the system pg_config.
na_build() {
	make -C "$NA_TOP" -s -j2 PG_CONFIG=$NA_PGBIN_SYS/pg_config >&2
}

na_tmp() {
	if [ -z "${NA_TMP:-}" ]; then
		NA_TMP=$(mktemp -d /tmp/news_analytics.XXXXXX)
		chmod 755 "$NA_TMP"
		export NA_TMP
	fi
}

# na_private_install: copy the server's installation tree into NA_TMP/inst
# (PostgreSQL finds its share and lib directories relative to its binary)
# and install the extension there.
na_private_install() {
	na_tmp
	local inst=$NA_TMP/inst
	rm -rf "$inst"
	mkdir -p "$inst/usr/lib/postgresql" "$inst/usr/share/postgresql"
	cp -a /usr/lib/postgresql/$NA_PGVER "$inst/usr/lib/postgresql/"
	cp -a /usr/share/postgresql/$NA_PGVER "$inst/usr/share/postgresql/"
	make -C "$NA_TOP" -s PG_CONFIG=$NA_PGBIN_SYS/pg_config DESTDIR="$inst" install >&2
	NA_PGBIN=$inst/usr/lib/postgresql/$NA_PGVER/bin
	export NA_PGBIN
}

# na_system_install: install into the system server tree (for the demo and
# for users who then CREATE EXTENSION in their own databases).
na_system_install() {
	make -C "$NA_TOP" -s PG_CONFIG=$NA_PGBIN_SYS/pg_config install >&2
	NA_PGBIN=$NA_PGBIN_SYS
	export NA_PGBIN
}

na_as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

na_free_port() {
	local port
	for port in $(seq $((54320 + RANDOM % 500)) 55999); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null &&
			[ ! -e "$NA_TMP/sock/.s.PGSQL.$port" ]; then
			echo $port
			return 0
		fi
	done
	return 1
}

# na_cluster_start [encoding]: a throwaway cluster, UTF8 unless told.
na_cluster_start() {
	na_tmp
	local enc=${1:-UTF8}
	local data=$NA_TMP/data-$enc
	mkdir -p "$NA_TMP/sock"
	[ "$(id -u)" = 0 ] && chown postgres "$NA_TMP/sock" "$NA_TMP"
	na_as_pg "$NA_PGBIN/initdb" -D "$data" -E "$enc" --locale=C -A trust -U postgres >"$NA_TMP/initdb-$enc.log" 2>&1 ||
		{ cat "$NA_TMP/initdb-$enc.log" >&2; return 1; }
	PGPORT=$(na_free_port)
	cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
port = $PGPORT
unix_socket_directories = '$NA_TMP/sock'
fsync = off
shared_buffers = 256MB
max_parallel_workers_per_gather = 0
CONF
	na_as_pg "$NA_PGBIN/pg_ctl" -D "$data" -l "$NA_TMP/server-$enc.log" -w start >/dev/null ||
		{ cat "$NA_TMP/server-$enc.log" >&2; return 1; }
	export PGHOST=$NA_TMP/sock PGPORT PGUSER=postgres PGDATABASE=postgres
	NA_DATA=$data
	export NA_DATA
}

na_cluster_stop() {
	[ -n "${NA_TMP:-}" ] || return 0
	local d
	for d in "$NA_TMP"/data-*; do
		[ -f "$d/postmaster.pid" ] && na_as_pg "$NA_PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
	done
	[ -n "${NA_KEEP_TMP:-}" ] || rm -rf "$NA_TMP"
}

na_psql() { "$NA_PGBIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }

# na_bench_cluster: build and install this tree, start a private UTF-8
# cluster with the extension, and load the Reuters-21578 and BBC corpora of
# $NA_SHARED into table raw (j jsonb), one row an article (the benchmarks'
# common start).
na_bench_cluster() {
	na_tmp
	na_build
	na_private_install
	na_cluster_start UTF8
	na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE raw (j jsonb)"
	for f in reuters21578 bbc_fulltext; do
		na_psql -c "\\copy raw (j) FROM '$NA_SHARED/corpora/$f.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
	done
}

# na_gen_cluster [SETTINGS]: the start of the benchmarks on the generated
# corpus of test/bench/mlt_gen.sql: checks that $NA_SHARED has its four
# source corpora, builds and installs this tree, starts a private UTF-8
# cluster with SETTINGS (postgresql.conf lines) added, creates the
# extension and loads the corpora into table gen_raw (j jsonb).  The caller
# traps na_cluster_stop.
na_gen_cluster() {
	local f files="reuters21578 bbc_fulltext ag_news_test conll2003_docs_traindev"
	for f in $files; do
		[ -r "$NA_SHARED/corpora/$f.jsonl" ] || { echo "missing $NA_SHARED/corpora/$f.jsonl" >&2; return 1; }
	done
	na_build && na_private_install && na_cluster_start UTF8 >/dev/null || return 1
	printf '%s\n' "${1:-}" >>"$NA_DATA/postgresql.conf"
	na_as_pg "$NA_PGBIN/pg_ctl" -D "$NA_DATA" -w restart -l "$NA_TMP/server-UTF8.log" >/dev/null || return 1
	na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE gen_raw (j jsonb)" >/dev/null || return 1
	for f in $files; do
		na_psql -c "\\copy gen_raw(j) FROM '$NA_SHARED/corpora/$f.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" >/dev/null ||
			return 1
	done
}
