#!/usr/bin/env bash
# The packages as a distribution's checkers see them: lintian on the .deb (its overrides, each with its
# reason, are in dist/src/deb/lintian/dsreg) and rpmlint on the RPM (its filters, each with its reason,
# in dist/src/rpm/rpmlint.toml). Fails on any error, warning or unexplained info. .ci/run runs it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/built-packages.sh"
command -v lintian >/dev/null || fail "lintian is missing (apt-get install lintian)"
command -v rpmlint >/dev/null || fail "rpmlint is missing (apt-get install rpmlint)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "lintian $(basename "$deb")"
set +e
lintian --info --pedantic --display-info --fail-on error,warning,info "$deb" > "$work/lintian.out" 2>&1
code=$?
set -e
# (lintian says it would rather not run as root; CI runs as root)
grep -v '^running with root privileges is not recommended!$' "$work/lintian.out" > "$work/lintian" || true
cat "$work/lintian"
[ "$code" -eq 0 ] || fail "lintian exited $code"
! grep -q '^[EWIP]: ' "$work/lintian" || fail "lintian reports the lines above"

step "rpmlint $(basename "$rpm")"
set +e
rpmlint -c "$repo/dist/src/rpm/rpmlint.toml" "$rpm" > "$work/rpmlint" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || { cat "$work/rpmlint"; fail "rpmlint exited $code"; }
cat "$work/rpmlint"
! grep -q ': [EW]: ' "$work/rpmlint" || fail "rpmlint reports the errors or warnings above"
grep -q 'checked; 0 errors, 0 warnings' "$work/rpmlint" || fail "rpmlint's summary is not 0 errors, 0 warnings"
step OK
