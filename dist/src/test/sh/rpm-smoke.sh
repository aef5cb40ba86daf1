#!/usr/bin/env bash
# The RPM as Debian's rpm tool sees it: its header (version, requires, recommends), its scripts and
# file triggers, its digests (no signature: none is made), the same files as the .deb, and an
# installation into a scratch root (no dependencies, no scripts) that lands exactly its files and
# runs, then its removal. Needs the packages built (mvn -B package) and rpm. .ci/run runs it.
#   dist/src/test/sh/rpm-smoke.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/built-packages.sh"
command -v rpm >/dev/null || fail "rpm is missing (apt-get install rpm)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "package $(basename "$rpm")"
rpm -qpi "$rpm"

# One version for jar, .deb and .rpm: the POM's, a hyphen made a tilde in both packages.
version=$(rpm -qp --qf '%{VERSION}' "$rpm")
deb_version=$(dpkg-deb --field "$deb" Version)
[ "$version" = "$deb_version" ] || fail "the RPM's version $version is not the .deb's $deb_version"
[ "$(basename "$rpm")" = "dsreg-$version.noarch.rpm" ] || fail "the RPM is named $(basename "$rpm")"
[ "$(rpm -qp --qf '%{ARCH}' "$rpm")" = noarch ] || fail "the RPM is not noarch"

# Dependencies: the distribution's Java 17 headless runtime (or newer), tpm2-tss recommended.
rpm -qp --requires "$rpm" > "$work/requires"
grep -q 'java-17-openjdk-headless' "$work/requires" || fail "the RPM does not require java-17-openjdk-headless: $(cat "$work/requires")"
rpm -qp --recommends "$rpm" | grep -qx 'tpm2-tss' || fail "the RPM does not recommend tpm2-tss"

# Scripts: the archive made by %post, removed by %preun on removal only; the file triggers on /usr/lib/jvm.
rpm -qp --scripts "$rpm" > "$work/scripts"
awk '/^postinstall scriptlet/{p=1;next} /scriptlet/{p=0} p' "$work/scripts" | grep -q '^/usr/share/dsreg/make-archive' \
  || fail "%post does not run make-archive: $(cat "$work/scripts")"
awk '/^preuninstall scriptlet/{p=1;next} /scriptlet/{p=0} p' "$work/scripts" > "$work/preun"
grep -q '"$1" -eq 0' "$work/preun" && grep -q 'dsreg.jsa' "$work/preun" && grep -q 'dsreg.aot' "$work/preun" \
  || fail "%preun does not remove the archive and the cache on removal only: $(cat "$work/preun")"
rpm -qp --filetriggers "$rpm" > "$work/triggers"
grep -q '^transfiletriggerin scriptlet.* -- /usr/lib/jvm$' "$work/triggers" || fail "no %transfiletriggerin on /usr/lib/jvm: $(cat "$work/triggers")"
grep -q '^transfiletriggerpostun scriptlet.* -- /usr/lib/jvm$' "$work/triggers" || fail "no %transfiletriggerpostun on /usr/lib/jvm"

# Integrity: every digest checks (there is no signature to check).
rpm -Kv --nosignature "$rpm" > "$work/digests" 2>&1 || fail "rpm -K: $(cat "$work/digests")"
! grep -qi 'NOT OK\|BAD' "$work/digests" || fail "rpm -K: $(cat "$work/digests")"
grep -q 'Payload SHA256 digest: OK' "$work/digests" || fail "no payload digest checked: $(cat "$work/digests")"

# The same files as the .deb, same modes: its units under /lib/systemd/system (Debian 12's place), its
# copyright file as the RPM's license file; the RPM's changelog is in its header, and lintian's
# overrides are Debian's alone.
dpkg-deb --contents "$deb" | awk '$1 !~ /^d/ {sub(/^\./, "", $NF); print substr($1, 2) " " $NF}' \
  | sed 's| /lib/systemd/system/| /usr/lib/systemd/system/|; s| /usr/share/doc/dsreg/copyright$| /usr/share/licenses/dsreg/copyright|' \
  | grep -v ' /usr/share/doc/dsreg/changelog.gz$\| /usr/share/lintian/overrides/dsreg$' | sort > "$work/deb.files"
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" | awk '$1 !~ /^d/ {print substr($1, 2) " " $2}' | sort > "$work/rpm.files"
diff "$work/deb.files" "$work/rpm.files" > "$work/files.diff" || fail "the RPM's files differ from the .deb's (< deb, > rpm): $(cat "$work/files.diff")"
step "$(wc -l < "$work/rpm.files") files, as in the .deb"
rpm -qp --changelog "$rpm" | grep -q "^\* .* - $version-1\$" || fail "the RPM's changelog has no entry for $version-1"
rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' "$rpm" | grep -qx 'l /usr/share/licenses/dsreg/copyright' \
  || fail "the copyright file is not the RPM's %license"
cmp <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/dsreg/copyright) \
  <(rpm2cpio "$rpm" | cpio -i --quiet --to-stdout ./usr/share/licenses/dsreg/copyright) \
  || fail "the RPM's copyright file is not the .deb's"

# Install into a scratch root, no dependencies and no scripts: exactly the package's files land.
root=$work/root
mkdir -p "$root"
rpm --root "$root" --dbpath /var/lib/rpm --initdb
(cd "$root" && find . -path ./var -prune -o -print | sort) > "$work/before"
rpm --root "$root" --dbpath /var/lib/rpm --nodeps --noscripts -i "$rpm" || fail "rpm --root -i"
rpm --root "$root" --dbpath /var/lib/rpm -q dsreg >/dev/null || fail "dsreg is not installed in the scratch root"
(cd "$root" && find . -path ./var -prune -o ! -type d -print | sed 's|^\.||' | sort) > "$work/landed"
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" | awk '$1 !~ /^d/ {print $2}' | sort > "$work/listed"
diff "$work/listed" "$work/landed" > "$work/landed.diff" || fail "what landed is not what rpm -qpl lists: $(cat "$work/landed.diff")"
rpm --root "$root" --dbpath /var/lib/rpm -V --nodeps dsreg || fail "rpm -V: the installed files differ from the package"
step "landed in a scratch root: $(wc -l < "$work/landed") files; runs:"
# (the jar names its libraries where they are installed, /usr/share/dsreg/lib: here they are under the root)
java -cp "$root/usr/share/dsreg/dsreg.jar:$root/usr/share/dsreg/lib/*" org.dsreg.cli.Main --version > "$work/version" || fail "dsreg --version from the scratch root"
head -1 "$work/version"
[ "$(head -1 "$work/version" | awk '{print $2}' | tr '-' '~')" = "$version" ] || fail "dsreg --version is not the package's version $version"

rpm --root "$root" --dbpath /var/lib/rpm --nodeps --noscripts -e dsreg || fail "rpm --root -e"
# nothing the package owns is left, files or directories (the shared parents, /usr/share..., stay)
left=$(rpm -qpl "$rpm" | while read -r path; do [ ! -e "$root$path" ] || echo "$path"; done)
[ -z "$left" ] || fail "left after rpm -e: $left"
rpm -qpl "$rpm" | grep -qx /usr/share/licenses/dsreg || fail "the RPM does not own /usr/share/licenses/dsreg"
(cd "$root" && find . -path ./var -prune -o -print | sort) > "$work/after"
comm -13 "$work/before" "$work/after" | grep -i dsreg && fail "left after rpm -e (the lines above)"
step "removed; nothing left. OK"
