package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;

/** How saveAll cuts a batch into statements: by count and by payload bytes, keeping the order, losing nothing. */
class SaveAllChunksTest {

  private static List<Snapshot> batch(int... payloadSizes) {
    List<Snapshot> batch = new ArrayList<>();
    for (int i = 0; i < payloadSizes.length; i++) {
      batch.add(Snapshot.builder("Order", "o-" + i, 1, new byte[payloadSizes[i]]).build());
    }
    return batch;
  }

  private static List<List<Integer>> sizes(List<List<Snapshot>> chunks) {
    return chunks.stream().map(chunk -> chunk.stream().map(Snapshot::payloadSize).toList()).toList();
  }

  @Test
  void aChunkEndsBeforeTheSnapshotThatWouldTakeItOverTheByteBound() {
    List<List<Snapshot>> chunks = PostgresSnapshotStore.chunks(batch(400, 400, 200, 1, 500, 500), 100, 1_000);
    assertThat(sizes(chunks)).containsExactly(List.of(400, 400, 200), List.of(1, 500), List.of(500));
  }

  @Test
  void aSnapshotLargerThanTheByteBoundTravelsAlone() {
    List<List<Snapshot>> chunks = PostgresSnapshotStore.chunks(batch(10, 5_000, 10), 100, 1_000);
    assertThat(sizes(chunks)).containsExactly(List.of(10), List.of(5_000), List.of(10));
  }

  @Test
  void theCountBoundHoldsWhateverTheSizes() {
    List<List<Snapshot>> chunks = PostgresSnapshotStore.chunks(batch(0, 0, 0, 0, 0, 0, 0), 3, 1_000);
    assertThat(sizes(chunks)).extracting(List::size).containsExactly(3, 3, 1);
    List<Snapshot> all = batch(0, 0, 0, 0, 0, 0, 0);
    assertThat(PostgresSnapshotStore.chunks(all, 3, 1_000).stream().flatMap(List::stream).toList())
        .containsExactlyElementsOf(all);
  }
}
