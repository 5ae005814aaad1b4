package dev.snapshotstore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {

  private static String result(String method, String candidate, int size, double score) {
    return """
        {"benchmark":"dev.snapshotstore.benchmarks.CompressionBenchmark.%s","mode":"thrpt","forks":1,
         "jvmArgs":["-Xmx1g"],"warmupIterations":3,"warmupTime":"500 ms","measurementIterations":5,
         "measurementTime":"500 ms","params":{"candidate":"%s","size":"%d"},
         "primaryMetric":{"score":%s,"scorePercentiles":{"50.0":%s},"scoreUnit":"ops/s",
         "rawData":[[1,2,3,4,5]]}}""".formatted(method, candidate, size, score, score);
  }

  @Test
  void compressionTableAndGoalsFromJmhJson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("result.json");
    Files.writeString(json, "[" + String.join(",",
        result("compress", "deflate-6", 10240, 1000),
        result("compress", "zstd-3", 10240, 2500),
        result("decompress", "deflate-6", 10240, 4000),
        result("decompress", "zstd-3", 10240, 9000),
        result("compress", "zstd-3-dict", 1024, 30000),
        result("compress", "deflate-6", 1024, 20000),
        """
        {"benchmark":"dev.snapshotstore.benchmarks.SqlServerBenchmark.loadLatest","forks":1,"params":{"size":"1024"},
         "primaryMetric":{"scorePercentiles":{"50.0":1234.5},"scoreUnit":"ops/s","rawData":[[1]]}}""") + "]");

    List<JmhResult> results = JmhResult.read(json);
    String markdown = BenchmarkReport.render(results, "test machine");

    assertThat(results).hasSize(7);
    assertThat(results.get(0).iterations()).isEqualTo(5);
    assertThat(markdown)
        .contains("Machine: test machine")
        .contains("1 fork(s), 3 x 500 ms warmup, 5 x 500 ms measurement")
        .contains("### 10 KiB")
        .containsPattern("\\| zstd-3 \\| [0-9.]+x \\| [0-9]+ \\| [0-9.,]+ \\| [0-9.,]+ \\| 2\\.50x \\| 2\\.25x \\|")
        .contains("| zstd-3 compresses >= 3.0x faster than deflate-6 | 10 KiB | 2.50x | **MISSED** |")
        .containsPattern("1 KiB states >= 1.8x smaller than deflate-6 \\| 1 KiB \\| [0-9.]+x \\| met \\|")
        .contains("## Other benchmarks")
        .contains("| SqlServerBenchmark.loadLatest | {size=1024} | 1,235 | ops/s |");
  }

  private static String backend(String benchmark, String method, String param, int value, int threads, double score) {
    return """
        {"benchmark":"dev.snapshotstore.benchmarks.%s.%s","forks":1,"threads":%d,"params":{"%s":"%d"},
         "primaryMetric":{"scorePercentiles":{"50.0":%s},"scoreUnit":"ops/s","rawData":[[1]]}}"""
        .formatted(benchmark, method, threads, param, value, score);
  }

  @Test
  void backendRatiosAndGoalsPerThreadCount(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("redis.json");
    Files.writeString(json, "[" + String.join(",",
        backend("RedisBenchmark", "loadLatest", "size", 1024, 1, 10_000),
        backend("RedisBenchmark", "rawGet", "size", 1024, 1, 11_000),
        backend("RedisBenchmark", "save", "size", 1024, 1, 8_000),
        backend("RedisBenchmark", "sourceSave", "size", 1024, 1, 12_000),
        backend("RedisBenchmark", "save", "size", 102400, 1, 4_000),
        backend("RedisBenchmark", "sourceSave", "size", 102400, 1, 3_000),
        backend("RedisBenchmark", "loadLatest", "size", 1024, 8, 20_000),
        backend("RedisBenchmark", "rawGet", "size", 1024, 8, 30_000),
        backend("RedisBenchmark", "saveAll", "size", 1024, 1, 90_000),
        backend("RedisBenchmark", "singleSaves", "size", 1024, 1, 10_000),
        backend("PostgresBenchmark", "save", "size", 10240, 1, 1_000),
        backend("PostgresBenchmark", "jsonbSave", "size", 10240, 1, 400)) + "]");

    String markdown = BenchmarkReport.render(JmhResult.read(json), "test machine");

    assertThat(markdown)
        .contains("## Redis", "### 1 thread", "### 8 threads", "## PostgreSQL")
        .contains("| loadLatest within 1.10x of raw GET | 1 KiB | 1 | 1.10x | met |")
        .contains("| loadLatest within 1.10x of raw GET | 1 KiB | 8 | 1.50x | **MISSED** |")
        .contains("| save within 1.2x of the source pipelined save | 1 KiB | 1 | 1.50x | **MISSED** |")
        .contains("| save at most 0.8x the time of the source pipelined save | 100 KiB | 1 | 0.75x | met |")
        .contains("| saveAll of 100 >= 8.0x the throughput of 100 single saves | 1 KiB | 1 | 9.00x | met |")
        .contains("| save >= 2x faster than the JSONB upsert (time ratio <= 0.50x) | 10 KiB | 1 | 0.40x | met |")
        .doesNotContain("## Other benchmarks");
  }

  @Test
  void rehydrationSpeedupAndFlatness(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("rehydration.json");
    Files.writeString(json, "[" + String.join(",",
        backend("RehydrationBenchmark", "fullReplay", "events", 10_000, 1, 100),
        backend("RehydrationBenchmark", "snapshotPlusTail", "events", 10_000, 1, 6_000),
        backend("RehydrationBenchmark", "fullReplay", "events", 100_000, 1, 10),
        backend("RehydrationBenchmark", "snapshotPlusTail", "events", 100_000, 1, 3_000)) + "]");

    String markdown = BenchmarkReport.render(JmhResult.read(json), "test machine");

    assertThat(markdown)
        .contains("| 10,000 | 100 | 10,000 | 6,000 | 167 | 60.00x |")
        .contains("| snapshot load >= 50x faster than full replay at 10,000 events | 60.00x | met |")
        .contains("| snapshot load nearly flat: 100,000 events within 1.5x the time of 10,000 | 2.00x | **MISSED** |");
  }
}
