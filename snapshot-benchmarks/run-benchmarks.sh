#!/usr/bin/env bash
# Runs the benchmark pass and writes docs/benchmarks.md (and docs/benchmarks-compression.svg).
#
# Builds and benchmarks must not run side by side; on a machine that shares the build lock, hold it throughout:
#   flock /tmp/build.lock ./snapshot-benchmarks/run-benchmarks.sh
#
# Redis, PostgreSQL and compression are measured in pairs (PairedRun / PairedHarness): each compared pair runs in
# alternating blocks in one JVM against one server, and the report gives the median ratio over the rounds with its
# spread. Rehydration, whose two loads differ by two orders of magnitude, stays a plain JMH run.
#
# Environment:
#   BENCH_QUICK         set (to anything but 0) for a quick development pass: fewer, shorter rounds; wide spreads
#   BENCH_ONLY          one family (redis, postgres, rehydration, compression) to run only it; the report covers
#                       what ran. BENCH_ONLY=story runs the production story alone (its own report)
#   BENCH_HEAP          heap of every benchmark JVM, fixed (-Xms = -Xmx) and pre-touched; default 1g
#   BENCH_MACHINE_NOTE  free text added to the machine line of the report (e.g. "shared CI runner")
#   BENCH_REPORT        the report to write; default docs/benchmarks.md
#   MVN                 the Maven command; default "./mvnw -B -ntp -o" (offline: dependencies are already resolved)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
module=snapshot-benchmarks
results="$module/target/benchmark-results"
heap="${BENCH_HEAP:-1g}"
report="${BENCH_REPORT:-docs/benchmarks.md}"
read -r -a mvn <<< "${MVN:-./mvnw -B -ntp -o}"
quick=""
if [[ -n "${BENCH_QUICK:-}" && "${BENCH_QUICK}" != 0 ]]; then
  quick=1
fi

# One reactor run, nothing installed into the shared local repository: the classpath exec:exec writes points at
# the modules' jars in their target/ directories.
"${mvn[@]}" -q -pl "$module" -am package exec:exec -DskipTests
classpath="$(cat "$module/target/benchmark-classpath.txt")"
rm -rf "$results"
mkdir -p "$results"

jvm_args=(-Xms"$heap" -Xmx"$heap" -XX:+AlwaysPreTouch)

# The production story (issue 17) is a plain main program with a report of its own
# (docs/benchmarks-production-story.md); it runs only when asked for: BENCH_ONLY=story.
if [[ "${BENCH_ONLY:-}" == story ]]; then
  exec java "${jvm_args[@]}" -cp "$classpath" dev.snapshotstore.benchmarks.story.ProductionStory
fi

wanted() {
  [[ -z "${BENCH_ONLY:-}" || "$BENCH_ONLY" == "$1" ]]
}

# paired <family>: one JVM, every group of the family in alternating blocks; one TSV of paired results.
paired() {
  local family=$1
  wanted "$family" || return 0
  echo "== $family, paired ($(date -u +%H:%M:%S))"
  java "${jvm_args[@]}" -cp "$classpath" dev.snapshotstore.benchmarks.PairedRun "$family" "$results/$family.tsv"
}

started=$SECONDS
paired compression
paired redis
paired postgres
if wanted rehydration; then
  echo "== rehydration, JMH ($(date -u +%H:%M:%S))"
  # Jackson's and the replay loop's code take seconds to compile: a longer warm-up than the paired blocks.
  if [[ -n "$quick" ]]; then
    rehydration=(-f 1 -wi 2 -w 1s -i 2 -r 500ms)
  else
    rehydration=(-f 1 -wi 4 -w 1s -i 3 -r 1s)
  fi
  java -Xmx256m -cp "$classpath" org.openjdk.jmh.Main 'dev\.snapshotstore\.benchmarks\.RehydrationBenchmark\.' \
    -rf json -rff "$results/rehydration.json" -jvmArgs "${jvm_args[*]}" "${rehydration[@]}"
fi
echo "== benchmarks took $((SECONDS - started)) s"

shopt -s nullglob
files=("$results"/*.json "$results"/*.tsv)
java -cp "$classpath" dev.snapshotstore.benchmarks.report.BenchmarkReport "$report" "${files[@]}"
