#!/usr/bin/env bash
# Write test/reference/compat/fixtures.csv with adoption 0.4.0 itself: the
# text, the binary form and the bytes on disk of each summary that
# summaries.sql makes.  test/pgtap/compat.sql holds this version to them.
#
# Builds tag v0.4.0 in a git worktree and installs it over the current
# build for the time it runs, then installs the current build again.  Not
# part of the tests: run it by hand, from the top of the tree.
cd "$(dirname "$0")/../../.."
. tools/common.sh

ensure_packages "${BASE_PACKAGES[@]}"
old=$(mktemp -d /tmp/adoption-0.4.0.XXXXXX)
restore() {
	stop_clusters
	# 0.4.0 installed scripts this version does not have: none of them stays
	$SUDO rm -f "$("$PG_CONFIG" --sharedir)"/extension/adoption--*.sql
	$SUDO make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
	git worktree remove --force "$old/src" >/dev/null 2>&1
	rm -rf "$old"
}
git worktree add -q --detach "$old/src" v0.4.0
make -s -C "$old/src" PG_CONFIG="$PG_CONFIG" >/dev/null
cluster_start OLD
# after cluster_start, whose own trap this one replaces (restore stops the clusters)
trap restore EXIT
$SUDO make -s -C "$old/src" PG_CONFIG="$PG_CONFIG" install >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -h "$OLD_DIR" -p "$OLD_PORT" -U postgres -d postgres <<'SQL'
CREATE EXTENSION adoption VERSION '0.4.0';
CREATE EXTENSION pageinspect;
\i test/reference/compat/summaries.sql
\copy (SELECT * FROM compat_forms ORDER BY type, name) TO 'test/reference/compat/fixtures.csv' WITH (FORMAT csv, HEADER true)
SQL
echo "wrote test/reference/compat/fixtures.csv with 0.4.0"
