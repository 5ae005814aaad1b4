package dev.snapshotstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotstore.benchmarks.JfrSummary.Frame;
import dev.snapshotstore.benchmarks.JfrSummary.Layer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JfrSummaryTest {

  private static final Frame CRC = new Frame("java.util.zip.CRC32C", "updateBytes");
  private static final Frame CHECK = new Frame("dev.snapshotstore.api.spi.Arguments", "checkText");
  private static final Frame SAVE = new Frame("dev.snapshotstore.redis.RedisSnapshotStore", "doSave");
  private static final Frame JEDIS = new Frame("redis.clients.jedis.Protocol", "sendCommand");
  private static final Frame BENCH = new Frame("dev.snapshotstore.benchmarks.RedisBenchmark", "save");
  private static final Frame JMH = new Frame("org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask", "call");

  @Test
  void layersFollowThePackageAndOurBenchmarksAreNotCountedAsOurCode() {
    assertThat(Layer.of("dev.snapshotstore.benchmarks.jmh_generated.RedisBenchmark_save_jmhTest"))
        .isEqualTo(Layer.BENCHMARK);
    assertThat(Layer.of("dev.snapshotstore.postgres.PostgresSnapshotStore")).isEqualTo(Layer.OURS);
    assertThat(Layer.of("org.postgresql.core.v3.QueryExecutorImpl")).isEqualTo(Layer.DRIVER);
    assertThat(Layer.of("com.zaxxer.hikari.pool.HikariPool")).isEqualTo(Layer.DRIVER);
    assertThat(Layer.of("sun.nio.ch.SocketDispatcher")).isEqualTo(Layer.JDK);
    assertThat(Layer.of("org.openjdk.jmh.infra.Blackhole")).isEqualTo(Layer.JMH);
    assertThat(Layer.of("com.fasterxml.jackson.core.JsonParser")).isEqualTo(Layer.OTHER);
  }

  @Test
  void selfTimeGoesToTheTopFrameAndInclusiveTimeToEveryMethodOfOursOnTheStackOnce() {
    JfrSummary summary = new JfrSummary();
    summary.add(List.of(CRC, CHECK, SAVE, BENCH, JMH));
    summary.add(List.of(CRC, CHECK, SAVE, BENCH, JMH));
    summary.add(List.of(JEDIS, SAVE, BENCH, JMH));
    summary.add(List.of(BENCH, JMH));
    // a recursive frame of ours counts once for its sample
    summary.add(List.of(SAVE, SAVE, BENCH, JMH));
    summary.add(List.of());

    assertThat(summary.samples()).isEqualTo(5);
    assertThat(summary.selfShare(Layer.JDK)).isEqualTo(0.4);
    assertThat(summary.selfShare(Layer.DRIVER)).isEqualTo(0.2);
    assertThat(summary.selfShare(Layer.OURS)).isEqualTo(0.2);
    assertThat(summary.selfShare(Layer.BENCHMARK)).isEqualTo(0.2);
    assertThat(summary.selfShare(Layer.JMH)).isZero();
    assertThat(summary.oursInclusiveShare()).isEqualTo(0.8);
    assertThat(summary.topSelf(1)).containsExactly(Map.entry("CRC32C.updateBytes", 2));
    assertThat(summary.topOursInclusive(2))
        .containsExactly(Map.entry("RedisSnapshotStore.doSave", 4), Map.entry("Arguments.checkText", 2));
  }

  @Test
  void theMarkdownNamesTheLayersTheTopMethodsAndOurInclusiveShare() {
    JfrSummary summary = new JfrSummary();
    summary.add(List.of(CRC, CHECK, SAVE, BENCH, JMH));
    summary.add(List.of(JEDIS, SAVE, BENCH, JMH));
    summary.add(List.of(BENCH, JMH));
    summary.add(List.of(BENCH, JMH));

    String markdown = summary.markdown("Redis save, 1 KiB");

    assertThat(markdown).startsWith("#### Redis save, 1 KiB\n")
        .contains("4 CPU samples of the benchmark threads; 50.0% have snapshot-store code on the stack.")
        .contains("| benchmark code | 50.0% |", "| JDK | 25.0% |", "| driver and pool | 25.0% |")
        .contains("| `RedisBenchmark.save` | benchmark code | 50.0% |")
        .contains("| `RedisSnapshotStore.doSave` | 50.0% |", "| `Arguments.checkText` | 25.0% |")
        .doesNotContain("| snapshot-store | ");
  }

  @Test
  void anEmptyRecordingSaysSoWithoutDividingByZero() {
    JfrSummary summary = new JfrSummary();
    assertThat(summary.selfShare(Layer.OURS)).isZero();
    assertThat(summary.oursInclusiveShare()).isZero();
    assertThat(summary.markdown("nothing")).contains("0 CPU samples");
  }
}
