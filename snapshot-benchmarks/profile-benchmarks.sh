#!/usr/bin/env bash
# JFR profiles of the hot paths (issue 16, item 6): each target is one JMH benchmark at one size, run in a JVM that
# records with Flight Recorder, then summarised by JfrSummary (CPU of the benchmark threads by layer and method) into <out>/profiles.md.
#
#   flock /tmp/build.lock ./snapshot-benchmarks/profile-benchmarks.sh <out-dir>
#
# Environment:
#   PROFILE_CLASSPATH   a benchmark-classpath.txt of another checkout to profile (an older commit, for a "before"
#                       profile); JfrSummary always comes from this checkout. Default: this checkout's, built first
#   PROFILE_TARGETS     names of the targets below to run (space separated); default all
#   PROFILE_JMH_ARGS    extra JMH arguments for every target, e.g. "-p redis=7.0" (the current RedisBenchmark runs
#                       Redis 7.0 and 6.2; older commits have no such parameter)
#   SNAPSHOT_BENCH_REDIS_URL, SNAPSHOT_BENCH_POSTGRES_URL   the servers, as for run-benchmarks.sh. With a Redis URL
#                       and redis-cli on the path, each Redis target also saves the server's INFO commandstats
#                       (<out>/<target>.commandstats.txt): the server side of the profile, per command
#   MVN                 the Maven command; default "./mvnw -B -ntp -o"
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$(mkdir -p "${1:?usage: profile-benchmarks.sh <out-dir>}" && cd "$1" && pwd)"
module=snapshot-benchmarks
read -r -a mvn <<< "${MVN:-./mvnw -B -ntp -o}"
read -r -a extra <<< "${PROFILE_JMH_ARGS:-}"

"${mvn[@]}" -q -pl "$module" -am package exec:exec -DskipTests
own_classpath="$(cat "$module/target/benchmark-classpath.txt")"
profiled_classpath="$own_classpath"
if [[ -n "${PROFILE_CLASSPATH:-}" ]]; then
  profiled_classpath="$(cat "$PROFILE_CLASSPATH")"
fi

pkg='dev\.snapshotstore\.benchmarks'
# name | JMH include | JMH arguments
targets=(
  "redis-save-1k|$pkg\.RedisBenchmark\.save\$|-p size=1024"
  "redis-save-1m|$pkg\.RedisBenchmark\.save\$|-p size=1048576"
  "redis-loadLatest-1k|$pkg\.RedisBenchmark\.loadLatest\$|-p size=1024"
  "redis-loadLatest-1m|$pkg\.RedisBenchmark\.loadLatest\$|-p size=1048576"
  "redis-loadAtOrBefore-1m|$pkg\.RedisBenchmark\.loadAtOrBefore\$|-p size=1048576"
  "redis-saveAll-1k|$pkg\.RedisBenchmark\.saveAll\$|-p size=1024"
  "postgres-loadLatest-1k|$pkg\.PostgresBenchmark\.loadLatest\$|-p size=1024"
  "postgres-loadLatest-1k-8-threads|$pkg\.PostgresBenchmark\.loadLatest\$|-p size=1024 -t 8"
  "postgres-save-1k|$pkg\.PostgresBenchmark\.save\$|-p size=1024"
)

wanted() {
  [[ -z "${PROFILE_TARGETS:-}" || " $PROFILE_TARGETS " == *" $1 "* ]]
}

redis_cli=""
if [[ -n "${SNAPSHOT_BENCH_REDIS_URL:-}" ]] && command -v redis-cli > /dev/null; then
  redis_cli=1
fi

summary="$out/profiles.md"
: > "$summary"
for target in "${targets[@]}"; do
  IFS='|' read -r name include args <<< "$target"
  wanted "$name" || continue
  read -r -a target_args <<< "$args"
  echo "== $name ($(date -u +%H:%M:%S))"
  rm -f "${out:?}/$name.jfr"
  if [[ -n "$redis_cli" && "$name" == redis-* ]]; then
    redis-cli -u "$SNAPSHOT_BENCH_REDIS_URL" config resetstat > /dev/null
  fi
  # The recording runs for the whole fork, sampling every millisecond (JMH's own jfr profiler samples every 10-20 ms
  # and only during measurement: a few dozen samples of a thread that mostly waits on its socket). Warm-up is short
  # against measurement, and the JIT compiles in threads the summary leaves out.
  recording="$out/$name.jfr"
  java -Xmx256m -cp "$profiled_classpath" org.openjdk.jmh.Main "$include" -f 1 -wi 3 -w 1s -i 5 -r 2s \
    -jvmArgs "-Xms1g -Xmx1g -XX:+AlwaysPreTouch" \
    -jvmArgsAppend "-XX:StartFlightRecording=filename=$recording,settings=profile,jdk.ExecutionSample#period=1ms" \
    -rf json -rff "$out/$name.json" "${target_args[@]}" ${extra[@]+"${extra[@]}"} > "$out/$name.log"
  if [[ -n "$redis_cli" && "$name" == redis-* ]]; then
    redis-cli -u "$SNAPSHOT_BENCH_REDIS_URL" info commandstats > "$out/$name.commandstats.txt"
  fi
  score="$(grep -E '(thrpt|avgt) ' "$out/$name.log" | grep -v ':' | tail -1 | tr -s ' ')"
  {
    java -cp "$own_classpath" dev.snapshotstore.benchmarks.JfrSummary "$recording" "$name"
    echo
    echo "JMH: \`$score\`"
    echo
  } >> "$summary"
done
echo "wrote $summary"
