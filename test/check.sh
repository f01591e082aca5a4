#!/usr/bin/env bash
# test/check.sh: install dependencies, build, and run every test: the core
# layering check, generated files against their sources (word lists, models,
# README.md's SQL reference), core unit tests (under AddressSanitizer/UBSan),
# pg_regress, TAP tests, the Citus test (test/citus, skipped without Citus)
# and a short libFuzzer run.  Prints "N passed, N failed" last and
# exits non-zero on any failure.  Needs no ../shared data.
#
#   NA_FUZZ_RUNS=N      runs per fuzz target (default 50000), NA_FUZZ_SEED=S
#   (default 1), NA_FUZZ_SECONDS=N time cap per target (default 30; 0 skips)
set -u
. "$(dirname "$0")/lib.sh"
cd "$NA_TOP"

passed=0
failed=0
failures=()
pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); printf 'FAIL %s\n' "$1"; }
# count_tap PREFIX OUTFILE STATUS: one pass/fail per TAP line of OUTFILE;
# a non-zero exit status is a failure of its own
count_tap() {
	local line
	while IFS= read -r line; do
		case "$line" in
			"ok "*) pass "$1: ${line#ok }" ;;
			"not ok "*) fail "$1: ${line#not ok }" ;;
		esac
	done <"$2"
	if [ "$3" -ne 0 ]; then
		grep -v '^ok ' "$2" | tail -30
		fail "$1 exited with status $3"
	fi
}
trap na_cluster_stop EXIT

na_deps || { echo "0 passed, 1 failed"; exit 1; }
na_tmp
LOG=$NA_TMP/check

mkdir -p "$LOG"
# 1. layering: the core builds alone as strict C11 and never names the server
if make -s core-check >"$LOG/core-check.log" 2>&1; then pass "core builds as strict C11"; else cat "$LOG/core-check.log"; fail "core builds as strict C11"; fi
if grep -rnE '#include\s*[<"](postgres|fmgr|utils/|catalog/|access/|executor/|miscadmin)|\b(palloc|pfree|repalloc|ereport|elog)\s*\(' src/core; then
	fail "src/core is free of server headers and calls"
else
	pass "src/core is free of server headers and calls"
