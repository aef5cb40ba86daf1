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
         ./usr/share/dsreg/make-archive ./usr/share/man/man1/dsreg.1.gz ./usr/share/bash-completion/completions/dsreg; do
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
# The archive fits this Java: with -Xshare:on, Java refuses to start on an archive it cannot use.
DSREG_JAVA_OPTS=-Xshare:on dsreg --version >/dev/null || fail "the class-data archive does not fit this Java (-Xshare:on)"

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
rm -f /usr/share/dsreg/dsreg.jsa
dpkg-trigger --by-package=dsreg-smoke-test /usr/lib/jvm
dpkg --triggers-only --pending > /dev/null
[ -s /usr/share/dsreg/dsreg.jsa ] || fail "the trigger did not remake /usr/share/dsreg/dsreg.jsa"

# --- start-up benchmark, against the installed package -----------------------------------------
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
