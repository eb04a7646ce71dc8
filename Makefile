EXTENSION = adoption
EXTVERSION = 0.5.0

# src/install/adoption.sql is the install script of the current version;
# adoption--0.1.0.sql installs the oldest, and adoption--X--Y.sql updates X
# to Y (PostgreSQL installs any earlier version from the oldest and its
# updates).  Each gets the guard line that refuses psql.
INSTALL_SCRIPTS = $(notdir $(wildcard src/install/$(EXTENSION)--*.sql))

MODULE_big = adoption
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(INSTALL_SCRIPTS)
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/core/*.c)))
# (not HEADERS: PGXS would install them)
GLUE_HEADERS = $(wildcard src/*.h src/core/*.h)

TESTS = $(sort $(wildcard sql/*.sql))
REGRESS = $(patsubst sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

EXTRA_CLEAN = $(UNIT_TESTS) test/fuzz/fuzz_codec results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies without --enable-depend
$(OBJS): $(GLUE_HEADERS)

SQL_GUARD = '\\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \\quit'

$(EXTENSION)--$(EXTVERSION).sql: src/install/$(EXTENSION).sql
	( echo $(SQL_GUARD); echo; cat $< ) > $@

$(INSTALL_SCRIPTS): %.sql: src/install/%.sql
	( echo $(SQL_GUARD); echo; cat $< ) > $@

# Unit tests of src/core: plain C99, linked without a server, under AddressSanitizer and UBSan.
# The core formats numbers with PostgreSQL's own Ryu (double_to_shortest_
# decimal_bufn), which the server exports and libpgcommon holds.
CORE_SRCS = $(sort $(wildcard src/core/*.c))
CORE_HEADERS = $(wildcard src/core/*.h)
PG_LIBS = $(shell $(PG_CONFIG) --pkglibdir)/libpgcommon.a $(shell $(PG_CONFIG) --pkglibdir)/libpgport.a
UNIT_TESTS = $(patsubst %.c,%,$(sort $(wildcard test/unit/test_*.c)))
$(UNIT_TESTS): %: %.c test/unit/tap.h $(CORE_SRCS) $(CORE_HEADERS)
	$(CC) -std=c99 -O2 -g -Wall -Wextra -pedantic -fsanitize=address,undefined -fno-sanitize-recover=all \
		-Isrc/core -Itest/unit -o $@ $< $(CORE_SRCS) $(PG_LIBS) -lm

# libFuzzer over the core's decoders, under AddressSanitizer and
# UndefinedBehaviorSanitizer; FUZZ_SECONDS bounds the run.  New inputs and
# crash files go to a scratch directory: the committed corpus only seeds.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 20
test/fuzz/fuzz_codec: test/fuzz/fuzz_codec.c $(CORE_SRCS) $(CORE_HEADERS)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Isrc/core -Itest/unit -o $@ test/fuzz/fuzz_codec.c $(CORE_SRCS) $(PG_LIBS) -lm

fuzz: test/fuzz/fuzz_codec
	scratch=$$(mktemp -d) && \
	test/fuzz/fuzz_codec -max_total_time=$(FUZZ_SECONDS) -seed=1 -print_final_stats=1 \
		-artifact_prefix=$$scratch/ $$scratch test/fuzz/corpus; status=$$?; \
	if [ $$status -ne 0 ]; then ls $$scratch/crash-* 2>/dev/null | head -3 | xargs -r -n1 xxd | head -40; fi; \
	rm -rf $$scratch; exit $$status

.PHONY: unittest prove test demo bench fuzz
unittest: $(UNIT_TESTS)
	for t in $(UNIT_TESTS); do $$t || status=1; done; exit $${status:-0}

# pgTAP suites against the server named by PGHOST/PGPORT/PGUSER.
prove:
	pg_prove --verbose --ext .sql -r test/pgtap

# Everything, on a fresh machine: packages, build, a throwaway cluster.
test:
	bash tools/test.sh

demo:
	bash tools/demo.sh

bench:
	bash tools/bench.sh
