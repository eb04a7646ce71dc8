#!/usr/bin/env bash
# Every function and aggregate of the extension with arguments at and past
# their edges (test/fuzz/arguments.py): an answer or an error of its own,
# never an internal error or a crashed backend.  Prints TAP.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

cluster_start ARGS
q ARGS postgres -c "CREATE EXTENSION adoption"
ok $? "CREATE EXTENSION adoption"
PGHOST=$ARGS_DIR PGPORT=$ARGS_PORT PGDATABASE=postgres /usr/bin/python3 test/fuzz/arguments.py
status=$?
done_testing >/dev/null
exit $(( status || TAP_FAILED ))
