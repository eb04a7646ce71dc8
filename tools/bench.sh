#!/usr/bin/env bash
# tools/bench.sh [NAME...]: run bench/NAME.sql (default: all) on a throwaway
# cluster and print each comparison as a ratio measured in the same run.
# Not a test: the figures go into the README.

cd "$(dirname "$0")/.."
. tools/common.sh

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=1GB -c work_mem=1GB -c max_parallel_workers_per_gather=0 \
	-c jit=off -c shared_preload_libraries=adoption

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION adoption" -f bench/timing.sql

# The last release before the working tables, 0.4.0, beside this build: some
# benchmarks print its time in the same run.  Built from its tag as a module
# of its own (adoption040.so, settings adoption040.*, so that both load into
# one server) and installed from its own script into a schema release040.
# The two modules share function names, and PostgreSQL loads modules into
# one global symbol scope: the release is linked -Bsymbolic, so that it calls
# its own functions, and this build is preloaded, so that it is first in that
# scope and calls its own.
release=v0.4.0
release_dir=$(mktemp -d)
release_lib=$($PG_CONFIG --pkglibdir)/adoption040.so
trap 'stop_clusters; rm -rf "$release_dir"; $SUDO rm -f "$release_lib"' EXIT
echo "== building $release beside it, as adoption040"
git archive "$release" | tar -x -C "$release_dir"
sed -i -e 's/"adoption\.max_/"adoption040.max_/g' \
	-e 's/MarkGUCPrefixReserved("adoption")/MarkGUCPrefixReserved("adoption040")/' \
	"$release_dir"/src/*.c
make -s -C "$release_dir" PG_CONFIG="$PG_CONFIG" SHLIB_LINK=-Wl,-Bsymbolic >/dev/null
$SUDO install -m 755 "$release_dir/adoption.so" "$release_lib"
sed -e 's|MODULE_PATHNAME|$libdir/adoption040|g' -e '/^\\echo/d' \
	"$release_dir/adoption--${release#v}.sql" > "$release_dir/install.sql"
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "CREATE SCHEMA release040" \
	-c "SET search_path = release040" -f "$release_dir/install.sql"

if [ $# -eq 0 ]; then
	set -- $(cd bench && ls *.sql | grep -v '^timing.sql$' | sed 's/\.sql$//')
fi
for name in "$@"; do
	echo "== bench/$name.sql"
	psql -X -q -v ON_ERROR_STOP=1 -f "bench/$name.sql"
done
