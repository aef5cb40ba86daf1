#!/usr/bin/env bash
# Start-up cost of dsreg: the median wall time and peak memory (max RSS) of `dsreg --status` and of
# `dsreg --status --json`, as ratios to a trivial Java main (class T, compiled here) run by the same
# java with the same JVM options (the launcher's jvm.options; T gets the JDK's own class-data
# archive, dsreg gets its own). The three commands run in turn within each round, so that a busy
# machine slows them alike. Asserts nothing.
#
#   bench/startup.sh [RUNS] [installed|tree]
#     RUNS       rounds (default 21)
#     installed  /usr/bin/dsreg of the Debian package (the default when it is installed)
#     tree       ./dsreg of this checkout (built when needed)
#
# No broker is asked: the state directory is a new empty one and both bus addresses name a socket
# that does not exist. Needs /usr/bin/time (Debian package `time`) for the max RSS.
set -euo pipefail
# Everything here stays on this machine: the developer's proxy variables must not reach dsreg.
unset https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY http_proxy HTTP_PROXY

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-21}
target=${2:-}
if [ -z "$target" ]; then
  if [ -x /usr/bin/dsreg ] && [ -f /usr/share/dsreg/jvm.options ]; then target=installed; else target=tree; fi
fi
case "$target" in
  installed) dsreg=(/usr/bin/dsreg); options=/usr/share/dsreg/jvm.options ;;
  tree)      "$here/dsreg" --version >/dev/null   # builds the CLI when needed
             dsreg=("$here/dsreg"); options="$here/dist/src/deb/usr/share/dsreg/jvm.options" ;;
  *) echo "usage: bench/startup.sh [RUNS] [installed|tree]" >&2; exit 1 ;;
esac
[ -x /usr/bin/time ] || { echo "bench/startup.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/T.java" <<'EOF'
class T { public static void main(String[] a) {} }
EOF
javac -d "$work" "$work/T.java"

export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent
export DSREG_STATE_DIR="$work/state"
unset DSREG_JAVA_OPTS DSREG_ROOT

# one run: prints "WALL_MICROSECONDS MAX_RSS_KB"; fails if the command fails
measure() {
  local t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err" \
    || { echo "bench/startup.sh: '$*' failed:" >&2; cat "$work/err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  echo "$(( ${t1/./} - ${t0/./} )) $(tail -1 "$work/rss")"
}

declare -a t_wall t_rss s_wall s_rss j_wall j_rss
measure java @"$options" -cp "$work" T >/dev/null           # warm the file cache, not measured
measure "${dsreg[@]}" --status >/dev/null
for ((i = 0; i < runs; i++)); do
  m=$(measure java @"$options" -cp "$work" T);         read -r w r <<<"$m"; t_wall+=("$w"); t_rss+=("$r")
  m=$(measure "${dsreg[@]}" --status);                 read -r w r <<<"$m"; s_wall+=("$w"); s_rss+=("$r")
  m=$(measure "${dsreg[@]}" --status --json);          read -r w r <<<"$m"; j_wall+=("$w"); j_rss+=("$r")
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%6.1f ms", u / 1000}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%6.1f MB", k / 1024}'; }

tw=$(median "${t_wall[@]}"); tr=$(median "${t_rss[@]}")
sw=$(median "${s_wall[@]}"); sr=$(median "${s_rss[@]}")
jw=$(median "${j_wall[@]}"); jr=$(median "${j_rss[@]}")

echo "dsreg start-up ($target: ${dsreg[*]}), medians of $runs rounds; $(java -version 2>&1 | head -1)"
echo "JVM options (both): $(grep -v '^#' "$options" | tr '\n' ' ')"
printf '  %-24s %s  %s\n' "trivial main (T)" "$(ms "$tw")" "$(mb "$tr")"
printf '  %-24s %s  %s   wall %sx  max RSS %sx\n' "dsreg --status" "$(ms "$sw")" "$(mb "$sr")" "$(ratio "$sw" "$tw")" "$(ratio "$sr" "$tr")"
printf '  %-24s %s  %s   wall %sx  max RSS %sx\n' "dsreg --status --json" "$(ms "$jw")" "$(mb "$jr")" "$(ratio "$jw" "$tw")" "$(ratio "$jr" "$tr")"
echo "  (goal: at most 2x the wall time and 1.5x the max RSS of the trivial main)"
