package dev.snapshotstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SnapshotTest {

  @Test
  void payloadIsCopiedInAndMetadataIsUnmodifiable() {
    byte[] payload = {1, 2, 3};
    Map<String, String> metadata = new HashMap<>(Map.of("k", "v"));
    Snapshot snapshot = Snapshot.builder("T", "a", 1, payload).metadata(metadata).build();
    payload[0] = 9;
    metadata.put("k2", "v2");
    snapshot.payload()[1] = 9;

    assertThat(snapshot.payload()).containsExactly(1, 2, 3);
    assertThat(snapshot.metadata()).containsOnlyKeys("k");
    assertThatThrownBy(() -> snapshot.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void payloadReadsWithoutCopiesCannotWriteIntoTheSnapshot() throws IOException {
    Snapshot snapshot = Snapshot.builder("T", "a", 1, new byte[] {1, 2, 3}).build();

    ByteBuffer buffer = snapshot.payloadBuffer();
    assertThat(buffer.isReadOnly()).isTrue();
    assertThat(buffer.remaining()).isEqualTo(3);
    assertThatThrownBy(() -> buffer.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(snapshot.payloadStream().readAllBytes()).containsExactly(1, 2, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    snapshot.writePayloadTo(out);
    assertThat(out.toByteArray()).containsExactly(1, 2, 3);
    assertThat(snapshot.payloadEquals(new byte[] {1, 2, 3})).isTrue();
    assertThat(snapshot.payloadEquals(new byte[] {1, 2})).isFalse();
  }

  @Test
  void equalityIsByContentAndCreatedAtKeepsMicroseconds() {
    Instant at = Instant.parse("2026-01-01T00:00:00.123456789Z");
    Snapshot a = Snapshot.builder("T", "a", 1, new byte[] {1}).createdAt(at).build();
    Snapshot b = Snapshot.builder("T", "a", 1, new byte[] {1}).createdAt(at).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Snapshot.builder("T", "a", 1, new byte[] {2}).createdAt(at).build());
    assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    assertThat(a.toString()).contains("T/a@1").doesNotContain("[B@");
  }

  @Test
  void createdAtMustLieInTheRangeEveryBackendHolds() {
    assertThat(Snapshot.builder("T", "a", 1, new byte[0]).createdAt(Snapshot.MIN_CREATED_AT).build().createdAt())
        .isEqualTo(Snapshot.MIN_CREATED_AT);
    assertThat(Snapshot.builder("T", "a", 1, new byte[0]).createdAt(Instant.parse("9999-12-31T23:59:59.999999999Z"))
        .build().createdAt()).isEqualTo(Snapshot.MAX_CREATED_AT);
    assertThatThrownBy(() -> Snapshot.builder("T", "a", 1, new byte[0])
        .createdAt(Snapshot.MIN_CREATED_AT.minusNanos(1000)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
    assertThatThrownBy(() -> Snapshot.builder("T", "a", 1, new byte[0]).createdAt(Instant.MAX).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
  }

  @Test
  void textThatNoBackendStoresExactlyIsRejectedByName() {
    assertThatThrownBy(() -> Snapshot.builder("T", "a\0b", 1, new byte[0]).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateId").hasMessageContaining("U+0000");
    assertThatThrownBy(() -> Snapshot.builder("T\uD800", "a", 1, new byte[0]).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateType")
        .hasMessageContaining("unpaired high surrogate");
    assertThatThrownBy(() -> Snapshot.builder("T", "a", 1, new byte[0]).metadata(Map.of("k", "x\uDC00y")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata value of 'k'")
        .hasMessageContaining("unpaired low surrogate");
    assertThatThrownBy(() -> Snapshot.builder("T", "a", 1, new byte[0]).metadata(Map.of("k\0", "v")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata key");
    // A well-formed pair, line breaks and every other character are fine.
    Snapshot ok = Snapshot.builder("T", "a\uD83D\uDE00\n\t", 1, new byte[0]).metadata(Map.of("k", "\r\n\u2028é"))
        .build();
    assertThat(ok.aggregateId()).isEqualTo("a\uD83D\uDE00\n\t");
  }

  @Test
  void nullMetadataEntriesAreRejectedByName() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("k", null);
    assertThatThrownBy(() -> Snapshot.builder("T", "a", 1, new byte[0]).metadata(metadata).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata value of 'k'");
  }

  @Test
  void metadataSizeCountsUtf8BytesOfKeysAndValues() {
    Map<String, String> metadata = Map.of("ключ", "é\uD83D\uDE00", "a", "");
    Snapshot snapshot = Snapshot.builder("T", "a", 1, new byte[0]).metadata(metadata).build();
    int expected = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      expected += entry.getKey().getBytes(StandardCharsets.UTF_8).length
          + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    assertThat(snapshot.metadataSize()).isEqualTo(expected);
  }

  @Test
  void headerRulesAreNamed() {
    assertThatThrownBy(() -> new SnapshotHeader("json", " ", 0)).hasMessageContaining("codecId");
    assertThatThrownBy(() -> new SnapshotHeader("json", "identity", -1)).hasMessageContaining("schemaRevision");
    assertThat(new SnapshotHeader("json", "zstd:dict=orders", 0).codecName()).isEqualTo("zstd");
  }

  @Test
  void retentionParsesAndRejects() {
    assertThat(Retention.parse("unlimited").isUnlimited()).isTrue();
    assertThat(Retention.parse(" 7 ").keep()).isEqualTo(7);
    assertThatThrownBy(() -> Retention.parse("0")).hasMessageContaining("retention");
    assertThatThrownBy(() -> Retention.keepLast(-2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pagesAndPageRequestsCheckTheirBounds() {
    assertThat(PageRequest.first(10).cursor()).isNull();
    assertThat(PageRequest.after("x", 10).cursor()).isEqualTo("x");
    assertThatThrownBy(() -> PageRequest.first(0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1)).hasMessageContaining("limit");
    assertThatThrownBy(() -> PageRequest.after("", 1)).hasMessageContaining("cursor");
    Page<String> page = new Page<>(java.util.List.of("a"), "a");
    assertThat(page.next(5)).contains(PageRequest.after("a", 5));
    assertThat(Page.last(java.util.List.of()).next(5)).isEmpty();
  }
}
