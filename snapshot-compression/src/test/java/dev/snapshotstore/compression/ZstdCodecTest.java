package dev.snapshotstore.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.tck.KitRandom;

@ExtendWith(KitRandom.SeedReporter.class)
class ZstdCodecTest {

  private static final int NO_LIMIT = Integer.MAX_VALUE;

  @Nested
  @DisplayName("Threshold")
  class Threshold {

    @Test
    @DisplayName("payloads below the default 1024 bytes are stored as they are under the identity id")
    void belowThresholdIsIdentity() {
      byte[] raw = SampleOrders.json(1, 2000);
      byte[] small = Arrays.copyOf(raw, 1023);

      EncodedPayload encoded = ZstdCodec.create().encode(small);

      assertThat(encoded.codecId()).isEqualTo(IdentityCodec.ID);
      assertThat(encoded.bytes()).isSameAs(small);
    }

    @Test
    @DisplayName("payloads at or above the threshold are compressed under the zstd id")
    void atThresholdIsCompressed() {
      byte[] raw = Arrays.copyOf(SampleOrders.json(1, 2000), 1024);

      EncodedPayload encoded = ZstdCodec.create().encode(raw);

      assertThat(encoded.codecId()).isEqualTo("zstd");
      assertThat(encoded.bytes().length).isLessThan(raw.length);
      assertThat(Decode.bytes(ZstdCodec.create(), encoded.codecId(), encoded.bytes(), NO_LIMIT)).isEqualTo(raw);
    }

    @Test
    @DisplayName("a custom threshold moves the boundary")
    void customThreshold() {
      ZstdCodec codec = ZstdCodec.create(ZstdCodecOptions.builder().threshold(5000).build());

      assertThat(codec.encode(SampleOrders.json(2, 4000)).codecId()).isEqualTo(IdentityCodec.ID);
      assertThat(codec.encode(SampleOrders.json(2, 6000)).codecId()).isEqualTo("zstd");
    }

    @Test
    @DisplayName("payloads zstd cannot shrink are stored as they are")
    void incompressibleIsIdentity(TestInfo test) {
      byte[] random = new byte[4096];
      KitRandom.random(test).nextBytes(random);

      assertThat(ZstdCodec.create().encode(random).codecId()).isEqualTo(IdentityCodec.ID);
    }

    @Test
    @DisplayName("a negative threshold is rejected naming the option")
    void negativeThreshold() {
      assertThatThrownBy(() -> ZstdCodecOptions.builder().threshold(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("threshold must be >= 0");
    }
  }

  @Nested
  @DisplayName("Level")
  class Level {

    @Test
    @DisplayName("a higher level gives a smaller frame that decodes to the same bytes")
    void levelChangesSize() {
      byte[] raw = SampleOrders.json(3, 100_000);
      ZstdCodec fast = ZstdCodec.create(ZstdCodecOptions.builder().level(1).build());
      ZstdCodec strong = ZstdCodec.create(ZstdCodecOptions.builder().level(19).build());

      byte[] fastBytes = fast.encode(raw).bytes();
      byte[] strongBytes = strong.encode(raw).bytes();

      assertThat(strongBytes.length).isLessThan(fastBytes.length);
      assertThat(Decode.bytes(fast, "zstd", strongBytes, NO_LIMIT)).isEqualTo(raw);
      assertThat(Decode.bytes(strong, "zstd", fastBytes, NO_LIMIT)).isEqualTo(raw);
    }

    @Test
    @DisplayName("the default level depends on the size: 4 below 16 KiB, 6 from there (the benchmarks' curve)")
    void defaultLevelBySize() {
      ZstdCodecOptions defaults = ZstdCodec.create().options();
      assertThat(defaults.level()).isEqualTo(4);
      assertThat(defaults.largeLevelFrom()).isEqualTo(16 * 1024);
      assertThat(defaults.levelFor(16 * 1024 - 1)).isEqualTo(4);
      assertThat(defaults.levelFor(16 * 1024)).isEqualTo(6);
      assertThat(new ZstdCodec().options().threshold()).isEqualTo(1024);
    }

    @Test
    @DisplayName("the default codec writes the frames of level 4 below 16 KiB and of level 6 from there")
    void defaultPolicyCompressesAtTheLevelOfTheSize() {
      ZstdCodec policy = ZstdCodec.create();
      ZstdCodec four = ZstdCodec.create(ZstdCodecOptions.builder().level(4).build());
      ZstdCodec six = ZstdCodec.create(ZstdCodecOptions.builder().level(6).build());
      byte[] small = SampleOrders.json(5, 10_000);
      byte[] large = SampleOrders.json(5, 100_000);

      assertThat(policy.encode(small).bytes()).isEqualTo(four.encode(small).bytes())
          .isNotEqualTo(six.encode(small).bytes());
      assertThat(policy.encode(large).bytes()).isEqualTo(six.encode(large).bytes())
          .isNotEqualTo(four.encode(large).bytes());
      assertThat(Decode.bytes(policy, "zstd", six.encode(large).bytes(), NO_LIMIT)).isEqualTo(large);
    }

    @Test
    @DisplayName("level(n) sets one level for every size; levelBySize sets a policy of one's own")
    void explicitLevels() {
      ZstdCodecOptions one = ZstdCodecOptions.builder().level(3).build();
      assertThat(one.levelFor(10)).isEqualTo(3);
      assertThat(one.levelFor(Integer.MAX_VALUE)).isEqualTo(3);
      ZstdCodecOptions own = ZstdCodecOptions.builder().levelBySize(1, 1000, 9).build();
      assertThat(own.levelFor(999)).isEqualTo(1);
      assertThat(own.levelFor(1000)).isEqualTo(9);
      assertThat(own.toBuilder().build().levelFor(1000)).isEqualTo(9);
      assertThatThrownBy(() -> ZstdCodecOptions.builder().levelBySize(3, 0, 6))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("largeFrom");
      assertThatThrownBy(() -> ZstdCodecOptions.builder().levelBySize(3, 1000, 23))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("largeLevel must be between");
    }

    @Test
    @DisplayName("a level outside zstd's range is rejected naming the option")
    void levelOutOfRange() {
      assertThatThrownBy(() -> ZstdCodecOptions.builder().level(23))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("level must be between");
    }
  }

  @Nested
  @DisplayName("Round trip")
  class RoundTrip {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1024, 4000, 10_240, 102_400, 1_048_576, 5_000_000})
    @DisplayName("realistic JSON of many sizes decodes to the same bytes")
    void realisticJson(int size) {
      byte[] raw = SampleOrders.json(size, size);
      ZstdCodec codec = ZstdCodec.create();

      EncodedPayload encoded = codec.encode(raw);

      assertThat(encoded.codecId()).isEqualTo("zstd");
      // Small states share little with themselves; dictionaries are the answer there.
      assertThat(encoded.bytes().length).as("compressed size").isLessThan(raw.length / (size < 10_000 ? 2 : 3));
      assertThat(Decode.bytes(codec, encoded.codecId(), encoded.bytes(), raw.length)).isEqualTo(raw);
    }

