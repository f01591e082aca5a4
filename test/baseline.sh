# test/baseline.sh: a second, private build of an earlier commit of the
# extension, for evaluations and benchmarks that print our figures next to
# the code they improve on, measured in the same run.  Source it after
# test/lib.sh; it defines functions and changes nothing by itself.
#
#   na_baseline_start REF   export REF (a commit of this repository) with
#                           git archive into $NA_TMP/baseline, build it,
#                           install it into its own copy of the server tree
#                           and start a cluster for it on its own port, with
#                           the extension created; sets NA_BASE_PGPORT,
#                           NA_BASE_PGHOST and NA_BASE_PGBIN
#   na_base_psql ARGS...    psql on that cluster
#   na_baseline_stop        stop it (na_cluster_stop removes its files with
#                           NA_TMP)

na_baseline_start() {
	local ref=$1 dir
	na_tmp
	dir=$NA_TMP/baseline
	rm -rf "$dir"
	mkdir -p "$dir/src"
	chmod 755 "$dir"
	git -C "$NA_TOP" rev-parse --verify -q "$ref^{commit}" >/dev/null ||
		{ echo "baseline commit $ref not found in $NA_TOP" >&2; return 1; }
	git -C "$NA_TOP" archive "$ref" | tar -x -C "$dir/src"
	na_log "baseline: building $ref"
	# a subshell: the baseline's own lib.sh, NA_TOP and NA_TMP
	(
		NA_TMP=$dir
		. "$dir/src/test/lib.sh"
		NA_TMP=$dir
		na_build
		na_private_install
		na_cluster_start UTF8
		env | grep -E '^(PGHOST|PGPORT|NA_PGBIN|NA_DATA)=' | sed 's/^/NA_BASE_/' >"$dir/env"
	) || return 1
	NA_BASE_PGHOST=$(sed -n 's/^NA_BASE_PGHOST=//p' "$dir/env")
	NA_BASE_PGPORT=$(sed -n 's/^NA_BASE_PGPORT=//p' "$dir/env")
	NA_BASE_PGBIN=$(sed -n 's/^NA_BASE_NA_PGBIN=//p' "$dir/env")
	NA_BASE_DATA=$(sed -n 's/^NA_BASE_NA_DATA=//p' "$dir/env")
	export NA_BASE_PGHOST NA_BASE_PGPORT NA_BASE_PGBIN NA_BASE_DATA
	na_base_psql -c "CREATE EXTENSION news_analytics"
}

na_base_psql() {
	PGHOST=$NA_BASE_PGHOST PGPORT=$NA_BASE_PGPORT PGUSER=postgres PGDATABASE=postgres \
		"$NA_BASE_PGBIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"
}

na_baseline_stop() {
	[ -n "${NA_BASE_DATA:-}" ] && [ -f "$NA_BASE_DATA/postmaster.pid" ] &&
		na_as_pg "$NA_BASE_PGBIN/pg_ctl" -D "$NA_BASE_DATA" -m immediate stop >/dev/null 2>&1
	return 0
}
