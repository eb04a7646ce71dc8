#!/usr/bin/env bash
# tools/mutation.sh [SEED [COUNT]]: mutation testing of src/ (every C file,
# the core and the glue): COUNT mutants (default 150) drawn with SEED
# (default 1), each one token changed, built and tested by the fast suites
# (bash tools/test.sh --fast: unit, pg_regress, pgTAP).  Prints each verdict
# and the score; writes mutation-SEED.tsv.  A tool, not part of the test
# command: about a minute a mutant.  See docs/testing.md.
#
# It uses ../shared/tools/mutate.py (MUTATE=... to point elsewhere), and
# installs each mutant into PostgreSQL 15 in turn: run nothing else against
# that installation meanwhile.  The unmutated build is installed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1}
count=${2:-150}
MUTATE=${MUTATE:-../shared/tools/mutate.py}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export PG_CONFIG
exec python3 "$MUTATE" --files 'src/**/*.c' --count "$count" --seed "$seed" \
	--build "make -s -j2 PG_CONFIG=$PG_CONFIG" \
	--test 'bash tools/test.sh --fast >mutant.log 2>&1' \
	--restore "make -s -j2 PG_CONFIG=$PG_CONFIG && make -s install PG_CONFIG=$PG_CONFIG" \
	--timeout 600 --out "mutation-$seed.tsv"
