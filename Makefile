# Makefile for news_analytics (PGXS)
#
#   make                 build the extension library and install script
#   make install         install into the server found by PG_CONFIG
#   make installcheck    pg_regress against a running server (PGHOST/PGPORT)
#   make core-check      build src/core alone as strict C11 (no server headers)
#   make print-core-libs the libraries the core links with (test/check.sh
#                        builds unit tests and fuzzers with them)
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
#
# The complete test suite, with its own throwaway cluster, is test/check.sh.

EXTENSION = news_analytics
EXTVERSION := $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" news_analytics.control)

MODULE_big = news_analytics
CORE_SRCS := $(sort $(wildcard src/core/*.c))
PG_SRCS := $(sort $(wildcard src/pg/*.c))
OBJS = $(CORE_SRCS:.c=.o) $(PG_SRCS:.c=.o)

# The install script of the current version is assembled from the numbered
# pieces under src/sql; each upgrade script from the pieces under
# src/sql/FROM--TO/.  Released install scripts are frozen files
# (src/sql/news_analytics--X.Y.Z.sql) and are never edited.
SQL_PIECES := $(sort $(wildcard src/sql/[0-9]*.sql))
UPGRADE_DIRS := $(patsubst src/sql/%/,%,$(sort $(dir $(wildcard src/sql/*--*/[0-9]*.sql))))
UPGRADE_SCRIPTS := $(foreach d,$(UPGRADE_DIRS),$(EXTENSION)--$(d).sql)
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_SCRIPTS)
DATA = $(filter-out %--$(EXTVERSION).sql,$(wildcard src/sql/$(EXTENSION)--*.sql))

REGRESS := init $(filter-out init,$(basename $(notdir $(sort $(wildcard sql/*.sql)))))
REGRESS_OPTS = --inputdir=. --encoding=UTF8 --no-locale

PG_CPPFLAGS = -Isrc/core -Isrc/pg -DNA_EXTVERSION=\"$(EXTVERSION)\"
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
# The one list of libraries the core needs: the extension links with it, and
# so do the core unit tests and fuzzers (test/check.sh: make print-core-libs)
CORE_LIBS = -lgumbo -lpcre2-8 -lutf8proc -lstemmer -lm
SHLIB_LINK = $(CORE_LIBS)

EXTRA_CLEAN = test/unit/*_test test/fuzz/*_fuzzer build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object is rebuilt when a header or a generated table changes (PGXS
# tracks no dependencies: an object left from an older struct layout
# crashes the server)
$(OBJS): $(wildcard src/core/*.h src/core/*.inc src/pg/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PIECES) news_analytics.control
	cat $(SQL_PIECES) > $@

.SECONDEXPANSION:
$(EXTENSION)--%.sql: $$(sort $$(wildcard src/sql/%/[0-9]*.sql))
	cat $^ > $@

CORE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -Wno-unused-parameter

.PHONY: core-check data gazetteer print-core-libs sentiment-model keyword-data
core-check:
	@for f in $(CORE_SRCS); do \
		$(CC) $(CORE_CFLAGS) -Isrc/core -fsyntax-only $$f || exit 1; \
	done
	@echo "core builds as strict C11"

print-core-libs:
	@echo $(CORE_LIBS)

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

ISO_CODES_JSON ?= /usr/share/iso-codes/json
gazetteer:
	python3 src/tools/gen_gazetteer.py src/data/gazetteer $(ISO_CODES_JSON) src/sql/51_gazetteer_data.sql

sentiment-model:
	python3 src/tools/gen_sentiment_model.py