    @Test
    @DisplayName("a threshold of 0 compresses even tiny payloads when that saves bytes")
    void tinyPayloads() {
      ZstdCodec codec = ZstdCodec.create(ZstdCodecOptions.builder().threshold(0).build());
      byte[] repetitive = "a".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8);

      EncodedPayload encoded = codec.encode(repetitive);

      assertThat(encoded.codecId()).isEqualTo("zstd");
      assertThat(Decode.bytes(codec, "zstd", encoded.bytes(), NO_LIMIT)).isEqualTo(repetitive);
      assertThat(codec.encode(new byte[0]).codecId()).isEqualTo(IdentityCodec.ID);
    }

    @Test
    @DisplayName("frames without a checksum decode too")
    void withoutChecksum() {
      byte[] raw = SampleOrders.json(4, 20_000);
      ZstdCodec noChecksum = ZstdCodec.create(ZstdCodecOptions.builder().checksum(false).build());

      byte[] withoutSum = noChecksum.encode(raw).bytes();

      assertThat(withoutSum.length).isEqualTo(ZstdCodec.create().encode(raw).bytes().length - 4);
      assertThat(Decode.bytes(ZstdCodec.create(), "zstd", withoutSum, NO_LIMIT)).isEqualTo(raw);
    }

    @Test
    @DisplayName("one codec is used by many threads at once")
    void concurrentUse() throws Exception {
      ZstdCodec codec = ZstdCodec.create();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int task = 0; task < 8; task++) {
          int seed = task;
          results.add(pool.submit(() -> {
            for (int i = 0; i < 200; i++) {
              byte[] raw = SampleOrders.json(seed * 1000L + i, 1500 + 50 * i);
              EncodedPayload encoded = codec.encode(raw);
              if (!Arrays.equals(raw, Decode.bytes(codec, encoded.codecId(), encoded.bytes(), NO_LIMIT))) {
                return false;
              }
            }
            return true;
          }));
        }
        for (Future<Boolean> result : results) {
          assertThat(Await.result("a thread's 200 round trips", Duration.ofSeconds(60), result))
              .as("every round trip of that thread gave back its input").isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("a codec id the zstd codec never writes is rejected")
    void foreignParameter() {
      byte[] frame = ZstdCodec.create().encode(SampleOrders.json(5, 5000)).bytes();

      assertThatThrownBy(() -> Decode.bytes(ZstdCodec.create(), "zstd:level=9", frame, NO_LIMIT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zstd:level=9");
    }

    @Test
    @DisplayName("options say what they are, and the codec too")
    void describesItself() {
      assertThat(ZstdCodec.create().toString())
          .isEqualTo("ZstdCodec[threshold=1024, level=4, largeLevel=6 from 16384 bytes, maxDecodedBytes=67108864,"
              + " checksum=true, dictionaries=[],"
              + " compressionDictionary=null]");
    }
  }
}
