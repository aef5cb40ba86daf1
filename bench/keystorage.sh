#!/usr/bin/env bash
# Key generation and signing rates of the software and TPM backends (swtpm on loopback), measured
# in one process, with their ratio. Prints rates; asserts nothing.
#   bench/keystorage.sh [KEYS] [SIGNATURES]     (defaults 4 and 100)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/dsreg" --version >/dev/null      # builds the CLI and its lib/ with every backend
(cd "$here" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package dependency:build-classpath -pl testkit -am \
  -Dmdep.outputFile="$work/cp" >/dev/null)
cp="$here/testkit/target/classes:$(cat "$work/cp"):$(ls "$here"/app-cli/target/lib/*.jar | tr '\n' ':')"
exec java -cp "$cp" org.dsreg.testkit.keystorage.KeyStorageBenchMain "${1:-4}" "${2:-100}"
