# Makefile for news_analytics (PGXS)
#
#   make                 build the extension library and install script
#   make install         install into the server found by PG_CONFIG
#   make installcheck    pg_regress against a running server (PGHOST/PGPORT);
#                        each test file runs on its own (--load-extension)
#   make core-check      build src/core alone as strict C11 (no server headers)
#   make glue-check      compile src/pg with -Werror
#   make unit            build and run the core unit tests (clang, ASan/UBSan)
#   make fuzz            build the libFuzzer harnesses and run each for
#                        FUZZ_SECONDS (default 30) from test/fuzz/seeds
#   make print-libs      the libraries the core links with (for scripts)
#   make print-fuzz-flags  the flags the fuzzers are built with
#   make data            regenerate src/core/gen_*.inc from src/data/*.txt
#   make keyword-data    regenerate src/core/gen_keyword_*.inc (word classes,
#                        background frequencies, keyphrase model) from
#                        ../shared/data (NA_SHARED)
#   make gazetteer       regenerate src/sql/51_gazetteer_data.sql from
#                        src/data/gazetteer/*.txt and Debian's iso-codes
#   make name-gender     regenerate src/data/given_name_gender.txt from the
#                        gazetteer and the news corpora in SHARED_DATA
#                        (../shared/data), then make data
#   make sentiment-model regenerate src/core/gen_sentiment_model.inc from
#                        ../shared/data (NA_SHARED) and Debian's wordnet-base
#   make ner-dictionary  regenerate src/data/ner_dictionary.txt (ordinary words
#                        the entity rules drop at a sentence start) from
#                        Debian's wordnet-base and Reuters in NA_SHARED, then
#                        make data
#   make ner-model       regenerate src/core/gen_ner_conll_model_{a,b}.inc and
#                        gen_ner_combined_model_{a,b}.inc (the built-in learned
#                        entity models) from CoNLL-2003 train in
#                        ../shared/data (NA_SHARED)
#   make reference       regenerate the SQL reference in README.md from the
#                        extension installed in the database psql reaches
#                        (PGHOST, PGPORT, PGDATABASE; CREATE EXTENSION first)
#
# The complete test suite, with its own throwaway cluster, is test/check.sh.

EXTENSION = news_analytics
EXTVERSION := $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" news_analytics.control)

