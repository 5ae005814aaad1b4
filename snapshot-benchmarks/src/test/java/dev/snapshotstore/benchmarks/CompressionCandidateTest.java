package dev.snapshotstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompressionCandidateTest {

  @Test
  void everyCandidateRoundTripsAndShrinksJson() {
    byte[] raw = AggregateStates.order(7, 10 * 1024);
    for (String name : CompressionCandidate.NAMES) {
      CompressionCandidate candidate = CompressionCandidate.create(name);
      byte[] compressed = candidate.compress(raw);
      assertThat(compressed.length).as(name).isLessThan(raw.length / 2);
      assertThat(candidate.decompress(compressed, raw.length)).as(name).isEqualTo(raw);
    }
  }

  @Test
  void unknownCandidateIsNamed() {
    assertThatThrownBy(() -> CompressionCandidate.create("lz4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lz4'");
    assertThatThrownBy(() -> CompressionCandidate.create("deflate-6-dict"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CompressionCandidate.create("zstd-5").compress(AggregateStates.order(1, 2048)).length).isLessThan(2048);
  }

  @Test
  void jmhGeneratedTheBenchmarkList() throws Exception {
    try (var list = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
      assertThat(list).isNotNull();
      assertThat(new String(list.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("CompressionBenchmark_compress_jmhTest", "CompressionBenchmark_decompress_jmhTest");
    }
  }
}
