EXTENSION = adoption
EXTVERSION = 0.1.0

MODULE_big = adoption
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard upgrade/$(EXTENSION)--*--*.sql)
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/core/*.c)))
HEADERS = $(wildcard src/*.h src/core/*.h)

TESTS = $(sort $(wildcard sql/*.sql))
REGRESS = $(patsubst sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

EXTRA_CLEAN = test/unit/test_core results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: src/$(EXTENSION).sql
	cp $< $@

# Unit tests of src/core: plain C99, linked without a server.
CORE_SRCS = $(sort $(wildcard src/core/*.c))
test/unit/test_core: test/unit/test_core.c test/unit/tap.h $(CORE_SRCS) $(wildcard src/core/*.h)
	$(CC) -std=c99 -O2 -g -Wall -Wextra -pedantic -Isrc/core -o $@ test/unit/test_core.c $(CORE_SRCS) -lm

.PHONY: unittest prove test demo bench
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
