#!/usr/bin/env bash
# Parley's end-to-end overhead against no agent and against the OpenTelemetry Java agent: builds
# what it needs, fetches the pinned OpenTelemetry agent through Maven, then launches the benchmark
# application three ways, interleaved, and prints the markdown table of docs/performance.md.
#
#   benchmarks/overhead.sh                 # the full run (about 12 minutes on 2 cores)
#   benchmarks/overhead.sh --quick         # one short round, to try the harness
#   benchmarks/overhead.sh --rounds=6 --concurrency=16 --measure-seconds=10 ...
#
# SKIP_BUILD=1 reuses the jars already built; MVN_FLAGS are passed to Maven (e.g. MVN_FLAGS=-o).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "[overhead] building the agent, the benchmark app and the harness" >&2
  mvn -B -q ${MVN_FLAGS:-} -DskipTests package -pl agent,benchmarks/app,benchmarks -am >&2
fi
# the OpenTelemetry Java agent, at the version pinned in the root pom (otel-javaagent.version)
mvn -B -q ${MVN_FLAGS:-} -pl benchmarks dependency:copy@otel-javaagent >&2

exec java -Xmx1g -cp benchmarks/target/parley-benchmarks.jar \
  io.parley.benchmarks.overhead.OverheadHarness "$@"
