#!/usr/bin/env bash
# tools/mutation.sh [SEED [COUNT]]: mutation testing of src/ (every C file,
# the core and the glue): COUNT mutants (default 150) drawn with SEED
# (default 1), each one token changed, built and tested by the fast suites
# (bash tools/test.sh --fast: unit, pg_regress, pgTAP).  Prints each verdict
# and the score; writes mutation-SEED.tsv.  A tool, not part of the test
# command: about half a minute a mutant.  See docs/testing.md.
#
# It uses ../shared/tools/mutate.py (MUTATE=... to point elsewhere).  The
# mutants are installed into a private copy of PostgreSQL 15
# (MUTATION_PG, default /tmp/adoption-mutation-pg), so the system's
# installation keeps the real build and other runs may go on meanwhile.
#
# tools/mutation.sh --survivors SEED [COUNT] tests again, with the tests as
# they are now, the mutants that survived that run (the sources unchanged).
set -euo pipefail
cd "$(dirname "$0")/.."
survivors=false
if [ "${1:-}" = "--survivors" ]; then
	survivors=true
	shift
fi
seed=${1:-1}
count=${2:-150}
MUTATE=${MUTATE:-../shared/tools/mutate.py}
copy=${MUTATION_PG:-/tmp/adoption-mutation-pg}

# the unmutated tree passes first (and every package the suites need is there)
bash tools/test.sh --fast >/dev/null 2>&1 || { echo "the fast suites fail without a mutant" >&2; exit 1; }
if [ ! -x "$copy/usr/lib/postgresql/15/bin/postgres" ]; then
	mkdir -p "$copy/usr/lib/postgresql" "$copy/usr/share/postgresql" "$copy/usr/include"
	cp -a /usr/lib/postgresql/15 "$copy/usr/lib/postgresql/"
	cp -a /usr/share/postgresql/15 "$copy/usr/share/postgresql/"
	cp -a /usr/include/postgresql "$copy/usr/include/"
fi
export PG_BIN=$copy/usr/lib/postgresql/15/bin
export PG_CONFIG=$PG_BIN/pg_config
if $survivors; then
	MUTATE=$MUTATE BUILD="make -s -j2 PG_CONFIG=$PG_CONFIG" TEST='bash tools/test.sh --fast' \
		exec python3 tools/mutation_survivors.py "$seed" "$count"
fi
exec python3 "$MUTATE" --files 'src/**/*.c' --count "$count" --seed "$seed" \
	--build "make -s -j2 PG_CONFIG=$PG_CONFIG" \
	--test 'bash tools/test.sh --fast >mutant.log 2>&1' \
	--restore "make -s -j2 PG_CONFIG=$PG_CONFIG && make -s install PG_CONFIG=$PG_CONFIG" \
	--timeout 600 --out "mutation-$seed.tsv"
