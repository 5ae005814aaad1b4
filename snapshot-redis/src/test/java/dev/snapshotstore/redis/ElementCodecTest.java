package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
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
import dev.snapshotstore.redis.internal.ElementCodec.Encoded;
import dev.snapshotstore.tck.KitRandom;

/** The element format round trips every field exactly, hands payloads over without copies, and rejects damage. */
@ExtendWith(KitRandom.SeedReporter.class)
class ElementCodecTest {

  private final Snapshot snapshot = Snapshot.builder("Order", "42", 7, "state".getBytes())
      .createdAt(Instant.parse("1969-12-31T23:59:59.999999Z"))
      .metadata(Map.of("k", "v", "ключ", "値"))
      .header(new SnapshotHeader("jackson-json", "zstd:dict=x", 3))
      .build();

  @Test
  @DisplayName("every field round trips, createdAt before the epoch and at both ends of its range too")
  void roundTrip() throws ElementFormatException {
    assertThat(ElementCodec.decode("Order", "42", ElementCodec.encode(snapshot).element())).isEqualTo(snapshot);
    for (Instant at : new Instant[] {Snapshot.MIN_CREATED_AT, Snapshot.MAX_CREATED_AT, Instant.EPOCH}) {
      Snapshot edge = Snapshot.builder("Order", "42", Long.MAX_VALUE, new byte[0]).createdAt(at).build();
      assertThat(ElementCodec.decode("Order", "42", ElementCodec.encode(edge).element())).isEqualTo(edge);
    }
  }

  @Test
  @DisplayName("the member is version, payload length and the element's checksum, and lists only its own element")
  void member() {
    Encoded encoded = ElementCodec.encode(snapshot);
    ByteBuffer member = ByteBuffer.wrap(encoded.member());
    byte[] element = encoded.element();
    assertThat(encoded.member()).hasSize(ElementCodec.MEMBER_BYTES);
    assertThat(member.getLong(0)).isEqualTo(7);
    assertThat(member.getInt(8)).isEqualTo(5);
    assertThat(member.getInt(12)).isEqualTo(ByteBuffer.wrap(element).getInt(element.length - 4));
    assertThat(ElementCodec.isListedBy(element, encoded.member())).isTrue();
    Snapshot replaced = Snapshot.builder("Order", "42", 7, "other".getBytes()).build();
    assertThat(ElementCodec.isListedBy(ElementCodec.encode(replaced).element(), encoded.member())).isFalse();
    assertThat(ElementCodec.memberVersion(encoded.member())).isEqualTo(7);
    assertThat(ElementCodec.memberPayloadBytes(encoded.member())).isEqualTo(5);
  }

  @Test
  @DisplayName("a decoded payload is a slice of the element Redis returned, not a copy")
  void payloadAdoptedWithoutCopy() throws ElementFormatException {
    byte[] element = ElementCodec.encode(snapshot).element();
    Snapshot decoded = ElementCodec.decode("Order", "42", element);
    assertThat(decoded.payloadEquals("state".getBytes())).isTrue();
    // the payload sits just before the 4-byte checksum: writing the element changes the snapshot
    element[element.length - 5] ^= 1;
    assertThat(decoded.payloadEquals("state".getBytes())).as("payload still equal after the element changed").isFalse();
  }

  @Test
  @DisplayName("metadata keeps every string exactly: line breaks, quotes, 64 KiB values, 1,000 entries, any plane")
  void metadataRoundTrip(TestInfo test) throws ElementFormatException {
    Random random = KitRandom.random(test);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("lines", "a\nb\r\nc\td\u2028e\u2029");
    metadata.put("quotes", "\"'`\\%_*:{}[]?");
    metadata.put("emoji", "🧾 注文 é e\u0301 \uFFFF \uFEFF");
    metadata.put("big", "x".repeat(64 * 1024 - 3));
    assertRoundTrip(metadata, 128 * 1024);
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      many.put("key-" + i + randomText(random, 3), randomText(random, 8));
    }
    assertRoundTrip(many, 1024 * 1024);
    for (int round = 0; round < 200; round++) {
      Map<String, String> drawn = new HashMap<>();
      for (int i = random.nextInt(5); i >= 0; i--) {
        drawn.put(randomText(random, 1 + random.nextInt(20)), randomText(random, random.nextInt(40)));
      }
      assertRoundTrip(drawn, 64 * 1024);
    }
  }

  private static void assertRoundTrip(Map<String, String> metadata, int limit) throws ElementFormatException {
    Snapshot withMetadata = Snapshot.builder("Order", "42", 1, new byte[] {1}).metadata(metadata).build();
    assertThat(withMetadata.metadataSize()).isLessThanOrEqualTo(limit);
    Snapshot decoded = ElementCodec.decode("Order", "42", ElementCodec.encode(withMetadata).element());
    assertThat(decoded.metadata()).isEqualTo(metadata);
  }

  /** Code points from every plane, never U+0000 nor a lone surrogate (Snapshot rejects both). */
  private static String randomText(Random random, int codePoints) {
    StringBuilder text = new StringBuilder();
    while (text.codePointCount(0, text.length()) < codePoints) {
      int codePoint = switch (random.nextInt(4)) {
        case 0 -> 1 + random.nextInt(0x7F);
        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
        case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
        default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
      };
      if (codePoint < 0xD800 || codePoint > 0xDFFF) {
        text.appendCodePoint(codePoint);
      }
    }
    return text.toString();
  }

  @Test
  @DisplayName("10,000 random mutations and truncations are rejected cleanly, never with another exception")
  void fuzz(TestInfo test) {
    byte[] good = ElementCodec.encode(snapshot).element();
    Random random = KitRandom.random(test);
    for (int i = 0; i < 10_000; i++) {
      byte[] bad = random.nextBoolean() ? Arrays.copyOf(good, random.nextInt(good.length)) : good.clone();
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
}
