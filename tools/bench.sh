#!/usr/bin/env bash
# tools/bench.sh [NAME...]: run bench/NAME.sql (default: all) on a throwaway
# cluster and print each comparison as a ratio measured in the same run.
# Not a test: the figures go into the README.

cd "$(dirname "$0")/.."
. tools/common.sh

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=1GB -c work_mem=1GB -c max_parallel_workers_per_gather=0 \
	-c jit=off

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION adoption" -f bench/timing.sql

if [ $# -eq 0 ]; then
	set -- $(cd bench && ls *.sql | grep -v '^timing.sql$' | sed 's/\.sql$//')
fi
for name in "$@"; do
	echo "== bench/$name.sql"
	psql -X -q -v ON_ERROR_STOP=1 -f "bench/$name.sql"
done
