# Sourced by the package checks: repo (the checkout), deb and rpm (the one .deb and the one RPM that
# mvn -B package left in dist/target), fail and step (messages prefixed with the script's name).
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
check_name=$(basename "$0" .sh)
fail() { echo "$check_name: FAILED: $*" >&2; exit 1; }
step() { echo "$check_name: $*"; }
shopt -s nullglob
debs=("$repo"/dist/target/dsreg_*_all.deb)
rpms=("$repo"/dist/target/dsreg-*.noarch.rpm)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one dist/target/dsreg_*_all.deb, found ${#debs[@]}; run mvn -B package first"
[ ${#rpms[@]} -eq 1 ] || fail "expected one dist/target/dsreg-*.noarch.rpm, found ${#rpms[@]}; run mvn -B package first (rpmbuild: apt-get install rpm)"
deb=${debs[0]}
rpm=${rpms[0]}
