#!/usr/bin/env bash
# Start-up cost of dsreg with no bus to ask: the median wall time and peak memory (max RSS) of
# `dsreg --version`, `--help`, `--status` and `--status --json`, each as a ratio to a trivial Java
# main (class T, compiled here) run by the same java with the same JVM options (the launcher's;
# T gets the JDK's own class-data archive, dsreg its own archive or AOT cache). All commands run in
# turn within each round, so that a busy machine slows them alike. Measured on the default java and
# on every installed Java 25 or newer (dsreg pinned to it with DSREG_JAVA_HOME). Asserts nothing.
#
#   bench/startup.sh [RUNS] [installed|tree]
#     RUNS       rounds (default 21)
#     installed  /usr/bin/dsreg of the Debian package (the default when it is installed)
#     tree       ./dsreg of this checkout (built when needed)
#
# Goals (issue 15): --status 2.0x, --status --json 2.3x, --version and --help 1.5x, max RSS 1.5x.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"
trap 'rm -rf "$bench_work"' EXIT
runs=${1:-21}
bench_target "${2:-}"

export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent
export DSREG_STATE_DIR="$bench_work/state"

labels=("trivial main (T)" "dsreg --version" "dsreg --help" "dsreg --status" "dsreg --status --json")
goals=("" 1.5 1.5 2.0 2.3)
for home in $(bench_runtimes); do
  read -r -a opts <<<"$(runtime_options "$home")"
  cmds=("$home/bin/java ${opts[*]} -cp $bench_work T"
        "env DSREG_JAVA_HOME=$home ${dsreg[*]} --version"
        "env DSREG_JAVA_HOME=$home ${dsreg[*]} --help"
        "env DSREG_JAVA_HOME=$home ${dsreg[*]} --status"
        "env DSREG_JAVA_HOME=$home ${dsreg[*]} --status --json")
  declare -A wall=() rss=()
  for c in "${!cmds[@]}"; do measure ${cmds[$c]} >/dev/null; done   # warm the file cache, not measured
  for ((i = 0; i < runs; i++)); do
    for c in "${!cmds[@]}"; do
      m=$(measure ${cmds[$c]}) || exit 1   # a failed run fails the script, never a sample
      read -r w r <<<"$m"
      wall[$c]+="$w "; rss[$c]+="$r "
    done
  done
  echo "dsreg start-up, no bus ($bench_target_name: ${dsreg[*]}), medians of $runs rounds"
  echo "  Java: $("$home/bin/java" -version 2>&1 | head -1) ($home)"
  echo "  JVM options (T and dsreg): $(cat "${opts[@]#@}" | grep -v '^#' | tr '\n' ' ')"
  tw=$(median ${wall[0]}); tr=$(median ${rss[0]})
  printf '  %-24s %s  %s\n' "${labels[0]}" "$(ms "$tw")" "$(mb "$tr")"
  for ((c = 1; c < ${#cmds[@]}; c++)); do
    w=$(median ${wall[$c]}); r=$(median ${rss[$c]})
    printf '  %-24s %s  %s   wall %5sx (goal %sx: %s)   max RSS %sx (goal 1.5x: %s)\n' "${labels[$c]}" \
      "$(ms "$w")" "$(mb "$r")" "$(ratio "$w" "$tw")" "${goals[$c]}" "$(verdict "$(ratio "$w" "$tw")" "${goals[$c]}")" \
      "$(ratio "$r" "$tr")" "$(verdict "$(ratio "$r" "$tr")" 1.5)"
  done
  unset wall rss
done
