#!/usr/bin/env bash
# The Debian package as an administrator meets it: install (with apt, so that Depends are
# resolved), run, read the man page, complete an option, measure the start, remove, reinstall,
# purge; and check that nothing is left behind. Needs root, the package built (mvn -B verify or
# mvn -B package), man-db, and /usr/bin/time for the benchmark. .ci/run runs it.
#   dist/src/test/sh/deb-smoke.sh [BENCH_RUNS]   (default 15; 0 skips the benchmark)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
bench_runs=${1:-15}
shopt -s nullglob
debs=("$repo"/dist/target/dsreg_*_all.deb)
[ ${#debs[@]} -eq 1 ] || { echo "deb-smoke: expected one dist/target/dsreg_*_all.deb, found ${#debs[@]}; run mvn -B package first" >&2; exit 1; }
deb=${debs[0]}
[ "$(id -u)" -eq 0 ] || { echo "deb-smoke: installing a package needs root" >&2; exit 1; }
command -v man >/dev/null || { echo "deb-smoke: man is missing (apt-get install man-db)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "deb-smoke: $*"; }
fail() { echo "deb-smoke: FAILED: $*" >&2; exit 1; }
installed() { dpkg-query -W -f='${db:Status-Status}' dsreg 2>/dev/null | grep -qx installed; }

# --- what the package holds --------------------------------------------------------------------
step "package $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Depends Recommends
dpkg-deb --contents "$deb" | awk '{print $NF}' > "$work/contents"
for f in ./usr/bin/dsreg ./usr/share/dsreg/dsreg.jar ./usr/share/dsreg/jvm.options ./usr/share/dsreg/dsreg.classlist \
         ./usr/share/dsreg/jvm25.options ./usr/share/dsreg/java-select ./usr/share/dsreg/make-archive ./usr/share/man/man1/dsreg.1.gz ./usr/share/bash-completion/completions/dsreg; do
  grep -qx "$f" "$work/contents" || fail "the package has no $f"
done
[ "$(grep -c '^\./usr/share/dsreg/lib/.*\.jar$' "$work/contents")" -ge 10 ] || fail "the package's lib/ is nearly empty"

# The man page renders without a warning (read from the package itself, installed or not).
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/man/man1/dsreg.1.gz | gzip -dc > "$work/dsreg.1"
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$work/dsreg.1" > "$work/man.txt" 2> "$work/man.err" || fail "man -l: $(cat "$work/man.err")"
[ ! -s "$work/man.err" ] || fail "the man page has troff warnings: $(cat "$work/man.err")"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
  grep -q "^$s" "$work/man.txt" || fail "the man page has no $s section"
done

# --- install -----------------------------------------------------------------------------------
if installed; then
  step "removing the dsreg installed before this test"
  dpkg -P dsreg >/dev/null
fi
install_package() {
  step "apt-get install ./$(basename "$deb")"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install"; }
  installed || fail "dsreg is not installed after apt-get install"
  [ -x /usr/bin/dsreg ] || fail "/usr/bin/dsreg is not executable"
  [ -s /usr/share/dsreg/dsreg.jsa ] || { cat "$work/apt.log" >&2; fail "postinst made no class-data archive /usr/share/dsreg/dsreg.jsa"; }
}
install_package

# Exactly what app-cli/target has: dsreg.jar and the lib/ its manifest names.
for j in "$repo"/app-cli/target/lib/*.jar; do
  [ -f "/usr/share/dsreg/lib/$(basename "$j")" ] || fail "/usr/share/dsreg/lib has no $(basename "$j")"
done

# --- run ---------------------------------------------------------------------------------------
step "dsreg --status"
dsreg --status || fail "dsreg --status exited $?"
dsreg --status --json > "$work/status.json" || fail "dsreg --status --json exited $?"
grep -q '"schemaVersion"' "$work/status.json" || fail "dsreg --status --json printed no status document"
step "dsreg --help"
dsreg --help > "$work/help.txt" || fail "dsreg --help exited $?"
head -3 "$work/help.txt"
grep -q -- '--status' "$work/help.txt" || fail "dsreg --help does not show --status"
dsreg --version | grep -q '^dsreg ' || fail "dsreg --version"

# --- which Java: the newest Java 25 or later with its ahead-of-time cache, else java -------------
# (found here without the package's java-select: the home whose release file says 25 or later)
java25= major25=0
for release in /usr/lib/jvm/*/release; do
  home=${release%/release}
  { [ -L "$home" ] || [ ! -x "$home/bin/java" ]; } && continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  if [ "${major:-0}" -ge 25 ] && [ "$major" -gt "$major25" ]; then java25=$home major25=$major; fi
done
java17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
# quiet COMMAND...: runs it with no bus; it must exit 0 and write nothing on stderr (stdout: $work/out)
quiet() {
  DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent \
    DSREG_STATE_DIR="$work/no-state" "$@" > "$work/out" 2> "$work/err" </dev/null || fail "$* exited $?: $(head -3 "$work/err")"
  [ ! -s "$work/err" ] || fail "$* wrote on stderr: $(head -5 "$work/err")"
}
# quiet_runs [VAR=VALUE...]: the commands people time, each quiet; --status --json a status document
quiet_runs() {
  quiet env "$@" dsreg --status
  quiet env "$@" dsreg --help
  quiet env "$@" dsreg --status --json
  # the whole of stdout is one JSON document: a Java message on stdout (a stale cache's) would break it
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if "schemaVersion" in d else 1)' "$work/out" \
    || fail "dsreg --status --json ($*) printed no status document alone: $(head -3 "$work/out")"
}
if [ -n "$java25" ]; then
  step "Java $major25 is installed ($java25): dsreg runs it, from its ahead-of-time cache, quietly"
  [ "$(cat /usr/share/dsreg/java-home 2>/dev/null)" = "$java25" ] || fail "/usr/share/dsreg/java-home does not name $java25"
  [ -s /usr/share/dsreg/dsreg.aot ] || fail "postinst made no ahead-of-time cache /usr/share/dsreg/dsreg.aot"
  quiet dsreg --version
  grep -q "^Java $major25\." "$work/out" || fail "dsreg --version does not run Java $major25: $(cat "$work/out")"
  # the cache fits this Java: with -XX:AOTMode=on, Java refuses to start on a cache it cannot use
  quiet env DSREG_JAVA_OPTS=-XX:AOTMode=on dsreg --version
  quiet_runs
  # JNA loads its native library for a TPM named by a TCTI (port 1: none there): no JEP 472 warning
  quiet dsreg --list-key-storages --tpm-tcti swtpm:host=127.0.0.1,port=1
  grep -q 'Key Storage: tpm' "$work/out" || fail "dsreg --list-key-storages lists no tpm"
else
  step "no Java 25 or later in /usr/lib/jvm: dsreg runs java"
  [ ! -e /usr/share/dsreg/java-home ] && [ ! -e /usr/share/dsreg/dsreg.aot ] || fail "a Java 25 choice or cache without a Java 25"
fi
step "DSREG_JAVA_HOME=$java17 pins dsreg to that Java, with its class-data archive, quietly"
quiet env DSREG_JAVA_HOME="$java17" dsreg --version
grep -q '^Java 17\.' "$work/out" || fail "DSREG_JAVA_HOME=$java17 dsreg --version: $(cat "$work/out")"
# The archive fits this Java: with -Xshare:on, Java refuses to start on an archive it cannot use.
quiet env DSREG_JAVA_HOME="$java17" DSREG_JAVA_OPTS=-Xshare:on dsreg --version
quiet_runs DSREG_JAVA_HOME="$java17"
step "a stale cache and archive (the jar changed since they were made) are passed over quietly"
touch /usr/share/dsreg/dsreg.jar                      # the trigger's test below makes them again
quiet_runs
quiet_runs DSREG_JAVA_HOME="$java17"

# --- man page ----------------------------------------------------------------------------------
excluded=$(grep -hs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/* || true)
if [ -z "$excluded" ]; then
  step "man -w dsreg"
  [ "$(man -w dsreg)" = /usr/share/man/man1/dsreg.1.gz ] || fail "man -w dsreg: $(man -w dsreg 2>&1)"
  MANWIDTH=80 man dsreg > "$work/man-installed.txt" 2>&1 || fail "man dsreg: $(cat "$work/man-installed.txt")"
  grep -q -- '--state-dir' "$work/man-installed.txt" || fail "man dsreg does not show --state-dir"
else
  # This machine's dpkg drops man pages at unpacking (a container image's choice); the package
  # still ships the page, which is checked above from the package itself.
  step "this machine's dpkg excludes man pages ($excluded): man -w is not checked;" \
       "the package lists its page: $(dpkg -L dsreg | grep man1 | tr "\n" " ")"
  dpkg -L dsreg | grep -qx /usr/share/man/man1/dsreg.1.gz || fail "dpkg -L dsreg lists no man page"
fi

# --- completion --------------------------------------------------------------------------------
step "bash completion of 'dsreg --st'"
completions=$(bash -c '
  source /usr/share/bash-completion/completions/dsreg
  compopt() { :; }                                   # only valid inside a real completion
  fn=$(complete -p dsreg | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
  COMP_WORDS=(dsreg --st); COMP_CWORD=1; COMP_LINE="dsreg --st"; COMP_POINT=${#COMP_LINE}
  "$fn" dsreg --st dsreg
  printf "%s\n" "${COMPREPLY[@]}"')
echo "$completions"
[ "$(echo "$completions" | sort | tr '\n' ' ')" = "--state-dir --status " ] || fail "completing --st gave: $completions"

# --- a Java update remakes the archive (the package's file trigger on /usr/lib/jvm) -------------
step "a change under /usr/lib/jvm remakes the archive"
rm -f /usr/share/dsreg/dsreg.jsa /usr/share/dsreg/dsreg.aot /usr/share/dsreg/java-home
dpkg-trigger --by-package=dsreg-smoke-test /usr/lib/jvm
dpkg --triggers-only --pending > /dev/null
[ -s /usr/share/dsreg/dsreg.jsa ] || fail "the trigger did not remake /usr/share/dsreg/dsreg.jsa"
if [ -n "$java25" ]; then
  [ -s /usr/share/dsreg/dsreg.aot ] && [ "$(cat /usr/share/dsreg/java-home)" = "$java25" ] \
    || fail "the trigger did not remake /usr/share/dsreg/dsreg.aot and java-home"
fi

# --- start-up benchmark, against the installed package -----------------------------------------
# (it measures each Java itself: the default one and every Java 25 or newer, with the trivial main on each)
if [ "$bench_runs" -gt 0 ]; then
  "$repo/bench/startup.sh" "$bench_runs" installed
fi

# --- remove, reinstall, purge ------------------------------------------------------------------
gone() {
  if [ "$1" = "dpkg -P" ]; then
    ! dpkg -L dsreg >/dev/null 2>&1 || fail "dpkg -L dsreg still knows the package after $1"
  else
    # removed, not purged: dpkg keeps the package's record (for its postrm purge), but no file
    [ -z "$(dpkg -L dsreg 2>/dev/null | grep '^/')" ] || fail "dpkg -L dsreg still lists files after $1"
  fi
  for f in /usr/bin/dsreg /usr/share/dsreg /usr/share/man/man1/dsreg.1.gz /usr/share/bash-completion/completions/dsreg; do
    [ ! -e "$f" ] || fail "$f is left after $1"
  done
}
step "dpkg -r dsreg"
dpkg -r dsreg > /dev/null
gone "dpkg -r"
install_package
step "dpkg -P dsreg"
dpkg -P dsreg > /dev/null
gone "dpkg -P"
step "passed"
