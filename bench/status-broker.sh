#!/usr/bin/env bash
# Wall time of `dsreg --status` with a live fake broker on a private session bus, as a ratio to
# the same command without a broker (no session bus), measured in this one script.
#   bench/status-broker.sh [RUNS]     (default 15 runs each; prints medians and the ratio)
set -euo pipefail
# Everything here stays on this machine: the developer's proxy variables must not reach dsreg.
unset https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY http_proxy HTTP_PROXY
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${1:-15}
work=$(mktemp -d)
cleanup() { kill "${broker_pid:-}" "${bus_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$here/dsreg" --version >/dev/null   # builds the CLI when needed
jar="$here/app-cli/target/dsreg.jar"
# the fake broker's classpath (the last module of the reactor, testkit, writes the file last)
(cd "$here" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package dependency:build-classpath -pl testkit -am \
  -Dmdep.outputFile="$work/cp" >/dev/null)
cp="$here/testkit/target/classes:$(cat "$work/cp")"

cat > "$work/bus.conf" <<CONF
<busconfig><type>session</type><listen>unix:path=$work/bus</listen>
<policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy></busconfig>
CONF
dbus-daemon --config-file="$work/bus.conf" --nofork --print-address > "$work/address" 2>/dev/null &
bus_pid=$!
for _ in $(seq 50); do [ -s "$work/address" ] && break; sleep 0.1; done
address=$(head -1 "$work/address")

mkfifo "$work/ready"
java -cp "$cp" org.dsreg.testkit.dbus.FakeBrokerMain --address "$address" --profile V2_0_1 --ignore-stdin \
  > "$work/ready" 2>/dev/null < /dev/null &
broker_pid=$!
read -r line < "$work/ready"
[ "$line" = ready ] || { echo "fake broker did not start" >&2; exit 1; }

state="$work/state"
run_median() { # prints the median wall time in ms of $runs runs of: env "$@" java -jar dsreg.jar --status
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    env "$@" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$jar" --status --state-dir "$state" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

env_none=(-u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/no-system-bus)
env_live=(DBUS_SESSION_BUS_ADDRESS="$address" DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/no-system-bus)
# the live runs must really reach the fake broker, or the ratio measures nothing
live_out=$(env "${env_live[@]}" java -jar "$jar" --status --state-dir "$state" 2>&1 || true)
if ! grep -q 'reachable (version 2\.0\.1)' <<<"$live_out"; then
  echo "the live run did not reach the fake broker (no 'reachable (version 2.0.1)' in its output)" >&2
  exit 1
fi
run_median "${env_none[@]}" >/dev/null   # warm the page cache and CDS before measuring
base=$(run_median "${env_none[@]}")
live=$(run_median "${env_live[@]}")
echo "dsreg --status, median of $runs runs"
echo "  without a broker:         ${base} ms"
echo "  with a live fake broker:  ${live} ms"
awk -v a="$live" -v b="$base" 'BEGIN { printf "  ratio (broker / none):    %.2f\n", a / b }'
