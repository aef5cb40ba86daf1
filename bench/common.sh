# Shared by the bench/ scripts (sourced, not run): where dsreg is, which Java runtimes to measure,
# the trivial main every ratio is taken against, and how one run is timed. Asserts nothing.
#
#   bench_target installed|tree|""   sets dsreg=(...) and options (the launcher's JVM options file)
#   bench_runtimes                    prints the Java homes to measure: the default java's, then
#                                     every installed Java 25 or newer (dsreg runs on each through
#                                     DSREG_JAVA_HOME; T through that home's java)
#   measure CMD...                    runs CMD, prints "WALL_MICROSECONDS MAX_RSS_KB"; exits on failure
# Everything here stays on this machine: the developer's proxy variables must not reach dsreg.
unset https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY http_proxy HTTP_PROXY
unset DSREG_JAVA_OPTS DSREG_ROOT DSREG_JAVA_HOME

bench_here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
bench_work=$(mktemp -d)

bench_target() {
  local target=$1
  if [ -z "$target" ]; then
    if [ -x /usr/bin/dsreg ] && [ -f /usr/share/dsreg/jvm.options ]; then target=installed; else target=tree; fi
  fi
  case "$target" in
    installed) dsreg=(/usr/bin/dsreg); options=/usr/share/dsreg/jvm.options ;;
    tree)      "$bench_here/dsreg" --version >/dev/null   # builds the CLI and its archive when needed
               dsreg=("$bench_here/dsreg"); options="$bench_here/dist/src/deb/usr/share/dsreg/jvm.options" ;;
    *) echo "bench: the target is installed or tree, not '$target'" >&2; exit 1 ;;
  esac
  bench_target_name=$target
  cat > "$bench_work/T.java" <<'JAVA'
class T { public static void main(String[] a) {} }
JAVA
  javac --release 17 -d "$bench_work" "$bench_work/T.java"
}

# The feature version of the Java in home $1 (from its release file), or 0.
java_feature() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "${v:-0}"
}

bench_runtimes() {
  local default home seen=""
  default=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  for home in "$default" /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    home=$(readlink -f "$home")
    case " $seen " in *" $home "*) continue ;; esac
    if [ "$home" = "$default" ] || [ "$(java_feature "$home")" -ge 25 ]; then
      seen="$seen $home"
      echo "$home"
    fi
  done
}

# The JVM options the launcher gives the runtime in home $1: jvm.options, and on Java 25 or newer
# the extra file beside it, when there is one.
runtime_options() {
  local extra
  extra=$(dirname "$options")/jvm25.options
  if [ "$(java_feature "$1")" -ge 25 ] && [ -f "$extra" ]; then
    echo "@$options @$extra"
  else
    echo "@$options"
  fi
}

measure() {
  local t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f %M -o "$bench_work/rss" "$@" >/dev/null 2>"$bench_work/err" \
    || { echo "bench: '$*' failed:" >&2; cat "$bench_work/err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  echo "$(( ${t1/./} - ${t0/./} )) $(tail -1 "$bench_work/rss")"
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%7.1f ms", u / 1000}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%6.1f MB", k / 1024}'; }
# "met" or "NOT met" for a ratio $1 against a goal $2
verdict() { awk -v r="$1" -v g="$2" 'BEGIN {print (r <= g) ? "met" : "NOT met"}'; }
