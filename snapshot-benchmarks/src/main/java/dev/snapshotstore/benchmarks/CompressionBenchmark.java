package dev.snapshotstore.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compress and decompress throughput of realistic JSON states: zstd at levels 1 and 3, with and without a
 * trained dictionary, and level 6 without one (to show what a higher ratio costs), against the JDK's
 * Deflater at level 6, side by side in one run. Scores are operations per second; the report turns them
 * into MB/s of uncompressed JSON and adds each candidate's ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompressionBenchmark {

  /** The measured orders are generated from this seed; dictionaries never see it. */
  public static final long PAYLOAD_SEED = 42;

  @Param({"1024", "10240", "102400", "1048576"})
  public int size;

  @Param({"deflate-6", "zstd-1", "zstd-3", "zstd-6", "zstd-1-dict", "zstd-3-dict"})
  public String candidate;

  private CompressionCandidate compressor;
  private byte[] raw;
  private byte[] compressed;

  @Setup(Level.Trial)
  public void setUp() {
    raw = AggregateStates.order(PAYLOAD_SEED, size);
    compressor = CompressionCandidate.create(candidate);
    compressed = compressor.compress(raw);
    if (!Arrays.equals(raw, compressor.decompress(compressed, raw.length))) {
      throw new IllegalStateException(candidate + " does not round-trip " + size + " bytes");
    }
  }

  @Benchmark
  public byte[] compress() {
    return compressor.compress(raw);
  }

  @Benchmark
  public byte[] decompress() {
    return compressor.decompress(compressed, raw.length);
  }
}