fi
# generated tables match their sources
gen_ok=1
sh src/tools/gen_wordlists.sh src/data "$LOG/gen" >/dev/null 2>&1 || gen_ok=0
for f in "$LOG"/gen/*; do cmp -s "$f" "src/core/$(basename "$f")" || gen_ok=0; done
if [ $gen_ok = 1 ]; then pass "generated word lists are up to date (make data)"; else fail "generated word lists are up to date (make data)"; fi
# the HTML entity table is Python's html.entities, the HTML5 specification's
if python3 src/tools/gen_entities.py "$LOG/html_entities.txt" 2>/dev/null &&
	cmp -s "$LOG/html_entities.txt" src/data/html_entities.txt; then
	pass "src/data/html_entities.txt is Python's HTML5 table (make data)"
else
	fail "src/data/html_entities.txt is Python's HTML5 table (make data)"
fi
# the sentiment model is learned again from ../shared/data and Debian's
# wordnet-base, and must come out byte for byte the same (make
# sentiment-model); skipped without the data
if [ -r "$NA_SHARED/sentiment/newsmtsc_train.jsonl" ] && [ -d /usr/share/wordnet ]; then
	if python3 src/tools/gen_sentiment_model.py --data "$NA_SHARED" --out "$LOG/gen_sentiment_model.inc" \
		>"$LOG/gen_sentiment_model.log" 2>&1 && cmp -s "$LOG/gen_sentiment_model.inc" src/core/gen_sentiment_model.inc; then
		pass "generated sentiment model is reproducible (make sentiment-model)"
	else
		tail -5 "$LOG/gen_sentiment_model.log"
		fail "generated sentiment model is reproducible (make sentiment-model)"
	fi
else
	echo "skip generated sentiment model check: no $NA_SHARED/sentiment or /usr/share/wordnet"
fi
# the built-in learned entity models (conll, combined) are trained again on
# CoNLL-2003 train and must come out byte for byte the same (make ner-model); skipped without
# the data
if [ -r "$NA_SHARED/conll2003/train.txt" ]; then
	mkdir -p "$LOG/gen_ner"
	if bash src/tools/gen_ner_conll_model.sh --data "$NA_SHARED" --out "$LOG/gen_ner" \
		>"$LOG/gen_ner_conll_model.log" 2>&1 &&
		cmp -s "$LOG/gen_ner/gen_ner_conll_model_a.inc" src/core/gen_ner_conll_model_a.inc &&
		cmp -s "$LOG/gen_ner/gen_ner_conll_model_b.inc" src/core/gen_ner_conll_model_b.inc &&
		cmp -s "$LOG/gen_ner/gen_ner_combined_model_a.inc" src/core/gen_ner_combined_model_a.inc &&
		cmp -s "$LOG/gen_ner/gen_ner_combined_model_b.inc" src/core/gen_ner_combined_model_b.inc; then
		pass "generated learned entity models are reproducible (make ner-model)"
	else
		tail -5 "$LOG/gen_ner_conll_model.log"
		fail "generated learned entity models are reproducible (make ner-model)"
	fi
else
	echo "skip generated learned entity model check: no $NA_SHARED/conll2003"
fi
# the entity rules' dictionary is derived again from Debian's wordnet-base
# and Reuters and must come out the same (make ner-dictionary); skipped
# without the data
if [ -r "$NA_SHARED/corpora/reuters21578.jsonl" ] && [ -d /usr/share/wordnet ]; then
	if python3 src/tools/gen_ner_dictionary.py /usr/share/wordnet "$NA_SHARED/corpora/reuters21578.jsonl" \
		"$LOG/ner_dictionary.txt" >"$LOG/ner_dictionary.log" 2>&1 &&
		cmp -s "$LOG/ner_dictionary.txt" src/data/ner_dictionary.txt; then
		pass "the entity rules' dictionary is reproducible (make ner-dictionary)"
	else
		tail -5 "$LOG/ner_dictionary.log"
		fail "the entity rules' dictionary is reproducible (make ner-dictionary)"
	fi
else
	echo "skip entity dictionary check: no $NA_SHARED/corpora or /usr/share/wordnet"
fi
# keyword and summary data come from the shared data (skipped without it)
if [ -r "$NA_SHARED/keyphrases/kpcrowd_trainval.jsonl" ]; then
	kw_ok=0
	if sh src/tools/gen_keyword_data.sh "$NA_SHARED" "$LOG/kwgen" >"$LOG/kwgen.log" 2>&1; then
		kw_ok=1
		for f in "$LOG"/kwgen/*; do cmp -s "$f" "src/core/$(basename "$f")" || kw_ok=0; done
	fi
	if [ $kw_ok = 1 ]; then pass "generated keyword data are up to date (make keyword-data)"; else tail -5 "$LOG/kwgen.log"; fail "generated keyword data are up to date (make keyword-data)"; fi
fi

# the glue compiles without a warning
if make -s glue-check PG_CONFIG=$NA_PGBIN_SYS/pg_config >"$LOG/glue-check.log" 2>&1; then
	pass "glue builds with -Werror"
else
	cat "$LOG/glue-check.log"
	fail "glue builds with -Werror"
fi

# 2. core unit tests, with sanitizers (built by the Makefile's rules)
# the core is compiled once for all of them, on every core of the machine
NA_JOBS=$(nproc 2>/dev/null || echo 2)
for t in test/unit/*_test.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	bin=$LOG/unit/$name
	if ! make -s -j"$NA_JOBS" NA_BUILD="$LOG" PG_CONFIG=$NA_PGBIN_SYS/pg_config "$bin" >"$LOG/$name.build" 2>&1; then
		cat "$LOG/$name.build"
		fail "unit: $name (build)"
		continue
	fi
	"$bin" >"$LOG/$name.out" 2>&1
	count_tap "unit: $name" "$LOG/$name.out" $?
done

# 3. build, private install, throwaway cluster
if ! na_build || ! na_private_install || ! na_cluster_start UTF8; then
	fail "build, install and start a cluster"
	echo "$passed passed, $failed failed"
	exit 1
fi
pass "build, install and start a cluster"

# the SQL reference of README.md lists every object of the installed
# extension with its comment (make reference writes it): a new function
# without an entry, or a changed comment, fails here
if na_psql -c "CREATE DATABASE na_reference" &&
	na_psql -d na_reference -c "CREATE EXTENSION news_analytics" &&
	PGDATABASE=na_reference PSQL="$NA_PGBIN/psql" python3 src/tools/gen_reference.py --check README.md \
		>"$LOG/reference.diff" 2>&1; then
	pass "README.md's SQL reference matches the installed extension (make reference)"
else
	head -40 "$LOG/reference.diff"
	fail "README.md's SQL reference matches the installed extension (make reference)"
fi
na_psql -c "DROP DATABASE IF EXISTS na_reference" >/dev/null 2>&1

# 4. pg_regress: every test file in name order, after pg_regress has
# created the extension (--load-extension), as "make installcheck" runs
# them; then each file alone in a database of its own, which shows that
# none depends on another having run before it
REGRESS_DIR=$LOG/regress
mkdir -p "$REGRESS_DIR"
PGXS_DIR=$(dirname "$($NA_PGBIN_SYS/pg_config --pgxs)")
PG_REGRESS=$PGXS_DIR/../../src/test/regress/pg_regress
regress() {
	"$PG_REGRESS" --inputdir=. --bindir="$NA_PGBIN" --host="$PGHOST" --port="$PGPORT" \
		--user=postgres --encoding=UTF8 --no-locale --load-extension=news_analytics "$@"
}
tests=$(ls sql/*.sql 2>/dev/null | xargs -n1 basename | sed 's/\.sql$//' | tr '\n' ' ')
if [ -n "$tests" ]; then
	regress --outputdir="$REGRESS_DIR" --dbname=contrib_regression $tests >"$REGRESS_DIR/out.log" 2>&1
	while IFS= read -r line; do
		name=$(echo "$line" | sed -E 's/^(test|     |ok|not ok)? *[0-9]* *-? *//; s/ +\.\.\..*//; s/ +[0-9]+ ms$//' | awk '{print $1}')
		case "$line" in
			*"... ok"*) pass "regress: $name" ;;
			*"... FAILED"*|*"... failed"*) fail "regress: $name" ;;
		esac
	done <"$REGRESS_DIR/out.log"
	[ -f "$REGRESS_DIR/regression.diffs" ] && head -200 "$REGRESS_DIR/regression.diffs"
	# a test pg_regress never reported (it stopped early) is a failure too
	for t in $tests; do
		if ! grep -qE "^(test|    ) +$t +\.\.\. (ok|FAILED|failed)" "$REGRESS_DIR/out.log"; then
			[ -f "expected/$t.out" ] || echo "expected/$t.out is missing"
			fail "regress: $t (no result)"
		fi
	done
	grep -q "\.\.\. " "$REGRESS_DIR/out.log" || { cat "$REGRESS_DIR/out.log"; fail "regress: pg_regress ran"; }
	for t in $tests; do
		mkdir -p "$REGRESS_DIR/alone-$t"
		if regress --outputdir="$REGRESS_DIR/alone-$t" --dbname=regress_alone "$t" \
			>"$REGRESS_DIR/alone-$t/out.log" 2>&1; then
			pass "regress alone: $t"
		else
			head -60 "$REGRESS_DIR/alone-$t/regression.diffs" 2>/dev/null || cat "$REGRESS_DIR/alone-$t/out.log"
			fail "regress alone: $t"
		fi
	done
