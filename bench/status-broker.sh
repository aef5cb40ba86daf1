#!/usr/bin/env bash
# `dsreg --status` on a machine where the Microsoft broker runs, against the same status with no
# bus: the median wall time of each and their ratio, measured in this one script, the two runs in
# turn within each round. The live machine is testkit's BrokerMachine (a private session bus with
# the fake user broker and systemd's user manager, a private system bus with the fake device broker
# and systemd, the broker's files under a private root); the no-bus run names sockets that do not
# exist. On the default java and every installed Java 25 or newer. Asserts nothing, but fails if
# the live run does not reach the fake brokers (the ratio would measure nothing).
#
#   bench/status-broker.sh [RUNS] [installed|tree]     (default 15 rounds; goal: ratio <= 1.3)
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"
runs=${1:-15}
cleanup() { kill "${machine_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$bench_work"; }
trap cleanup EXIT
bench_target "${2:-}"

# the fake machine's class path (testkit and what it needs)
(cd "$bench_here" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package dependency:build-classpath \
  -pl testkit -am -Dmdep.outputFile="$bench_work/cp" >/dev/null)
mkfifo "$bench_work/machine.out"
java -cp "$bench_here/testkit/target/classes:$(cat "$bench_work/cp")" org.dsreg.testkit.dbus.BrokerMachineMain \
  "$bench_work/m" --ignore-stdin > "$bench_work/machine.out" 2>"$bench_work/machine.err" </dev/null &
machine_pid=$!
exec 3< "$bench_work/machine.out"
read -r line <&3 || true
[ "$line" = ready ] || { echo "bench: the fake broker machine did not start: $(cat "$bench_work/machine.err")" >&2; exit 1; }
live_env=()
while read -r word kv <&3 && [ "$word" = env ]; do live_env+=("$kv"); [ ${#live_env[@]} -eq 3 ] && break; done

state="$bench_work/state"
none_env=(DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent
          DSREG_STATE_DIR="$state")
live_env+=(DSREG_STATE_DIR="$state")

for home in $(bench_runtimes); do
  none=(env "${none_env[@]}" DSREG_JAVA_HOME="$home" "${dsreg[@]}" --status)
  live=(env "${live_env[@]}" DSREG_JAVA_HOME="$home" "${dsreg[@]}" --status)
  out=$("${live[@]}" 2>&1 || true)
  if ! grep -q 'Broker Version *: 2\.0\.1' <<<"$out" || ! grep -q 'User Broker Service State *: active (running)' <<<"$out"; then
    echo "bench: the live run did not reach the fake brokers and systemd:" >&2; echo "$out" >&2; exit 1
  fi
  measure "${none[@]}" >/dev/null; measure "${live[@]}" >/dev/null   # warm, not measured
  n=(); l=()
  for ((i = 0; i < runs; i++)); do
    m=$(measure "${none[@]}") || exit 1; read -r w _ <<<"$m"; n+=("$w")   # a failed run fails the script
    m=$(measure "${live[@]}") || exit 1; read -r w _ <<<"$m"; l+=("$w")
  done
  nw=$(median "${n[@]}"); lw=$(median "${l[@]}")
  echo "dsreg --status with and without a live broker ($bench_target_name), medians of $runs rounds"
  echo "  Java: $("$home/bin/java" -version 2>&1 | head -1) ($home)"
  printf '  %-32s %s\n' "no bus" "$(ms "$nw")"
  printf '  %-32s %s\n' "live broker, both buses" "$(ms "$lw")"
  printf '  %-32s %sx (goal 1.3x: %s)\n' "ratio (live / no bus)" "$(ratio "$lw" "$nw")" "$(verdict "$(ratio "$lw" "$nw")" 1.3)"
done
