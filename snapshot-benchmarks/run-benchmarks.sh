#!/usr/bin/env bash
# Runs a short, representative benchmark pass and writes docs/benchmarks.md.
#
# Other builds on the machine distort the numbers; where builds share the Maven lock, hold it throughout:
#   flock /tmp/mvn.lock ./snapshot-benchmarks/run-benchmarks.sh
#
# Environment:
#   BENCH_HEAP          heap of every benchmark JVM, fixed (-Xms = -Xmx) and pre-touched; default 1g
#   BENCH_ONLY          a family name below to run only that family (the report covers what ran)
#   BENCH_MACHINE_NOTE  free text added to the machine line of the report (e.g. "shared CI runner")
#   MVN                 the Maven command; default "mvn -o" (offline: dependencies are already resolved)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
module=snapshot-benchmarks
results="$module/target/benchmark-results"
heap="${BENCH_HEAP:-1g}"
read -r -a mvn <<< "${MVN:-mvn -o}"

"${mvn[@]}" -q -B -pl "$module" -am install -DskipTests
# exec:exec is configured in the module's pom to write the runtime classpath to a file.
"${mvn[@]}" -q -B -pl "$module" exec:exec
classpath="$(cat "$module/target/benchmark-classpath.txt")"
rm -rf "$results"
mkdir -p "$results"

jvm_args="-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch"

# run <family> <JMH include regex> <JMH options...>: one JMH JSON result file per family.
run() {
  local family=$1 include=$2
  shift 2
  if [[ -n "${BENCH_ONLY:-}" && "$BENCH_ONLY" != "$family" ]]; then
    return
  fi
  echo "== $family"
  java -Xmx256m -cp "$classpath" org.openjdk.jmh.Main "$include" \
    -rf json -rff "$results/$family.json" -jvmArgs "$jvm_args" "$@"
}

# Families: add a line per benchmark class (and a ReportSection for its table and goals).
# Compression: 48 trials (2 methods x 6 candidates x 4 sizes) of about 5.5 s each, under 5 minutes.
run compression 'dev\.snapshotstore\.benchmarks\.CompressionBenchmark\.' -f 1 -wi 2 -w 500ms -i 5 -r 500ms

java -cp "$classpath" dev.snapshotstore.benchmarks.report.BenchmarkReport docs/benchmarks.md "$results"/*.json
