#!/usr/bin/env bash
# Install from a package, as Debian's postgresql-15-* extensions install:
# debian/ builds with pg_buildext under dpkg-buildpackage, the .deb installs
# into PostgreSQL 15, and make installcheck passes against a fresh cluster
# using the packaged build.  Then the development build is put back.  Also
# checks META.json against the fields the PGXN spec (1.0.0) requires.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

src=$(pwd)
scratch=$(mktemp -d /tmp/adoption-deb.XXXXXX)
trap 'rm -rf "$scratch"; stop_clusters' EXIT

# the tree as it is, tracked and new files, without build products
mkdir "$scratch/adoption"
git ls-files -co --exclude-standard -z | tar -c --null -T - -f - | tar -x -C "$scratch/adoption"
(cd "$scratch/adoption" && dpkg-buildpackage -us -uc -b >"$scratch/build.log" 2>&1)
ok $? "dpkg-buildpackage -us -uc -b builds with pg_buildext" || tail -30 "$scratch/build.log"
deb=$(ls "$scratch"/postgresql-15-adoption_*_*.deb 2>/dev/null | head -1)
version=$(sed -n 's/^EXTVERSION = //p' Makefile)
is "$(dpkg-deb -f "$deb" Package Version | tr '\n' ' ')" "Package: postgresql-15-adoption Version: $version " \
	"the package is postgresql-15-adoption $version"
is "$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -E '\.(so|control|sql)$' | sort | tr '\n' ' ')" \
	"$(printf '%s\n' ./usr/lib/postgresql/15/lib/adoption.so ./usr/share/postgresql/15/extension/adoption.control \
		$(cd "$src" && ls src/install/adoption--*.sql | sed 's|src/install|./usr/share/postgresql/15/extension|') \
		"./usr/share/postgresql/15/extension/adoption--$version.sql" | sort | tr '\n' ' ')" \
	"it holds the library, the control file and every install and update script, no headers"

$SUDO dpkg -i "$deb" >"$scratch/dpkg.log" 2>&1
ok $? "dpkg -i installs it" || cat "$scratch/dpkg.log"
is "$(dpkg-query -S /usr/lib/postgresql/15/lib/adoption.so 2>/dev/null | cut -d: -f1)" postgresql-15-adoption \
	"the installed adoption.so is the package's"

cluster_start PKG
(cd "$scratch/adoption" && PGHOST=$PKG_DIR PGPORT=$PKG_PORT PGUSER=postgres \
	make -s installcheck PG_CONFIG="$PG_CONFIG" >"$scratch/installcheck.log" 2>&1)
ok $? "make installcheck passes against the packaged build in a fresh cluster" ||
	{ cat "$scratch/installcheck.log"; cat "$scratch/adoption/regression.diffs" 2>/dev/null | head -60; }
is "$(q PKG postgres -c 'CREATE EXTENSION adoption' -c "SELECT extversion FROM pg_extension WHERE extname = 'adoption'")" \
	"$version" "CREATE EXTENSION adoption from the package: version $version"

# put the development build back for the suites that follow
$SUDO dpkg --purge postgresql-15-adoption >/dev/null 2>&1
ok $? "dpkg --purge removes it"
$SUDO make -s -C "$src" install PG_CONFIG="$PG_CONFIG" >/dev/null
ok $? "make install puts the development build back"

# META.json: what PGXN's spec 1.0.0 requires, and versions that agree
python3 - "$version" <<'PY'
import json, re, sys
version = sys.argv[1]
meta = json.load(open("META.json"))
problems = [f"missing {k}" for k in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec")
            if k not in meta]
if meta.get("meta-spec", {}).get("version") != "1.0.0":
    problems.append("meta-spec version is not 1.0.0")
semver = re.compile(r"^\d+\.\d+\.\d+$")
if not semver.match(meta.get("version", "")):
    problems.append("version is not semantic")
for name, ext in meta.get("provides", {}).items():
    if not {"file", "version"} <= ext.keys():
        problems.append(f"provides.{name} lacks file or version")
    elif not semver.match(ext["version"]):
        problems.append(f"provides.{name}.version is not semantic")
    else:
        try:
            open(ext["file"]).close()
        except OSError:
            problems.append(f"provides.{name}.file {ext['file']} does not exist")
if meta.get("license") not in ("postgresql", "mit", "bsd", "apache_2_0", "gpl_3"):
    problems.append("license is not a PGXN license name")
control = open("adoption.control").read()
default = re.search(r"default_version = '([^']+)'", control).group(1)
debian = re.match(r"adoption \(([^)]+)\)", open("debian/changelog").read()).group(1)
versions = {"META.json": meta.get("version"), "provides": meta["provides"]["adoption"]["version"],
            "Makefile": version, "adoption.control": default, "debian/changelog": debian}
if len(set(versions.values())) != 1:
    problems.append(f"versions disagree: {versions}")
print(("ok" if not problems else "not ok") + " - META.json has the fields PGXN's spec requires, and every version is " + version)
for p in problems:
    print("#   " + p)
PY
TAP_COUNT=$((TAP_COUNT + 1))

done_testing >/dev/null
exit $TAP_FAILED
