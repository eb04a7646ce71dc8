#!/usr/bin/env bash
# tools/demo.sh: load the bundled observations into a throwaway cluster and
# print a short report answering the article's questions, showing the SQL.

cd "$(dirname "$0")/.."
. tools/common.sh

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster >/dev/null

psql -X -q -v ON_ERROR_STOP=1 -f tools/demo_load.sql
psql -X -q -v ON_ERROR_STOP=1 --echo-queries -f tools/demo.sql
