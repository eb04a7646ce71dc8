#!/usr/bin/env bash
# tools/test.sh: every suite, on a throwaway cluster.  Ends with the line
# "N passed, N failed" summed over all suites; exits non-zero on any failure.
#
#   unit     C unit tests of src/core (no server)
#   regress  pg_regress, sql/*.sql against expected/*.out (make installcheck)
#   regress_jit  the transition-state and parallel files again, JIT-compiled
#   pgtap    pgTAP suites test/pgtap/*.sql (pg_prove)
#   integration  test/integration/*.sh: Citus, dump and restore, a pg_cron
#            refresh, postgres_fdw shards, the JDBC, psycopg2 and node-postgres
#            drivers, every function with edge arguments, the Debian package
#            and META.json (each starts its own clusters)
#   fuzz     libFuzzer over the core's decoders under ASan and UBSan (bounded)
#
# bash tools/test.sh --fast runs unit, regress and pgTAP only (what
# tools/mutation.sh runs for each mutant; the JIT pass repeats two regress
# files through the same C functions, at a quarter of the time).

cd "$(dirname "$0")/.."
. tools/common.sh

FAST=false
if [ "${1:-}" = "--fast" ]; then
	FAST=true
fi

ensure_packages "${BASE_PACKAGES[@]}" postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl \
	clang-14 libclang-rt-14-dev postgresql-15-cron libpostgresql-jdbc-java python3-psycopg2 \
	debhelper postgresql-server-dev-all
# a JDK (java runs the JDBC client from source) and Node.js with npm, unless present
command -v javac >/dev/null || ensure_packages default-jdk-headless
command -v npm >/dev/null || ensure_packages nodejs npm
build_and_install
start_cluster

passed=0
failed=0
LOG=$(mktemp -d /tmp/adoption-test.XXXXXX)

# tally SUITE STATUS OK_PATTERN FAIL_PATTERN: count a suite's results in $LOG/SUITE.
tally() {
	local suite=$1 status=$2 ok_pattern=$3 fail_pattern=$4 ok bad
	ok=$(grep -cE "$ok_pattern" "$LOG/$suite" || true)
	bad=$(grep -cE "$fail_pattern" "$LOG/$suite" || true)
	# a suite that died before reporting a failure still failed
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
	fi
	echo "== $suite: $ok passed, $bad failed"
	passed=$((passed + ok))
	failed=$((failed + bad))
}

echo "== unit tests of src/core"
set +e
make -s PG_CONFIG="$PG_CONFIG" unittest 2>&1 | tee "$LOG/unit"
status=${PIPESTATUS[0]}
set -e
tally unit "$status" '^ok ' '^not ok '

# regress_suite NAME [MAKE ARGUMENT...]: make installcheck, tallied as NAME
regress_suite() {
	local suite=$1 status
	shift
	set +e
	make -s PG_CONFIG="$PG_CONFIG" installcheck "$@" 2>&1 | tee "$LOG/$suite"
	status=${PIPESTATUS[0]}
	set -e
	[ -f regression.diffs ] && cat regression.diffs
	tally "$suite" "$status" '^(ok|test) .* ok( |$)|\.\.\. ok' '(FAILED|failed \(ignored\))( |$)'
}

echo "== pg_regress"
regress_suite regress

if ! $FAST; then
	echo "== pg_regress again with every expression JIT-compiled (the transition steps differ)"
	PGOPTIONS="-c jit=on -c jit_above_cost=0 -c jit_inline_above_cost=0 -c jit_optimize_above_cost=0" \
		regress_suite regress_jit REGRESS="transition_states parallel"
fi

echo "== pgTAP"
psql -q -X -v ON_ERROR_STOP=1 -c "CREATE DATABASE adoption_tap" >/dev/null
set +e
PGDATABASE=adoption_tap make -s PG_CONFIG="$PG_CONFIG" prove 2>&1 | tee "$LOG/pgtap"
status=${PIPESTATUS[0]}
set -e
tally pgtap "$status" '^ok ' '^not ok '

if $FAST; then
	rm -rf "$LOG"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

echo "== integration: several servers, pg_dump, pg_cron, drivers"
: >"$LOG/integration"
status=0
for script in test/integration/*.sh; do
	[ "$script" = test/integration/tap.sh ] && continue
	echo "# $script"
	bash "$script" 2>&1 | tee -a "$LOG/integration" || status=1
done
tally integration "$status" '^ok ' '^not ok '

echo "== libFuzzer over the text and binary decoders (${FUZZ_SECONDS:-20} s)"
set +e
make -s PG_CONFIG="$PG_CONFIG" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" >"$LOG/fuzz.log" 2>&1
status=$?
set -e
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG/fuzz.log")
if [ "$status" -eq 0 ] && [ -n "$runs" ]; then
	echo "ok 1 - $runs inputs decoded under AddressSanitizer and UndefinedBehaviorSanitizer: no crash, every valid value round-trips" | tee "$LOG/fuzz"
else
	tail -40 "$LOG/fuzz.log"
	echo "not ok 1 - libFuzzer found a crash or a round-trip failure (exit $status)" | tee "$LOG/fuzz"
fi
tally fuzz "$status" '^ok ' '^not ok '

rm -rf "$LOG"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
