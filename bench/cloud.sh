#!/usr/bin/env bash
# Scale benchmark of `vmguard cloud audit`: a fake OpenStack on 127.0.0.1 (the test scope's
# FakeOpenStack) with 5,000 servers, 10,000 ports and 20,000 rules, audited end to end.
# Usage: bench/cloud.sh [SERVERS] [RULES] [CONCURRENCY]   (defaults 5000 20000 4)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
    org.vmguard.cli.CloudAuditBench "${1:-5000}" "${2:-20000}" "${3:-4}"
