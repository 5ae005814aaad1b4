package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;

/**
 * {@code deleteAll} in bounded batches: a type many batches large is deleted completely, and nothing of any other
 * type goes with it, however close the other types' keys sort (a prefix of the name, another case, the id order).
 * That the batches are separate transactions is checked in the server's statement log (PostgresTransactionTest).
 */
class PostgresPurgeTest {

  private static HikariDataSource pool;
  private static PostgresSnapshotStore store;

  @BeforeAll
  static void start() {
    TestPostgres server = TestPostgres.shared();
    pool = server.pool();
    store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(server.newSchema(pool, "purge")).retention(Retention.unlimited()).purgeBatchRows(7).build());
  }

  @AfterAll
  static void stop() {
    store.close();
    pool.close();
  }

  @Test
  void aPurgeOfManyBatchesDeletesTheWholeTypeAndNothingElse() {
    List<String> ids = List.of("a", "a'", "b%", "z", "Ω", "注文", "order-1", "order-10", "order-2", "x".repeat(400));
    List<String> neighbours = List.of("Purged2", "purged", "Purge", "Purged ", "Purgee");
    List<Snapshot> batch = new ArrayList<>();
    for (String id : ids) {
      for (long version = 1; version <= 9; version++) {
        batch.add(Snapshot.builder("Purged", id, version, new byte[] {(byte) version}).build());
      }
      for (String neighbour : neighbours) {
        batch.add(Snapshot.builder(neighbour, id, 1, new byte[] {2}).build());
      }
    }
    store.saveAll(batch);
    assertThat(store.stats("Purged").snapshots()).as("13 batches of 7 rows").isEqualTo(90);

    store.deleteAll("Purged");

    assertThat(store.stats("Purged")).isEqualTo(SnapshotStats.EMPTY);
    for (String id : ids) {
      assertThat(store.loadLatest("Purged", id)).isEmpty();
    }
    for (String neighbour : neighbours) {
      assertThat(store.stats(neighbour).snapshots()).as(neighbour).isEqualTo(ids.size());
    }
  }

  @Test
  void aPurgeOfExactlyOneBatchAndOfNothingEnd() {
    for (long version = 1; version <= 7; version++) {
      store.save(Snapshot.builder("Exact", "one", version, new byte[] {1}).build());
    }
    store.deleteAll("Exact");
    assertThat(store.stats("Exact")).isEqualTo(SnapshotStats.EMPTY);
    store.deleteAll("Never-saved");
    assertThat(store.stats("Never-saved")).isEqualTo(SnapshotStats.EMPTY);
  }
}
