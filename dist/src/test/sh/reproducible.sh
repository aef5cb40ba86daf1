#!/usr/bin/env bash
# Reproducible packages: builds the .deb and the RPM again from a fresh clone of the same commit, in
# another directory, and compares them byte for byte with those in dist/target. Every time in them is
# the build's fixed time (project.build.outputTimestamp; the commit's when SOURCE_DATE_EPOCH is set, as
# .ci/run sets it: run both builds with the same value). On a difference, says which files differ.
# The second build runs in another time zone and locale. Needs git, rpm, cpio and the packages built
# (mvn -B package). .ci/run runs it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/built-packages.sh"
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] \
  || fail "the work tree has changes a clone of HEAD would not have; commit them first"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  echo "reproducible: SOURCE_DATE_EPOCH is not set: both builds must use the same; the first (dist/target) is"
  echo "reproducible: assumed to have been built without it, as this second one will be"
fi

echo "reproducible: building $(git -C "$repo" rev-parse --short HEAD) again in $work (SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-unset})"
git clone -q "$repo" "$work/src"
# another zone and locale than the first build's, as another machine would have
(cd "$work/src" && TZ=America/New_York LC_ALL=de_DE.UTF-8 mvn -B -q package -pl dist -am -Dmaven.test.skip=true \
  > "$work/build.log" 2>&1) \
  || { tail -40 "$work/build.log" >&2; fail "the second build"; }

same=true
for first in "$deb" "$rpm"; do
  second="$work/src/dist/target/$(basename "$first")"
  [ -f "$second" ] || fail "the second build made no $(basename "$first")"
  if cmp -s "$first" "$second"; then
    echo "reproducible: $(basename "$first"): identical ($(sha256sum < "$first" | cut -c1-16))"
    continue
  fi
  same=false
  echo "reproducible: $(basename "$first") differs; the files that differ:" >&2
  for f in "$first" "$second"; do
    d="$work/x$RANDOM"; mkdir -p "$d"
    case "$f" in
      *.deb) dpkg-deb -R "$f" "$d" ;;
      *.rpm) (cd "$d" && rpm2cpio "$f" | cpio -idm --quiet) && rpm -qp --qf '%{BUILDTIME} %{BUILDHOST}\n' "$f" > "$d/HEADER" ;;
    esac
    (cd "$d" && find . -type f -exec sha256sum {} + | sort -k2) > "$f.$$.sums"
  done
  diff "$first.$$.sums" "$second.$$.sums" >&2 || true
  rm -f "$first.$$.sums" "$second.$$.sums"
done
$same || fail "the packages differ between two builds of the same commit"
echo "reproducible: OK"
