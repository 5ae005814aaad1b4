package dev.snapshotstore.benchmarks.story;

import java.util.Arrays;

/**
 * What one scenario measured: how many loads completed in its window, how long the window was, and the latency
 * percentiles by nearest rank (the smallest latency at or above which {@code p} percent of the loads fall; no
 * interpolation, so every figure is a latency that was actually measured).
 */
public record LatencySummary(String scenario, long loads, double seconds, long p50Nanos, long p95Nanos,
    long p99Nanos, long maxNanos, double meanNanos) {

  public LatencySummary {
    if (loads < 1) {
      throw new IllegalArgumentException("loads must be at least 1 but was " + loads);
    }
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("seconds must be positive but was " + seconds);
    }
  }

  /** The summary of {@code latenciesNanos} (left untouched) measured in a window of {@code seconds}. */
  public static LatencySummary of(String scenario, long[] latenciesNanos, double seconds) {
    if (latenciesNanos.length == 0) {
      throw new IllegalArgumentException("latenciesNanos must not be empty: scenario " + scenario
          + " completed no load in its window");
    }
    long[] sorted = latenciesNanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long latency : sorted) {
      sum += latency;
    }
    return new LatencySummary(scenario, sorted.length, seconds, percentile(sorted, 50), percentile(sorted, 95),
        percentile(sorted, 99), sorted[sorted.length - 1], sum / sorted.length);
  }

  /** Nearest rank: the value at rank ceil(p/100 * n), counted from 1, of an array sorted ascending. */
  static long percentile(long[] sorted, double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in (0, 100] but was " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public double loadsPerSecond() {
    return loads / seconds;
  }

  public double p50Millis() {
    return p50Nanos / 1e6;
  }

  public double p95Millis() {
    return p95Nanos / 1e6;
  }

  public double p99Millis() {
    return p99Nanos / 1e6;
  }

  public double maxMillis() {
    return maxNanos / 1e6;
  }

  /** How many times this scenario's p95 is {@code other}'s: above 1 when this one is slower. */
  public double p95Ratio(LatencySummary other) {
    return (double) p95Nanos / other.p95Nanos;
  }
}
