#!/usr/bin/env bash
# Runs a short, representative benchmark pass and writes docs/benchmarks.md.
#
# Other builds on the machine distort the numbers; where builds share the Maven lock, hold it throughout:
#   flock /tmp/mvn.lock ./snapshot-benchmarks/run-benchmarks.sh
#
# Environment:
#   BENCH_HEAP          heap of every benchmark JVM, fixed (-Xms = -Xmx) and pre-touched; default 1g
#   BENCH_ONLY          one family (redis, postgres, rehydration, compression) to run only it; the report covers
#                       what ran
#   BENCH_MACHINE_NOTE  free text added to the machine line of the report (e.g. "shared CI runner")
#   MVN                 the Maven command; default "mvn -o" (offline: dependencies are already resolved)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
module=snapshot-benchmarks
results="$module/target/benchmark-results"
heap="${BENCH_HEAP:-1g}"
read -r -a mvn <<< "${MVN:-mvn -o}"

# One reactor run, nothing installed into the shared local repository: the classpath exec:exec writes points at
# the modules' jars in their target/ directories.
"${mvn[@]}" -q -B -pl "$module" -am package exec:exec -DskipTests
classpath="$(cat "$module/target/benchmark-classpath.txt")"
rm -rf "$results"
mkdir -p "$results"

jvm_args="-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch"
# The production story is a plain main program with a report of its own (docs/benchmarks-production-story.md).
if [[ "${BENCH_ONLY:-}" == story ]]; then java $jvm_args -cp "$classpath" dev.snapshotstore.benchmarks.story.ProductionStory; exit; fi

# run <family> <result name> <JMH include regex> <JMH options...>: one JMH JSON result file per run line.
run() {
  local family=$1 name=$2 include=$3
  shift 3
  if [[ -n "${BENCH_ONLY:-}" && "$BENCH_ONLY" != "$family" ]]; then
    return
  fi
  echo "== $name ($(date -u +%H:%M:%S))"
  java -Xmx256m -cp "$classpath" org.openjdk.jmh.Main "$include" \
    -rf json -rff "$results/$name.json" -jvmArgs "$jvm_args" "$@"
}

started=$SECONDS
pkg='dev\.snapshotstore\.benchmarks'
# Backends: 1 fork, 2 x 400 ms warmup, 3 x 500 ms measurement per trial; each trial starts its own server.
backend=(-f 1 -wi 2 -w 400ms -i 3 -r 500ms)
# A subset keeps the pass under 10 minutes on 2 cores: every size for the compared operations on one thread;
# loadAtOrBefore at 1 KiB; saveAll against single saves at 1 KiB only; 8 threads for loadLatest
# and save and their baselines at 1 KiB and 100 KiB.
run redis redis "$pkg\.RedisBenchmark\.(loadLatest|rawGet|save|sourceSave)\$" "${backend[@]}"
run redis redis-1k "$pkg\.RedisBenchmark\.(loadAtOrBefore|saveAll|singleSaves)\$" "${backend[@]}" -p size=1024
run redis redis-8-threads "$pkg\.RedisBenchmark\.(loadLatest|rawGet|save|sourceSave)\$" "${backend[@]}" -t 8 \
  -p size=1024,102400
run postgres postgres "$pkg\.PostgresBenchmark\.(loadLatest|rawLoadLatest|save|rawSave|jsonbSave)\$" "${backend[@]}"
run postgres postgres-1k "$pkg\.PostgresBenchmark\.(loadAtOrBefore|saveAll|singleSaves)\$" "${backend[@]}" \
  -p size=1024
run postgres postgres-8-threads "$pkg\.PostgresBenchmark\.(loadLatest|rawLoadLatest|save|rawSave)\$" "${backend[@]}" \
  -t 8 -p size=1024,102400
# Rehydration: 4 trials with a longer warmup: Jackson's and the replay loop's code take seconds to compile.
run rehydration rehydration "$pkg\.RehydrationBenchmark\." -f 1 -wi 4 -w 1s -i 3 -r 1s
# Compression: 32 trials (2 methods x 4 candidates x 4 sizes) of about 4 s each: the candidates the goals
# name and zstd-6 (what a higher level costs); zstd-1 and zstd-1-dict show their ratios only.
run compression compression "$pkg\.CompressionBenchmark\." -f 1 -wi 1 -w 300ms -i 3 -r 300ms \
  -p candidate=deflate-6,zstd-3,zstd-6,zstd-3-dict
echo "== benchmarks took $((SECONDS - started)) s"

shopt -s nullglob
files=("$results"/*.json)
java -cp "$classpath" dev.snapshotstore.benchmarks.report.BenchmarkReport docs/benchmarks.md "${files[@]}"