fi

# 5. TAP tests: each test/t/*.sh prints TAP lines
for t in test/t/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	bash "$t" >"$LOG/tap-$name.out" 2>&1
	count_tap "tap: $name" "$LOG/tap-$name.out" $?
done

# the Citus cluster test: runs where Citus is installed in the server tree
# (a coordinator and workers of its own), prints "# skipped" where not
bash test/citus/run.sh >"$LOG/citus.out" 2>&1
count_tap "citus" "$LOG/citus.out" $?
grep -m1 '^# skipped' "$LOG/citus.out"

# 6. short fuzz runs
# A fixed seed and run count make the short runs reproducible: what passes
# here passes in CI (the time cap only ever shortens the same sequence).
# Long, random runs are for developers (see the header of each harness).
secs=${NA_FUZZ_SECONDS:-30}
runs=${NA_FUZZ_RUNS:-50000}
seed=${NA_FUZZ_SEED:-1}
if [ "$secs" -gt 0 ]; then
	# the harnesses stop at the first sanitizer report: no finding is
	# printed and then run past
	# two lines: the harnesses' flags and the core objects' flags
	fuzz_flags=$(make -s PG_CONFIG=$NA_PGBIN_SYS/pg_config print-fuzz-flags)
	echo "$fuzz_flags" | sed 's/^/# fuzzers are built with: /'
	if [ "$(echo "$fuzz_flags" | wc -l)" -eq 2 ] &&
		! echo "$fuzz_flags" | grep -qv -- ' -fno-sanitize-recover=all '; then
		pass "fuzzers are built with -fno-sanitize-recover=all"
	else
		fail "fuzzers are built with -fno-sanitize-recover=all"
	fi
	for f in test/fuzz/*_fuzzer.c; do
		[ -e "$f" ] || continue
		name=$(basename "$f" .c)
		bin=$LOG/fuzz/$name
		if make -s -j"$NA_JOBS" NA_BUILD="$LOG" PG_CONFIG=$NA_PGBIN_SYS/pg_config "$bin" >"$LOG/$name.build" 2>&1 && {
			rm -rf "$LOG/corpus-$name" && mkdir -p "$LOG/corpus-$name" &&
			cp "$NA_TOP"/test/fuzz/seeds/* "$LOG/corpus-$name/" 2>/dev/null;
			(cd "$LOG" && "$bin" -seed="$seed" -runs="$runs" -max_total_time="$secs" -max_len=65536 \
				-rss_limit_mb=2048 -timeout=10 "$LOG/corpus-$name" >"$LOG/$name.out" 2>&1); }; then
			pass "fuzz: $name, seed $seed ($(grep -o 'Done [0-9]* runs in [0-9]* second' "$LOG/$name.out" | head -1)s)"
		else
			cat "$LOG/$name.build" 2>/dev/null | tail -20
			tail -40 "$LOG/$name.out" 2>/dev/null
			fail "fuzz: $name"
		fi
	done
fi

if [ $failed -gt 0 ]; then
	echo
	echo "failures:"
	printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
