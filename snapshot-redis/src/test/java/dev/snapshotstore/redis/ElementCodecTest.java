package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.ElementCodec.ElementFormatException;
import dev.snapshotstore.tck.KitRandom;

/** The element format round trips, and no damage escapes as anything but ElementFormatException. */
@ExtendWith(KitRandom.SeedReporter.class)
class ElementCodecTest {

  private final Snapshot snapshot = Snapshot.builder("Order", "42", 7, "state".getBytes())
      .createdAt(Instant.parse("1969-12-31T23:59:59.999999Z"))
      .metadata(Map.of("k", "v", "ключ", "値"))
      .header(new SnapshotHeader("jackson-json", "zstd:dict=x", 3))
      .build();

  @Test
  @DisplayName("every field round trips, createdAt before the epoch too")
  void roundTrip() throws ElementFormatException {
    assertThat(ElementCodec.decode("Order", "42", ElementCodec.encode(snapshot))).isEqualTo(snapshot);
  }

  @Test
  @DisplayName("10,000 random mutations and truncations are rejected cleanly, never with another exception")
  void fuzz(TestInfo test) {
    byte[] good = ElementCodec.encode(snapshot);
    Random random = KitRandom.random(test);
    for (int i = 0; i < 10_000; i++) {
      byte[] bad = random.nextBoolean() ? java.util.Arrays.copyOf(good, random.nextInt(good.length)) : good.clone();
      if (bad.length == good.length) {
        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
      }
      assertThatThrownBy(() -> ElementCodec.decode("Order", "42", bad)).isInstanceOf(ElementFormatException.class);
    }
    for (int i = 0; i < 1_000; i++) {
      byte[] noise = new byte[random.nextInt(200)];
      random.nextBytes(noise);
      assertThatThrownBy(() -> ElementCodec.decode("Order", "42", noise)).isInstanceOf(ElementFormatException.class);
    }
  }

  @Test
  @DisplayName("a createdAt beyond 64-bit microseconds is rejected before any I/O, naming createdAt")
  void createdAtOutOfRange() {
    Snapshot far = Snapshot.builder("Order", "42", 1, new byte[0]).createdAt(Instant.MAX).build();
    assertThatThrownBy(() -> ElementCodec.encode(far)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("createdAt");
  }
}
