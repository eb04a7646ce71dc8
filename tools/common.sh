# tools/common.sh: shared by tools/test.sh, tools/demo.sh and tools/bench.sh.
#
# Installs the Debian packages the project needs, builds and installs the
# extension, and starts a throwaway PostgreSQL 15 cluster in a temporary
# directory on a free local port, stopped (and deleted) when the script
# exits.  Never touches a system cluster.  As root it runs the cluster as the
# "postgres" user (initdb refuses root); otherwise it uses sudo for apt-get
# and "make install".

set -euo pipefail

# PG_BIN may name another installation of PostgreSQL 15 (tools/mutation.sh
# uses a private copy); PG_CONFIG is its pg_config
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
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

CLUSTERS=()

# cluster_start NAME [SETTING...]: initdb and start a cluster in a new
# temporary directory on a free port; sets NAME_PORT and NAME_DIR.  Extra
# arguments are "-c name=value" server settings.  Every cluster started is
# stopped and deleted when the script exits.
cluster_start() {
	local name=$1 dir port
	shift
	dir=$(mktemp -d "/tmp/adoption-${name,,}.XXXXXX")
	chmod 755 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$dir"
	fi
	if [ ${#CLUSTERS[@]} -eq 0 ]; then
		trap stop_clusters EXIT
	fi
	CLUSTERS+=("$dir")
	as_cluster_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust \
		-E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		return 1
	}
	port=$(free_port)
	as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off $*" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		return 1
	}
	printf -v "${name}_PORT" %s "$port"
	printf -v "${name}_DIR" %s "$dir"
}

stop_clusters() {
	local dir
	for dir in "${CLUSTERS[@]}"; do
		as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$dir"
	done
}

# start_cluster [SETTING...]: one cluster, and PGHOST, PGPORT, PGUSER and
# PGDATABASE exported for every client that follows.
start_cluster() {
	cluster_start MAIN "$@"
	export PGHOST=$MAIN_DIR PGPORT=$MAIN_PORT PGUSER=postgres PGDATABASE=postgres
	echo "== throwaway cluster on port $MAIN_PORT in $MAIN_DIR"
}
