package dev.snapshotstore.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

class UnsafePayloadsTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void adoptTakesTheArrayWithoutACopyAndArrayHandsItBack() {
    byte[] bytes = {1, 2, 3};
    Snapshot snapshot = UnsafePayloads.adopt("T", "a", 1, bytes, AT, Map.of(), SnapshotHeader.RAW);
    assertThat(UnsafePayloads.array(snapshot)).isSameAs(bytes);
    assertThat(snapshot.payload()).isNotSameAs(bytes).containsExactly(1, 2, 3);
  }

  @Test
  void aSliceReadsOnlyItsRangeAndIsCopiedOnlyWhenAnExactArrayIsAskedFor() {
    byte[] record = {9, 9, 1, 2, 3, 9};
    Snapshot snapshot = UnsafePayloads.adopt("T", "a", 1, record, 2, 3, AT, Map.of(), SnapshotHeader.RAW);
    assertThat(snapshot.payloadSize()).isEqualTo(3);
    assertThat(snapshot.payload()).containsExactly(1, 2, 3);
    assertThat(snapshot.payloadBuffer().remaining()).isEqualTo(3);
    assertThat(snapshot.payloadBuffer().get(0)).isEqualTo((byte) 1);
    assertThat(UnsafePayloads.array(snapshot)).isNotSameAs(record).containsExactly(1, 2, 3);
    assertThat(snapshot).isEqualTo(Snapshot.builder("T", "a", 1, new byte[] {1, 2, 3}).createdAt(AT).build());
    assertThat(snapshot.hashCode())
        .isEqualTo(Snapshot.builder("T", "a", 1, new byte[] {1, 2, 3}).createdAt(AT).build().hashCode());
  }

  @Test
  void aSliceOutsideTheArrayIsRejected() {
    assertThatThrownBy(() -> UnsafePayloads.adopt("T", "a", 1, new byte[3], 2, 2, AT, Map.of(), SnapshotHeader.RAW))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void adoptedSnapshotsAreCheckedLikeBuiltOnes() {
    assertThatThrownBy(() -> UnsafePayloads.adopt(" ", "a", 1, new byte[0], AT, Map.of(), SnapshotHeader.RAW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateType");
  }
}
