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
        {"benchmark":"dev.snapshotstore.benchmarks.RedisBenchmark.loadLatest","forks":1,"params":{"size":"1024"},
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
        .contains("| RedisBenchmark.loadLatest | {size=1024} | 1,235 | ops/s |");
  }
}
