#!/usr/bin/env bash
# The fleet parts of the installed package: the metrics units verified by systemd-analyze, the
# service's own command line run into a temporary directory (a status, exit code 0; a refused
# state directory, exit code 3; a missing directory), the output checked by promtool; the alerting
# rules checked and their unit tests run by promtool; the Ansible fact and the Intune discovery
# script's output parsed as JSON. Needs the .deb installed (as root), systemd-analyze, promtool
# (Debian's prometheus package) and python3. .ci/run runs it.
set -euo pipefail

fail() { echo "metrics-smoke: FAILED: $*" >&2; exit 1; }
step() { echo "metrics-smoke: $*"; }
for tool in systemd-analyze promtool python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done
units=/lib/systemd/system
examples=/usr/share/dsreg/examples
[ -f "$units/dsreg-metrics.service" ] && [ -f "$units/dsreg-metrics.timer" ] || fail "the package is not installed (no $units/dsreg-metrics.*)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "systemd-analyze verify"
systemd-analyze verify "$units/dsreg-metrics.service" "$units/dsreg-metrics.timer" > "$work/verify" 2>&1 \
  || fail "systemd-analyze verify: $(cat "$work/verify")"
# (it also reports other units of this machine it loads on the way; only ours must be clean)
! grep 'dsreg-metrics' "$work/verify" || fail "systemd-analyze verify warns about dsreg's units"
systemctl is-enabled dsreg-metrics.timer >/dev/null 2>&1 && fail "the timer is enabled by the installation (it must be disabled by default)"

# The service's command line and its default directory, as the unit has them.
exec_start=$(sed -n 's/^ExecStart=//p' "$units/dsreg-metrics.service")
grep -qx 'Environment=DSREG_METRICS_DIR=/var/lib/prometheus/node-exporter' "$units/dsreg-metrics.service" \
  || fail "the service does not default to Debian's node_exporter textfile directory"
[ -n "$exec_start" ] && [ -x "${exec_start%% *}" ] || fail "ExecStart=$exec_start is not an executable"

metrics() {  # metrics DIR [ENV...]: runs the service's command into DIR; its exit code
  local dir=$1; shift
  env DSREG_METRICS_DIR="$dir" "$@" $exec_start
}
check_file() {  # check_file FILE EXPECTED_EXIT_CODE
  [ -f "$1" ] || fail "no $1"
  [ "$(stat -c %a "$1")" = 644 ] || fail "$1 is mode $(stat -c %a "$1"), not 644"
  promtool check metrics < "$1" > "$work/lint" 2>&1 || fail "promtool check metrics: $(cat "$work/lint")"
  grep -qx "dsreg_metrics_exit_code $2" "$1" || fail "$1 does not say exit code $2: $(grep exit_code "$1")"
  local at now
  at=$(sed -n 's/^dsreg_metrics_last_run_timestamp_seconds //p' "$1")
  now=$(date +%s)
  [ -n "$at" ] && [ $((now - at)) -ge 0 ] && [ $((now - at)) -lt 120 ] || fail "last run timestamp '$at' is not now ($now)"
  [ -z "$(find "$(dirname "$1")" -name '.*' -type f)" ] || fail "a temporary file was left in $(dirname "$1")"
}

step "the service's command: a status"
mkdir -p "$work/textfile"
metrics "$work/textfile" DSREG_STATE_DIR="$work/state" || fail "the service's command exited $?"
check_file "$work/textfile/dsreg.prom" 0
grep -q '^dsreg_registered ' "$work/textfile/dsreg.prom" || fail "no dsreg_registered in the metrics"
grep -q '^dsreg_status_timestamp_seconds ' "$work/textfile/dsreg.prom" || fail "no dsreg_status_timestamp_seconds"

step "the service's command: dsreg exits 3 (a state directory that is a symbolic link), the file still written"
mkdir -p "$work/real-state"
ln -s "$work/real-state" "$work/linked-state"
set +e
DSREG_STATE_DIR="$work/linked-state" /usr/bin/dsreg --status >/dev/null 2>&1
code=$?
set -e
[ "$code" = 3 ] || fail "dsreg --status on a linked state directory exits $code, not 3 (the test's premise)"
metrics "$work/textfile" DSREG_STATE_DIR="$work/linked-state" || fail "the service's command exited $? on dsreg's exit code 3"
check_file "$work/textfile/dsreg.prom" 3

step "the service's command: no such directory"
set +e
metrics "$work/missing" 2> "$work/missing.err"
code=$?
set -e
[ "$code" = 1 ] || fail "a missing directory exits $code, not 1"
[ ! -e "$work/missing" ] || fail "the missing directory was made"
grep -q 'DSREG_METRICS_DIR' "$work/missing.err" || fail "the error does not say what to set: $(cat "$work/missing.err")"

step "the service's command: a file name that is a path"
set +e
metrics "$work/textfile" DSREG_METRICS_FILE=../escaped.prom 2> "$work/name.err"
code=$?
set -e
[ "$code" = 1 ] || fail "DSREG_METRICS_FILE=../escaped.prom exits $code, not 1"
[ ! -e "$work/escaped.prom" ] || fail "DSREG_METRICS_FILE=../escaped.prom wrote outside the directory"

step "promtool: the alerting rules and their tests"
promtool check rules "$examples/dsreg-alerts.rules.yml" || fail "promtool check rules"
(cd "$examples" && promtool test rules dsreg-alerts.rules.test.yml) || fail "promtool test rules"

step "Ansible fact and Intune discovery script"
DSREG_STATE_DIR="$work/state" "$examples/dsreg.fact" > "$work/fact.json" || fail "dsreg.fact exited $?"
python3 - "$work/fact.json" <<'PY' || fail "dsreg.fact does not print the status document"
import json, sys
doc = json.load(open(sys.argv[1]))
assert "schemaVersion" in doc and "registered" in doc, doc
PY
DSREG_STATE_DIR="$work/linked-state" "$examples/dsreg.fact" > "$work/fact3.json" || fail "dsreg.fact exited $? on exit code 3"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/fact3.json" || fail "dsreg.fact printed no JSON on exit code 3: $(cat "$work/fact3.json")"
DSREG_STATE_DIR="$work/state" "$examples/intune-compliance-discovery.sh" > "$work/intune.json" || fail "the discovery script exited $?"
python3 - "$work/intune.json" "$examples/intune-compliance-rules.json" <<'PY' || fail "the discovery script's output does not fit its rules: $(cat "$work/intune.json")"
import json, sys
out = json.load(open(sys.argv[1]))
rules = json.load(open(sys.argv[2]))["Rules"]
types = {"Boolean": bool, "Int64": int}
for rule in rules:
    value = out[rule["SettingName"]]
    assert type(value) is types[rule["DataType"]], (rule["SettingName"], value)
assert out == {"DsregRegistered": False, "DsregKeyInTpm": False, "DsregCertificateValidDays": -1,
               "DsregPrtPresent": False, "DsregExitCode": 0}, out
PY
step "OK"
