#!/usr/bin/env bash
# test/demo.sh: install dependencies, build and install news_analytics,
# start a throwaway PostgreSQL cluster (own data directory, socket directory
# and port; any other server is left alone), load the sample articles of
# test/demo/00_articles.sql and run the showcase queries of test/demo/*.sql.
# The cluster is removed at the end (NA_KEEP=1 keeps it running and prints
# how to connect).
set -eu
. "$(dirname "$0")/lib.sh"
cd "$NA_TOP"
na_deps
na_build
na_system_install
na_cluster_start UTF8
if [ -z "${NA_KEEP:-}" ]; then
	trap na_cluster_stop EXIT
fi
na_psql -c "CREATE EXTENSION news_analytics"
for f in test/demo/[0-9]*.sql; do
	na_psql -P pager=off -f "$f"
done
if [ -n "${NA_KEEP:-}" ]; then
	echo
	echo "cluster kept: psql -h $PGHOST -p $PGPORT -U postgres postgres"
	echo "stop it with: runuser -u postgres -- $NA_PGBIN/pg_ctl -D $NA_DATA stop"
fi
