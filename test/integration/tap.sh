# test/integration/tap.sh: TAP output for the integration tests, and
# psql against one of their clusters.  Sourced after tools/common.sh.

# a failing check is reported, not fatal
set +e

TAP_COUNT=0
TAP_FAILED=0

# ok CONDITION_STATUS DESCRIPTION: "ok N - ..." when the status is 0
ok() {
	local status=$1
	shift
	TAP_COUNT=$((TAP_COUNT + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $TAP_COUNT - $*"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_COUNT - $*"
	fi
}

# is GOT WANT DESCRIPTION
is() {
	local got=$1 want=$2
	shift 2
	if [ "$got" = "$want" ]; then
		ok 0 "$@"
	else
		ok 1 "$@"
		echo "#   got:  '$got'"
		echo "#   want: '$want'"
	fi
}

# q NAME DB SQL...: psql on cluster NAME, database DB, unaligned, quiet
q() {
	local name=$1 db=$2
	shift 2
	local port_var="${name}_PORT" dir_var="${name}_DIR"
	psql -X -q -A -t -v ON_ERROR_STOP=1 -h "${!dir_var}" -p "${!port_var}" -U postgres -d "$db" "$@"
}

done_testing() {
	echo "1..$TAP_COUNT"
	[ "$TAP_FAILED" -eq 0 ]
}
