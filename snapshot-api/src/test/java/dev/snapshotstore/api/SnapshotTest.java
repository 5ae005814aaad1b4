package dev.snapshotstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SnapshotTest {

  @Test
  void payloadAndMetadataAreCopiedInAndOut() {
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
  void equalityIsByContentAndCreatedAtKeepsMicroseconds() {
    Instant at = Instant.parse("2026-01-01T00:00:00.123456789Z");
    Snapshot a = Snapshot.builder("T", "a", 1, new byte[] {1}).createdAt(at).build();
    Snapshot b = Snapshot.builder("T", "a", 1, new byte[] {1}).createdAt(at).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    assertThat(a.toString()).contains("T/a@1").doesNotContain("[B@");
  }

  @Test
  void nullMetadataEntriesAreRejectedByName() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("k", null);
    assertThatThrownBy(() -> Snapshot.builder("T", "a", 1, new byte[0]).metadata(metadata).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata value of 'k'");
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
}
