EXTENSION = adoption
EXTVERSION = 0.4.0

# One SQL fragment per release, src/sql/<version>.sql: the install script of
# each version is the fragments up to it, and the upgrade script from one
# version to the next is the next one's fragment.
RELEASES = 0.1.0 0.2.0 0.3.0 0.4.0
UPGRADES = $(join $(addsuffix --,$(filter-out $(lastword $(RELEASES)),$(RELEASES))),$(wordlist 2,$(words $(RELEASES)),$(RELEASES)))

MODULE_big = adoption
DATA_built = $(foreach v,$(RELEASES),$(EXTENSION)--$(v).sql) \
	$(foreach u,$(UPGRADES),$(EXTENSION)--$(u).sql)
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/core/*.c)))
HEADERS = $(wildcard src/*.h src/core/*.h)

TESTS = $(sort $(wildcard sql/*.sql))
REGRESS = $(patsubst sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

EXTRA_CLEAN = test/unit/test_core test/fuzz/fuzz_codec results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies without --enable-depend
$(OBJS): $(HEADERS)

SQL_GUARD = '\\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \\quit'

# adoption--X.sql: every fragment up to X
$(foreach v,$(RELEASES),$(EXTENSION)--$(v).sql): $(EXTENSION)--%.sql: $(wildcard src/sql/*.sql)
	( echo $(SQL_GUARD); for f in $(foreach r,$(RELEASES),src/sql/$(r).sql); do \
		echo; cat $$f; [ $$f = src/sql/$*.sql ] && break; done ) > $@

# adoption--X--Y.sql: fragment Y
$(foreach u,$(UPGRADES),$(EXTENSION)--$(u).sql): $(EXTENSION)--%.sql: $(wildcard src/sql/*.sql)
	( echo $(SQL_GUARD); echo; cat src/sql/$(lastword $(subst --, ,$*)).sql ) > $@

# Unit tests of src/core: plain C99, linked without a server.
CORE_SRCS = $(sort $(wildcard src/core/*.c))
test/unit/test_core: test/unit/test_core.c test/unit/tap.h $(CORE_SRCS) $(wildcard src/core/*.h)
	$(CC) -std=c99 -O2 -g -Wall -Wextra -pedantic -fsanitize=undefined -fno-sanitize-recover=all -Isrc/core -o $@ test/unit/test_core.c $(CORE_SRCS) -lm

# libFuzzer over the core's decoders, under AddressSanitizer and
# UndefinedBehaviorSanitizer; FUZZ_SECONDS bounds the run.  New inputs go to
# a scratch directory: the committed corpus only seeds.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 20
test/fuzz/fuzz_codec: test/fuzz/fuzz_codec.c $(CORE_SRCS) $(wildcard src/core/*.h)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Isrc/core -o $@ test/fuzz/fuzz_codec.c $(CORE_SRCS) -lm

fuzz: test/fuzz/fuzz_codec
	scratch=$$(mktemp -d) && \
	test/fuzz/fuzz_codec -max_total_time=$(FUZZ_SECONDS) -seed=1 -print_final_stats=1 \
		$$scratch test/fuzz/corpus; status=$$?; rm -rf $$scratch; exit $$status

.PHONY: unittest prove test demo bench fuzz
unittest: test/unit/test_core
	test/unit/test_core

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
