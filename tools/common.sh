# tools/common.sh: shared by tools/test.sh, tools/demo.sh and tools/bench.sh.
#
# Installs the Debian packages the project needs, builds and installs the
# extension, and starts a throwaway PostgreSQL 15 cluster in a temporary
# directory on a free local port, stopped (and deleted) when the script
# exits.  Never touches a system cluster.  As root it runs the cluster as the
# "postgres" user (initdb refuses root); otherwise it uses sudo for apt-get
# and "make install".

set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PG_CONFIG=$PG_BIN/pg_config
export PG_CONFIG

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
else
	SUDO=sudo
fi

# ensure_packages PKG...: apt-get install whichever are not installed yet.
ensure_packages() {
	local missing=() pkg
	for pkg in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
			missing+=("$pkg")
		fi
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "== installing ${missing[*]}"
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
}

BASE_PACKAGES=(build-essential postgresql-15 postgresql-server-dev-15)

# build_and_install: compile the extension and install it into PostgreSQL 15.
build_and_install() {
	echo "== building and installing the extension"
	make -s PG_CONFIG="$PG_CONFIG" >/dev/null
	$SUDO make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	local port
	for port in $(seq $((54320 + RANDOM % 500)) 55999); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	echo "no free port found" >&2
	return 1
}

# as_cluster_owner CMD...: run CMD as the owner of the throwaway cluster.
as_cluster_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# start_cluster [SETTING...]: initdb and start a cluster; exports PGHOST,
# PGPORT, PGUSER and PGDATABASE for every client that follows.  Extra
# arguments are "-c name=value" server settings.
start_cluster() {
	CLUSTER_DIR=$(mktemp -d /tmp/adoption-cluster.XXXXXX)
	chmod 755 "$CLUSTER_DIR"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$CLUSTER_DIR"
	fi
	trap stop_cluster EXIT
	as_cluster_owner "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres -A trust \
		-E UTF8 --locale=C.UTF-8 --no-sync >"$CLUSTER_DIR/initdb.log" 2>&1 || {
		cat "$CLUSTER_DIR/initdb.log" >&2
		return 1
	}
	CLUSTER_PORT=$(free_port)
	as_cluster_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w \
		-o "-p $CLUSTER_PORT -k $CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off $*" \
		start >/dev/null || {
		cat "$CLUSTER_DIR/server.log" >&2
		return 1
	}
	export PGHOST=$CLUSTER_DIR PGPORT=$CLUSTER_PORT PGUSER=postgres PGDATABASE=postgres
	echo "== throwaway cluster on port $CLUSTER_PORT in $CLUSTER_DIR"
}

stop_cluster() {
	if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
		as_cluster_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$CLUSTER_DIR"
	fi
}