MODULE_big = news_analytics
CORE_SRCS := $(sort $(wildcard src/core/*.c))
PG_SRCS := $(sort $(wildcard src/pg/*.c))
OBJS = $(CORE_SRCS:.c=.o) $(PG_SRCS:.c=.o)

# The install script of the current version is assembled from the numbered
# pieces under src/sql.  Released install scripts
# (src/sql/news_analytics--X.Y.Z.sql) and the upgrade scripts
# (src/sql/news_analytics--FROM--TO.sql) are files of their own: a released
# script is never edited, and every SQL change of a version goes into the
# upgrade script to it as well as into a piece (test/t/upgrade.sh compares
# an updated database with a fresh install, object for object).
SQL_PIECES := $(sort $(wildcard src/sql/[0-9]*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out src/sql/$(EXTENSION)--$(EXTVERSION).sql,$(wildcard src/sql/$(EXTENSION)--*.sql))

# every test file runs by itself, in any order: pg_regress creates the
# extension in the test database before the first one
REGRESS := $(basename $(notdir $(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --encoding=UTF8 --no-locale --load-extension=$(EXTENSION)

# The libraries the core needs, written once: the extension, the unit tests,
# the fuzzers and test/check.sh (make -s print-libs) link with these.
NA_LIBS = -lpcre2-8 -lutf8proc -lstemmer -lm

# NA_MODEL_CRC: a CRC (cksum) of the generated data the analyses read
# (src/core/gen_*.inc, in name order), folded into news.analysis_version()
# (src/core/analyze.h): a build with other models or word lists stamps its
# results with another version, and news.refresh analyses stored articles
# again.  Every object depends on those files, so src/core/analyze.o is
# compiled again when one changes.
NA_MODEL_CRC := $(or $(firstword $(shell cat $(sort $(wildcard src/core/gen_*.inc)) | cksum)),0)
PG_CPPFLAGS = -Isrc/core -Isrc/pg -DNA_EXTVERSION=\"$(EXTVERSION)\" -DNA_MODEL_CRC=$(NA_MODEL_CRC)u
# -fno-semantic-interposition: no other library replaces our own functions,
# so the compiler may inline a global function of the core where its own
# file calls it (na_word_class in the loops of keywords.c, say); with
# -fPIC alone it may not, since the function could be interposed (a few
# percent of news.keywords)
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare \
	-fno-semantic-interposition
SHLIB_LINK = $(NA_LIBS)

# unit test and fuzzer binaries go to NA_BUILD (test/check.sh sets its own)
NA_BUILD ?= build
EXTRA_CLEAN = test/unit/*_test test/fuzz/*_fuzzer build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: every object depends on every header
# (a changed struct must not leave objects compiled against the old one)
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/core/*.h src/core/*.inc src/pg/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PIECES) news_analytics.control
	cat $(SQL_PIECES) > $@

CORE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -Wno-unused-parameter

.PHONY: core-check glue-check unit fuzz print-libs print-fuzz-flags data gazetteer name-gender keyword-data reference \
	sentiment-model ner-dictionary ner-model
core-check:
	@for f in $(CORE_SRCS); do \
		$(CC) $(CORE_CFLAGS) -Isrc/core -fsyntax-only $$f || exit 1; \
	done
	@echo "core builds as strict C11"

# the glue with the flags of the build and -Werror (compiled, not linked:
# some warnings need the optimizer)
glue-check:
	@for f in $(PG_SRCS); do \
		$(CC) $(CPPFLAGS) $(CFLAGS) -Werror -c -o /dev/null $$f || exit 1; \
	done
	@echo "glue builds with -Werror"

print-libs:
	@echo $(NA_LIBS)

print-fuzz-flags:
	@echo $(FUZZ_CFLAGS)
	@echo $(FUZZ_OBJ_CFLAGS)

# Core unit tests and libFuzzer harnesses: clang, AddressSanitizer and
# UBSan (stopping at the first report), the core sources compiled in.
NA_CLANG ?= clang
UNIT_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=address,undefined \
	-fno-sanitize-recover=all -Isrc/core -Itest/unit
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/core
# the core's objects carry the fuzzer's coverage instrumentation, not its main()
FUZZ_OBJ_CFLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -Isrc/core
CORE_HDRS := $(wildcard src/core/*.h src/core/*.inc)
UNIT_TESTS := $(patsubst test/unit/%.c,$(NA_BUILD)/unit/%,$(sort $(wildcard test/unit/*_test.c)))
FUZZERS := $(patsubst test/fuzz/%.c,$(NA_BUILD)/fuzz/%,$(sort $(wildcard test/fuzz/*_fuzzer.c)))
FUZZ_SECONDS ?= 30
FUZZ_RUNS ?= 50000
FUZZ_SEED ?= 1

# The core is compiled once per set of flags (unit-obj, fuzz-obj) and
# linked into every test and harness: 25 binaries no longer compile the
# whole core each (run make with -j to compile the objects in parallel).
UNIT_OBJS := $(patsubst src/core/%.c,$(NA_BUILD)/unit-obj/%.o,$(CORE_SRCS))
FUZZ_OBJS := $(patsubst src/core/%.c,$(NA_BUILD)/fuzz-obj/%.o,$(CORE_SRCS))

$(NA_BUILD)/unit-obj/%.o: src/core/%.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(NA_CLANG) $(UNIT_CFLAGS) -c -o $@ $<

$(NA_BUILD)/fuzz-obj/%.o: src/core/%.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(NA_CLANG) $(FUZZ_OBJ_CFLAGS) -c -o $@ $<

$(NA_BUILD)/unit/%_test: test/unit/%_test.c test/unit/na_test.h $(UNIT_OBJS)
	@mkdir -p $(@D)
	$(NA_CLANG) $(UNIT_CFLAGS) -o $@ $< $(UNIT_OBJS) $(NA_LIBS)

$(NA_BUILD)/fuzz/%_fuzzer: test/fuzz/%_fuzzer.c $(FUZZ_OBJS)
	@mkdir -p $(@D)
	$(NA_CLANG) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_OBJS) $(NA_LIBS)

unit: $(UNIT_TESTS)
	@status=0; for t in $(UNIT_TESTS); do echo "# $$t"; $$t || status=1; done; exit $$status

# a fixed seed and run count, capped at FUZZ_SECONDS per harness
fuzz: $(FUZZERS)
	@status=0; for f in $(FUZZERS); do \
		corpus=$(NA_BUILD)/fuzz/corpus-$$(basename $$f); \
		rm -rf $$corpus && mkdir -p $$corpus && cp test/fuzz/seeds/* $$corpus/; \
		echo "# $$f"; \
		$$f -seed=$(FUZZ_SEED) -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-rss_limit_mb=2048 -timeout=10 -artifact_prefix=$(NA_BUILD)/fuzz/ $$corpus || status=1; \
	done; exit $$status

# src/data/html_entities.txt comes from Python's html.entities (the HTML5
# table); gen_wordlists.sh then makes every src/core/gen_*.inc
data:
	python3 src/tools/gen_entities.py src/data/html_entities.txt
	sh src/tools/gen_wordlists.sh src/data src/core

SHARED_DATA ?= ../shared/data
name-gender:
	python3 src/tools/gen_name_gender.py src/data/gazetteer $(SHARED_DATA) src/data/given_name_gender.txt
	sh src/tools/gen_wordlists.sh src/data src/core

NA_SHARED ?= ../shared/data
keyword-data:
	sh src/tools/gen_keyword_data.sh $(NA_SHARED) src/core

# the SQL reference of README.md: every member object of the installed
# extension with its comment, every news_analytics.* setting
reference:
	python3 src/tools/gen_reference.py README.md

ISO_CODES_JSON ?= /usr/share/iso-codes/json
gazetteer:
	python3 src/tools/gen_gazetteer.py src/data/gazetteer $(ISO_CODES_JSON) src/sql/51_gazetteer_data.sql

sentiment-model:
	python3 src/tools/gen_sentiment_model.py

WORDNET_DIR ?= /usr/share/wordnet
ner-dictionary:
	python3 src/tools/gen_ner_dictionary.py $(WORDNET_DIR) $(NA_SHARED)/corpora/reuters21578.jsonl src/data/ner_dictionary.txt
	sh src/tools/gen_wordlists.sh src/data src/core

ner-model:
	bash src/tools/gen_ner_conll_model.sh
