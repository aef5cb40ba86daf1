#!/usr/bin/env bash
# Cost of `dsreg --join` with software keys against the local DRS emulator, as a ratio to the cost of
# the two RSA-2048 key generations a join needs, both measured in this one run. Asserts nothing: it
# prints medians and ratios, and fails only when a join (or the emulator) fails.
#
#   bench/join.sh [ROUNDS]        (default 11)
#     DSREG_JAR=/path/dsreg.jar   another build's jar (with its lib/ beside it), e.g. to compare before/after
#
# Baseline K: a trivial Java main, run by the same java with the same JVM options (jvm.options), that
# makes two RSA-2048 key pairs one after the other as dsreg's software backend makes each (the JDK's
# KeyPairGenerator "RSA", RSAKeyGenParameterSpec(2048, F4), the private key encoded) and exits.
# dsreg runs as `java @jvm.options -XX:SharedArchiveFile=A -jar app-cli/target/dsreg.jar --join ...`
# (not ./dsreg, whose check for newer sources costs a find over the checkout), each join into a new
# state directory (the emulator accepts any number of joins), with two class-data archives made here:
#   status archive  what ./dsreg makes: trained on a `--status` with no bus
#   join archive    trained on one join against the same emulator (the ratio that counts)
# The three commands run in turn within each round, so that a busy machine slows them alike. RSA key
# generation time varies a lot from run to run (a random search for primes): use enough rounds.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"   # proxies unset, median, ratio, ms
here=$bench_here
rounds=${1:-11}
options="$here/dist/src/deb/usr/share/dsreg/jvm.options"
if [ -n "${DSREG_JAR:-}" ]; then
  jar=$DSREG_JAR
else
  "$here/dsreg" --version >/dev/null   # builds the CLI when needed
  jar="$here/app-cli/target/dsreg.jar"
fi
work=$bench_work
trap 'kill "${emu:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

# the emulator, started as tools/try-join-locally starts it
mkfifo "$work/out"
"$here/tools/drs-emulator" "$work/drs" --token admin@contoso.example --ignore-stdin > "$work/out" 2>"$work/emulator.err" &
emu=$!
exec 3< "$work/out"
read -r word url ca tenant <&3 || true
[ "${word:-}" = ready ] || { echo "bench/join.sh: the emulator did not start:" >&2; cat "$work/emulator.err" >&2; exit 1; }
read -r word token <&3;         [ "$word" = token ] || { echo "bench/join.sh: the emulator gave no token" >&2; exit 1; }
printf '%s\n' "$token" > "$work/token"; chmod 600 "$work/token"

export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent
unset DSREG_JAVA_OPTS DSREG_ROOT DSREG_STATE_DIR

cat > "$work/K.java" <<'EOF'
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;

class K {
    public static void main(String[] a) throws Exception {
        for (int i = 0; i < 2; i++) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
            KeyPair pair = gen.generateKeyPair();
            pair.getPrivate().getEncoded();
        }
    }
}
EOF
javac -d "$work" "$work/K.java"

join() { # join ARCHIVE: one join into a new state directory
  java @"$options" -XX:SharedArchiveFile="$1" -jar "$jar" --join --tenant-id "$tenant" \
    --token-source "file:$work/token" --drs-url "$url" --trust-ca "$ca" --state-dir "$(mktemp -d -u "$work/state-XXXXXX")"
}
# the two archives (a failed training leaves no archive: Java then starts without one, say so)
java @"$options" -XX:ArchiveClassesAtExit="$work/status.jsa" -jar "$jar" --status --state-dir "$work/none" \
  >/dev/null 2>&1 </dev/null || true
java @"$options" -XX:ArchiveClassesAtExit="$work/join.jsa" -jar "$jar" --join --tenant-id "$tenant" \
  --token-source "file:$work/token" --drs-url "$url" --trust-ca "$ca" --state-dir "$work/state-0" \
  >/dev/null 2>"$work/err" </dev/null || { echo "bench/join.sh: the training join failed:" >&2; cat "$work/err" >&2; exit 1; }
for a in status join; do [ -s "$work/$a.jsa" ] || echo "bench/join.sh: no $a archive was made; those joins run without one" >&2; done

# one run: prints its wall time in microseconds; fails if the command fails (no RSS: common.sh's measure)
timed() {
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>"$work/err" </dev/null || { echo "bench/join.sh: '$*' failed:" >&2; cat "$work/err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  echo $(( ${t1/./} - ${t0/./} ))
}

declare -a k_wall s_wall j_wall
timed java @"$options" -cp "$work" K >/dev/null   # warm the file cache, not measured
timed join "$work/join.jsa" >/dev/null
for ((i = 0; i < rounds; i++)); do
  k_wall+=("$(timed java @"$options" -cp "$work" K)")
  s_wall+=("$(timed join "$work/status.jsa")")
  j_wall+=("$(timed join "$work/join.jsa")")
done

spread() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {printf "(%.0f-%.0f ms)", v[1] / 1000, v[NR] / 1000}'; }

kw=$(median "${k_wall[@]}"); sw=$(median "${s_wall[@]}"); jw=$(median "${j_wall[@]}")
echo "dsreg --join, software keys, DRS emulator on 127.0.0.1; medians of $rounds rounds; $(java -version 2>&1 | head -1)"
echo "dsreg: java @jvm.options -XX:SharedArchiveFile=ARCHIVE -jar $jar"
echo "JVM options (all): $(grep -v '^#' "$options" | tr '\n' ' ')"
printf '  %-36s %s %s\n' "two RSA-2048 key pairs (K, baseline)" "$(ms "$kw")" "$(spread "${k_wall[@]}")"
printf '  %-36s %s %s   %sx K\n' "join, archive trained on --status" "$(ms "$sw")" "$(spread "${s_wall[@]}")" "$(ratio "$sw" "$kw")"
printf '  %-36s %s %s   %sx K\n' "join, archive trained on a join" "$(ms "$jw")" "$(spread "${j_wall[@]}")" "$(ratio "$jw" "$kw")"
echo "  (goal, issue 15: the join with the join-trained archive at most 1.5x K)"
